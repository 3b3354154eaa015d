// Wall time of one `fulcrum` command on one patient, as a user runs it (a new Node process each time),
// against `node -e 0` measured in the same run: the ratio is the figure that stays comparable across
// machines and loads. Target (issue 16): every one-patient command within 2.5 x `node -e 0`.
// Run: npx tsx bench/cli-startup.ts [rounds=15]
//
// The commands are run in rotation, one of each per round, so that a burst of load from the rest of
// the machine falls on all of them alike; each figure is the median of its rounds, and the best
// round is shown beside it (the run least disturbed by other processes).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, buildDist } from './built.js';

buildDist();
const rounds = Math.max(3, Number(process.argv[2] ?? 15));
const TARGET = 2.5;
const fulcrum = join(ROOT, 'bin', 'fulcrum.js');
const example = join(ROOT, 'examples', 'advanced-spms.json');
const asOf = ['--as-of', '2026-11-01'];
const tmp = mkdtempSync(join(tmpdir(), 'fulcrum-bench-cli-'));
const bundle = join(tmp, 'bundle.json');
const made = spawnSync(process.execPath, [fulcrum, 'convert', example, '--to', 'fhir', ...asOf], { encoding: 'utf8' });
if (made.status !== 0) throw new Error(`could not make the FHIR example: ${made.stderr}`);
writeFileSync(bundle, made.stdout);
const fsLine = join(tmp, 'fs.ndjson');
writeFileSync(
  fsLine,
  `${JSON.stringify({ functionalSystems: { visual: 1, brainstem: 1, pyramidal: 3, cerebellar: 2, sensory: 2, bowelBladder: 1, cerebral: 1, ambulation: 2 } })}\n`,
);

const COMMANDS: { label: string; args: string[]; baseline?: true }[] = [
  { label: 'node -e 0 (baseline)', args: ['-e', '0'], baseline: true },
  { label: 'fulcrum --version', args: [fulcrum, '--version'] },
  { label: 'fulcrum validate', args: [fulcrum, 'validate', example, ...asOf] },
  { label: 'fulcrum course', args: [fulcrum, 'course', example, ...asOf] },
  { label: 'fulcrum assess', args: [fulcrum, 'assess', example, '--drug', 'alemtuzumab', ...asOf] },
  { label: 'fulcrum assess --json', args: [fulcrum, 'assess', example, '--drug', 'mitoxantrone', '--json', ...asOf] },
  { label: 'fulcrum assess --explain patient', args: [fulcrum, 'assess', example, '--drug', 'alemtuzumab', '--explain', 'patient', ...asOf] },
  { label: 'fulcrum assess (FHIR Bundle)', args: [fulcrum, 'assess', bundle, '--drug', 'alemtuzumab', ...asOf] },
  { label: 'fulcrum convert --to fhir', args: [fulcrum, 'convert', example, '--to', 'fhir', ...asOf] },
  { label: 'fulcrum rules', args: [fulcrum, 'rules'] },
  { label: 'fulcrum edss (one line)', args: [fulcrum, 'edss', fsLine] },
  { label: 'fulcrum monitor plan', args: [fulcrum, 'monitor', 'plan', example, ...asOf] },
  { label: 'fulcrum monitor plan --json', args: [fulcrum, 'monitor', 'plan', example, '--json', ...asOf] },
];

const times = COMMANDS.map(() => [] as number[]);
// One unmeasured round: the file system cache, not the first command, pays for the first reads.
for (const c of COMMANDS) spawnSync(process.execPath, c.args, { stdio: 'ignore' });
for (let r = 0; r < rounds; r++) {
  COMMANDS.forEach((c, i) => {
    const t = performance.now();
    const run = spawnSync(process.execPath, c.args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    times[i]!.push(performance.now() - t);
    if (run.status !== 0) throw new Error(`${c.label} exited ${run.status}: ${run.stderr}`);
  });
}
rmSync(tmp, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const best = (xs: number[]) => Math.min(...xs);
const base = times[COMMANDS.findIndex((c) => c.baseline)]!;
const baseMedian = median(base);
const baseBest = best(base);

console.log(`${rounds} rounds, commands in rotation; Node ${process.version}; target: within ${TARGET} x node -e 0`);
console.log(`${'command'.padEnd(34)} ${'median ms'.padStart(10)} ${'ratio'.padStart(6)} ${'best ms'.padStart(8)} ${'ratio'.padStart(6)}`);
let over = 0;
COMMANDS.forEach((c, i) => {
  const m = median(times[i]!);
  const b = best(times[i]!);
  const ratio = m / baseMedian;
  if (!c.baseline && ratio > TARGET) over++;
  const mark = c.baseline ? '' : ratio <= TARGET ? '  ok' : '  OVER TARGET';
  console.log(
    `${c.label.padEnd(34)} ${m.toFixed(0).padStart(10)} ${ratio.toFixed(2).padStart(6)} ${b.toFixed(0).padStart(8)} ${(b / baseBest).toFixed(2).padStart(6)}${mark}`,
  );
});
console.log(over === 0 ? `every command within ${TARGET} x node -e 0 (median)` : `${over} command(s) over ${TARGET} x node -e 0 (median)`);
