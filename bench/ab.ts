// A/B timing of this build against another build of Fulcrum over the same cohort, so that a change can
// show what it costs. Each measuring process loads both builds and times their course, full
// assessment (built, and serialized as the CLI and the API send it) and screening decision
// (decideCodes) in alternating passes, best CPU time of each. The build loaded second measured a few
// per cent slower or faster than the same code loaded first (the JIT's state differs), so processes
// alternate which build they load first, and the figure is the geometric mean of the two orders'
// median ratios.
//   git worktree add --detach /tmp/fulcrum-old <commit> && ln -s "$PWD/node_modules" /tmp/fulcrum-old/
//   (cd /tmp/fulcrum-old && npx tsc -p tsconfig.build.json)
//   npx tsx bench/ab.ts /tmp/fulcrum-old/dist [n=3000] [rounds=6] [--processes 6] [--same-rules]
// With --same-rules this build evaluates only the rules and checks (by their stable codes and ids) that
// the other build's knowledge files hold, so that a figure compares the engines on the same rule set
// and not the rules added since (the other build's knowledge/ sits beside its dist/).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { History } from '../src/history/schema.js';
import { buildDist, numberOption, ROOT, wholeNumber } from './built.js';

const TASKS = ['computeCourse', 'assess', 'assess+JSON', 'decideCodes'] as const;
type Task = (typeof TASKS)[number];
/** One measuring process's best CPU ms of each task for each build. */
type Timings = Record<Task, { before: number; after: number }>;

const argv = process.argv.slice(2);
// Options that take a value; every other argument starting with -- is a flag.
const valued = new Set(['--processes', '--first']);
const positional = argv.filter((a, i) => !a.startsWith('--') && !valued.has(argv[i - 1] ?? ''));
// Through `npm run bench`, which passes no arguments: FULCRUM_AB_OTHER names the other build's dist/
// (then the first argument, if any, is already n).
if (positional.length === 0 || /^\d+$/.test(positional[0]!)) positional.unshift(process.env.FULCRUM_AB_OTHER ?? '');
const otherDist = positional[0] ? resolve(positional[0]) : undefined;
if (!otherDist) {
  // `npm run bench` runs every bench without arguments: this one needs a second build to compare with.
  console.log('bench/ab.ts compares this build with another: npx tsx bench/ab.ts OTHER_DIST_DIR [n] [rounds] [--processes N] [--same-rules]');
  console.log('or FULCRUM_AB_OTHER=OTHER_DIST_DIR npm run bench -- ab');
  console.log('(no other build given: nothing measured; docs/benchmarks.md says how to make one)');
  process.exit(0);
}
const n = wholeNumber(positional[1], 3000, 1, 'bench/ab.ts: n (histories)');
const rounds = wholeNumber(positional[2], 6, 1, 'bench/ab.ts: rounds');
const sameRules = argv.includes('--same-rules');

if (argv.includes('--child')) await child(argv[argv.indexOf('--first') + 1] === 'other' ? 'other' : 'this');
else parent();

function parent(): void {
  buildDist();
  const processes = numberOption('processes', 6, 2);
  if (processes % 2) throw new Error('bench/ab.ts: --processes must be even (half load this build first, half the other)');
  const runs: { first: 'this' | 'other'; t: Timings }[] = [];
  let header = '';
  for (let p = 0; p < processes; p++) {
    const first = p % 2 ? 'other' : 'this';
    const args = ['--import', 'tsx', fileURLToPath(import.meta.url), otherDist!, String(n), String(rounds), '--child', '--first', first];
    if (sameRules) args.push('--same-rules');
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: process.env });
    if (r.status !== 0) throw new Error(`a measuring process failed:\n${r.stderr}`);
    const lines = r.stdout.trim().split('\n');
    header = lines[0]!;
    runs.push({ first, t: JSON.parse(lines[lines.length - 1]!) as Timings });
  }
  console.log(header);
  console.log(`${processes} processes, half loading this build first; ratio = this build / the other (CPU time, best pass each)`);
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  for (const task of TASKS) {
    const ratios = (first: 'this' | 'other') => runs.filter((r) => r.first === first).map((r) => r.t[task].after / r.t[task].before);
    const thisFirst = median(ratios('this'));
    const otherFirst = median(ratios('other'));
    const all = runs.map((r) => (r.t[task].after / r.t[task].before).toFixed(3)).join(' ');
    console.log(
      `${task.padEnd(14)} ${Math.sqrt(thisFirst * otherFirst).toFixed(3)}  (this build first: median ${thisFirst.toFixed(3)}; other first: ${otherFirst.toFixed(3)}; each process: ${all})`,
    );
  }
}

async function child(first: 'this' | 'other'): Promise<void> {
  const load = async (dist: string) => {
    const url = (p: string) => pathToFileURL(resolve(dist, p)).href;
    const a = await import(url('assess/index.js'));
    const c = await import(url('course/index.js'));
    return { assess: a.assess, decideCodes: a.decideCodes, computeCourse: c.computeCourse };
  };
  type Build = Awaited<ReturnType<typeof load>>;
  const thisDist = resolve(ROOT, 'dist');
  const loaded: Partial<Record<'before' | 'after', Build>> = {};
  if (first === 'this') loaded.after = await load(thisDist);
  loaded.before = await load(otherDist!);
  if (first === 'other') loaded.after = await load(thisDist);
  const builds = loaded as Record<'before' | 'after', Build>;
  const drugs = ['alemtuzumab', 'mitoxantrone'] as const;
  if (sameRules) {
    // Before the first assessment, which builds each drug's plan from these lists once.
    const { KNOWLEDGE } = await import('../dist/assess/loaded-knowledge.js');
    for (const drug of drugs) {
      const old = JSON.parse(readFileSync(resolve(otherDist!, '..', 'knowledge', 'rules', `${drug}.json`), 'utf8')) as {
        rules: { code: string }[];
        checks?: { id: string }[];
      };
      const codes = new Set(old.rules.map((r) => r.code));
      const ids = new Set((old.checks ?? []).map((c) => c.id));
      const file = KNOWLEDGE.rules[drug] as { rules: { code: string }[]; checks: { id: string }[] };
      file.rules = file.rules.filter((r) => codes.has(r.code));
      file.checks = file.checks.filter((c) => ids.has(c.id));
    }
  }
  const { parseDay } = await import('../dist/history/dates.js');
  const { synthCohort } = await import('../dist/synth/index.js');
  const asOf = parseDay('2026-11-01')!;
  const cohort: History[] = [...synthCohort(n, 20261101, asOf)];
  const texts = cohort.map((h) => JSON.stringify(h));

  const tasks: Record<Task, (b: Build) => number> = {
    computeCourse: (b) => cohort.reduce((s, h) => s + b.computeCourse(h, asOf).progression.events.length, 0),
    assess: (b) => drugs.reduce((s, drug) => s + cohort.reduce((t, h) => t + b.assess(h, { drug, asOf }).reasons.length, 0), 0),
    'assess+JSON': (b) => drugs.reduce((s, drug) => s + cohort.reduce((t, h) => t + JSON.stringify(b.assess(h, { drug, asOf })).length, 0), 0),
    decideCodes: (b) => drugs.reduce((s, drug) => s + cohort.reduce((t, h) => t + b.decideCodes(h, { drug, asOf }).reasons.length, 0), 0),
  };
  const cpuMs = (run: () => number): number => {
    const c = process.cpuUsage();
    run();
    const u = process.cpuUsage(c);
    return (u.user + u.system) / 1000;
  };
  const parse = () => texts.reduce((s, t) => s + (JSON.parse(t) as History).id.length, 0);

  // Warm-up of both builds.
  for (const b of Object.values(builds)) for (const t of Object.values(tasks)) t(b);
  const best = Object.fromEntries(TASKS.map((t) => [t, { before: Infinity, after: Infinity }])) as Timings;
  let parseBest = Infinity;
  for (let r = 0; r < rounds; r++) {
    parseBest = Math.min(parseBest, cpuMs(parse));
    for (const task of TASKS) {
      // Alternate the order each round, so neither build always runs on a warmer heap.
      const order = r % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const);
      for (const which of order)
        best[task][which] = Math.min(
          best[task][which],
          cpuMs(() => tasks[task](builds[which])),
        );
    }
  }
  console.log(
    `${n} synthetic histories, best of ${rounds} passes per process; JSON.parse of them: ${parseBest.toFixed(1)} ms${sameRules ? "; this build on the other build's rules and checks" : ''}`,
  );
  console.log(JSON.stringify(best));
}
