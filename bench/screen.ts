// Screening throughput and memory. Run: npx tsx bench/screen.ts [--patients 20000] [--large 200000]
//   [--fhir-patients 3000] [--skip-large]
// Every figure is printed beside a baseline measured in the same run over the same file: reading
// the file and JSON.parse of every line, nothing else. Memory is the peak resident set size of a
// separate process screening a cohort, at two cohort sizes, to show that it stays flat.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDist, numberOption } from './built.js';

buildDist();
const { assess, decideCodes } = await import('../dist/assess/index.js');
const { historyToBundle } = await import('../dist/fhir/index.js');
const { validateHistory } = await import('../dist/history/validate.js');
const { parseDay } = await import('../dist/history/dates.js');
const { readLines } = await import('../dist/screen/lines.js');
const { screen } = await import('../dist/screen/index.js');
const { Pool } = await import('../dist/screen/pool.js');
const { synthHistory } = await import('../dist/synth/index.js');

const asOf = parseDay('2026-11-01')!;
const args = process.argv.slice(2);
const quiet = { err: () => {}, stderrIsTTY: false, now: () => performance.now() };

if (args[0] === '--child') {
  // Child: screen FILE with N workers, discard the rows, report peak RSS.
  const [, file, workers] = args;
  const t0 = performance.now();
  const summary = await screen({
    input: file!,
    drug: 'alemtuzumab',
    asOf,
    label: 'eu',
    candidates: false,
    format: 'csv',
    workers: Number(workers),
    write: () => {},
    sink: quiet,
  });
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ patients: summary.patients, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
  process.exit(0);
}

if (args[0] === '--in-process') {
  // Child: screening in the one thread of a fresh process (as `fulcrum screen --workers 0` runs), then,
  // for histories, where one patient's time goes. A process of its own: the bench's main thread has
  // generated the cohorts and read the Bundles, which leaves its JIT tuned to other objects.
  const [, file, breakdownToo] = args;
  await screenRate(file!, 0);
  const r = await best(() => screenRate(file!, 0));
  process.stdout.write(JSON.stringify(r) + '\n');
  if (breakdownToo === 'breakdown') await breakdown(file!);
  process.exit(0);
}

function generate(path: string, n: number, fhir: boolean): void {
  const fd = openSync(path, 'w');
  let buf = '';
  for (let i = 0; i < n; i++) {
    const h = synthHistory(20261101, i, asOf);
    buf += JSON.stringify(fhir ? historyToBundle(h) : h) + '\n';
    if (buf.length > 1 << 22) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
}

/** Patients per wall-clock second, and per CPU second of the whole process (all threads): the
 * second is what one patient costs, and holds on a machine shared with other work. */
interface Rate {
  wall: number;
  cpu: number;
}

async function measure(f: () => Promise<number>): Promise<Rate> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const n = await f();
  const c = process.cpuUsage(c0);
  return { wall: n / ((performance.now() - t0) / 1000), cpu: n / ((c.user + c.system) / 1e6) };
}

function parseOnly(file: string): Promise<Rate> {
  return measure(async () => {
    let n = 0;
    for await (const line of readLines(file)) {
      if (line.length === 0) continue;
      JSON.parse(line);
      n++;
    }
    return n;
  });
}

/** The better of two runs: the figure least disturbed by whatever else the machine does. */
async function best(run: () => Promise<Rate>): Promise<Rate> {
  const a = await run();
  const b = await run();
  return a.wall >= b.wall ? a : b;
}

function inProcess(file: string, breakdownToo: boolean): Rate {
  const here = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', here, '--in-process', file, breakdownToo ? 'breakdown' : ''], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(r.stderr);
  const [first, ...rest] = r.stdout.trimEnd().split('\n');
  inProcessReport = rest.join('\n');
  return JSON.parse(first!) as Rate;
}
let inProcessReport = '';

function screenRate(file: string, workers: number, pool?: Pool): Promise<Rate> {
  return measure(
    async () =>
      (
        await screen({
          input: file,
          drug: 'alemtuzumab',
          asOf,
          label: 'eu',
          candidates: false,
          format: 'csv',
          workers,
          ...(pool ? { pool } : {}),
          write: () => {},
          sink: quiet,
        })
      ).patients,
  );
}

async function breakdown(file: string): Promise<void> {
  // Where one patient's time goes (one thread, histories): each step added to the previous ones.
  const sample: string[] = [];
  for await (const line of readLines(file)) {
    sample.push(line);
    if (sample.length === 3000) break;
  }
  // The fastest of five passes: the figure least disturbed by whatever else the machine does.
  const perPatient = (f: (line: string) => void) => {
    let best = Infinity;
    for (let pass = 0; pass < 5; pass++) {
      const t0 = performance.now();
      for (const l of sample) f(l);
      best = Math.min(best, ((performance.now() - t0) * 1000) / sample.length);
    }
    return best;
  };
  const valid = (l: string) => {
    const v = validateHistory(JSON.parse(l), { asOf });
    if (!v.ok) throw new Error('invalid synthetic history');
    return v.history;
  };
  console.log(`  where the time goes (in-process, ${sample.length} histories, µs per patient, each step added to the previous ones):`);
  console.log(
    `  JSON.parse                                   ${perPatient((l) => JSON.parse(l))
      .toFixed(1)
      .padStart(6)}`,
  );
  console.log(`  + validateHistory                            ${perPatient(valid).toFixed(1).padStart(6)}`);
  console.log(
    `  + decideCodes (what a screening row needs)   ${perPatient((l) => decideCodes(valid(l), { drug: 'alemtuzumab', asOf }))
      .toFixed(1)
      .padStart(6)}`,
  );
  console.log(
    `  full assess instead (texts, course, weights) ${perPatient((l) => assess(valid(l), { drug: 'alemtuzumab', asOf }))
      .toFixed(1)
      .padStart(6)}`,
  );
}

const fmt = (x: number) => x.toFixed(0).padStart(8);
const dir = mkdtempSync(join(tmpdir(), 'fulcrum-bench-'));
try {
  console.log(`fulcrum screen bench — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${new Date().toISOString()}`);
  const n = numberOption('patients', 20000);
  for (const [label, count, fhir] of [
    ['patient histories (NDJSON)', n, false],
    ['FHIR Bundles (NDJSON)', numberOption('fhir-patients', 3000), true],
  ] as const) {
    const file = join(dir, fhir ? 'bundles.ndjson' : 'histories.ndjson');
    generate(file, count, fhir);
    const mb = statSync(file).size / 1e6;
    await parseOnly(file);
    const base = await best(() => parseOnly(file));
    console.log(`\n${label}: ${count} patients, ${mb.toFixed(1)} MB`);
    console.log(`  ${''.padEnd(40)} patients/s (wall)   patients per CPU-second`);
    console.log(`  ${'parse-only baseline (read + JSON.parse)'.padEnd(40)} ${fmt(base.wall)}            ${fmt(base.cpu)}`);
    const rates: Record<number, number> = {};
    for (const workers of [0, 1, 2]) {
      // Threads started and warmed on the same file first, as the in-process run was: the figures
      // compare steady states (start-up is measured on its own below).
      let r: Rate;
      if (workers === 0) r = inProcess(file, !fhir);
      else {
        const pool = new Pool(workers, { settings: { drug: 'alemtuzumab', asOf, label: 'eu', candidates: false }, shared: {} });
        await screen({ input: file, drug: 'alemtuzumab', asOf, label: 'eu', candidates: false, format: 'csv', workers, pool, write: () => {}, sink: quiet });
        r = await best(() => screenRate(file, workers, pool));
        await pool.close();
      }
      rates[workers] = r.wall;
      const name = workers === 0 ? 'screen in-process (no worker thread)' : `screen with ${workers} worker${workers > 1 ? 's' : ''}`;
      console.log(
        `  ${name.padEnd(40)} ${fmt(r.wall)} (${((r.wall / base.wall) * 100).toFixed(1).padStart(4)}%)    ${fmt(r.cpu)} (${((r.cpu / base.cpu) * 100).toFixed(1).padStart(4)}%)`,
      );
    }
    console.log(`  scaling 2 workers / 1 worker (wall): ${(rates[2]! / rates[1]!).toFixed(2)}x`);
    if (inProcessReport) console.log(inProcessReport);
    inProcessReport = '';
    // Each worker thread loads the modules and warms its own JIT; a fixed cost that a short run pays
    // in full (`fulcrum screen` starts its threads per run).
    const first = (await readLines(file).next()).value as string;
    const firstLine = { start: 0, length: Buffer.byteLength(first) + 1, firstLine: 1 };
    for (const workers of [1, 2]) {
      const t0 = performance.now();
      const pool = new Pool(workers, { settings: { drug: 'alemtuzumab', asOf, label: 'eu', candidates: false }, shared: {} });
      await Promise.all(Array.from({ length: workers }, (_, i) => pool.run({ kind: 'lines', seq: i, file, ...firstLine, format: 'csv' })));
      const startup = (performance.now() - t0) / 1000;
      await pool.close();
      console.log(
        `  ${workers} worker${workers > 1 ? 's' : ' '} start-up (threads up, modules loaded, first row): ${startup.toFixed(1)} s; the JIT then needs a few thousand patients per thread to reach the rates above`,
      );
    }
  }

  if (!args.includes('--skip-large')) {
    const large = numberOption('large', 200000);
    const here = fileURLToPath(import.meta.url);
    console.log(`\npeak memory (separate process, 2 workers, rows discarded):`);
    for (const size of [Math.round(large / 10), large]) {
      const file = join(dir, `large-${size}.ndjson`);
      generate(file, size, false);
      const r = spawnSync(process.execPath, ['--import', 'tsx', here, '--child', file, '2'], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (r.status !== 0) throw new Error(r.stderr);
      const j = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { patients: number; seconds: number; maxRssMB: number };
      console.log(
        `  ${String(j.patients).padStart(8)} patients (${(statSync(file).size / 1e6).toFixed(0)} MB): peak RSS ${j.maxRssMB.toFixed(0)} MB, ${(j.patients / j.seconds).toFixed(0)} patients/s`,
      );
      rmSync(file);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
