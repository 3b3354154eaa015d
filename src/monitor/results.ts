import { dayFromYmd, daysInMonth, formatDay, parseDay, type Day } from '../history/dates.js';
import type { History, Lab } from '../history/schema.js';
import { EXAM_IDS, EXAMS_FROM_LABS, type MonitoringTestId } from './knowledge.js';
import { bloodPressureGrade, bloodPressureReadings } from '../knowledge/blood-pressure.js';

/** A monitoring result as callers send it (the history's lab format, plus the two examinations). */
/** A result as given (JSON, CSV, FHIR), before its day is parsed: results-validate.ts checks it. */
export interface MonitoringResultInput {
  date: string;
  test: MonitoringTestId;
  value: number | 'positive' | 'negative';
  unit?: string | undefined;
}

/** A validated result in the product's unit, with its day parsed once. */
export interface MonitoringResult {
  day: Day;
  test: MonitoringTestId;
  value: number | 'positive' | 'negative';
  unit?: string;
}

export function dayOfDate(text: string): Day {
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && allDigits(text)) {
    // Inline digit arithmetic (no helper closure: this runs once per result).
    const y = (text.charCodeAt(0) - 48) * 1000 + (text.charCodeAt(1) - 48) * 100 + (text.charCodeAt(2) - 48) * 10 + (text.charCodeAt(3) - 48);
    const m = (text.charCodeAt(5) - 48) * 10 + (text.charCodeAt(6) - 48);
    const day = (text.charCodeAt(8) - 48) * 10 + (text.charCodeAt(9) - 48);
    if (y >= 1 && m >= 1 && m <= 12 && day >= 1 && day <= daysInMonth(y, m)) return dayFromYmd(y, m, day);
  }
  const parsed = parseDay(text);
  if (parsed === undefined) throw new RangeError(`"${text}" is not a date YYYY-MM-DD`);
  return parsed;
}

function allDigits(text: string): boolean {
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function toResult(r: { date: string; test: MonitoringTestId; value: number | 'positive' | 'negative'; unit?: string | undefined }): MonitoringResult {
  // One object shape for every result (unit present even when undefined) keeps property access monomorphic.
  return { day: dayOfDate(r.date), test: r.test, value: r.value, unit: r.unit } as MonitoringResult;
}

/** The results already in a validated history (its `labs`, in the product's units). */
export function resultsFromHistory(history: History): MonitoringResult[] {
  const labs = monitoredLabs(history.labs);
  return [...labs.map(toResult), ...examsFromLabs(labs)];
}

/**
 * Examinations the history's results also record (tests.json examsFromLabs): a blood-pressure reading
 * is a blood-pressure check on its date, positive when any of its values reaches its bound.
 */
function examsFromLabs(labs: readonly (Lab & { value: MonitoringResultInput['value'] })[]): MonitoringResult[] {
  const out: MonitoringResult[] = [];
  // Each entry is graded by the blood-pressure definition (its labs are systolic-bp and diastolic-bp,
  // checked at load), as the assessment's rules grade a reading.
  for (const exam of Object.keys(EXAMS_FROM_LABS)) {
    for (const [date, r] of bloodPressureReadings(labs)) {
      const raised = bloodPressureGrade(r.systolic, r.diastolic) >= 0;
      out.push(toResult({ date, test: exam as MonitoringTestId, value: raised ? 'positive' : 'negative' }));
    }
  }
  return out;
}

/** A genotype is a fact about the patient, not a result that monitoring schedules or alerts on. */
export function isMonitoredLab<T extends { value: unknown }>(l: T): l is T & { value: MonitoringResultInput['value'] } {
  return typeof l.value === 'number' || l.value === 'positive' || l.value === 'negative';
}

export function monitoredLabs(labs: readonly Lab[] | undefined): (Lab & { value: MonitoringResultInput['value'] })[] {
  return (labs ?? []).filter(isMonitoredLab);
}

export function resultJson(r: MonitoringResult): MonitoringResultInput {
  const out: MonitoringResultInput = { date: formatDay(r.day), test: r.test, value: r.value };
  if (r.unit !== undefined) out.unit = r.unit;
  return out;
}

/** Same day, same test, same value (after unit conversion): the same result sent twice. */
export function resultKey(r: MonitoringResult): string {
  return `${r.day}|${r.test}|${String(r.value)}`;
}

export function compareResults(a: MonitoringResult, b: MonitoringResult): number {
  return (
    a.day - b.day || (a.test < b.test ? -1 : a.test > b.test ? 1 : 0) || (String(a.value) < String(b.value) ? -1 : String(a.value) > String(b.value) ? 1 : 0)
  );
}

export interface Recording {
  /** Every result, old and new, in date order. */
  results: MonitoringResult[];
  recorded: MonitoringResult[];
  duplicates: MonitoringResult[];
}

/**
 * Adds results to those already held. Nothing is ever removed: a result already held (or sent twice in
 * one batch) is reported as a duplicate; two different values for one test on one day are both kept,
 * since neither can be known to be the wrong one. Order of arrival does not matter.
 */
export function recordResults(existing: readonly MonitoringResult[], incoming: readonly MonitoringResult[]): Recording {
  const seen = new Set(existing.map(resultKey));
  const recorded: MonitoringResult[] = [];
  const duplicates: MonitoringResult[] = [];
  for (const r of incoming) {
    const k = resultKey(r);
    if (seen.has(k)) duplicates.push(r);
    else {
      seen.add(k);
      recorded.push(r);
    }
  }
  return { results: [...existing, ...recorded].sort(compareResults), recorded, duplicates };
}

/** Results from several sources (the history's labs, results recorded later) without duplicates. */
export function mergeResults(...lists: readonly (readonly MonitoringResult[])[]): MonitoringResult[] {
  return lists.reduce<MonitoringResult[]>((acc, l) => recordResults(acc, l).results, []);
}

export { EXAM_IDS };
