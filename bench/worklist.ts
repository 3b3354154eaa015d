// Worklist for a clinic of 10,000 alemtuzumab-treated patients with 4 years of monthly results each.
// Prints the time to compute every patient's plan, statuses and alerts, the tests missed within the
// clinic's lookback (6 months by default) and the escalations they raise, and rank the worklist, beside a
// baseline measured in the same run: one pass that only reads every result's date and value.
// Run: npx tsx bench/worklist.ts [patients]
import { loadavg } from 'node:os';
import type { History, Lab } from '../src/history/schema.js';
import type { MonitoringResult } from '../src/monitor/index.js';
import { buildDist } from './built.js';

buildDist();
const { addMonths, formatDay, parseDay } = await import('../dist/history/dates.js');
const { alemtuzumabHistory, normalPanel } = await import('../dist/monitor/fixtures.js');
const { clinicWorklist } = await import('../dist/monitor/index.js');

const N = Number(process.argv[2] ?? 10_000);
const asOf = parseDay('2026-11-20')!;

// A small deterministic generator, so every run measures the same clinic.
let seed = 42;
const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;

function patient(i: number): History {
  // First course between 2022-06 and 2022-12, second 12 months later: 4 years of results to asOf.
  const start = addMonths(parseDay('2022-06-01')!, 0) + Math.floor(rand() * 180);
  const h = alemtuzumabHistory([formatDay(start), formatDay(addMonths(start, 12))], {
    id: `p${String(i).padStart(5, '0')}`,
    sex: rand() < 0.7 ? 'female' : 'male',
  });
  const labs: Lab[] = normalPanel(formatDay(start - 20));
  const end = h.therapies![0]!.doses![4]!.date;
  for (let k = 1; ; k++) {
    const due = addMonths(parseDay(end)!, k) + Math.floor(rand() * 9) - 4;
    if (due > asOf) break;
    if (rand() < 0.03) continue; // a missed month now and then
    const panel = normalPanel(formatDay(due), k % 3 === 0);
    const r = rand();
    if (r < 0.004) panel.find((l) => l.test === 'platelets')!.value = 20 + Math.floor(rand() * 100);
    else if (r < 0.01) panel.find((l) => l.test === 'tsh')?.value !== undefined && (panel.find((l) => l.test === 'tsh')!.value = 6.5);
    labs.push(...panel);
  }
  h.labs = labs;
  // Yearly skin and cervical examinations are recorded as monitoring results, not labs.
  const exams: MonitoringResult[] = [];
  const lastInfusion = parseDay(h.therapies![0]!.doses![7]!.date)!;
  for (let y = 1; y <= 4; y++) {
    const d = addMonths(lastInfusion, 12 * y) - 10;
    if (d <= asOf) exams.push({ day: d, test: 'skin-examination', value: 'negative' }, { day: d, test: 'cervical-screening', value: 'negative' });
  }
  examsOf.set(h.id, exams);
  return h;
}
const examsOf = new Map<string, MonitoringResult[]>();

const t0 = performance.now();
const clinic = Array.from({ length: N }, (_, i) => patient(i));
const generated = performance.now() - t0;
const totalResults = clinic.reduce((n, h) => n + h.labs!.length, 0);

function baseline(): number {
  // Touches every result's date and value once, without parsing: the floor for any computation over all results.
  let acc = 0;
  for (const h of clinic) for (const l of h.labs!) acc += l.date.charCodeAt(9) + (typeof l.value === 'number' ? l.value : 1);
  return acc;
}

function worklistNow() {
  return clinicWorklist(clinic.map((history) => ({ history, asOf, results: examsOf.get(history.id)! })));
}
function compute(): number {
  return worklistNow().length;
}

/** Wall time, and this process's CPU time (user + system), which other load on the machine disturbs less. */
function time<T>(fn: () => T): [number, number, T] {
  const c = process.cpuUsage();
  const s = performance.now();
  const r = fn();
  const cpu = process.cpuUsage(c);
  return [performance.now() - s, (cpu.user + cpu.system) / 1000, r];
}

// One warm-up of each, then the median of 3 runs.
baseline();
compute();
const b: [number, number][] = [];
const w: [number, number][] = [];
let listed = 0;
for (let i = 0; i < 3; i++) {
  const [bw, bc] = time(baseline);
  b.push([bw, bc]);
  const [ww, wc, n] = time(compute);
  w.push([ww, wc]);
  listed = n;
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[1]!;
const [bWall, bCpu] = [median(b.map((x) => x[0])), median(b.map((x) => x[1]))];
const [wWall, wCpu] = [median(w.map((x) => x[0])), median(w.map((x) => x[1]))];
console.log(
  `patients ${N}, results ${totalResults} (${(totalResults / N).toFixed(0)} each), generated in ${generated.toFixed(0)} ms; load average ${loadavg()[0]!.toFixed(1)}`,
);
console.log(`baseline: touch every result's date and value  wall ${bWall.toFixed(0)} ms  cpu ${bCpu.toFixed(0)} ms`);
console.log(
  `worklist: plans, statuses, alerts, ranking      wall ${wWall.toFixed(0)} ms  cpu ${wCpu.toFixed(0)} ms  (${(wWall / bWall).toFixed(1)} x baseline wall; ${listed} patients listed)`,
);
const list = worklistNow();
const withMissed = list.filter((e) => e.missed.length > 0).length;
const escalated = list.filter((e) => e.escalations.length > 0).length;
console.log(
  `listed: ${list.length}; with recently missed tests ${withMissed}; raised by missed tests ${escalated}; urgencies ${JSON.stringify(Object.fromEntries(['emergency', 'urgent', 'soon', 'routine'].map((u) => [u, list.filter((e) => e.urgency === u).length])))}`,
);
console.log(`target < 1000 ms wall: ${wWall < 1000 ? 'met' : 'NOT met'}; < 1000 ms cpu: ${wCpu < 1000 ? 'met' : 'NOT met'}`);
