import { decideCodes, NOT_APPLICABLE_CODE, VERDICT_RANK, type AssessDrug, type Assessment, type LabelId } from '../assess/index.js';
import { decideCodesForEach } from '../assess/fast/decide-codes.js';
import { ASSESSABLE_DRUGS } from '../drugs/index.js';
import { sourceMsScope } from '../fhir/source-scope.js';
import type { Day } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { describeJsonSyntaxError } from '../history/json-text.js';
import { recogniseHistory, validateHistoryFully, type ValidationIssue } from '../history/validate.js';
import { bundleToHistory } from '../fhir/index.js';
import { candidateRow, type CandidateRow } from './candidates.js';

// One record of a cohort to one output row: parse, map FHIR if it is FHIR, validate, assess. Pure:
// the same record, drug and asOf always give the same row; a bad record gives a rejected row and
// never stops the run.

export interface ScreenSettings {
  /** One drug, or `all`: every assessable drug, a verdict column each (`screen --drug all`). */
  drug: AssessDrug | 'all';
  asOf: Day;
  label: LabelId;
  candidates: boolean;
  /** Reject a FHIR record for any unreadable entry (by default that entry alone is left out). */
  strict?: boolean;
}

export interface ScreenRow {
  id: string;
  verdict: Assessment['verdict'] | 'rejected';
  reasons: string[];
  tipping: string[];
  missing: string[];
  /** Rejected records only: the first problems, each as "path: message". */
  error?: string;
  /** Where the record came from (line number or file), for rejected records. */
  source?: string;
  /** With `--drug all`: each drug's verdict, in ASSESSABLE_DRUGS order; `verdict` is then the most permissive. */
  verdicts?: Assessment['verdict'][];
}

export interface ScreenResult {
  row: ScreenRow;
  /** Present with --candidates when the patient is one. */
  candidate?: CandidateRow;
}

const MAX_ERRORS = 3;

export function rejected(id: string, issues: readonly ValidationIssue[], source: string): ScreenResult {
  const error =
    issues
      .slice(0, MAX_ERRORS)
      .map((i) => `${i.path}: ${i.message}`)
      .join(' | ') + (issues.length > MAX_ERRORS ? ` | (+${issues.length - MAX_ERRORS} more)` : '');
  return { row: { id, verdict: 'rejected', reasons: [], tipping: [], missing: [], error, source } };
}

function idOf(json: unknown): string {
  if (json === null || typeof json !== 'object') return '';
  const o = json as Record<string, unknown>;
  if (typeof o.id === 'string' && o.resourceType === undefined) return o.id;
  if (o.resourceType === 'Bundle' && Array.isArray(o.entry)) {
    for (const e of o.entry as { resource?: { resourceType?: unknown; id?: unknown } }[]) {
      if (e?.resource?.resourceType === 'Patient' && typeof e.resource.id === 'string') return e.resource.id;
    }
  }
  return '';
}

/** A patient outside Fulcrum's purpose (src/assess/scope.ts): counted apart, never a candidate. */
function notMs(id: string): ScreenResult {
  return { row: { id, verdict: 'not-applicable', reasons: [NOT_APPLICABLE_CODE], tipping: [], missing: [] } };
}

export function screenHistory(history: History, s: ScreenSettings, msInSource = false): ScreenResult {
  if (s.drug === 'all') return screenEveryDrug(history, s, msInSource);
  // The verdict and the codes that decide it: a row holds no message, weight or protocol, so none is built.
  const a = decideCodes(history, { drug: s.drug, asOf: s.asOf, label: s.label, msInSource });
  if (a.verdict === 'not-applicable') return notMs(history.id);
  const row: ScreenRow = {
    id: history.id,
    verdict: a.verdict,
    reasons: a.reasons.map((r) => r.code),
    tipping: a.tipping.map((t) => t.code),
    missing: a.missing.map((m) => m.field),
  };
  const candidate = s.candidates ? candidateRow(history, a, s.asOf) : undefined;
  return candidate ? { row, candidate } : { row };
}

/**
 * Every assessable drug on one history: a verdict per drug, the row's verdict the most permissive of
 * them (not-applicable only when no drug's label covers the patient), and the codes of all, which are
 * drug-prefixed already. The course view is shared between the drugs (decideCodesForEach).
 */
function screenEveryDrug(history: History, s: ScreenSettings, msInSource: boolean): ScreenResult {
  const decisions = decideCodesForEach(history, ASSESSABLE_DRUGS, { asOf: s.asOf, label: s.label, msInSource });
  const verdicts = decisions.map((d) => d.verdict);
  let best: Assessment['verdict'] = 'not-applicable';
  for (const v of verdicts) if (v !== 'not-applicable' && (best === 'not-applicable' || VERDICT_RANK[v] < VERDICT_RANK[best])) best = v;
  if (best === 'not-applicable') return { row: { ...notMs(history.id).row, verdicts } };
  const reasons: string[] = [];
  const tipping: string[] = [];
  const missing: string[] = [];
  for (const d of decisions) {
    if (d.verdict === 'not-applicable') continue;
    for (const r of d.reasons) reasons.push(r.code);
    for (const t of d.tipping) tipping.push(t.code);
    for (const m of d.missing) if (!missing.includes(m.field)) missing.push(m.field);
  }
  return { row: { id: history.id, verdict: best, reasons, tipping, missing, verdicts } };
}

/** A parsed record: a patient history, or a FHIR Bundle of one patient (detected by resourceType). */
export function screenJson(json: unknown, s: ScreenSettings, source: string): ScreenResult {
  // A valid history is recognised first: asking every record for a resourceType it does not have
  // was a miss through the prototype chain for each patient of a cohort of histories.
  const valid = recogniseHistory(json, { asOf: s.asOf });
  if (valid) return screenValid(valid, s, source);
  if (json !== null && typeof json === 'object' && typeof (json as { resourceType?: unknown }).resourceType === 'string') {
    // A record with no MS Condition is decided before it is mapped: most of a general population is
    // not MS, and mapping a whole record to learn that would be most of the work.
    const scope = sourceMsScope(json);
    if (scope === undefined) return notMs(idOf(json));
    // The mapping validates with the assessment date itself: problems point into the Bundle.
    const mapped = bundleToHistory(json, { asOf: s.asOf, strict: s.strict === true });
    return mapped.ok ? screenValid(mapped.history, s, source, scope === 'ms') : rejected(idOf(json), mapped.issues, source);
  }
  // Not recognised as valid: the full validator says why (or, rarely, accepts what the one pass could not).
  const v = validateHistoryFully(json, { asOf: s.asOf });
  return v.ok ? screenValid(v.history, s, source) : rejected(idOf(json), v.issues, source);
}

function screenValid(history: History, s: ScreenSettings, source: string, msInSource = false): ScreenResult {
  try {
    return screenHistory(history, s, msInSource);
  } catch (e) {
    // An engine failure on one record is reported with it; the run goes on.
    return rejected(history.id, [{ path: '$', message: `assessment failed: ${(e as Error).message}` }], source);
  }
}

export function screenLine(line: string, s: ScreenSettings, source: string): ScreenResult {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return rejected('', [{ path: '$', message: `not valid JSON ${describeJsonSyntaxError(line).replace(/^at line 1, /, 'at ')}` }], source);
  }
  return screenJson(json, s, source);
}
