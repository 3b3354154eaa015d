import { describe, expect, it } from 'vitest';
import { ASSESSABLE_DRUGS } from '../../drugs/index.js';
import { parseDay } from '../../history/dates.js';
import { captureIo } from '../capture-io.js';
import type { CliIo } from '../io.js';
import { runCommand } from '../main.js';
import { command } from './compare.js';

const io = () => captureIo(parseDay('2026-11-01')!);
const run = (argv: string[], cli: CliIo) => runCommand('compare', command, argv, cli);
const file = new URL('../../../examples/early-active-rrms.json', import.meta.url).pathname;

describe('fulcrum compare', () => {
  it('--json gives the order, the rule and one full assessment per therapy', async () => {
    const t = io();
    expect(await run([file, '--as-of', '2026-11-01', '--json'], t.cli)).toBe(0);
    const c = JSON.parse(t.out()) as { order: string[]; orderingRule: string; assessments: { drug: string; verdict: string }[] };
    expect([...c.order].sort()).toEqual([...ASSESSABLE_DRUGS].sort());
    expect(c.assessments.map((a) => a.drug)).toEqual(c.order);
    expect(c.orderingRule).toMatch(/^Ordered by verdict/);
  });

  it('--drugs chooses the therapies; an unknown or repeated one is a usage error naming it', async () => {
    const t = io();
    expect(await run([file, '--as-of', '2026-11-01', '--drugs', 'mitoxantrone', '--json'], t.cli)).toBe(0);
    expect((JSON.parse(t.out()) as { order: string[] }).order).toEqual(['mitoxantrone']);
    const u = io();
    expect(await run([file, '--drugs', 'aspirin'], u.cli)).toBe(64);
    expect(u.err()).toContain('"aspirin"');
    const v = io();
    expect(await run([file, '--drugs', 'mitoxantrone,mitoxantrone'], v.cli)).toBe(64);
    expect(v.err()).toContain('twice');
  });

  it('prints the comparison for a clinician by default', async () => {
    const t = io();
    expect(await run([file, '--as-of', '2026-11-01'], t.cli)).toBe(0);
    expect(t.out()).toMatch(/^Therapies compared as of 2026-11-01 \(EU label/);
    expect(t.out()).toContain('1. ');
  });
});
