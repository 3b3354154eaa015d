// The Bern/Vienna disability-accrual annotation (Bsteh, Marti, Hoepner; Mult Scler Relat Disord
// 2025;93:106215) as a second scan beside msprog's (scan.ts), selected with `"scan": "bern"`. Its
// meaning differs from msprog's in ways no msprog setting expresses: a roving reference that must
// itself be confirmed, the lowest score over the confirmation span as the event's score, separate
// references for RAW/PIRA and for worsening of undefined type, re-baselining after every event (also
// with a fixed baseline), and every worsening away from relapses labelled PIRA. Written from the
// annotator's documented behaviour, step by step in its order, so that a difference from its
// annotations can be traced assessment by assessment. Pure: visits, relapse onsets and settings in.

import type { Day } from '../history/dates.js';
import type { ValueVisit } from './scan.js';

/** "next": confirmed at the next assessment (the annotator's 0.5 days). */
export type BernSpan = number | 'next';

export interface BernSettings {
  /** Fixed: the first assessment, moved only by events and relapses; roving: also by lower scores. */
  baseline: 'fixed' | 'roving';
  /** The roving reference must itself be confirmed (null: a lower score is taken at once). */
  rovingConfirmation: BernSpan | null;
  rovingConfirmationValues: 'all' | 'last';
  /** [before, after] the roving reference's confirmation time that an assessment may fall. */
  rovingConfirmationTol: [number, number];
  /** null: no confirmation; 'sustained': to the end of follow-up. */
  confirmation: BernSpan | 'sustained' | null;
  /** minimum: the lowest confirming score must itself be a worsening, and is the event's score;
   *  monotonic: no confirming score below the event's. */
  confirmationType: 'minimum' | 'monotonic';
  confirmationValues: 'all' | 'last';
  confirmationTol: [number, number];
  /** With 'sustained': confirming assessments start this many days after the event. */
  sustainedMinDays: number;
  /** false: a worsening at the last assessment needs no confirmation. */
  confirmLastVisit: boolean;
  /** RAW when the worsening is at most this many days after a relapse onset. */
  rawAfterRelapse: number;
  /** RAW when a relapse onset follows the worsening within this many days. */
  rawBeforeRelapse: number;
  /** false: a relapse between the event and its last confirming score makes it "PIRA with relapse during confirmation". */
  piraAllowRelapsesBeforeConfirmation: boolean;
  /** The EDSS threshold: +1.5 from 0 (when on), +1.0 up to this score, +0.5 above. */
  plusOneUpTo: number;
  plusOneHalfFromZero: boolean;
  /** An event must be this many days after its reference (or the previous assessment). */
  minDistanceDays: number;
  minDistanceFrom: 'reference' | 'previous';
  /** Too close to the reference: look back to an earlier, far enough reference from which it still is a worsening. */
  minDistanceBacktrack: boolean;
  /** Where worsening of undefined type (against the reference that ignores relapses) is looked for. */
  undefinedWorsening: 'rebaseline' | 'never' | 'all' | 'end';
  /** The undefined worsening's score against the RAW/PIRA reference. */
  undefinedVsRawPiraReference: 'any' | 'equal_or_greater' | 'greater';
  /** Merge consecutive RAW/PIRA worsening into one event. */
  merge: boolean;
  /** In a merge, an equal score within this many days repeats the measurement. */
  mergeRepeatDays: number;
  /** In a merge, the next step is at most this many days after the last. */
  mergeMaxGapDays: number;
  firstOnly: boolean;
}

export const BERN_DEFAULTS: BernSettings = {
  baseline: 'roving',
  rovingConfirmation: 30,
  rovingConfirmationValues: 'all',
  rovingConfirmationTol: [0, Infinity],
  confirmation: 180,
  confirmationType: 'minimum',
  confirmationValues: 'all',
  confirmationTol: [0, Infinity],
  sustainedMinDays: 0,
  confirmLastVisit: true,
  rawAfterRelapse: 90,
  rawBeforeRelapse: 30,
  piraAllowRelapsesBeforeConfirmation: false,
  plusOneUpTo: 5,
  plusOneHalfFromZero: true,
  minDistanceDays: 0,
  minDistanceFrom: 'reference',
  minDistanceBacktrack: true,
  undefinedWorsening: 'rebaseline',
  undefinedVsRawPiraReference: 'any',
  merge: false,
  mergeRepeatDays: 30,
  mergeMaxGapDays: Infinity,
  firstOnly: false,
};

export type BernType = 'PIRA' | 'RAW' | 'PIRA with relapse during confirmation' | 'undefined';

export interface BernEvent {
  index: number;
  type: BernType;
  /** The confirmed score (with 'minimum' confirmation the lowest over the span; after a merge, the last step's). */
  score: number;
  referenceScore: number;
  /** The assessment the reference was set at. */
  referenceIndex: number;
  /** The last assessment of the confirmation span (the event's own when none was needed). */
  confirmationIndex: number;
  /** 1-based. */
  id: number;
  /** The assessments merged into this event, the event's own first. */
  mergedIndices: number[];
}

export interface BernReference {
  index: number;
  score: number;
}

export interface BernResult {
  events: BernEvent[];
  /** Where the reference for worsening of any type moved, and to what. */
  generalReferences: BernReference[];
  /** Where the RAW/PIRA reference moved, and to what. */
  rawPiraReferences: BernReference[];
  /** Post-relapse re-baselining assessments that moved the RAW/PIRA reference or gave an event. */
  postRelapseRebaselines: number[];
}

interface Ref {
  score: number;
  day: Day;
  index: number;
}

type Mode = 'rebaseline' | 'never' | 'all' | 'generalOnly';

const SPAN_NEXT = 0.5;
const spanDays = (x: BernSpan): number => (x === 'next' ? SPAN_NEXT : x);

/** The minimum increase (Müller 2023's table, with the annotator's two switches). */
export function bernWorsening(x: number, ref: number, s: BernSettings): boolean {
  const need = s.plusOneHalfFromZero && ref === 0 ? 1.5 : ref <= s.plusOneUpTo ? 1 : 0.5;
  return x >= ref + need;
}

export function bernScan(visits: readonly ValueVisit[], relapseOnsets: readonly Day[], s: BernSettings): BernResult {
  const relapses = [...relapseOnsets].sort((a, b) => a - b);
  if (s.undefinedWorsening !== 'end') return annotate(visits, relapses, s, s.undefinedWorsening);
  // 'end': annotate as 'rebaseline', then look again for worsening of undefined type after the last
  // RAW/PIRA event, from its score (or over the whole follow-up when there is none).
  const first = annotate(visits, relapses, s, 'rebaseline');
  const typed = first.events.filter((e) => e.type !== 'undefined');
  const last = typed[typed.length - 1];
  let start = 0;
  let idOffset = 0;
  let rest = visits.slice();
  if (last) {
    start = Math.max(...last.mergedIndices);
    idOffset = last.id;
    rest = visits.slice(start);
    rest[0] = { day: rest[0]!.day, value: last.score };
  }
  if (rest.length <= 1) return first;
  const second = annotate(rest, relapses, s, 'generalOnly');
  const shift = (i: number) => i + start;
  // The second run replaces everything after its first assessment.
  const keep = <T extends { index: number }>(xs: T[]) => xs.filter((x) => x.index <= start);
  return {
    events: [
      ...first.events.filter((e) => e.index <= start),
      ...second.events
        .filter((e) => e.index > 0)
        .map((e) => ({
          ...e,
          index: shift(e.index),
          referenceIndex: shift(e.referenceIndex),
          confirmationIndex: shift(e.confirmationIndex),
          mergedIndices: e.mergedIndices.map(shift),
          id: e.id + idOffset,
        })),
    ],
    generalReferences: [...keep(first.generalReferences), ...second.generalReferences.filter((r) => r.index > 0).map((r) => ({ ...r, index: shift(r.index) }))],
    rawPiraReferences: [...keep(first.rawPiraReferences), ...second.rawPiraReferences.filter((r) => r.index > 0).map((r) => ({ ...r, index: shift(r.index) }))],
    postRelapseRebaselines: first.postRelapseRebaselines,
  };
}

function annotate(visits: readonly ValueVisit[], relapses: readonly Day[], s: BernSettings, mode: Mode): BernResult {
  const n = visits.length;
  const result: BernResult = { events: [], generalReferences: [], rawPiraReferences: [], postRelapseRebaselines: [] };
  if (n === 0) return result;
  const day = visits.map((v) => v.day);
  const value = visits.map((v) => v.value);
  const lastDay = day[n - 1]!;
  // Relapse distances, an onset on the assessment's own day counting on both sides.
  const sinceLast = day.map((t) => {
    let d = Infinity;
    for (const r of relapses) if (r <= t) d = t - r;
    return d;
  });
  const toNext = day.map((t) => {
    for (const r of relapses) if (r >= t) return r - t;
    return Infinity;
  });

  // The first assessment after each relapse's RAW window, unless the next relapse's window overlaps it.
  const rebaselineDays = new Set<Day>();
  relapses.forEach((r, k) => {
    const stop = r + s.rawAfterRelapse;
    const candidate = day.find((t) => t > stop);
    const next = relapses[k + 1];
    if (candidate !== undefined && !(next !== undefined && stop >= next - s.rawBeforeRelapse)) rebaselineDays.add(candidate);
  });

  /** Assessments after index i that confirm it over `span` ('sustained': all later ones). */
  const confirming = (i: number, span: number | 'sustained', values: 'all' | 'last', tol: [number, number], sustainedMin: number): number[] => {
    const t = day[i]!;
    const later: number[] = [];
    for (let x = i + 1; x < n; x++) later.push(x);
    if (span === 'sustained') return later.filter((x) => day[x]! >= t + sustainedMin);
    const end = later.find((x) => day[x]! >= t + span - tol[0] && day[x]! <= t + span + tol[1]);
    if (end === undefined) return [];
    const upTo = later.filter((x) => x <= end);
    return values === 'last' ? [end] : upTo;
  };

  interface Check {
    found: boolean;
    type: BernType;
    score: number;
    ref: Ref;
    confirmedAt: number;
  }
  const check = (i: number, refs: readonly Ref[], rawPira: boolean, floor: number): Check => {
    const current = value[i]!;
    const t = day[i]!;
    let ref = refs[refs.length - 1]!;
    const none: Check = { found: false, type: 'undefined', score: Number.NaN, ref, confirmedAt: i };
    if (current < floor) return none;
    if (s.minDistanceDays > 0) {
      let distance: number;
      if (s.minDistanceFrom === 'previous') distance = t - day[i - 1]!;
      else {
        distance = t - ref.day;
        if (s.minDistanceBacktrack) {
          // The latest reference from which this is still a worsening and that is far enough back.
          const far = refs.filter((r) => bernWorsening(current, r.score, s) && r.day + s.minDistanceDays <= t);
          const back = far[far.length - 1];
          if (back) {
            distance = t - back.day;
            ref = back;
          }
        }
      }
      if (distance < s.minDistanceDays) return { ...none, ref };
    }
    if (!bernWorsening(current, ref.score, s)) return { ...none, ref };
    let type: BernType = 'undefined';
    if (rawPira) type = toNext[i]! <= s.rawBeforeRelapse || sinceLast[i]! <= s.rawAfterRelapse ? 'RAW' : 'PIRA';
    if (s.confirmation === null || (!s.confirmLastVisit && t === lastDay)) return { found: true, type, score: current, ref, confirmedAt: i };
    const span = s.confirmation === 'sustained' ? 'sustained' : spanDays(s.confirmation);
    const conf = confirming(i, span, s.confirmationValues, s.confirmationTol, s.sustainedMinDays);
    if (conf.length === 0) return { ...none, ref };
    const lowest = Math.min(...conf.map((x) => value[x]!));
    let score: number;
    if (s.confirmationType === 'minimum') {
      if (!(bernWorsening(lowest, ref.score, s) && lowest >= floor)) return { ...none, ref };
      score = Math.min(current, lowest);
    } else {
      if (!(lowest >= current && lowest >= floor)) return { ...none, ref };
      score = current;
    }
    if (type === 'PIRA' && relapses.length > 0) {
      const lastConf = day[conf[conf.length - 1]!]!;
      if (!s.piraAllowRelapsesBeforeConfirmation || s.confirmationValues === 'all') {
        if (relapses.some((r) => r >= t && r <= lastConf + s.rawBeforeRelapse)) type = 'PIRA with relapse during confirmation';
      }
      if (toNext[conf[conf.length - 1]!]! <= s.rawBeforeRelapse || sinceLast[conf[0]!]! <= s.rawAfterRelapse) {
        type = 'PIRA with relapse during confirmation';
      }
    }
    return { found: true, type, score, ref, confirmedAt: conf[conf.length - 1]! };
  };

  /** Later assessments that continue a RAW/PIRA event step by step (the annotator's event merging). */
  const mergeForward = (i: number, refs: readonly Ref[], first: Check) => {
    const merged = [i];
    let repeating = false;
    let repeatFrom = day[i]!;
    let lastStep = day[i]!;
    let score = first.score;
    let tail: number[] = [];
    for (let x = i + 1; x < n; x++) {
      if (day[x]! > lastStep + s.mergeMaxGapDays) break;
      if (value[x]! < score) break;
      const c = check(x, refs, true, 0);
      if (!c.found || c.type !== first.type || c.score < score) break;
      if (c.score > score) {
        repeating = false;
        tail = [];
      } else {
        if (!repeating) {
          repeating = true;
          repeatFrom = day[x - 1]!;
        }
        if (day[x]! - repeatFrom <= s.mergeRepeatDays) tail.push(x);
        else break;
      }
      score = c.score;
      lastStep = day[x]!;
      merged.push(x);
    }
    return { merged: merged.filter((x) => !tail.includes(x)), score, lastStep };
  };

  let general: Ref[] = [{ score: value[0]!, day: day[0]!, index: 0 }];
  let rawPira: Ref[] = [{ score: value[0]!, day: day[0]!, index: 0 }];
  const skip = new Set<number>();
  let id = 0;
  for (let i = 1; i < n; i++) {
    if (skip.has(i)) continue;
    const current = value[i]!;
    const t = day[i]!;
    const rpRef = rawPira[rawPira.length - 1]!.score;
    const atRebaseline = rebaselineDays.has(t);
    let floor = 0;
    let highEnough = s.undefinedVsRawPiraReference === 'any';
    if (s.undefinedVsRawPiraReference === 'equal_or_greater' && current >= rpRef) {
      highEnough = true;
      floor = rpRef;
    } else if (s.undefinedVsRawPiraReference === 'greater' && current > rpRef) {
      highEnough = true;
      // Scores are in half points: "above" is "at least half a point above".
      floor = rpRef + 0.5;
    }
    const checks: { refs: Ref[]; rawPira: boolean }[] = [];
    if (mode === 'generalOnly') {
      if (highEnough) checks.push({ refs: general, rawPira: false });
    } else if (atRebaseline) {
      if (mode !== 'never' && highEnough) checks.push({ refs: general, rawPira: false });
    } else {
      checks.push({ refs: rawPira, rawPira: true });
      if (mode === 'all' && highEnough) checks.push({ refs: general, rawPira: false });
    }
    let found: Check | undefined;
    for (const c of checks) {
      const r = check(i, c.refs, c.rawPira, floor);
      if (r.found) {
        found = r;
        break;
      }
    }
    if (found) {
      id++;
      let merged = [i];
      let score = found.score;
      let refDay = t;
      if (s.merge && found.type !== 'undefined') {
        const m = mergeForward(i, rawPira, found);
        merged = m.merged;
        score = m.score;
        refDay = m.lastStep;
        for (const x of merged) skip.add(x);
      }
      result.events.push({
        index: i,
        type: found.type,
        score,
        referenceScore: found.ref.score,
        referenceIndex: found.ref.index,
        confirmationIndex: found.confirmedAt,
        id,
        mergedIndices: merged,
      });
      if (s.firstOnly) break;
      general = [{ score, day: refDay, index: i }];
      result.generalReferences.push({ index: i, score });
      // A post-relapse re-baselining assessment sets its own (unconfirmed) score as the RAW/PIRA
      // reference when it is higher; elsewhere the event's score does, when higher.
      const next = atRebaseline ? (current > rpRef ? current : undefined) : score > rpRef ? score : undefined;
      if (next !== undefined) {
        rawPira = [{ score: next, day: refDay, index: i }];
        result.rawPiraReferences.push({ index: i, score: next });
        if (atRebaseline) result.postRelapseRebaselines.push(i);
      }
      continue;
    }
    if (atRebaseline && current > rpRef) {
      rawPira = [{ score: current, day: t, index: i }];
      result.rawPiraReferences.push({ index: i, score: current });
      result.postRelapseRebaselines.push(i);
    }
    if (s.baseline !== 'roving') continue;
    const generalRef = general[general.length - 1]!.score;
    const rpNow = rawPira[rawPira.length - 1]!.score;
    let conf: number[] | undefined;
    if (s.rovingConfirmation !== null && (current < rpNow || current < generalRef)) {
      conf = confirming(i, spanDays(s.rovingConfirmation), s.rovingConfirmationValues, s.rovingConfirmationTol, 0);
    }
    /** The new roving reference below `ref`, or undefined when it is not confirmed. */
    const roving = (ref: number): number | undefined => {
      if (!(current < ref)) return undefined;
      if (s.rovingConfirmation === null) return current;
      if (!conf || conf.length === 0) return undefined;
      const highest = Math.max(...conf.map((x) => value[x]!));
      return highest < ref ? Math.max(highest, current) : undefined;
    };
    const g = roving(generalRef);
    if (g !== undefined) {
      general = [...general, { score: g, day: t, index: i }];
      result.generalReferences.push({ index: i, score: g });
    }
    const rp = roving(rpNow);
    if (rp !== undefined) {
      rawPira = [...rawPira, { score: rp, day: t, index: i }];
      result.rawPiraReferences.push({ index: i, score: rp });
    }
  }
  return result;
}
