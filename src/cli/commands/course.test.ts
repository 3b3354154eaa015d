import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../../history/dates.js';
import type { CliIo } from '../io.js';
import { runCommand } from '../main.js';
import { command } from './course.js';
import { captureIo } from '../capture-io.js';

// As the dispatcher (main.ts) runs it.
const main = (argv: string[], cli: CliIo): Promise<number> => runCommand(argv[0]!, command, argv.slice(1), cli);

const io = () => captureIo(parseDay('2024-06-15')!);

const dir = mkdtempSync(path.join(tmpdir(), 'fulcrum-course-'));
function file(name: string, json: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, JSON.stringify(json));
  return p;
}

const patient = {
  formatVersion: 1,
  id: 'cli-1',
  birthDate: '1985',
  msOnset: '2012-04',
  course: { phenotype: 'RRMS' },
  edss: [
    { date: '2020-01-01', score: 2 },
    { date: '2020-07-01', score: 3 },
    { date: '2021-01-01', score: 3 },
    { date: '2021-07-01', score: 4 },
    { date: '2022-01-01', score: 4 },
  ],
  relapses: [],
  mri: [{ date: '2024-01-10', region: 'brain', gadoliniumEnhancingLesions: 1, newOrEnlargingT2Lesions: 0 }],
};

describe('fulcrum course', () => {
  it('prints a readable report of the course', async () => {
    const t = io();
    expect(await main(['course', file('p.json', patient), '--as-of', '2024-06-15'], t.cli)).toBe(0);
    expect(t.out()).toMatch(/^Disease course as of 2024-06-15/);
    expect(t.out()).toMatch(/Since onset: 12 years \(onset between 2012-04-01 and 2012-04-30\)/);
    expect(t.out()).toMatch(/Active in the last 12 months: yes/);
    expect(t.out()).toMatch(/PIRA: 2\.0 \(2020-01-01\) -> 3\.0 \(2020-07-01\)/);
  });

  it('--json prints the course result; --baseline roving and --event multiple reach the engine', async () => {
    const t = io();
    expect(await main(['course', file('p.json', patient), '--as-of', '2024-06-15', '--json', '--baseline', 'roving', '--event', 'multiple'], t.cli)).toBe(0);
    const r = JSON.parse(t.out());
    expect(r.asOf).toBe('2024-06-15');
    expect(r.progression.options).toMatchObject({ baseline: 'roving', confDays: 84, event: 'multiple' });
    expect(r.progression.events.map((e: { eventDate: string }) => e.eventDate)).toEqual(['2020-07-01', '2021-07-01']);
  });

  it('--confirmation-months 6 asks for confirmation 24 weeks on', async () => {
    const t = io();
    await main(['course', file('p.json', patient), '--as-of', '2024-06-15', '--json', '--confirmation-months', '6'], t.cli);
    expect(JSON.parse(t.out()).progression.options.confDays).toBe(168);
  });

  it('an invalid history exits 2 and names each problem by path', async () => {
    const t = io();
    const bad = { ...patient, edss: [{ date: '2020-01-01', score: 3.25 }], extra: true };
    expect(await main(['course', file('bad.json', bad), '--as-of', '2024-06-15'], t.cli)).toBe(2);
    expect(t.err()).toMatch(/\$\.edss\[0\]\.score/);
    expect(t.err()).toMatch(/\$\.extra/);
    expect(t.out()).toBe('');
  });

  it('an unknown option value is a usage error (exit 64)', async () => {
    const t = io();
    expect(await main(['course', file('p.json', patient), '--confirmation-months', '4'], t.cli)).toBe(64);
    expect(t.err()).toMatch(/--confirmation-months must be one of 3, 6/);
  });
});
