#!/usr/bin/env node
// Whether two builds give the same assessments, byte for byte apart from the ruleset version, over a
// synthetic cohort: every drug of the second build's registry under both labels, each assessment
// serialized as the CLI and the API send it. For a refactoring that must change no output (beside scripts/behaviour-snapshot.sh, which
// covers the examples, the text reports, the letters and the screening rows).
//   node scripts/compare-assessments.mjs /tmp/fulcrum-old/dist dist [n=1500]
// Exit status 1 when any assessment differs; the first few are named (patient, drug, label), never
// their contents.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [a, b, count] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node scripts/compare-assessments.mjs DIST_A DIST_B [n=1500]');
  process.exit(2);
}
const n = Number(count ?? 1500);
const load = (dist, path) => import(pathToFileURL(resolve(dist, path)).href);
const A = await load(a, 'assess/index.js');
const B = await load(b, 'assess/index.js');
const { ASSESSABLE_DRUGS } = await load(b, 'drugs/index.js');
const { parseDay } = await load(b, 'history/dates.js');
const { synthCohort } = await load(b, 'synth/index.js');
const asOf = parseDay('2026-11-01');
const cohort = [...synthCohort(n, 20261101, asOf)];

// The ruleset version names the knowledge, not the engine: a refactoring may bump it.
const shown = (assessment) => JSON.stringify({ ...assessment, rulesetVersion: '' });

let compared = 0;
let different = 0;
const hashA = createHash('sha256');
const hashB = createHash('sha256');
for (const drug of ASSESSABLE_DRUGS) {
  for (const label of ['eu', 'us']) {
    try {
      A.assess(cohort[0], { drug, asOf, label });
    } catch {
      console.log(`${drug} (${label}): skipped, the first build does not assess it`);
      continue;
    }
    for (const h of cohort) {
      const x = shown(A.assess(h, { drug, asOf, label }));
      const y = shown(B.assess(h, { drug, asOf, label }));
      compared++;
      hashA.update(x);
      hashB.update(y);
      if (x !== y && different++ < 5) console.log(`different: ${h.id} ${drug} ${label}`);
    }
  }
}
console.log(`${compared} assessments compared, ${different} different (sha256 ${hashA.digest('hex').slice(0, 16)} / ${hashB.digest('hex').slice(0, 16)})`);
process.exitCode = different > 0 ? 1 : 0;
