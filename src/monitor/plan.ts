import { addMonths, dayFromYmd, daysInMonth, formatDay, ymdFromDay, type Day } from '../history/dates.js';
import type { History, Lab } from '../history/schema.js';
import { TEST_GROUPS, monitoringOf, schedulesOf, type MonitoredDrug, type MonitoringTestId, type PatientCondition, type Schedule } from './knowledge.js';
import type { ClinicSettings } from './settings.js';
import type { Course, DrugTreatment } from './treatment.js';

/** One test the plan asks for: when it is due and the days in which a result counts for it. */
export interface PlanItem {
  /** Stable while the treatment record is unchanged: schedule id plus the course/dose/series position. */
  id: string;
  scheduleId: string;
  drug: MonitoredDrug;
  group: string;
  label: string;
  tests: readonly MonitoringTestId[];
  due: Day;
  /** Inclusive window: a result dated from..to counts for this item. */
  from: Day;
  to: Day;
  /** The course it belongs to (courses pattern), or the dose number (doses pattern). */
  course?: number;
  sources: readonly string[];
}

export interface PlanInput {
  /** The monitored drugs' treatment records (at most one per drug). */
  treatments: readonly DrugTreatment[];
  sex?: 'female' | 'male' | 'other' | 'unknown';
  /** The record that patient-dependent schedules (`appliesWhen`) read; absent: every such schedule applies. */
  record?: Pick<History, 'labs' | 'therapies'>;
}

/** Whether a patient-dependent schedule applies: unless every alternative has a condition the record answers "no". */
export function appliesTo(s: Schedule, record: PlanInput['record'], asOf: Day, settings: ClinicSettings): boolean {
  if (!s.appliesWhen || !record) return true;
  return s.appliesWhen.some((all) => all.every((c) => conditionHolds(c, record, asOf, settings) !== 'no'));
}

function conditionHolds(c: PatientCondition, record: NonNullable<PlanInput['record']>, asOf: Day, settings: ClinicSettings): 'yes' | 'no' | 'unknown' {
  if (c.kind === 'prior-drug') {
    if (record.therapies === undefined) return 'unknown';
    return record.therapies.some((t) => c.drugs.includes(t.drug) && t.start <= formatDay(asOf)) ? 'yes' : 'no';
  }
  let latest: Lab | undefined;
  for (const l of record.labs ?? []) if (l.test === c.test && l.date <= formatDay(asOf) && (!latest || l.date > latest.date)) latest = l;
  if (latest === undefined) return 'unknown';
  const v = latest.value;
  if (c.is !== undefined && v !== c.is) return 'no';
  if (c.atMost !== undefined && !(typeof v === 'number' && v <= c.atMost)) return 'no';
  if (c.above !== undefined && !(typeof v === 'number' && v > c.above)) return 'no';
  const atMost = c.atMostSetting !== undefined ? settings.numbers[c.atMostSetting] : undefined;
  if (atMost !== undefined && !(typeof v === 'number' && v <= atMost)) return 'no';
  const above = c.aboveSetting !== undefined ? settings.numbers[c.aboveSetting] : undefined;
  if (above !== undefined && !(typeof v === 'number' && v > above)) return 'no';
  return 'yes';
}

export interface PlanOptions {
  settings: ClinicSettings;
  /** Open-ended series (after-stop: yearly LVEF after mitoxantrone) run to the first due date after this day. */
  asOf: Day;
  /** Instead of `asOf`, run open-ended series for this many repetitions (the burden's fixed horizon). */
  openEndedRepeats?: number;
  /** Only the items whose window contains `asOf` (what can be due or overdue today): the worklist's view. */
  openOnly?: boolean;
  /**
   * With `openOnly`, also the items whose window closed on or after this day (what the worklist shows
   * as recently missed): every item whose window overlaps `closedSince..asOf`.
   */
  closedSince?: Day;
  /** The schedules to plan (default: knowledge/monitoring/schedules.json); tests pass others. */
  schedules?: readonly Schedule[];
}

/** The first day of the range of windows wanted, or undefined for the whole plan. */
function rangeStart(o: PlanOptions): Day | undefined {
  return o.openOnly ? Math.min(o.closedSince ?? o.asOf, o.asOf) : undefined;
}

/**
 * The last day of a fixed-length follow-up (courses pattern): followUpMonths after the last infusion (a
 * new course restarts it); undefined for a pattern with no end, or before the first course.
 */
export function followUpEnd(t: DrugTreatment): Day | undefined {
  if (t.kind !== 'courses') return undefined;
  const m = monitoringOf(t.drug);
  const last = t.courses[t.courses.length - 1];
  return last === undefined || m.kind !== 'courses' ? undefined : addMonths(last.end, m.followUpMonths);
}

/** The monitoring plan derived from the treatment record, sorted by due date. Pure: same input, same plan. */
export function derivePlan(input: PlanInput, options: PlanOptions): PlanItem[] {
  const items: PlanItem[] = [];
  const sex = input.sex ?? 'unknown';
  for (const t of input.treatments) {
    const schedules = options.schedules ? options.schedules.filter((s) => s.drug === t.drug) : schedulesOf(t.drug);
    for (const s of schedules) {
      if (s.appliesToSex && !s.appliesToSex.includes(sex)) continue;
      if (!appliesTo(s, input.record, options.asOf, options.settings)) continue;
      // The knowledge loader checked that each schedule's timing fits its drug's treatment pattern.
      if (t.kind === 'courses') courseItems(s, t.courses, options, items);
      else if (t.kind === 'doses') doseItems(s, t, options, items);
      else continuousItems(s, t, options, items);
    }
  }
  items.sort((a, b) => a.due - b.due || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return items;
}

function item(s: Schedule, suffix: string, due: Day, from: Day, to: Day, course?: number): PlanItem {
  const g = TEST_GROUPS[s.group]!;
  const it: PlanItem = {
    id: `${s.id}#${suffix}`,
    scheduleId: s.id,
    drug: s.drug,
    group: s.group,
    label: g.label,
    tests: g.tests,
    due,
    from,
    to,
    sources: s.sources,
  };
  if (course !== undefined) it.course = course;
  return it;
}

function courseItems(s: Schedule, courses: readonly Course[], o: PlanOptions, out: PlanItem[]): void {
  const t = s.timing;
  const m = monitoringOf(s.drug);
  if (m.kind !== 'courses') return;
  const followUp = m.followUpMonths;
  courses.forEach((c, i) => {
    if (t.kind === 'before-course') {
      if ((t.courses === 'first') !== (i === 0)) return;
      const from = c.start - o.settings.numbers[t.windowSetting];
      if (o.openOnly && !(from <= o.asOf && rangeStart(o)! <= c.start)) return;
      out.push(item(s, `c${c.number}`, c.start, from, c.start, c.number));
    } else if (t.kind === 'after-each-course') {
      const every = t.everyMonthsSetting ? o.settings.numbers[t.everyMonthsSetting] : t.everyMonths;
      if (!(every >= 1)) return;
      const next = courses[i + 1];
      // A later course takes over: its own pre-course tests and a fresh series replace what remained.
      const end = Math.min(addMonths(c.end, followUp), next ? next.start - 1 : Infinity);
      series(s, `c${c.number}.`, c.end, Math.round(every), end, Infinity, c.number, out, Infinity, rangeStart(o), o.asOf);
    } else if (t.kind === 'at-months') {
      const next = courses[i + 1];
      const end = Math.min(addMonths(c.end, followUp), next ? next.start - 1 : Infinity);
      atMonths(s, `c${c.number}.m`, c.start, t.months, end, c.number, out, rangeStart(o), o.asOf);
    }
  });
}

function doseItems(s: Schedule, m: Extract<DrugTreatment, { kind: 'doses' }>, o: PlanOptions, out: PlanItem[]): void {
  const t = s.timing;
  if (t.kind === 'before-each-dose') {
    m.doses.forEach((d, i) => {
      const from = d - o.settings.numbers[t.windowSetting];
      if (o.openOnly && !(from <= o.asOf && rangeStart(o)! <= d)) return;
      out.push(item(s, `d${i + 1}`, d, from, d, i + 1));
    });
  } else if (t.kind === 'after-stop' && m.stopped !== undefined) {
    // A series after stopping with no end in the label (yearly LVEF after mitoxantrone): the plan shows
    // every repetition up to the next one due.
    const repeats = o.openEndedRepeats ?? Infinity;
    const horizon = o.openEndedRepeats === undefined ? addMonths(o.asOf, t.everyMonths) : Infinity;
    series(s, 's', m.stopped, t.everyMonths, Infinity, horizon, undefined, out, repeats, rangeStart(o), o.asOf);
  }
}

function continuousItems(s: Schedule, c: Extract<DrugTreatment, { kind: 'continuous' }>, o: PlanOptions, out: PlanItem[]): void {
  const t = s.timing;
  if (t.kind === 'before-start') {
    const from = c.start - o.settings.numbers[t.windowSetting];
    if (o.openOnly && !(from <= o.asOf && rangeStart(o)! <= c.start)) return;
    out.push(item(s, 'start', c.start, from, c.start));
  } else if (t.kind === 'after-start') {
    const every = t.everyMonthsSetting ? o.settings.numbers[t.everyMonthsSetting] : t.everyMonths;
    if (!(every >= 1)) return;
    // While the drug is taken (and for at most forMonths): no end in sight runs up to the next item due,
    // or for the burden's fixed number of repetitions.
    const end = Math.min(c.stopped ?? Infinity, t.forMonths !== undefined ? addMonths(c.start, t.forMonths) : Infinity);
    const repeats = o.openEndedRepeats ?? Infinity;
    const horizon = end === Infinity && o.openEndedRepeats === undefined ? addMonths(o.asOf, Math.round(every)) : Infinity;
    series(s, 's', c.start, Math.round(every), end, horizon, undefined, out, end === Infinity ? repeats : Infinity, rangeStart(o), o.asOf);
  } else if (t.kind === 'at-months') {
    atMonths(s, 'm', c.start, t.months, c.stopped ?? Infinity, undefined, out, rangeStart(o), o.asOf);
  }
}

/**
 * Single items `months` after `anchor` (cladribine's lymphocyte counts 2 and 6 months after each course
 * starts). Windows split the time between neighbours at the midpoints, as in a series; the last one
 * reaches as far past its due date as the gap before it. None is due after `end`, no window reaches past it.
 */
function atMonths(
  s: Schedule,
  prefix: string,
  anchor: Day,
  months: readonly number[],
  end: Day,
  course: number | undefined,
  out: PlanItem[],
  rangeFrom?: Day,
  rangeTo: Day = Infinity,
): void {
  const dues = months.map((m) => addMonths(anchor, m));
  for (let k = 0; k < dues.length; k++) {
    const due = dues[k]!;
    if (due > end) break;
    const prev = k === 0 ? anchor : dues[k - 1]!;
    const next = dues[k + 1] ?? due + (due - prev);
    const from = due - Math.floor((due - prev) / 2);
    const to = Math.min(end, due + Math.ceil((next - due) / 2) - 1);
    if (rangeFrom === undefined || (from <= rangeTo && rangeFrom <= to)) out.push(item(s, `${prefix}${months[k]}`, due, from, to, course));
  }
}

/** addMonths(day, n) for a day already taken apart into year, month and day of month. */
function monthsAfter(y0: number, m0: number, d0: number, n: number): Day {
  const total = y0 * 12 + (m0 - 1) + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return dayFromYmd(y, m, Math.min(d0, daysInMonth(y, m)));
}

/**
 * Items due every `every` months after `anchor` (month ends clamped by addMonths). Windows partition
 * the days between due dates at the midpoints, so a result counts for exactly one item of a series;
 * no window reaches past `end`. With `rangeFrom`, only the items whose window overlaps rangeFrom..rangeTo.
 */
function series(
  s: Schedule,
  prefix: string,
  anchor: Day,
  every: number,
  end: Day,
  horizon: Day,
  course: number | undefined,
  out: PlanItem[],
  maxRepeats = Infinity,
  rangeFrom?: Day,
  rangeTo: Day = Infinity,
): void {
  if (rangeFrom !== undefined && (rangeFrom > end || rangeTo <= anchor)) return;
  // The anchor's calendar date taken apart once (the worklist walks months of items for every patient).
  const [ya, ma, da] = ymdFromDay(anchor);
  // For a range of windows only, jump to a little before `rangeFrom` instead of walking every earlier item.
  let k = 1;
  if (rangeFrom !== undefined) {
    const [yo, mo] = ymdFromDay(rangeFrom);
    k = Math.max(1, Math.floor(((yo - ya) * 12 + (mo - ma)) / every) - 1);
  }
  let prev = k === 1 ? anchor : monthsAfter(ya, ma, da, (k - 1) * every);
  let due = monthsAfter(ya, ma, da, k * every);
  for (; k <= maxRepeats; k++) {
    if (due > end || due > horizon) break;
    const next = monthsAfter(ya, ma, da, (k + 1) * every);
    const from = due - Math.floor((due - prev) / 2);
    const to = Math.min(end, due + Math.ceil((next - due) / 2) - 1);
    if (rangeFrom === undefined || (from <= rangeTo && rangeFrom <= to)) out.push(item(s, `${prefix}${k}`, due, from, to, course));
    else if (from > rangeTo) break;
    prev = due;
    due = next;
  }
}
