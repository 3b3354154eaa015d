// Objective SPMS for a history: its EDSS visits with functional systems and the days since the last
// relapse onset, through the spmsDx port (spms.ts), with the scores that met it or why it was not met.

import type { FunctionalSystems } from '../history/schema.js';
import { ambulationToMsoutcomes } from './edss-from-fs.js';
import { dateText, type Facts } from './facts.js';
import { fmt } from './progression-finding.js';
import { SPMS_DEFAULTS, settledWithoutScan, spmsDx, type SpmsOptions, type SpmsVisit } from './spms.js';
import type { DataPoint, ObjectiveSpms } from './types.js';

const FS_ORDER: (keyof FunctionalSystems)[] = ['pyramidal', 'cerebellar', 'brainstem', 'sensory', 'bowelBladder', 'visual', 'cerebral', 'ambulation'];
const NO_FS =
  'Cannot be judged: no functional-system scores are recorded with the EDSS (the pyramidal score and the leading system are part of the definition).';
const RULE =
  'Lorscheider 2016 (spmsDx defaults): EDSS progression of 1.0 (0.5 from 6.0) without relapse to EDSS >= 4.0 with pyramidal FS >= 2, confirmed over 3 months including the leading functional system, sustained to the last assessment';

export function objectiveSpms(f: Facts, options: SpmsOptions = SPMS_DEFAULTS): ObjectiveSpms {
  if (!f.edss || f.edss.length === 0) {
    return { status: 'unknown', basis: [], detail: 'Cannot be judged: no EDSS record.', missing: ['edss'] };
  }
  const edss = f.edss;
  let firstFs = -1;
  for (let i = 0; i < edss.length && firstFs < 0; i++) if (hasFs(edss[i]!.visit.functionalSystems)) firstFs = i;
  if (firstFs < 0) {
    return edss.length < 3
      ? {
          status: 'unknown',
          basis: [],
          detail: `Cannot be judged: ${edss.length} EDSS assessment${edss.length === 1 ? '' : 's'}; at least 3 are needed.`,
          missing: ['edss'],
        }
      : { status: 'unknown', basis: [], detail: NO_FS, missing: ['edss[].functionalSystems'] };
  }
  // Records that spmsDx settles before its scan need no visit list.
  let reaches = false;
  for (let i = firstFs; i < edss.length && !reaches; i++) if (edss[i]!.score >= SPMS_DEFAULTS.minEdss) reaches = true;
  let visits: SpmsVisit[] = [];
  let out = settledWithoutScan(edss.length, firstFs, reaches);
  if (!out) {
    const onsets = f.relapseDays;
    let j = 0;
    visits = new Array<SpmsVisit>(edss.length);
    for (let i = 0; i < edss.length; i++) {
      const e = edss[i]!;
      while (j < onsets.length && onsets[j]! <= e.day) j++;
      visits[i] = {
        day: e.day,
        edss: e.score,
        fs: fsArray(e.visit.functionalSystems),
        daysPostRelapse: j > 0 ? e.day - onsets[j - 1]! : undefined,
      };
    }
    out = spmsDx(visits, options);
  }
  if (!out.met) {
    if (out.reason === 'too-few-visits') {
      const usable = edss.length - firstFs;
      const detail =
        usable === edss.length
          ? `Cannot be judged: ${edss.length} EDSS assessment${edss.length === 1 ? '' : 's'}; at least 3 are needed.`
          : `Cannot be judged: ${usable} of ${edss.length} EDSS assessments are on or after the first with functional-system scores; at least 3 are needed.`;
      return { status: 'unknown', basis: [], detail, missing: usable === edss.length ? ['edss'] : ['edss[].functionalSystems'] };
    }
    if (out.reason === 'no-fs') {
      return { status: 'unknown', basis: [], detail: NO_FS, missing: ['edss[].functionalSystems'] };
    }
    let max = -Infinity;
    for (let i = 0; i < edss.length; i++) max = Math.max(max, edss[i]!.score);
    if (!f.texts) return { status: 'unmet', basis: [], detail: '' };
    const why = out.closest
      ? `the nearest candidate (${dateText(visits[out.closest.index]!.day)}) failed because ${out.closest.why}`
      : 'no sustained EDSS progression';
    return {
      status: 'unmet',
      basis: out.closest ? [point(f, visits, out.closest.index, 'candidate progression')] : [],
      detail: `Not met: ${why} (highest EDSS ${fmt(max)}).${f.relapses ? '' : ' The relapse history is not recorded.'} ${RULE}.`,
    };
  }
  const basis = f.texts
    ? [point(f, visits, out.baselineIndex, 'baseline'), point(f, visits, out.index, 'progression'), point(f, visits, out.confirmationIndex, 'confirmation')]
    : [];
  const date = dateText(visits[out.index]!.day);
  const score = visits[out.index]!.edss;
  const baselineDate = dateText(visits[out.baselineIndex]!.day);
  const baselineEdss = visits[out.baselineIndex]!.edss;
  // Written out in the result's key order: status, the common fields, then missing and detail.
  const result: ObjectiveSpms = {
    status: f.relapses ? 'met' : 'unknown',
    date,
    edss: score,
    basis,
    baselineDate,
    baselineEdss,
    leadingFunctionalSystems: out.leading,
  } as ObjectiveSpms;
  if (out.edssBefore !== undefined) result.edssBeforeDiagnosis = out.edssBefore;
  if (!f.relapses) {
    result.missing = ['relapses'];
    result.detail = !f.texts
      ? ''
      : `The EDSS record meets the criteria on ${date} (EDSS ${fmt(score)}), but the relapse history is not recorded, so "without relapse" cannot be checked.`;
    return result;
  }
  result.detail = !f.texts
    ? ''
    : `Met on ${date}: EDSS ${fmt(baselineEdss)} on ${baselineDate} to ${fmt(score)}, led by ${out.leading.join(', ')}, confirmed and sustained. ${RULE}.`;
  return result;
}

function point(f: Facts, visits: readonly SpmsVisit[], i: number, what: string): DataPoint {
  return { kind: 'edss', date: dateText(visits[i]!.day), summary: `${what}: EDSS ${fmt(visits[i]!.edss)}${describeFs(f.edss![i]!.visit.functionalSystems)}` };
}

function hasFs(fs: FunctionalSystems | undefined): boolean {
  if (!fs) return false;
  for (let k = 0; k < FS_ORDER.length; k++) if (fs[FS_ORDER[k]!] !== undefined) return true;
  return false;
}

const NO_SCORES: readonly (number | undefined)[] = Object.freeze(new Array<number | undefined>(8).fill(undefined));

/** The seven Kurtzke systems and the ambulation score (on MSoutcomes' FSamb scale) in spmsDx order. */
function fsArray(fs: FunctionalSystems | undefined): readonly (number | undefined)[] {
  if (!fs) return NO_SCORES;
  const amb = fs.ambulation === undefined ? undefined : ambulationToMsoutcomes(fs.ambulation);
  return [fs.pyramidal, fs.cerebellar, fs.brainstem, fs.sensory, fs.bowelBladder, fs.visual, fs.cerebral, amb];
}

function describeFs(fs: FunctionalSystems | undefined): string {
  if (!fs) return '';
  let text = '';
  for (let i = 0; i < FS_ORDER.length; i++) {
    const k = FS_ORDER[i]!;
    const v = fs[k];
    if (v !== undefined) text += text ? `, ${k} ${v}` : `${k} ${v}`;
  }
  return text ? ` (${text})` : '';
}
