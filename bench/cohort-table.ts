// The cohort-table path of `fulcrum course` (--visits/--relapses -> events CSV) over synthetic patients
// (src/synth), with its baseline measured in the same run: reading and parsing the same tables without
// scanning them or writing results. Patients per second, wall clock, best of `rounds` passes. For
// scale (issue 14): msprog ran about 220 patients/s on a machine like this one (quoted, not measured
// here; MSoutcomes' spmsDx, about 24 patients/s, computes objective SPMS, which this path does not).
// Run: npx tsx bench/cohort-table.ts [n=100000] [rounds=2]

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildDist } from './built.js';

buildDist();
const { cohort } = await import('../dist/cli/commands/course-cohort.js');
const { DEFAULT_SCAN_SETTINGS } = await import('../dist/course/index.js');
const { parseCourseSettings } = await import('../dist/course/settings-json.js');
const { parseDay } = await import('../dist/history/dates.js');
const { synthCohort } = await import('../dist/synth/index.js');

const n = Number(process.argv[2] ?? 100_000);
const rounds = Math.max(1, Number(process.argv[3] ?? 2));
const asOf = parseDay('2026-01-01')!;
const dir = mkdtempSync(path.join(os.tmpdir(), 'fulcrum-bench-cohort-'));
const visitsFile = path.join(dir, 'visits.csv');
const relapsesFile = path.join(dir, 'relapses.csv');

// The tables as a registry export holds them: one row per EDSS visit, one per relapse onset.
let visits = 'id,date,EDSS\n';
let relapses = 'id,date\n';
let rows = 0;
for (const h of synthCohort(n, 20260101, asOf)) {
  for (const e of h.edss ?? []) {
    visits += `${h.id},${e.date},${e.score}\n`;
    rows++;
  }
  for (const r of h.relapses ?? []) relapses += `${h.id},${r.onset}\n`;
}
writeFileSync(visitsFile, visits);
writeFileSync(relapsesFile, relapses);
visits = relapses = '';
const mb = statSync(visitsFile).size / 1e6;

const quiet = { out: () => {}, err: () => {}, today: () => asOf, stdoutIsTTY: false, stderrIsTTY: false };
async function time(label: string, run: () => Promise<{ subjects: number; cdw: number }>) {
  let best = { label, ms: Infinity, subjects: 0, cdw: 0 };
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    const r = await run();
    const ms = performance.now() - t;
    if (ms < best.ms) best = { label, ms, subjects: r.subjects, cdw: r.cdw };
  }
  return best;
}
const base = { visitsFile, relapsesFile, out: path.join(dir, 'events.csv'), counts: path.join(dir, 'counts.csv'), given: {}, io: quiet };
const results = [
  await time('parse only (baseline)', () => cohort({ ...base, settings: DEFAULT_SCAN_SETTINGS, scan: false })),
  await time('course, default settings', () => cohort({ ...base, settings: DEFAULT_SCAN_SETTINGS })),
  await time('course, multiple roving, 84 or 168 days', () =>
    cohort({ ...base, settings: parseCourseSettings({ event: 'multiple', baseline: 'roving', conf_days: [84, 168], conf_tol_days: [7, 'Inf'] }) }),
  ),
];
rmSync(dir, { recursive: true, force: true });

console.log(
  `${n.toLocaleString('en')} synthetic patients, ${rows.toLocaleString('en')} visit rows (${mb.toFixed(1)} MB); Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}`,
);
const baseline = results[0]!;
for (const r of results) {
  const rate = r.subjects / (r.ms / 1000);
  const ratio = r === baseline ? '' : `  ${(r.ms / baseline.ms).toFixed(2)}x parse-only time`;
  console.log(`${r.label.padEnd(42)} ${(r.ms / 1000).toFixed(2)} s  ${Math.round(rate).toLocaleString('en').padStart(9)} patients/s${ratio}  (${r.cdw} CDW)`);
}
const full = results[1]!;
const rate = full.subjects / (full.ms / 1000);
// The cohort path computes msprog's CDW/PIRA/RAW; spmsDx (objective SPMS) is not part of it, so only
// msprog's quoted rate compares.
console.log(`against msprog's quoted 220 patients/s: ${Math.round(rate / 220).toLocaleString('en')}x`);
