import { formatDay, parseDay, parsePartialDate } from '../../../src/history/dates.js';
import type { CourseResult, History } from '../api/types.js';

// Everything the timeline draws, on one axis of calendar days. A partial date is drawn as the span it
// covers (onset "2010" is all of 2010), never as a made-up day (spec: "a partial date is an interval").

export interface DateSpan {
  from: string;
  to: string;
  /** The text as recorded, e.g. "2010-03". */
  recorded: string;
  exact: boolean;
}

export interface TherapyBar {
  drug: string;
  start: string;
  /** The end as recorded, or the as-of date for an ongoing therapy. */
  end: string;
  ongoing: boolean;
  /** Stopped on a day the record does not give (`end` is then its start). */
  endUnknown?: boolean;
  stopReason?: string;
}

export interface DoseMark {
  date: string;
  drug: string;
  amount: number;
  unit: string;
}

export interface TimelineModel {
  from: string;
  to: string;
  edss: { date: string; score: number }[];
  relapses: { date: string; disabling: boolean; recovery: string }[];
  mri: { date: string; region: string; gd: number; t2: number }[];
  therapies: TherapyBar[];
  doses: DoseMark[];
  onset?: DateSpan;
  diagnosis?: DateSpan;
  spms: { status: 'met' | 'unmet' | 'unknown'; date?: string; edss?: number; detail: string } | undefined;
  /** Therapy lanes, one per drug in order of first use, so bars of one drug share a row. */
  lanes: string[];
}

function span(recorded: string | undefined): DateSpan | undefined {
  if (recorded === undefined) return undefined;
  const iv = parsePartialDate(recorded);
  if (!iv) return undefined;
  return { from: formatDay(iv.lo), to: formatDay(iv.hi), recorded, exact: iv.lo === iv.hi };
}

const byDate = <T extends { date: string }>(a: T, b: T): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

export function buildTimeline(history: History, asOf: string, course?: CourseResult): TimelineModel {
  const edss = (history.edss ?? []).map((e) => ({ date: e.date, score: e.score })).sort(byDate);
  const relapses = (history.relapses ?? []).map((r) => ({ date: r.onset, disabling: r.disabling, recovery: r.recovery })).sort(byDate);
  const mri = (history.mri ?? [])
    .map((m) => ({ date: m.date, region: m.region, gd: m.gadoliniumEnhancingLesions, t2: m.newOrEnlargingT2Lesions }))
    .sort(byDate);
  const therapies: TherapyBar[] = (history.therapies ?? [])
    .map((t) => ({
      drug: t.drug,
      start: t.start,
      // Stopped on a day not recorded: drawn to its start (the least it lasted), never as ongoing.
      end: t.end ?? (t.endUnknown ? t.start : asOf),
      ongoing: t.end === undefined && t.endUnknown !== true,
      ...(t.endUnknown ? { endUnknown: true } : {}),
      ...(t.stopReason ? { stopReason: t.stopReason } : {}),
    }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const doses: DoseMark[] = (history.therapies ?? [])
    .flatMap((t) => (t.doses ?? []).map((d) => ({ date: d.date, drug: t.drug, amount: d.amount, unit: d.unit })))
    .sort(byDate);
  const onset = span(history.msOnset);
  const diagnosis = span(history.msDiagnosis);
  const lanes: string[] = [];
  for (const t of therapies) if (!lanes.includes(t.drug)) lanes.push(t.drug);

  const o = course?.objectiveSpms;
  const spms = o ? { status: o.status, ...(o.date ? { date: o.date } : {}), ...(o.edss !== undefined ? { edss: o.edss } : {}), detail: o.detail } : undefined;

  const dates = [
    ...edss.map((e) => e.date),
    ...relapses.map((r) => r.date),
    ...mri.map((m) => m.date),
    ...therapies.flatMap((t) => [t.start, t.end]),
    ...doses.map((d) => d.date),
    ...(onset ? [onset.from, onset.to] : []),
    ...(diagnosis ? [diagnosis.from, diagnosis.to] : []),
    ...(spms?.date ? [spms.date] : []),
    asOf,
  ].filter((d) => parseDay(d) !== undefined);
  dates.sort();
  const first = dates[0] ?? asOf;
  // Half a year either side keeps the first and last marks off the plot's edges.
  const from = formatDay(parseDay(first)! - 182);
  const to = formatDay(Math.max(parseDay(asOf) ?? 0, parseDay(dates[dates.length - 1] ?? asOf)!) + 182);
  return { from, to, edss, relapses, mri, therapies, doses, onset, diagnosis, spms, lanes };
}

/** Milliseconds since epoch of a YYYY-MM-DD date, for the chart's time axis (UTC: no DST shifts). */
export function toTime(date: string): number {
  return (parseDay(date) ?? 0) * 86_400_000;
}
