import { withMinimalEnds } from '../history/therapy-ends.js';
// The history's lists, sorted once into Day integers: every other module of the course engine reads
// these, never the raw strings, so that the engine is fast and its result independent of list order.

import { dayFromYmd, formatDay, parseDay, parsePartialDate, type Day, type DayInterval } from '../history/dates.js';
import type { EdssVisit, History, Mri, Relapse, Therapy } from '../history/schema.js';

export interface EdssPoint {
  day: Day;
  score: number;
  visit: EdssVisit;
}
export interface RelapsePoint {
  day: Day;
  relapse: Relapse;
}
export interface MriPoint {
  day: Day;
  mri: Mri;
}
export interface TherapySpan {
  start: Day;
  /** Undefined while ongoing. */
  end: Day | undefined;
  therapy: Therapy;
}

export interface Facts {
  asOf: Day;
  birth?: DayInterval;
  onset?: DayInterval;
  diagnosis?: DayInterval;
  /** One assessment per day (see `mergeSameDay`), by date. */
  edss?: EdssPoint[];
  relapses?: RelapsePoint[];
  mri?: MriPoint[];
  therapies?: TherapySpan[];
  /** Timed-walk, peg-test and SDMT series by day (one value a day: the last listed, as msprog). */
  tests?: Partial<Record<'t25fw' | 'nhpt' | 'sdmt', { day: Day; value: number }[]>>;
  /** The relapse onsets in order (empty without a relapse list), shared by the sub-computations. */
  relapseDays: Day[];
  /**
   * Whether to write the findings' texts and data points. A decision that shows none of them (a
   * cohort screening) leaves them empty: they were a quarter of the course's cost per patient.
   */
  texts: boolean;
}

/** A validated YYYY-MM-DD read by character codes (the hot path of the engine), else by parseDay. */
function day(t: string): Day {
  if (t.length === 10 && t.charCodeAt(4) === 45 && t.charCodeAt(7) === 45) {
    const y = (t.charCodeAt(0) - 48) * 1000 + (t.charCodeAt(1) - 48) * 100 + (t.charCodeAt(2) - 48) * 10 + (t.charCodeAt(3) - 48);
    return dayFromYmd(y, (t.charCodeAt(5) - 48) * 10 + (t.charCodeAt(6) - 48), (t.charCodeAt(8) - 48) * 10 + (t.charCodeAt(9) - 48));
  }
  const d = parseDay(t);
  if (d === undefined) throw new TypeError(`not a full date: ${t}`);
  return d;
}

// Days from 1900 to 2199 index an array of their texts (a lookup without hashing); others are formatted.
const FIRST_CACHED = dayFromYmd(1900, 1, 1);
const CACHED_DAYS = dayFromYmd(2200, 1, 1) - FIRST_CACHED;
const DATE_TEXT: (string | undefined)[] = new Array<string | undefined>(CACHED_DAYS).fill(undefined);
/** formatDay, remembered: results print the same few thousand dates many times over a cohort. */
export function dateText(d: Day): string {
  const i = d - FIRST_CACHED;
  if (i >= 0 && i < CACHED_DAYS && Number.isInteger(i)) {
    let s = DATE_TEXT[i];
    if (s === undefined) {
      s = formatDay(d);
      DATE_TEXT[i] = s;
    }
    return s;
  }
  return formatDay(d);
}

/** Code-unit order: a total order independent of locale, and fast. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fsKey(v: EdssVisit): string {
  const f = v.functionalSystems;
  if (!f) return '';
  return [f.pyramidal, f.cerebellar, f.brainstem, f.sensory, f.bowelBladder, f.visual, f.cerebral, f.ambulation]
    .map((x) => (x === undefined ? '-' : String(x)))
    .join(',');
}

/**
 * Two assessments on one day are one visit. msprog keeps the last row in file order; the product keeps
 * the higher score (then the fuller FS record) so that the result does not depend on list order.
 */
function mergeSameDay(points: EdssPoint[]): EdssPoint[] {
  let dup = false;
  for (let i = 1; i < points.length && !dup; i++) if (points[i]!.day === points[i - 1]!.day) dup = true;
  if (!dup) return points;
  const out: EdssPoint[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.day === p.day) {
      if (p.score > last.score || (p.score === last.score && fsKey(p.visit) > fsKey(last.visit))) out[out.length - 1] = p;
    } else out.push(p);
  }
  return out;
}

const byEdss = (a: EdssPoint, b: EdssPoint) => a.day - b.day || a.score - b.score || cmp(fsKey(a.visit), fsKey(b.visit));
const byRelapse = (a: RelapsePoint, b: RelapsePoint) =>
  a.day - b.day || Number(b.relapse.disabling) - Number(a.relapse.disabling) || cmp(a.relapse.recovery, b.relapse.recovery);
const byMri = (a: MriPoint, b: MriPoint) =>
  a.day - b.day ||
  cmp(a.mri.region, b.mri.region) ||
  a.mri.gadoliniumEnhancingLesions - b.mri.gadoliniumEnhancingLesions ||
  a.mri.newOrEnlargingT2Lesions - b.mri.newOrEnlargingT2Lesions;
const byTherapy = (a: TherapySpan, b: TherapySpan) => a.start - b.start || (a.end ?? Infinity) - (b.end ?? Infinity) || cmp(a.therapy.drug, b.therapy.drug);

/**
 * Sorts in place unless already in order. Records are usually kept in date order, and a stable sort
 * of an ordered list returns it unchanged, so the check only saves the sort's work.
 */
function sortIfNeeded<T>(xs: T[], order: (a: T, b: T) => number): T[] {
  for (let i = 1; i < xs.length; i++) {
    if (order(xs[i - 1]!, xs[i]!) > 0) return xs.sort(order);
  }
  return xs;
}

export function collectFacts(history: History, asOf: Day, texts = true): Facts {
  const h = withMinimalEnds(history);
  const f: Facts = { asOf, relapseDays: [], texts };
  if (h.birthDate) f.birth = parsePartialDate(h.birthDate);
  if (h.msDiagnosis) f.diagnosis = parsePartialDate(h.msDiagnosis);
  if (h.msOnset) {
    const o = parsePartialDate(h.msOnset);
    // The diagnosis date bounds the onset: symptoms come first (spec, "The history").
    if (o && f.diagnosis) f.onset = { lo: Math.min(o.lo, f.diagnosis.hi), hi: Math.min(o.hi, f.diagnosis.hi) };
    else f.onset = o;
  }
  if (h.edss) {
    const src = h.edss;
    const pts = new Array<EdssPoint>(src.length);
    for (let i = 0; i < src.length; i++) {
      const visit = src[i]!;
      pts[i] = { day: day(visit.date), score: visit.score, visit };
    }
    f.edss = mergeSameDay(sortIfNeeded(pts, byEdss));
  }
  if (h.performanceTests) {
    const tests: NonNullable<Facts['tests']> = {};
    for (const t of h.performanceTests) (tests[t.test] ??= []).push({ day: day(t.date), value: t.value });
    for (const k of Object.keys(tests) as (keyof typeof tests)[]) {
      const sorted = tests[k]!.map((v, i) => ({ v, i }))
        .sort((a, b) => a.v.day - b.v.day || a.i - b.i)
        .map((x) => x.v);
      tests[k] = sorted.filter((v, i) => i === sorted.length - 1 || sorted[i + 1]!.day !== v.day);
    }
    f.tests = tests;
  }
  if (h.relapses) {
    const src = h.relapses;
    const pts = new Array<RelapsePoint>(src.length);
    for (let i = 0; i < src.length; i++) {
      const relapse = src[i]!;
      pts[i] = { day: day(relapse.onset), relapse };
    }
    f.relapses = sortIfNeeded(pts, byRelapse);
    const days = new Array<Day>(pts.length);
    for (let i = 0; i < pts.length; i++) days[i] = pts[i]!.day;
    f.relapseDays = days;
  }
  if (h.mri) {
    const src = h.mri;
    const pts = new Array<MriPoint>(src.length);
    for (let i = 0; i < src.length; i++) {
      const mri = src[i]!;
      pts[i] = { day: day(mri.date), mri };
    }
    f.mri = sortIfNeeded(pts, byMri);
  }
  if (h.therapies) {
    const src = h.therapies;
    const pts = new Array<TherapySpan>(src.length);
    for (let i = 0; i < src.length; i++) {
      const therapy = src[i]!;
      pts[i] = { start: day(therapy.start), end: therapy.end ? day(therapy.end) : undefined, therapy };
    }
    f.therapies = sortIfNeeded(pts, byTherapy);
  }
  return f;
}
