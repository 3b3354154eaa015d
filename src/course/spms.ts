// Objective secondary progression (Lorscheider 2016, Brain): a 1.0-step EDSS progression (0.5 from 6.0),
// without relapse, to EDSS >= 4.0 with pyramidal FS >= 2, confirmed over >= 3 months including the
// leading functional system, and sustained to the last visit. The scan reproduces `spmsDx()` of
// MSoutcomes 0.2.1 (CORe, Melbourne; Lorscheider is an author) step for step, including how it
// re-baselines after a diagnostically significant relapse or a confirmed regression, so that it agrees
// with the reference implementation on the same visits.

import type { Day } from '../history/dates.js';
import { DEFINITIONS } from './definitions.js';

/** FS order as in MSoutcomes: pyramidal, cerebellar, brainstem, sensory, bowel-bladder, visual, cerebral, ambulation. */
export const SPMS_FS = ['pyramidal', 'cerebellar', 'brainstem', 'sensory', 'bowelBladder', 'visual', 'cerebral', 'ambulation'] as const;
export type SpmsFs = (typeof SPMS_FS)[number];

export interface SpmsVisit {
  day: Day;
  edss: number;
  /** In SPMS_FS order; undefined = not recorded. */
  fs: readonly (number | undefined)[];
  /** Days since the most recent relapse onset on or before the visit; undefined = none known. */
  daysPostRelapse: number | undefined;
}

export interface SpmsOptions {
  minEdss: number;
  minFsPyr: number;
  tRelapse: number;
  tProgression: number;
  tRegression: number;
  tRelProg: number;
  /**
   * spmsDx forgives a lone non-progressed visit among progressed ones. Its study rows start at the
   * baseline visit itself, whose EDSS equals the baseline, so when that visit alone precedes the
   * first progressed visit spmsDx flags the baseline visit as progressed too (and may spend the scan
   * on it). True (default) keeps spmsDx's behaviour; false never flags a lone visit before the first
   * progressed one.
   */
  flagBaselineVisit: boolean;
}

/** spmsDx defaults: minEDSS 4, minFSpyr 2, tRelapse 30 d, tProgression 3 x 30.25 d, tRegression 9 x 30.25 d, tRelProg 6 x 30.25 d. */
export const SPMS_DEFAULTS: SpmsOptions = {
  minEdss: DEFINITIONS.spmsMinEdss.value,
  minFsPyr: DEFINITIONS.spmsMinPyramidal.value,
  tRelapse: DEFINITIONS.spmsRelapseDays.value,
  tProgression: DEFINITIONS.spmsConfirmationDays.value,
  tRegression: DEFINITIONS.spmsRegressionDays.value,
  tRelProg: DEFINITIONS.spmsRebaselineDays.value,
  flagBaselineVisit: true,
};

export type SpmsOutcome =
  | { met: true; index: number; baselineIndex: number; confirmationIndex: number; leading: SpmsFs[]; edssBefore?: number }
  | { met: false; reason: 'too-few-visits' | 'no-fs' | 'not-met'; closest?: { index: number; why: string } };

interface Row {
  i: number; // index into the visit list
  day: number; // days since the first visit with FS (daysPostBline)
  edss: number;
  fs: readonly (number | undefined)[];
  fsna: boolean;
  dpr: number | undefined;
  intervening: boolean | undefined;
  dPrior: number | undefined;
}

interface Baseline {
  day: number;
  edss: number;
  fs: readonly (number | undefined)[];
}

const NFS = SPMS_FS.length;

interface Scratch {
  d: Float64Array;
  prog: Uint8Array;
  rawProg: Uint8Array;
  regr: Uint8Array;
  daysProg: Float64Array;
  daysReg: Float64Array;
}
let scratchArrays: Scratch | undefined;
/**
 * Work arrays of at least n entries, reused from call to call (the scan writes every entry it reads
 * before reading it, and it never re-enters itself), so a cohort run does not allocate six per patient.
 */
function scratch(n: number): Scratch {
  if (!scratchArrays || scratchArrays.d.length < n) {
    const size = Math.max(n, 64);
    scratchArrays = {
      d: new Float64Array(size),
      prog: new Uint8Array(size),
      rawProg: new Uint8Array(size),
      regr: new Uint8Array(size),
      daysProg: new Float64Array(size),
      daysReg: new Float64Array(size),
    };
  }
  return scratchArrays;
}

function baseOf(r: Row): Baseline {
  return { day: r.day, edss: r.edss, fs: r.fs };
}

/** The first row after `day` (rows are by day). */
function suffixAfter(rows: readonly Row[], day: number): number {
  let i = 0;
  while (i < rows.length && rows[i]!.day <= day) i++;
  return i;
}

function fsRise(fs: readonly (number | undefined)[], base: readonly (number | undefined)[], k: number): number | undefined {
  const x = fs[k];
  const b = base[k];
  return x === undefined || b === undefined ? undefined : x - b;
}

function anyScore(fs: readonly (number | undefined)[]): boolean {
  for (let k = 0; k < fs.length; k++) if (fs[k] !== undefined) return true;
  return false;
}

/**
 * The outcomes spmsDx settles before its scan, from the number of visits, the first with any FS score
 * (-1: none) and whether a visit from that one on reaches minEdss (nothing below it can ever count as
 * progression); undefined when the scan has to run.
 */
export function settledWithoutScan(count: number, firstFs: number, reaches: boolean): SpmsOutcome | undefined {
  if (count < 3) return { met: false, reason: 'too-few-visits' };
  if (firstFs < 0) return { met: false, reason: 'no-fs' };
  if (count - firstFs < 3) return { met: false, reason: 'too-few-visits' };
  if (!reaches) return { met: false, reason: 'not-met' };
  return undefined;
}

export function spmsDx(visits: readonly SpmsVisit[], opt: SpmsOptions = SPMS_DEFAULTS): SpmsOutcome {
  const all = visits;
  let firstFs = -1;
  for (let i = 0; i < all.length && firstFs < 0; i++) if (anyScore(all[i]!.fs)) firstFs = i;
  let reaches = false;
  for (let i = Math.max(firstFs, 0); i < all.length && !reaches; i++) if (all[i]!.edss >= opt.minEdss) reaches = true;
  const settled = settledWithoutScan(all.length, firstFs, reaches);
  if (settled) return settled;
  const day0 = all[firstFs]!.day;
  const pvis: Row[] = [];
  for (let i = firstFs; i < all.length; i++) {
    const v = all[i]!;
    const day = v.day - day0;
    const prior = pvis.length === 0 ? 0 : day - pvis[pvis.length - 1]!.day;
    pvis.push({
      i,
      day,
      edss: v.edss,
      fs: v.fs,
      fsna: !anyScore(v.fs),
      dpr: v.daysPostRelapse,
      intervening: v.daysPostRelapse === undefined ? undefined : v.daysPostRelapse <= prior,
      dPrior: pvis.length === 0 ? undefined : v.edss - pvis[pvis.length - 1]!.edss,
    });
  }
  const finalDay = pvis[pvis.length - 1]!.day;
  const original: Baseline = { day: pvis[0]!.day, edss: pvis[0]!.edss, fs: pvis[0]!.fs };

  // The rows under study are always a suffix of pvis: `s` is where it starts.
  let s = 0;
  let base = original;
  let closest: { index: number; why: string } | undefined;
  const N = pvis.length;
  const { d, prog, rawProg, regr, daysProg, daysReg } = scratch(N);
  for (let guard = 0; guard < 10 * N + 10; guard++) {
    const m = N - s;
    // Lorscheider 2016: 1.5 from 0, 1.0 up to 5.5, 0.5 from 6.0.
    const need = base.edss === 0 ? 1.5 : base.edss < 6 ? 1 : 0.5;
    for (let k = 0; k < m; k++) {
      const r = pvis[s + k]!;
      d[k] = r.edss - base.edss;
      rawProg[k] = d[k]! >= need && r.edss >= opt.minEdss ? 1 : 0;
      prog[k] = rawProg[k]!;
      regr[k] = d[k]! <= -0.5 ? 1 : 0;
    }
    // spmsDx forgives a single non-progressed visit between progressed ones (its flag_0/conseq step).
    for (let start = 0; start < m; ) {
      let end = start + 1;
      while (end < m && !rawProg[end]) end++;
      let zeros = 0;
      let zero = -1;
      for (let k = start; k < end; k++)
        if (!rawProg[k]) {
          zeros++;
          zero = k;
        }
      // The group before the first progressed visit holds only non-progressed ones (the first of them
      // the baseline visit): see SpmsOptions.flagBaselineVisit.
      if (zeros === 1 && (opt.flagBaselineVisit || rawProg[start])) prog[zero] = 1;
      start = end;
    }
    // Sustained progression: to the last visit out of relapse before the first non-progressed visit;
    // the first visit that is confirmed (progression or regression) ends the scan.
    let fp = -1;
    for (let v = 0; v < m && fp < 0; v++) {
      daysProg[v] = 0;
      daysReg[v] = 0;
      if (prog[v]) {
        let stop = m; // the sentinel row
        for (let k = v + 1; k < m; k++)
          if (!prog[k]) {
            stop = k;
            break;
          }
        let last = -1;
        for (let k = stop - 1; k >= 0; k--) {
          const p = pvis[s + k]!.dpr;
          if (p === undefined || p >= opt.tRelapse) {
            last = k;
            break;
          }
        }
        daysProg[v] = last >= 0 ? pvis[s + last]!.day - pvis[s + v]!.day : 0;
      }
      if (regr[v]) {
        let stop = m;
        for (let k = v + 1; k < m; k++)
          if (!regr[k]) {
            stop = k;
            break;
          }
        daysReg[v] = pvis[s + stop - 1]!.day - pvis[s + v]!.day;
      }
      if ((prog[v] && daysProg[v]! > opt.tProgression) || (regr[v] && daysReg[v]! > opt.tRegression)) fp = v;
    }
    if (fp < 0) break;

    // Relapses after baseline and before the progression/regression: are any diagnostically significant?
    if (fp !== 0) {
      const bpr: number[] = [];
      for (let k = 0; k < fp; k++) if (pvis[s + k]!.day !== base.day) bpr.push(k);
      let lastSig = -1;
      for (let q = 0; q < bpr.length; q++) {
        const k = bpr[q]!;
        const r = pvis[s + k]!;
        if (r.intervening === true && r.edss > 3 && d[k]! >= 0.5 && r.dPrior !== undefined && r.dPrior >= 0.5 && base.edss < 6) lastSig = q;
      }
      if (lastSig >= 0) {
        let newBase: Row;
        if (lastSig === bpr.length - 1) {
          newBase = pvis[s + fp]!;
        } else {
          const cand: Row[] = [];
          for (let q = lastSig + 1; q < bpr.length; q++) cand.push(pvis[s + bpr[q]!]!);
          let pick = -1;
          for (let v = 0; v < cand.length && pick < 0; v++) {
            const c = cand[v]!;
            // The candidate baseline must hold (no 1-step change from it) for more than tRelProg days.
            let stop = cand.length;
            for (let k = v + 1; k < cand.length; k++) {
              const dd = Math.abs(cand[k]!.edss - c.edss);
              const stable = c.edss === 0 ? dd < 1.5 : base.edss < 6 ? dd < 1 : dd < 0.5;
              if (!stable) {
                stop = k;
                break;
              }
            }
            if (cand[stop - 1]!.day - c.day > opt.tRelProg && !c.fsna) pick = v;
          }
          newBase = pick < 0 ? pvis[s + fp]! : cand[pick]!;
        }
        base = baseOf(newBase);
        s = suffixAfter(pvis, newBase.day);
        if (N - s <= 1) break;
        continue;
      }
    }

    // The leading functional system(s): the largest FS rise at the progression visit.
    const r1 = pvis[s + fp]!;
    const bfs = base.fs;
    // spmsDx counts an unknown pyramidal change as a rise of 1 before it looks for the leading FS.
    let maxRise = -Infinity;
    for (let k = 0; k < NFS; k++) maxRise = Math.max(maxRise, fsRise(r1.fs, bfs, k) ?? (k === 0 ? 1 : 0));
    const leadIdx: number[] = [];
    for (let k = 0; k < NFS; k++) if ((fsRise(r1.fs, bfs, k) ?? (k === 0 ? 1 : 0)) === maxRise) leadIdx.push(k);
    let fsLeadConfirmed = false;
    if (prog[fp] && maxRise > 0) {
      for (const k of leadIdx) {
        // Confirmed while the leading FS has not returned to its baseline score.
        let lastHeld = m - 1;
        for (let q = fp; q < m; q++) {
          const x = fsRise(pvis[s + q]!.fs, bfs, k);
          if ((x === undefined ? 1 : x) === 0) {
            lastHeld = q - 1;
            break;
          }
        }
        if (lastHeld >= fp && pvis[s + lastHeld]!.day - r1.day >= opt.tProgression) fsLeadConfirmed = true;
      }
    }
    const intervening = r1.intervening ?? false;
    let confirmIdx = -1;
    let confirmedEdss = Infinity;
    for (let q = fp + 1; q < m; q++) {
      confirmedEdss = Math.min(confirmedEdss, pvis[s + q]!.edss);
      if (pvis[s + q]!.day - r1.day > opt.tProgression) {
        confirmIdx = q;
        break;
      }
    }
    let fsPyr = r1.fs[0];
    if (fsPyr === undefined) fsPyr = r1.edss >= 5.5 ? 2 : 0;
    if (fsPyr < 2 && r1.edss >= 5.5) fsPyr = 2;
    let failed: string | undefined;
    if (!prog[fp]) failed = 'the change was a regression, not a progression';
    else if (daysProg[fp]! < opt.tProgression) failed = 'the progression was not confirmed over 3 months out of relapse';
    else if (r1.day + daysProg[fp]! < finalDay) failed = 'the progression was not sustained to the last assessment';
    else if (intervening) failed = 'a relapse preceded the progression';
    else if (r1.edss < opt.minEdss) failed = `EDSS stayed below ${opt.minEdss}`;
    else if (confirmedEdss < opt.minEdss) failed = `the confirming EDSS fell below ${opt.minEdss}`;
    else if (fsPyr < opt.minFsPyr) failed = `the pyramidal FS was below ${opt.minFsPyr}`;
    else if (!fsLeadConfirmed) failed = 'the rise in the leading functional system was not confirmed';
    if (failed === undefined) {
      const before = r1.i > 0 ? all[r1.i - 1]!.edss : undefined;
      let baseRow: Row | undefined;
      for (let q = 0; q < pvis.length && !baseRow; q++) if (pvis[q]!.day === base.day) baseRow = pvis[q];
      const leading: SpmsFs[] = [];
      for (const k of leadIdx) leading.push(SPMS_FS[k]!);
      return {
        met: true,
        index: r1.i,
        baselineIndex: baseRow ? baseRow.i : firstFs,
        confirmationIndex: confirmIdx >= 0 ? pvis[s + confirmIdx]!.i : r1.i,
        leading,
        ...(before !== undefined ? { edssBefore: before } : {}),
      };
    }
    if (prog[fp]) closest = { index: r1.i, why: failed };

    // Not met: move on as spmsDx does (note: the original baseline comes back unless re-based here).
    base = original;
    if (prog[fp] && r1.day + daysProg[fp]! < finalDay) {
      s = suffixAfter(pvis, r1.day + daysProg[fp]!);
    } else {
      s = suffixAfter(pvis, r1.day);
      if ((prog[fp] && intervening) || regr[fp]) {
        let b1: Row | undefined = r1;
        if (b1.fsna) b1 = pvis[s];
        while (N - s > 1 && b1 !== undefined && b1.fsna) {
          s++;
          b1 = pvis[s];
        }
        if (b1 !== undefined) base = baseOf(b1);
      }
    }
    if (N - s <= 1) break;
  }
  return closest ? { met: false, reason: 'not-met', closest } : { met: false, reason: 'not-met' };
}
