import { addMonths, dayFromYmd, parseDay, parsePartialDate, wholeYearsBetween, type Day, type DayInterval } from '../history/dates.js';
import { dateText } from '../course/facts.js';
import type { Condition, History, Lab, Therapy } from '../history/schema.js';
import type { ConditionId, DrugId, LabId } from '../history/vocabularies.js';
import type { Tri } from '../course/types.js';
import { nearRelapse } from '../course/disability.js';
import type { Text } from './lazy-text.js';

// Facts read straight from the history that the rules and evidence boxes need beyond the course
// engine's output. Partial dates are intervals; a threshold on an interval that straddles it is
// `unknown` (spec: patient-history.md, "Dates").

export const NEG_INF: Day = Number.NEGATIVE_INFINITY;

export function birthInterval(h: History): DayInterval | undefined {
  return h.birthDate === undefined ? undefined : parsePartialDate(h.birthDate);
}

/**
 * Symptom onset as an interval, bounded above by the diagnosis (onset is never later than diagnosis).
 * Without a recorded onset, a diagnosis still bounds it above: a diagnosis 12 years ago means onset
 * at least 12 years ago.
 */
export function onsetInterval(h: History): DayInterval | undefined {
  const onset = h.msOnset === undefined ? undefined : parsePartialDate(h.msOnset);
  const dx = h.msDiagnosis === undefined ? undefined : parsePartialDate(h.msDiagnosis);
  if (onset) return { lo: onset.lo, hi: dx ? Math.max(onset.lo, Math.min(onset.hi, dx.hi)) : onset.hi };
  if (dx) return { lo: birthInterval(h)?.lo ?? NEG_INF, hi: dx.hi };
  return undefined;
}

/** Whole years completed at `asOf`, as [least, most] over the birth interval. */
export function ageRange(h: History, asOf: Day): [number, number] | undefined {
  const b = birthInterval(h);
  return b ? [wholeYearsBetween(b.hi, asOf), wholeYearsBetween(b.lo, asOf)] : undefined;
}

/** Age strictly above `years` whole years ("over 55" means 56 or older); `r` is the age range. */
export function ageAbove(r: [number, number] | undefined, years: number): Tri {
  if (!r) return 'unknown';
  if (r[0] > years) return 'met';
  if (r[1] <= years) return 'unmet';
  return 'unknown';
}

/** Age at least `years` whole years; `r` is the age range. */
export function ageAtLeast(r: [number, number] | undefined, years: number): Tri {
  if (!r) return 'unknown';
  if (r[0] >= years) return 'met';
  if (r[1] < years) return 'unmet';
  return 'unknown';
}

/**
 * More than `months` calendar months from a date interval to `asOf`. Exactly N months (the
 * anniversary day) is not more than N: the CARE-MS II "within 10 years" includes the 10th anniversary.
 */
export function moreThanMonthsSince(from: DayInterval, asOf: Day, months: number): Tri {
  if (asOf > addMonths(from.hi, months)) return 'met';
  if (from.lo !== NEG_INF && asOf <= addMonths(from.lo, months)) return 'unmet';
  return 'unknown';
}

export function moreThanYearsSince(from: DayInterval, asOf: Day, years: number): Tri {
  return moreThanMonthsSince(from, asOf, years * 12);
}

export function describeInterval(i: DayInterval): string {
  if (i.lo === NEG_INF) return `before ${dateText(i.hi + 1)}`;
  return i.lo === i.hi ? dateText(i.lo) : `between ${dateText(i.lo)} and ${dateText(i.hi)}`;
}

/** The anniversary `years` after a date, e.g. the day 10 years from onset. */
export function anniversary(day: Day, years: number): string {
  return dateText(addMonths(day, years * 12));
}

function digits(text: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) v = v * 10 + text.charCodeAt(i) - 48;
  return v;
}

/**
 * A full date of a validated history as a Day. Event dates were checked by the validator, so the hot
 * path reads the digits directly instead of matching a regular expression for every event of every rule.
 */
export function day(text: string): Day {
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    return dayFromYmd(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
  }
  const d = parseDay(text);
  if (d === undefined) throw new Error(`not a full date: ${text}`);
  return d;
}

/** Latest result of a test on or before asOf (the history validator already rejects later ones). */
export function latestLab(h: History, test: LabId): Lab | undefined {
  let best: Lab | undefined;
  for (const l of h.labs ?? []) if (l.test === test && (!best || l.date > best.date)) best = l;
  return best;
}

export function labsOf(h: History, test: LabId): Lab[] {
  return (h.labs ?? []).filter((l) => l.test === test).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Conditions that count: history-of conditions whatever their status, current ones only while active. */
export function matchingConditions(h: History, codes: readonly ConditionId[], countResolved: boolean): readonly Condition[] {
  // Ten rules and checks ask; most patients have no condition at all.
  const all = h.conditions;
  if (all === undefined || all.length === 0) return NONE;
  return all.filter((c) => codes.includes(c.code) && (countResolved || c.status === 'active'));
}
const NONE: readonly Condition[] = Object.freeze([]);

/**
 * First day of "the previous N months" up to asOf inclusive: the day after the same calendar day N
 * months before, the window the course engine uses for activity (so both count the same relapses).
 */
export function windowStart(asOf: Day, months: number): Day {
  // Every rule and criterion asks for the same few windows of the same assessment date.
  const key = asOf * 1000 + months;
  let v = windowCache.get(key);
  if (v === undefined) {
    if (windowCache.size > 10_000) windowCache.clear();
    v = addMonths(asOf, -months) + 1;
    windowCache.set(key, v);
  }
  return v;
}
const windowCache = new Map<number, Day>();

export function therapiesOf(h: History, drugs: readonly DrugId[]): Therapy[] {
  return (h.therapies ?? []).filter((t) => drugs.includes(t.drug));
}

export function therapyEnd(t: Therapy, asOf: Day): Day {
  return t.end === undefined ? asOf : day(t.end);
}

/** Mosteller body surface area in m2: sqrt(height cm x weight kg / 3600). */
export function mostellerBsa(heightCm: number, weightKg: number): number {
  return Math.sqrt((heightCm * weightKg) / 3600);
}

export type CumulativeDose =
  | { status: 'known'; mgM2: number; doses: number; bsa?: number; detail: string }
  | { status: 'unknown'; detail: string; missing: { field: string; why: string }[] };

/**
 * Lifetime dose of a drug in mg/m2. Doses recorded in mg are converted with today's body surface
 * area (the record holds one height and weight); a therapy of the drug without its doses, or mg doses
 * without height and weight, leave the total unknown.
 */
export function cumulativeDose(h: History, drug: DrugId): CumulativeDose {
  const courses = therapiesOf(h, [drug]);
  const missing: { field: string; why: string }[] = [];
  let mgM2 = 0;
  let doses = 0;
  let mgDoses = 0;
  let mg = 0;
  (h.therapies ?? []).forEach((t, i) => {
    if (t.drug !== drug) return;
    if (!t.doses || t.doses.length === 0) {
      missing.push({ field: `therapies[${i}].doses`, why: `${drug} from ${t.start} has no doses recorded: the lifetime dose cannot be added up` });
      return;
    }
    for (const d of t.doses) {
      doses++;
      if (d.unit === 'mg/m2') mgM2 += d.amount;
      else {
        mgDoses++;
        mg += d.amount;
      }
    }
  });
  const bsa = h.body ? mostellerBsa(h.body.heightCm, h.body.weightKg) : undefined;
  if (mgDoses > 0 && bsa === undefined) {
    missing.push({
      field: 'body',
      why: `${mgDoses} ${drug} dose(s) are recorded in mg (${round1(mg)} mg): height and weight are needed to convert them to mg/m2`,
    });
  }
  if (missing.length > 0) return { status: 'unknown', detail: missing.map((m) => m.why).join('; '), missing };
  const total = mgM2 + (bsa === undefined ? 0 : mg / bsa);
  const detail =
    courses.length === 0
      ? `no previous ${drug}`
      : `${doses} previous dose(s), ${round1(total)} mg/m2 in total${mgDoses > 0 && bsa !== undefined ? ` (mg doses converted with a body surface area of ${bsa.toFixed(2)} m2, Mosteller)` : ''}`;
  return bsa !== undefined ? { status: 'known', mgM2: total, doses, bsa, detail } : { status: 'known', mgM2: total, doses, detail };
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

// EDSS steps 0 to 10 written once (score.toFixed(1)); other values are written as they come.
const EDSS_STEP_TEXT: readonly string[] = Array.from({ length: 21 }, (_, i) => (i / 2).toFixed(1));

export function edssText(score: number): string {
  const i = score * 2;
  return i >= 0 && i <= 20 && Number.isInteger(i) ? EDSS_STEP_TEXT[i]! : score.toFixed(1);
}

/**
 * EDSS worsening of at least `points` within the previous `months`: a later score at least `points`
 * above an earlier one, the earlier taken from the window or the last score before it. Fewer than two
 * such scores cannot tell. Only disability scores count: a score within the relapse exclusion window
 * (knowledge/definitions/course.json relapseExclusionDays, the course engine's nearRelapse) measures
 * the relapse, not the disability between relapses.
 */
export function edssWorsening(h: History, asOf: Day, months: number, points: number, scores?: EdssPoint[]): { status: Tri; detail: Text } {
  if (h.edss === undefined) return { status: 'unknown', detail: 'no EDSS record' };
  const start = windowStart(asOf, months);
  const sorted = scores ?? disabilityScores(h);
  let baselineIdx = -1;
  let inWindow = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]!.day < start) baselineIdx = i;
    else inWindow++;
  }
  const pts = sorted.slice(Math.max(0, baselineIdx));
  if (pts.length < 2 || inWindow === 0) {
    return { status: 'unknown', detail: `fewer than two EDSS scores to compare over the previous ${months} months` };
  }
  let minSoFar = pts[0]!;
  for (let i = 1; i < pts.length; i++) {
    const e = pts[i]!;
    if (e.score - minSoFar.score >= points && e.day >= start) {
      const from = minSoFar;
      return { status: 'met', detail: () => `EDSS ${edssText(from.score)} on ${from.date} rose to ${edssText(e.score)} on ${e.date}` };
    }
    if (e.score < minSoFar.score) minSoFar = e;
  }
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  return {
    status: 'unmet',
    detail: () => `EDSS ${edssText(first.score)} on ${first.date} to ${edssText(last.score)} on ${last.date}: no rise of ${points} point(s)`,
  };
}

/**
 * One assessment's reads of the history, remembered for the length of that assessment: several rules,
 * checks and trial boxes ask for the same latest lab result, the same EDSS worsening or the lifetime
 * mitoxantrone dose. Each answer is the one the function of the same name gives.
 */
export class AssessmentReads {
  readonly history: History;
  readonly asOf: Day;
  private labs: Map<LabId, Lab> | undefined;
  private worsening: Map<string, { status: Tri; detail: Text }> | undefined;
  private scores: EdssPoint[] | undefined;
  private cumulative: Map<DrugId, CumulativeDose> | undefined;
  private age: [number, number] | undefined | null = null;
  private onset: DayInterval | undefined | null = null;
  private relapseDays: Float64Array | undefined;

  constructor(history: History, asOf: Day) {
    this.history = history;
    this.asOf = asOf;
  }

  /** latestLab: the first of the latest-dated results of each test. */
  latestLab(test: LabId): Lab | undefined {
    if (!this.labs) {
      const latest = new Map<LabId, Lab>();
      for (const l of this.history.labs ?? []) {
        const best = latest.get(l.test);
        if (!best || l.date > best.date) latest.set(l.test, l);
      }
      this.labs = latest;
    }
    return this.labs.get(test);
  }

  edssWorsening(months: number, points: number): { status: Tri; detail: Text } {
    const key = `${months}|${points}`;
    this.worsening ??= new Map();
    let w = this.worsening.get(key);
    if (!w) {
      // The disability scores read once for every window and rise the rules and trial boxes ask about.
      this.scores ??= disabilityScores(this.history);
      w = edssWorsening(this.history, this.asOf, months, points, this.scores);
      this.worsening.set(key, w);
    }
    return w;
  }

  /** ageRange at asOf. */
  ageRange(): [number, number] | undefined {
    if (this.age === null) this.age = ageRange(this.history, this.asOf);
    return this.age;
  }

  /** onsetInterval. */
  onsetInterval(): DayInterval | undefined {
    if (this.onset === null) this.onset = onsetInterval(this.history);
    return this.onset;
  }

  /** The relapses with onset from `from` to `to` inclusive, each onset read once per assessment. */
  relapsesBetween(from: Day, to: Day): NonNullable<History['relapses']> {
    const rs = this.history.relapses ?? [];
    if (!this.relapseDays) {
      this.relapseDays = new Float64Array(rs.length);
      for (let i = 0; i < rs.length; i++) this.relapseDays[i] = day(rs[i]!.onset);
    }
    const out: NonNullable<History['relapses']> = [];
    for (let i = 0; i < rs.length; i++) if (this.relapseDays[i]! >= from && this.relapseDays[i]! <= to) out.push(rs[i]!);
    return out;
  }

  cumulativeDose(drug: DrugId): CumulativeDose {
    this.cumulative ??= new Map();
    let c = this.cumulative.get(drug);
    if (!c) {
      c = cumulativeDose(this.history, drug);
      this.cumulative.set(drug, c);
    }
    return c;
  }
}

export interface EdssPoint {
  day: Day;
  date: string;
  score: number;
}

/** The relapse onsets of a history as days (the course engine's nearRelapse reads them). */
export function relapseOnsetDays(h: History): Day[] {
  return (h.relapses ?? []).map((r) => day(r.onset));
}

// No cache keyed on the history object: a caller may hand in an edited object, and the result must
// depend on its content only. AssessmentReads memoises per assessment instead.
/** The history's disability EDSS scores in date order: none within the relapse exclusion window (disability.ts). */
export function disabilityScores(h: History): EdssPoint[] {
  const visits = h.edss;
  if (!visits) return [];
  const onsets = relapseOnsetDays(h);
  const out: EdssPoint[] = [];
  let ordered = true;
  for (let i = 0; i < visits.length; i++) {
    const e = visits[i]!;
    const d = day(e.date);
    if (nearRelapse(d, onsets)) continue;
    if (out.length > 0 && out[out.length - 1]!.day > d) ordered = false;
    out.push({ day: d, date: e.date, score: e.score });
  }
  // Records are nearly always in date order; the (stable) sort is only for those that are not.
  return ordered ? out : out.sort((a, b) => a.day - b.day);
}
