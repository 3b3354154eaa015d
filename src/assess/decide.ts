import type { Day } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { withMinimalEnds } from '../history/therapy-ends.js';
import { asDecisionCourse, decisionCourse, shownCourseAndView, type DecisionCourse } from '../course/index.js';
import { dateText } from '../course/facts.js';
import type { CourseResult } from '../course/types.js';
import { evaluateChecks, type LazyCheck, type LazyReason } from './checks.js';
import { evaluateTrial, type EvidenceContext, type LazyEvidence } from './evidence.js';
import { text, type LazyMissing, type Text } from './lazy-text.js';
import { AssessmentReads, edssText } from './facts.js';
import type { AssessDrug, Effect, LabelId, RequiredData, Rule, RuleOf, Trial } from './knowledge.js';
import { EVIDENCE_TRIALS, KNOWLEDGE } from './loaded-knowledge.js';
import { evaluatorOf, RuleOutcomes, type Outcome, type RuleContext } from './rules.js';
import type { Missing, Tipping } from './schema.js';
import { VERDICT_RANK, type ScaleVerdict } from './verdicts.js';
import type { CostSetting } from './weights.js';

// The decision: a drug's rules, its trials' boxes and its pre-treatment checks applied to one patient,
// and the verdict they give. Everything clinical is in the rule data (knowledge/); this file says how
// outcomes combine: the strictest reason wins, an unknown counts at its worst case, and what is
// missing is said. assess.ts turns the decision into the assessment output.

import type { UnrecognisedProblem } from './review.js';

export interface AssessOptions {
  drug: AssessDrug;
  asOf: Day;
  /** EU (default) or US label where they differ. */
  label?: LabelId;
  /** A course already computed for the same history and asOf (the server reuses it). */
  course?: CourseResult;
  /** The clinic's configured cost per drug; absent: "not configured". */
  cost?: Partial<Record<AssessDrug, CostSetting>>;
  /**
   * The FHIR source holds an MS Condition that gave the history no date (scope.ts): the patient is in
   * scope although the history alone would not say so.
   */
  msInSource?: boolean;
  /**
   * Active problems the record's source holds that the mapping did not recognise (src/fhir): listed in
   * the assessment for the clinician to review before deciding. They change no verdict.
   */
  unrecognised?: UnrecognisedProblem[];
}

const VERDICT_OF_EFFECT: Record<Effect, ScaleVerdict> = {
  contraindication: 'contraindicated',
  against: 'advise-against',
  caution: 'offer-with-caution',
  for: 'offer',
};

/** A drug's rules under one label, in file order with the effect that label gives them, and its trials. */
export interface Plan {
  /** `code` is the reason code under this label (codeByLabel, else the rule's code). */
  rules: { rule: Rule; code: string; effect: Effect; evaluate: (rule: Rule, ctx: RuleContext) => Outcome; slot: number }[];
  /** Each rule code's slot in the outcomes. */
  slots: Map<string, number>;
  trials: Trial[];
  /** The lifetime-dose rule, for drugs given in protocols of counted doses. */
  doseRule: RuleOf<'cumulative-dose'> | undefined;
  /** The rule that judges a progressive course, whose unknown leaves "progressive" unknown on the scale. */
  progressiveRule: string | undefined;
}
const plans: Record<string, Partial<Record<LabelId, Plan>>> = {};
function planFor(drug: AssessDrug, label: LabelId): Plan {
  let plan = plans[drug]?.[label];
  if (!plan) {
    const file = KNOWLEDGE.rules[drug];
    const slots = new Map<string, number>();
    const slotOf = (code: string) => {
      if (!slots.has(code)) slots.set(code, slots.size);
      return slots.get(code)!;
    };
    plan = {
      rules: file.rules
        .filter((r) => r.labels.includes(label))
        .map((rule) => ({
          rule,
          code: rule.codeByLabel?.[label] ?? rule.code,
          effect: rule.effectByLabel?.[label] ?? rule.effect,
          evaluate: evaluatorOf(rule),
          slot: slotOf(rule.code),
        })),
      slots,
      trials: EVIDENCE_TRIALS[drug].map((id) => KNOWLEDGE.trials[id]!),
      doseRule: file.rules.find((r): r is RuleOf<'cumulative-dose'> => r.kind === 'cumulative-dose'),
      progressiveRule: file.rules.find((r) => r.kind === 'progressive-course')?.code,
    };
    (plans[drug] ??= {})[label] = plan;
  }
  return plan;
}

interface Gap {
  code: string;
  message: Text;
}

type MissingEffect = Missing['effect'];
/** A missing entry with its reason built when read (lazy-text.ts). */
export interface LazyGap extends LazyMissing {
  effect: MissingEffect;
}

function requiredDataGaps(req: readonly RequiredData[], h: History, course: DecisionCourse): LazyGap[] {
  const out: LazyGap[] = [];
  for (const r of req) {
    if (r.field === 'edss') {
      const e = course.disabilityEdss;
      if (!e) out.push({ field: 'edss', why: () => `no EDSS recorded: ${r.why}`, effect: 'insufficient-data' });
      else if (r.recentMonths !== undefined && !e.recent) {
        out.push({
          field: 'edss',
          why: () => `the latest EDSS (${edssText(e.score)} on ${e.date}) is more than ${r.recentMonths} months old: ${r.why}`,
          effect: 'insufficient-data',
        });
      }
    } else if (h[r.field] === undefined) {
      out.push({
        field: r.field,
        why: () => `not recorded: ${r.why}${r.field === 'course' ? `; from the EDSS record: ${objectiveText(course)}` : ''}`,
        effect: 'insufficient-data',
      });
    }
  }
  return out;
}

function objectiveText(course: DecisionCourse): string {
  const o = course.objectiveSpms;
  if (o.status === 'met') return `objective SPMS met${o.date ? ` on ${o.date}` : ''} (Lorscheider 2016)`;
  if (o.status === 'unmet') return 'not SPMS by the objective definition (Lorscheider 2016)';
  return `objective SPMS cannot be judged (${o.detail})`;
}

/** Merges gaps on the same field: one entry per field, insufficient-data winning over caution. */
function mergeMissing(items: LazyGap[]): LazyGap[] {
  // A handful of entries: a scan of the list so far, in first-seen order of the fields.
  const out: LazyGap[] = [];
  for (const m of items) {
    let i = 0;
    while (i < out.length && out[i]!.field !== m.field) i++;
    if (i === out.length) out.push(m);
    else if (out[i]!.effect === 'caution' && m.effect === 'insufficient-data') out[i] = m;
  }
  return out;
}

export interface DecisionWork {
  verdict: ScaleVerdict;
  reasons: LazyReason[];
  missing: LazyGap[];
  checks: LazyCheck[];
  tipping: { code: string; effect: Tipping['effect']; message: Text }[];
  evidence: LazyEvidence[];
  /** The full course; absent when only the codes were asked for (the rules read `view`). */
  course: CourseResult | undefined;
  view: DecisionCourse;
  label: LabelId;
  plan: Plan;
  evidenceByTrial: Map<string, LazyEvidence>;
  outcomes: RuleOutcomes;
  reads: AssessmentReads;
}

/**
 * The decision for one drug and patient, its texts unbuilt. With `codesOnly` (a cohort screening) the
 * course is the decision's view without texts, a trial box stops at its first unmet criterion and only
 * the checks that can fail are evaluated: the codes, effects and statuses are the same (property tests).
 */
/**
 * What several decisions on one history and asOf can share (a comparison of drugs, `screen --drug
 * all`): the drug-independent view of the course and the remembered reads of the history.
 */
export interface SharedReads {
  view: DecisionCourse;
  reads: AssessmentReads;
  /** The trial criteria judged so far on this view (evidence.ts): equal criteria of two drugs' trials are judged once. */
  judged: EvidenceContext['judged'];
}

export function sharedReads(recorded: History, asOf: Day): SharedReads {
  // The same history every decision reads (decideWork): end-unknown therapies end on their start.
  const history = withMinimalEnds(recorded);
  return { view: decisionCourse(history, asOf, false), reads: new AssessmentReads(history, asOf), judged: [] };
}

export function decideWork(recorded: History, options: AssessOptions, codesOnly = false, shared?: SharedReads): DecisionWork {
  // A therapy stopped on an unknown day ends on its start for every span; washouts read endUnknown.
  const history = withMinimalEnds(recorded);
  const { drug, asOf } = options;
  const label: LabelId = options.label ?? 'eu';
  if (options.course && options.course.asOf !== dateText(asOf)) {
    throw new RangeError(`the course given was computed as of ${options.course.asOf}, not as of the assessment date ${dateText(asOf)}`);
  }
  let course = options.course;
  let view: DecisionCourse;
  if (course) view = asDecisionCourse(course, history, asOf);
  else if (!codesOnly) ({ course, view } = shownCourseAndView(history, asOf));
  else view = shared?.view ?? decisionCourse(history, asOf, false);
  const ruleFile = KNOWLEDGE.rules[drug];

  const reads = shared?.reads ?? new AssessmentReads(history, asOf);
  const judged = shared && view === shared.view ? shared.judged : [];
  const evidenceCtx = { history, asOf, course: view, judged, reads, fitOnly: codesOnly };
  const plan = planFor(drug, label);
  const evidence: LazyEvidence[] = [];
  const evidenceByTrial = new Map<string, LazyEvidence>();
  for (const trial of plan.trials) {
    const e = evaluateTrial(trial, evidenceCtx);
    evidence.push(e);
    evidenceByTrial.set(e.trial, e);
  }

  const reasons: LazyReason[] = [];
  const missing = requiredDataGaps(ruleFile.requiredData, history, view);
  const gaps: Gap[] = missing.map((m) => ({ code: `${drug}.required-data.${m.field}`, message: m.why }));
  const outcomes = new RuleOutcomes(plan.slots);
  const ctx: RuleContext = { history, asOf, label, course: view, evidence: evidenceByTrial, reads, outcomes };

  for (const { rule, code, effect, evaluate, slot } of plan.rules) {
    const outcome = evaluate(rule, ctx);
    outcomes.set(slot, outcome);
    if (outcome.status === 'fires') {
      reasons.push({ code, effect: outcome.effect ?? effect, message: outcome.message, sources: rule.sources });
    } else if (outcome.status === 'unknown' && effect !== 'for') {
      if (effect === 'caution') {
        // The worst value of the missing datum would only call for caution: say so, and go no further.
        const said = outcome.message;
        reasons.push({
          code,
          effect: 'caution',
          sources: rule.sources,
          message: () => {
            const m = text(said);
            return m.startsWith('Uncertain') ? m : `Uncertain: ${m}`;
          },
        });
        for (const m of outcome.missing) missing.push({ field: m.field, why: m.why, effect: 'caution' });
      } else {
        gaps.push({ code, message: outcome.message });
        for (const m of outcome.missing) missing.push({ field: m.field, why: m.why, effect: 'insufficient-data' });
      }
    }
  }

  const checked = evaluateChecks(drug, ruleFile.checks, history, asOf, label, reads, codesOnly);
  for (const r of checked.reasons) reasons.push(r);

  let verdict: ScaleVerdict = 'offer';
  for (const r of reasons) if (VERDICT_RANK[VERDICT_OF_EFFECT[r.effect]] > VERDICT_RANK[verdict]) verdict = VERDICT_OF_EFFECT[r.effect];
  if (gaps.length > 0 && VERDICT_RANK['insufficient-data'] > VERDICT_RANK[verdict]) verdict = 'insufficient-data';

  const tipping: DecisionWork['tipping'] =
    verdict === 'insufficient-data'
      ? gaps.map((g) => ({ code: g.code, effect: 'unknown' as const, message: g.message }))
      : reasons
          .filter((r) => r.effect !== 'for' && VERDICT_OF_EFFECT[r.effect] === verdict)
          .map((r) => ({ code: r.code, effect: r.effect as Tipping['effect'], message: r.message }));

  return {
    verdict,
    reasons: sortReasons(reasons),
    missing: mergeMissing(missing),
    checks: checked.checks,
    tipping,
    course,
    view,
    evidence,
    label,
    plan,
    evidenceByTrial,
    outcomes,
    reads,
  };
}

const EFFECTS_IN_ORDER: readonly Effect[] = ['contraindication', 'against', 'caution', 'for'];

/** Strictest first, so a reader meets what decided the verdict before what weighs for the drug (stable within an effect). */
function sortReasons(reasons: LazyReason[]): LazyReason[] {
  const out: LazyReason[] = [];
  for (let order = 0; order < EFFECTS_IN_ORDER.length; order++) {
    const effect = EFFECTS_IN_ORDER[order];
    for (let i = 0; i < reasons.length; i++) if (reasons[i]!.effect === effect) out.push(reasons[i]!);
  }
  return out;
}
