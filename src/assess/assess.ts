import type { History } from '../history/schema.js';
import { dateText } from '../course/facts.js';
import { checkText, type LazyReason } from './checks.js';
import { resolveEvidence } from './evidence.js';
import { text } from './lazy-text.js';
import { decideWork, type AssessOptions, type DecisionWork, type LazyGap } from './decide.js';
import { courseWithRecordChecks } from '../course/index.js';
import { msScope, NOT_APPLICABLE_CODE } from './scope.js';
import { KNOWLEDGE, RULESET_VERSION } from './loaded-knowledge.js';
import { protocolFit } from './protocol.js';
import type { Assessment, EvidenceEntry, Missing, Reason, RiskEstimateOutput, Tipping } from './schema.js';
import { weighScale } from './weights.js';
import { estimateRisk } from './risk-estimate.js';
import { notWeighed } from './review.js';

// The assessment of one drug for one patient, as the contract gives it: the decision (decide.ts) with
// its texts built, the evidence boxes, the protocol that fits and the weights on the scale.

export type { AssessOptions } from './decide.js';

const reasonText = (r: LazyReason): Reason => ({ code: r.code, effect: r.effect, message: text(r.message), sources: r.sources });
const missingText = (m: LazyGap): Missing => ({ field: m.field, why: text(m.why), effect: m.effect });
/** A tipping reason is one of the reasons (or a gap): its message, built once for the reasons, is not built again. */
function tippingText(t: DecisionWork['tipping'][number], lazy: readonly LazyReason[], built: readonly Reason[]): Tipping {
  let i = 0;
  while (i < lazy.length && lazy[i]!.message !== t.message) i++;
  return { code: t.code, effect: t.effect, message: i < lazy.length ? built[i]!.message : text(t.message) };
}

/**
 * Assesses one drug for one patient: pure (history and asOf in, assessment out). Unknowns count at
 * their worst case: a gap that could only call for caution gives an uncertain caution; one that could
 * call for more gives insufficient-data with what to record.
 */
export function assess(history: History, options: AssessOptions): Assessment {
  const { drug, asOf } = options;
  const scope = msScope(history, drug, options.label ?? 'eu', options.msInSource);
  if (!scope.inScope) return notApplicable(history, options, scope.message);
  const d = decideWork(history, options);
  const { plan, label } = d;
  const course = d.course!;
  const evidenceBase = d.evidence.map(resolveEvidence);
  const evidence = new Map<string, EvidenceEntry>();
  for (const e of evidenceBase) evidence.set(e.trial!, e);
  const reasons = d.reasons.map(reasonText);

  const progressiveOutcome = plan.progressiveRule === undefined ? undefined : d.outcomes.get(plan.progressiveRule);
  const progressive =
    history.course?.phenotype === 'SPMS' || history.course?.phenotype === 'PPMS' || course.objectiveSpms.status === 'met'
      ? 'yes'
      : history.course === undefined || progressiveOutcome?.status === 'unknown'
        ? 'unknown'
        : 'no';

  const protocol =
    plan.doseRule && plan.trials.some((t) => t.protocol)
      ? protocolFit(history, label, plan.doseRule, plan.trials, evidence, d.reads.cumulativeDose(plan.doseRule.drug))
      : undefined;

  const weights = weighScale(
    drug,
    history,
    KNOWLEDGE.risks[drug],
    evidence,
    reasons,
    progressive,
    protocol,
    options.cost?.[drug],
    plan.trials.find((t) => t.protocol?.standard)?.protocol?.id,
    plan.trials,
  );

  const assessment: Assessment = {
    drug,
    asOf: dateText(asOf),
    rulesetVersion: RULESET_VERSION,
    label,
    verdict: d.verdict,
    reasons,
    evidenceBase,
    missing: d.missing.map(missingText),
    checks: d.checks.map(checkText),
    course,
    tipping: d.tipping.map((t) => tippingText(t, d.reasons, reasons)),
    weights,
  };
  // Last in the contract's key order, and only for a drug given in protocols of counted doses.
  if (protocol) assessment.protocol = protocol;
  // Only for a drug whose risk file has a published table to read (natalizumab's PML risk).
  const estimates = KNOWLEDGE.risks[drug].estimates;
  if (estimates.length > 0) assessment.risks = estimates.map((e) => estimateRisk(e, history, asOf) as RiskEstimateOutput);
  if (options.unrecognised && options.unrecognised.length > 0) assessment.unrecognised = options.unrecognised.map((u) => ({ ...u }));
  const unweighed = notWeighed(history, drug);
  if (unweighed.length > 0) assessment.notWeighed = unweighed;
  return assessment;
}

/**
 * A patient outside Fulcrum's purpose (scope.ts): one reason, nothing weighed. No rule runs, no check
 * is listed and nothing is missing (asking an oncologist for an EDSS would be noise); the course is
 * still described, as the contract has it, and the scale is empty.
 */
function notApplicable(history: History, options: AssessOptions, message: string): Assessment {
  const { drug, asOf } = options;
  return {
    drug,
    asOf: dateText(asOf),
    rulesetVersion: RULESET_VERSION,
    label: options.label ?? 'eu',
    verdict: 'not-applicable',
    reasons: [{ code: NOT_APPLICABLE_CODE, effect: 'not-applicable', message, sources: [] }],
    evidenceBase: [],
    missing: [],
    checks: [],
    course: options.course ?? courseWithRecordChecks(history, asOf),
    tipping: [],
    weights: {
      benefits: [],
      risks: [],
      monitoring: { months: 0, tests: 0, visits: 0, detail: 'Not applicable: no MS diagnosis recorded, nothing was weighed.', sources: [] },
      cost: { configured: false, detail: 'Not applicable: no MS diagnosis recorded.' },
    },
  };
}
