import type { History } from '../../history/schema.js';
import type { AssessDrug } from '../../drugs/index.js';
import { decideWork, sharedReads, type AssessOptions, type SharedReads } from '../decide.js';
import { msScope, NOT_APPLICABLE_CODE } from '../scope.js';
import type { CheckResult, Missing, Reason, Tipping, Verdict } from '../schema.js';

// Screening's fast path: the decision of `assess` with no text built, for cohort screening (src/screen),
// where a row holds codes. It runs the same rules, boxes and checks (decide.ts); property.test.ts holds
// it to `assess` on generated histories: the same verdict, reason and tipping codes with their effects,
// missing fields and failed checks.

/**
 * An assessment's decision with every text left unbuilt: the codes, effects, fields and statuses a
 * cohort screening writes (the verdict, reasons, tipping reasons and missing data of `assess`).
 */
export interface DecisionCodes {
  verdict: Verdict;
  reasons: { code: string; effect: Reason['effect'] }[];
  missing: { field: string; effect: Missing['effect'] }[];
  /** The failed checks only (the others leave the verdict alone and are not evaluated). */
  checks: { id: string; status: CheckResult['status'] }[];
  tipping: { code: string; effect: Tipping['effect'] }[];
}

/** The decision of `assess` without building any text: what a cohort screening needs of each patient. */
export function decideCodes(history: History, options: AssessOptions, shared?: SharedReads): DecisionCodes {
  // Out of scope is decided first, before the course or any rule: screening a general population
  // mostly meets such records.
  if (!msScope(history, options.drug, options.label ?? 'eu', options.msInSource).inScope) {
    return { verdict: 'not-applicable', reasons: [{ code: NOT_APPLICABLE_CODE, effect: 'not-applicable' }], missing: [], checks: [], tipping: [] };
  }
  // Only the parts of the course that the rules read, without their texts: the messages that would
  // quote them are never built (this result's type has none to build).
  const d = decideWork(history, options, true, shared);
  return { verdict: d.verdict, reasons: d.reasons, missing: d.missing, checks: d.checks, tipping: d.tipping };
}

/**
 * The decision for each drug of a list on one history, each exactly `decideCodes` for that drug:
 * the course view and the reads of the history, which no drug changes, are computed once.
 */
export function decideCodesForEach(history: History, drugs: readonly AssessDrug[], options: Omit<AssessOptions, 'drug'>): DecisionCodes[] {
  const shared = sharedReads(history, options.asOf);
  const { asOf, label, course, cost, msInSource, unrecognised } = options;
  // Each drug's options written out, not spread from `options`: V8 gave every object spread here a
  // hidden class of its own, so each read of it missed the property caches (and crowded them for the
  // rest of the engine): the eight decisions took 1.8 times as long.
  return drugs.map((drug) =>
    decideCodes(history, { drug, asOf, label, course, cost, msInSource, unrecognised } satisfies Record<keyof AssessOptions, unknown>, shared),
  );
}
