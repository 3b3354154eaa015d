import type { z } from 'zod';
import { formatDay, parseDay, parsePartialDate, type Day } from './dates.js';
import { normalise, recogniseHistory } from './recognise.js';
import { HistorySchema, type History } from './schema.js';
import { GENOTYPE_PATTERN, LAB_UNITS, MAX_URINE_GRADE, acceptedUnits, convertLabValue } from './units.js';
import type { LabId } from './vocabularies.js';

/** One problem with a document: where (a JSON path such as `$.edss[2].score`) and what, as a sentence. */
export interface ValidationIssue {
  path: string;
  message: string;
}

export type ValidationResult = { ok: true; history: History } | { ok: false; issues: ValidationIssue[] };

export interface ValidateOptions {
  /** Events after this date are errors; the adapter passes today, or the assessment's asOf. */
  asOf: Day;
}

type PathPart = string | number | symbol;

export function jsonPath(parts: readonly PathPart[]): string {
  let out = '$';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) out += `.${p}`;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function valueAt(root: unknown, parts: readonly PathPart[]): unknown {
  let cur: unknown = root;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PathPart, unknown>)[p as never];
  }
  return cur;
}

function zodIssueToIssues(issue: z.core.$ZodIssue, input: unknown): ValidationIssue[] {
  const path = jsonPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({
        path: jsonPath([...issue.path, k]),
        message: `unknown field "${k}": the format does not define it (a typo would silently drop data)`,
      }));
    case 'invalid_type': {
      const actual = valueAt(input, issue.path);
      if (actual === undefined) return [{ path, message: `is required (${issue.expected})` }];
      if (issue.path.length === 0) return [{ path, message: `the history must be a JSON object, not ${describeType(actual)}` }];
      if (actual === null) return [{ path, message: 'must not be null: omit an optional field instead' }];
      const expected = issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'an object' : `a ${issue.expected}`;
      return [{ path, message: `must be ${expected}, not ${describeType(actual)}` }];
    }
    case 'invalid_value':
      if (issue.path.length > 0 && valueAt(input, issue.path) === undefined) {
        return [{ path, message: `is required (one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')})` }];
      }
      if (valueAt(input, issue.path) === null) return [{ path, message: 'must not be null: omit an optional field instead' }];
      if (issue.path.length === 1 && issue.path[0] === 'formatVersion') {
        return [{ path, message: 'must be 1: this product reads format version 1' }];
      }
      return [
        { path, message: issue.message.startsWith('Invalid') ? `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` : issue.message },
      ];
    case 'invalid_union': {
      const actual = valueAt(input, issue.path);
      if (actual === null) return [{ path, message: 'must not be null: omit an optional field instead' }];
      return [{ path, message: `has the wrong type (${describeType(actual)})` }];
    }
    case 'too_small':
      return [
        {
          path,
          message:
            issue.origin === 'string'
              ? 'must not be empty'
              : `must be at least ${String(issue.minimum)}${issue.origin === 'number' && !issue.inclusive ? ' (exclusive)' : ''}`,
        },
      ];
    case 'too_big':
      return [{ path, message: `must be at most ${String(issue.maximum)}` }];
    default:
      return [{ path, message: issue.message }];
  }
}

/**
 * Parses and validates a version-1 history. Never throws: every problem is returned at once, each with
 * its path. On success, lab values are converted to the product's units.
 */
export function validateHistory(input: unknown, options: ValidateOptions): ValidationResult {
  // A valid document (the common case in a cohort) is recognised in one pass; zod is asked only to
  // explain what is wrong. The fast path accepts exactly what the schema and the rules below accept.
  const history = recogniseHistory(input, options);
  return history ? { ok: true, history } : validateHistoryFully(input, options);
}

export { recogniseHistory };

/** The schema and every cross-field rule, collecting all issues; exported for the equivalence test. */
export function validateHistoryFully(input: unknown, options: ValidateOptions): ValidationResult {
  const parsed = HistorySchema.safeParse(input);
  const issues: ValidationIssue[] = [];
  if (!parsed.success) for (const i of parsed.error.issues) issues.push(...zodIssueToIssues(i, input));
  issues.push(...semanticIssues(input, options));
  if (issues.length > 0 || !parsed.success) return { ok: false, issues: dedupe(issues) };
  return { ok: true, history: normalise(parsed.data) };
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.path}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---- cross-field rules, run on the raw input defensively so they are reported alongside type errors

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const day = (v: unknown): Day | undefined => (typeof v === 'string' ? parseDay(v) : undefined);
const partial = (v: unknown) => (typeof v === 'string' ? parsePartialDate(v) : undefined);

function semanticIssues(input: unknown, { asOf }: ValidateOptions): ValidationIssue[] {
  if (!isObj(input)) return [];
  const out: ValidationIssue[] = [];
  const asOfText = formatDay(asOf);
  const future = (path: PathPart[], v: unknown, what: string) => {
    const d = day(v);
    if (d !== undefined && d > asOf) out.push({ path: jsonPath(path), message: `${what} ${String(v)} is after the assessment date ${asOfText}` });
  };
  const futurePartial = (path: PathPart[], v: unknown, what: string) => {
    const p = partial(v);
    if (p !== undefined && p.lo > asOf) out.push({ path: jsonPath(path), message: `${what} ${String(v)} is after the assessment date ${asOfText}` });
  };
  const birth = partial(input.birthDate);
  const beforeBirth = (path: PathPart[], v: unknown, what: string) => {
    const d = day(v);
    if (d !== undefined && birth && d < birth.lo)
      out.push({ path: jsonPath(path), message: `${what} ${String(v)} is before the birth date ${String(input.birthDate)}` });
  };

  futurePartial(['birthDate'], input.birthDate, 'birth date');
  futurePartial(['msOnset'], input.msOnset, 'MS onset');
  futurePartial(['msDiagnosis'], input.msDiagnosis, 'diagnosis date');
  const onset = partial(input.msOnset);
  const diagnosis = partial(input.msDiagnosis);
  if (onset && diagnosis && diagnosis.hi < onset.lo) {
    out.push({
      path: '$.msDiagnosis',
      message: `diagnosis ${String(input.msDiagnosis)} is before the first symptoms (msOnset ${String(input.msOnset)}); onset can never be later than diagnosis`,
    });
  }
  if (onset && birth && onset.hi < birth.lo) {
    out.push({ path: '$.msOnset', message: `MS onset ${String(input.msOnset)} is before the birth date ${String(input.birthDate)}` });
  }
  if (isObj(input.course)) futurePartial(['course', 'since'], input.course.since, 'course date');

  list(input.edss).forEach((e, i) => {
    if (!isObj(e)) return;
    future(['edss', i, 'date'], e.date, 'EDSS date');
    beforeBirth(['edss', i, 'date'], e.date, 'EDSS date');
  });
  list(input.relapses).forEach((r, i) => {
    if (!isObj(r)) return;
    future(['relapses', i, 'onset'], r.onset, 'relapse onset');
    beforeBirth(['relapses', i, 'onset'], r.onset, 'relapse onset');
  });
  list(input.mri).forEach((m, i) => {
    if (!isObj(m)) return;
    future(['mri', i, 'date'], m.date, 'MRI date');
    beforeBirth(['mri', i, 'date'], m.date, 'MRI date');
  });
  list(input.performanceTests).forEach((t, i) => {
    if (!isObj(t)) return;
    future(['performanceTests', i, 'date'], t.date, 'test date');
    beforeBirth(['performanceTests', i, 'date'], t.date, 'test date');
  });
  list(input.therapies).forEach((t, i) => {
    if (!isObj(t)) return;
    future(['therapies', i, 'start'], t.start, 'therapy start');
    future(['therapies', i, 'end'], t.end, 'therapy end');
    beforeBirth(['therapies', i, 'start'], t.start, 'therapy start');
    const start = day(t.start);
    const end = day(t.end);
    if (start !== undefined && end !== undefined && end < start) {
      out.push({ path: jsonPath(['therapies', i, 'end']), message: `therapy end ${String(t.end)} is before its start ${String(t.start)}` });
    }
    if (t.endUnknown !== undefined && t.end !== undefined) {
      out.push({
        path: jsonPath(['therapies', i, 'endUnknown']),
        message: 'endUnknown says the end date is not known: give either end or endUnknown, not both',
      });
    }
    if (t.stopReason !== undefined && t.end === undefined && t.endUnknown !== true) {
      out.push({
        path: jsonPath(['therapies', i, 'stopReason']),
        message: 'a stop reason needs an end date (or endUnknown: true): a therapy without end is ongoing',
      });
    }
    list(t.doses).forEach((d, j) => {
      if (!isObj(d)) return;
      future(['therapies', i, 'doses', j, 'date'], d.date, 'dose date');
      const dd = day(d.date);
      if (dd !== undefined && start !== undefined && dd < start) {
        out.push({
          path: jsonPath(['therapies', i, 'doses', j, 'date']),
          message: `dose date ${String(d.date)} is before the therapy's start ${String(t.start)}`,
        });
      }
      if (dd !== undefined && end !== undefined && dd > end) {
        out.push({ path: jsonPath(['therapies', i, 'doses', j, 'date']), message: `dose date ${String(d.date)} is after the therapy's end ${String(t.end)}` });
      }
    });
  });
  list(input.conditions).forEach((c, i) => {
    if (!isObj(c)) return;
    futurePartial(['conditions', i, 'onset'], c.onset, 'condition onset');
  });
  list(input.labs).forEach((l, i) => {
    if (!isObj(l)) return;
    future(['labs', i, 'date'], l.date, 'lab date');
    out.push(...labIssues(l, i));
  });
  return out;
}

function labIssues(l: Record<string, unknown>, i: number): ValidationIssue[] {
  const test = l.test as LabId;
  const spec = typeof l.test === 'string' ? LAB_UNITS[test] : undefined;
  if (!spec) return [];
  const at = (f: string) => jsonPath(['labs', i, f]);
  const v = l.value;
  if (typeof v === 'number') {
    if (spec.kind === 'qualitative') return [{ path: at('value'), message: `${test} is qualitative: its value must be "positive" or "negative"` }];
    if (spec.kind === 'genotype') return [{ path: at('value'), message: `${test} is a genotype: its value is a diplotype such as "*1/*3"` }];
    if (l.unit === undefined) return [{ path: at('unit'), message: `a numeric ${test} value needs its unit (${spec.unit})` }];
    if (typeof l.unit !== 'string') return [];
    if (convertLabValue(test, v, l.unit) === undefined) {
      return [{ path: at('unit'), message: `unknown unit "${l.unit}" for ${test}; accepted: ${acceptedUnits(test).join(', ')}` }];
    }
    if (spec.kind === 'graded-or-qualitative' && !(Number.isInteger(v) && v >= 0 && v <= MAX_URINE_GRADE)) {
      return [{ path: at('value'), message: `a ${test} grade is a whole number from 0 (negative) to ${MAX_URINE_GRADE}` }];
    }
    if (v < 0) return [{ path: at('value'), message: `a ${test} value cannot be negative` }];
    if (test === 'lvef' && v > 100) return [{ path: at('value'), message: 'an LVEF above 100% is impossible' }];
    return [];
  }
  if (v === 'positive' || v === 'negative') {
    if (spec.kind === 'quantitative') return [{ path: at('value'), message: `${test} is a measured value: give a number with its unit (${spec.unit})` }];
    if (spec.kind === 'genotype') return [{ path: at('value'), message: `${test} is a genotype: its value is a diplotype such as "*1/*3"` }];
    if (l.unit !== undefined) return [{ path: at('unit'), message: 'a qualitative result has no unit' }];
  } else if (typeof v === 'string' && GENOTYPE_PATTERN.test(v)) {
    if (spec.kind !== 'genotype')
      return [
        {
          path: at('value'),
          message: `a genotype is not a ${test} result: give ${spec.kind === 'quantitative' ? `a number with its unit (${spec.unit})` : '"positive" or "negative"'}`,
        },
      ];
    if (l.unit !== undefined) return [{ path: at('unit'), message: 'a genotype has no unit' }];
  }
  return [];
}
