// A/B timing of this build against another build of Fulcrum, in one process over the same cohort, so
// that a refactoring can show it costs nothing. Both builds' course, full assessment and screening
// decision (decideCodes) are timed in alternating passes, each beside JSON.parse of the same histories.
//   git worktree add /tmp/fulcrum-old <commit> && (cd /tmp/fulcrum-old && npm ci && npx tsc -p tsconfig.build.json)
//   npx tsx bench/ab.ts /tmp/fulcrum-old/dist [n=5000] [rounds=5] [--same-rules]
// With --same-rules this build evaluates only the rules and checks (by their stable codes and ids) that
// the other build's knowledge files hold, so that a figure compares the engines on the same rule set
// and not the rules added since (the other build's knowledge/ sits beside its dist/).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { History } from '../src/history/schema.js';
import { buildDist, ROOT } from './built.js';

buildDist();
const args = process.argv.slice(2).filter((a) => a !== '--same-rules');
const sameRules = process.argv.includes('--same-rules');
const otherDist = args[0];
if (!otherDist) throw new Error('usage: npx tsx bench/ab.ts OTHER_DIST_DIR [n] [rounds] [--same-rules]');
const n = Number(args[1] ?? 5000);
const rounds = Math.max(1, Number(args[2] ?? 5));

async function load(dist: string) {
  const url = (p: string) => pathToFileURL(resolve(dist, p)).href;
  const a = await import(url('assess/index.js'));
  const c = await import(url('course/index.js'));
  return { assess: a.assess, decideCodes: a.decideCodes, computeCourse: c.computeCourse };
}
const builds = { before: await load(otherDist), after: await load(resolve(ROOT, 'dist')) };
const drugs = ['alemtuzumab', 'mitoxantrone'] as const;
if (sameRules) {
  // Before the first assessment, which builds each drug's plan from these lists once.
  const { KNOWLEDGE } = await import('../dist/assess/loaded-knowledge.js');
  for (const drug of drugs) {
    const old = JSON.parse(readFileSync(resolve(otherDist, '..', 'knowledge', 'rules', `${drug}.json`), 'utf8')) as {
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

type Build = (typeof builds)['after'];
const tasks: Record<string, (b: Build) => number> = {
  computeCourse: (b) => cohort.reduce((s, h) => s + b.computeCourse(h, asOf).progression.events.length, 0),
  assess: (b) => drugs.reduce((s, drug) => s + cohort.reduce((t, h) => t + b.assess(h, { drug, asOf }).reasons.length, 0), 0),
  decideCodes: (b) => drugs.reduce((s, drug) => s + cohort.reduce((t, h) => t + b.decideCodes(h, { drug, asOf }).reasons.length, 0), 0),
};

function cpuMs(run: () => number): number {
  const c = process.cpuUsage();
  run();
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1000;
}
const parse = () => texts.reduce((s, t) => s + (JSON.parse(t) as History).id.length, 0);

// Warm-up of both builds.
for (const b of Object.values(builds)) for (const t of Object.values(tasks)) t(b);
const best: Record<string, number> = {};
let parseBest = Infinity;
for (let r = 0; r < rounds; r++) {
  parseBest = Math.min(parseBest, cpuMs(parse));
  for (const [task, run] of Object.entries(tasks)) {
    // Alternate the order each round, so neither build always runs on a warmer heap.
    const order = r % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const);
    for (const which of order) {
      const key = `${task} ${which}`;
      best[key] = Math.min(
        best[key] ?? Infinity,
        cpuMs(() => run(builds[which])),
      );
    }
  }
}
console.log(
  `${n} synthetic histories, best of ${rounds} passes (CPU ms); JSON.parse of them: ${parseBest.toFixed(1)} ms${sameRules ? "; this build on the other build's rules and checks" : ''}`,
);
for (const task of Object.keys(tasks)) {
  const b = best[`${task} before`]!;
  const a = best[`${task} after`]!;
  console.log(
    `${task.padEnd(14)} before ${b.toFixed(1).padStart(8)} ms (${(b / parseBest).toFixed(2)}x parse)  after ${a.toFixed(1).padStart(8)} ms (${(a / parseBest).toFixed(2)}x parse)  after/before ${(a / b).toFixed(3)}`,
  );
}
