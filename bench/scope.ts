// Screening patients outside MS against MS patients of the same size (issue 20). Run:
// npx tsx bench/scope.ts [--patients 2000]
// Two cohorts of FHIR Bundles, record for record the same: each MS record is a synthetic history
// written as FHIR; its twin has every MS Condition recoded as SNOMED 126906006 "Neoplasm of prostate"
// (as in a Synthea record), so the two files differ only in the diagnosis and are the same size.
// Both are screened in this one thread (as `fulcrum screen --workers 0`), best of two runs each; the
// baseline is reading the file and JSON.parse of every line, in the same run (with the async line
// reader of src/screen/lines.ts, slower than the range reader screening uses: a not-MS cohort can
// screen faster than this baseline reads). The figure that matters is the last: not MS against MS.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDist, numberOption } from './built.js';

buildDist();
const { historyToBundle } = await import('../dist/fhir/index.js');
const { sourceMsScope, scopeOfConcept } = await import('../dist/fhir/source-scope.js');
const { parseDay } = await import('../dist/history/dates.js');
const { readLines } = await import('../dist/screen/lines.js');
const { screen } = await import('../dist/screen/index.js');
const { synthHistory } = await import('../dist/synth/index.js');

const asOf = parseDay('2026-11-01')!;
const n = numberOption('patients', 2000);
const quiet = { err: () => {}, stderrIsTTY: false, now: () => performance.now() };
const NOT_MS = { coding: [{ system: 'http://snomed.info/sct', code: '126906006', display: 'Neoplasm of prostate' }] };

type Json = Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'fulcrum-bench-scope-'));
const msFile = join(dir, 'ms.ndjson');
const otherFile = join(dir, 'not-ms.ndjson');
let ms = '';
let other = '';
for (let k = 0; k < n; k++) {
  const bundle = historyToBundle(synthHistory(20261101, k, asOf)) as { entry: { resource: Json }[] };
  ms += JSON.stringify(bundle) + '\n';
  for (const e of bundle.entry) if (e.resource.resourceType === 'Condition' && scopeOfConcept(e.resource.code)) e.resource.code = NOT_MS;
  if (sourceMsScope(bundle) !== undefined) throw new Error('the non-MS twin still holds an MS Condition');
  other += JSON.stringify(bundle) + '\n';
}
writeFileSync(msFile, ms);
writeFileSync(otherFile, other);

async function rate(_file: string, f: () => Promise<number>): Promise<number> {
  let best = 0;
  for (let run = 0; run < 2; run++) {
    const t0 = performance.now();
    const count = await f();
    best = Math.max(best, count / ((performance.now() - t0) / 1000));
  }
  return best;
}
const parseOnly = (file: string) =>
  rate(file, async () => {
    let count = 0;
    for await (const line of readLines(file))
      if (line.trim()) {
        JSON.parse(line);
        count++;
      }
    return count;
  });
const screened = (file: string) =>
  rate(file, async () => {
    const s = await screen({ input: file, drug: 'alemtuzumab', asOf, label: 'eu', candidates: false, format: 'csv', workers: 0, write: () => {}, sink: quiet });
    return s.patients;
  });

const size = (f: string) => (statSync(f).size / n / 1024).toFixed(1);
const msParse = await parseOnly(msFile);
const otherParse = await parseOnly(otherFile);
const msRate = await screened(msFile);
const otherRate = await screened(otherFile);
console.log(`${n} FHIR Bundles per cohort; mean size MS ${size(msFile)} KiB, not MS ${size(otherFile)} KiB`);
console.log(`baseline (read + JSON.parse): MS ${msParse.toFixed(0)}/s, not MS ${otherParse.toFixed(0)}/s`);
console.log(`screen, MS records:     ${msRate.toFixed(0)} patients/s (${((msRate / msParse) * 100).toFixed(0)}% of the baseline)`);
console.log(`screen, not-MS records: ${otherRate.toFixed(0)} patients/s (${((otherRate / otherParse) * 100).toFixed(0)}% of the baseline)`);
console.log(`not MS / MS: ${(otherRate / msRate).toFixed(1)}x faster`);
rmSync(dir, { recursive: true, force: true });
