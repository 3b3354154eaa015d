import { z } from 'zod';
import { formatDay, parseDay, type Day } from '../history/dates.js';
import { DateSchema, type Lab } from '../history/schema.js';
import { validateHistory, type ValidationIssue } from '../history/validate.js';
import { LAB_IDS, type LabId } from '../history/vocabularies.js';
import { MONITORING_TEST_IDS } from './knowledge.js';
import { isMonitoredLab, toResult, type MonitoringResult, type MonitoringResultInput } from './results.js';

// Results as given, checked: apart from results.ts so that a plan from a history alone does not load
// the schema library.

export const MonitoringResultSchema = z.strictObject({
  date: DateSchema,
  test: z.enum(MONITORING_TEST_IDS),
  value: z.union([z.number(), z.enum(['positive', 'negative'])]),
  unit: z.string().min(1).optional(),
});
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
