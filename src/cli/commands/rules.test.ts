import { describe, expect, it } from 'vitest';
import { parseDay } from '../../history/dates.js';
import type { CliIo } from '../io.js';
import { runCommand } from '../main.js';
import { command } from './rules.js';
import { captureIo } from '../capture-io.js';

const io = () => captureIo(parseDay('2026-11-01')!);
const run = (argv: string[], cli: CliIo) => runCommand('rules', command, argv, cli);

describe('fulcrum rules', () => {
  it('prints the Markdown rulebook of one drug under one label', async () => {
    const t = io();
    expect(await run(['--drug', 'mitoxantrone', '--label', 'us'], t.cli)).toBe(0);
    expect(t.out()).toMatch(/^# Fulcrum rulebook/);
    expect(t.out()).toContain('## Mitoxantrone');
    expect(t.out()).not.toContain('## Alemtuzumab');
    expect(t.out()).toContain('- Effect: US: contraindication');
    expect(t.out()).not.toContain('mitoxantrone.prior-treatment');
  });

  it('prints JSON with --format json', async () => {
    const t = io();
    expect(await run(['--format', 'json', '--drug', 'alemtuzumab'], t.cli)).toBe(0);
    const book = JSON.parse(t.out()) as { drugs: { drug: string; rules: { code: string }[] }[] };
    expect(book.drugs.map((d) => d.drug)).toEqual(['alemtuzumab']);
    expect(book.drugs[0]!.rules.some((r) => r.code === 'alemtuzumab.progressive-course')).toBe(true);
  });

  it('refuses an unknown drug or format as a usage error', async () => {
    const t = io();
    expect(await run(['--drug', 'aspirin'], t.cli)).toBe(64);
    expect(await run(['--format', 'pdf'], t.cli)).toBe(64);
  });
});
