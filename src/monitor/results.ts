import { z } from 'zod';
import { dayFromYmd, daysInMonth, formatDay, parseDay, type Day } from '../history/dates.js';
import { DateSchema, type History, type Lab } from '../history/schema.js';
import { validateHistory, type ValidationIssue } from '../history/validate.js';
import { LAB_IDS, type LabId } from '../history/vocabularies.js';
import { EXAM_IDS, MONITORING_TEST_IDS, type MonitoringTestId } from './knowledge.js';

/** A monitoring result as callers send it (the history's lab format, plus the two examinations). */
export const MonitoringResultSchema = z.strictObject({
  date: DateSchema,
  test: z.enum(MONITORING_TEST_IDS),
  value: z.union([z.number(), z.enum(['positive', 'negative'])]),
  unit: z.string().min(1).optional(),
});
export type MonitoringResultInput = z.infer<typeof MonitoringResultSchema>;

/** A validated result in the product's unit, with its day parsed once. */
export interface MonitoringResult {
  day: Day;
  test: MonitoringTestId;
  value: number | 'positive' | 'negative';
  unit?: string;
}

export type ResultsValidation = { ok: true; results: MonitoringResult[] } | { ok: false; issues: ValidationIssue[] };

const isLab = (t: string): t is LabId => (LAB_IDS as readonly string[]).includes(t);

/**
 * Validates a list of results and converts lab values to the product's units, with every problem at
 * once. Lab results obey exactly the history's lab rules (units, grades, qualitative tests); an
 * examination's value is "negative" (nothing found) or "positive" (a finding). `path` names the list
 * in the caller's document.
 */
export function validateResults(input: unknown, options: { asOf: Day; path?: string }): ResultsValidation {
  const path = options.path ?? '$.results';
  if (!Array.isArray(input)) return { ok: false, issues: [{ path, message: 'must be a list of results' }] };
  const issues: ValidationIssue[] = [];
  const labs: unknown[] = [];
  const labIndex: number[] = [];
  input.forEach((r, i) => {
    const at = `${path}[${i}]`;
    const parsed = MonitoringResultSchema.safeParse(r);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length ? `${at}.${issue.path.join('.')}` : at;
        issues.push({ path: field, message: issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : describe(issue, r) });
      }
      return;
    }
    const v = parsed.data;
    if (isLab(v.test)) {
      labs.push(v);
      labIndex.push(i);
    } else {
      if (v.value !== 'positive' && v.value !== 'negative')
        issues.push({ path: `${at}.value`, message: `${v.test} is an examination: its value is "negative" (nothing found) or "positive" (a finding)` });
      if (v.unit !== undefined) issues.push({ path: `${at}.unit`, message: 'an examination has no unit' });
      const d = parseDay(v.date)!;
      if (d > options.asOf) issues.push({ path: `${at}.date`, message: `result date ${v.date} is after ${formatDay(options.asOf)}` });
    }
  });
  // Lab results reuse the history validator, so a unit accepted in a history is accepted here and no other.
  let normalised: Lab[] = [];
  if (labs.length > 0) {
    const v = validateHistory({ formatVersion: 1, id: 'results', labs }, { asOf: options.asOf });
    if (!v.ok) {
      for (const issue of v.issues) {
        const m = /^\$\.labs\[(\d+)\](.*)$/.exec(issue.path);
        issues.push(
          m ? { path: `${path}[${labIndex[Number(m[1])]!}]${m[2]!}`, message: issue.message.replace('the assessment date', 'the as-of date') } : issue,
        );
      }
    } else normalised = v.history.labs ?? [];
  }
  if (issues.length > 0) return { ok: false, issues };
  const out: MonitoringResult[] = [];
  let li = 0;
  for (const r of input as MonitoringResultInput[]) {
    const src = isLab(r.test) ? normalised[li++]! : r;
    // The results schema admits no genotype, so every normalised lab here is a monitored value.
    if (isMonitoredLab(src)) out.push(toResult(src));
  }
  return { ok: true, results: out };
}

function describe(issue: z.core.$ZodIssue, r: unknown): string {
  if (issue.code === 'invalid_value' && issue.path[0] === 'test') return `unknown test; known: ${MONITORING_TEST_IDS.join(', ')}`;
  if (issue.code === 'invalid_type' && (r === null || typeof r !== 'object')) return 'must be an object { date, test, value, unit? }';
  if (issue.code === 'invalid_type') return `is required or has the wrong type (${issue.expected})`;
  return issue.message;
}

/**
 * A validated YYYY-MM-DD as a Day without a regular expression: the worklist reads millions of result
 * dates, and this is most of its cost. Anything unusual goes through the full parser.
 */
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

function toResult(r: { date: string; test: MonitoringTestId; value: number | 'positive' | 'negative'; unit?: string | undefined }): MonitoringResult {
  // One object shape for every result (unit present even when undefined) keeps property access monomorphic.
  return { day: dayOfDate(r.date), test: r.test, value: r.value, unit: r.unit } as MonitoringResult;
}

/** The results already in a validated history (its `labs`, in the product's units). */
export function resultsFromHistory(history: History): MonitoringResult[] {
  return monitoredLabs(history.labs).map(toResult);
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
