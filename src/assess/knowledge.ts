import { z } from 'zod';
import { CONDITION_IDS, DRUG_IDS, LAB_IDS, PHENOTYPES } from '../history/vocabularies.js';
import rulesetJson from '../../knowledge/rules/ruleset.json' with { type: 'json' };
import { ASSESSABLE_DRUGS, DRUGS, LABELS, type AssessDrug, type LabelId } from '../drugs/index.js';
import { DRUG_FILES, TRIAL_FILES } from './drug-knowledge.js';

// The rule data lives in knowledge/ (rules, trials, risks) as JSON with provenance, and is validated
// here when the module loads, so that a typo in a rule file fails loudly at start-up instead of
// silently weakening a rule.

/** Source ids of /work/shared/knowledge/README.md: every figure in the rule data cites one of them. */
export const SOURCE_IDS = [
  'eu-smpc-lemtrada', 'us-pi-lemtrada', 'us-pi-mitoxantrone', 'camms223', 'care-ms-1', 'care-ms-2',
  'coles-2006', 'edan-1997', 'mims-2002', 'lublin-2014', 'lorscheider-2016', 'kappos-2020',
  'montobbio-2024', 'kurtzke-1983', 'seed-clinicspeak',
] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

const Sources = z.array(z.enum(SOURCE_IDS)).min(1);
const Label = z.enum(LABELS);
export type { AssessDrug, LabelId };
const Effect = z.enum(['contraindication', 'against', 'caution', 'for']);
export type Effect = z.infer<typeof Effect>;

export const RULE_KINDS = [
  'condition', 'progressive-course', 'onset-duration-above', 'edss-above', 'all-of', 'inactive-disease',
  'alemtuzumab-license', 'age-above', 'pregnancy', 'active-disease', 'highly-active', 'inside-trial',
  'lab-below', 'cumulative-dose', 'prior-drug', 'mitoxantrone-indication', 'active-or-worsening', 'outside-all-trials', 'lab-decline',
] as const;

const RuleSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9-]+\.[a-z0-9.-]+$/),
  kind: z.enum(RULE_KINDS),
  effect: Effect,
  /** The same rule may weigh differently under another label (e.g. US has fewer contraindications). */
  effectByLabel: z.partialRecord(Label, Effect).optional(),
  labels: z.array(Label).default(['eu', 'us']),
  title: z.string(),
  why: z.string().optional(),
  sources: Sources,
  conditions: z.array(z.enum(CONDITION_IDS)).optional(),
  /** History-of conditions count whatever their status; current ones only while active. */
  countResolved: z.boolean().optional(),
  positiveLab: z.enum(LAB_IDS).optional(),
  maxYears: z.number().optional(),
  maxEdss: z.number().optional(),
  maxAge: z.number().optional(),
  minAge: z.number().optional(),
  minFailedTherapies: z.number().int().optional(),
  windowMonths: z.number().int().optional(),
  planningWithinMonths: z.number().int().optional(),
  planningEffect: Effect.optional(),
  allOf: z.array(z.string()).optional(),
  trials: z.array(z.string()).optional(),
  test: z.enum(LAB_IDS).optional(),
  min: z.number().optional(),
  unit: z.string().optional(),
  limits: z.strictObject({ eu: z.number(), us: z.number() }).optional(),
  nextDoseMgM2: z.number().optional(),
  points: z.number().optional(),
  drugs: z.array(z.enum(DRUG_IDS)).optional(),
});
export type Rule = z.infer<typeof RuleSchema>;

const RequiredDataSchema = z.strictObject({
  field: z.enum(['edss', 'relapses', 'mri', 'course', 'therapies', 'conditions', 'birthDate', 'msOnset']),
  recentMonths: z.number().int().optional(),
  why: z.string(),
  sources: Sources,
});
export type RequiredData = z.infer<typeof RequiredDataSchema>;

const CheckSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['lab-qualitative', 'condition-screen', 'pregnancy-test', 'labs-recent', 'manual', 'body']),
  title: z.string(),
  sources: Sources,
  test: z.enum(LAB_IDS).optional(),
  tests: z.array(z.enum(LAB_IDS)).optional(),
  /** What a positive qualitative result means for the check: a failed screen, or proven immunity. */
  positive: z.enum(['failed', 'done']).optional(),
  conditions: z.array(z.enum(CONDITION_IDS)).optional(),
  validMonths: z.number().int().optional(),
  sexes: z.array(z.enum(['female', 'male', 'other', 'unknown'])).optional(),
  labels: z.array(Label).optional(),
  /** A failed check is also a reason, with this effect (absent: another rule already says it). */
  failEffect: Effect.optional(),
  failAdvice: z.string().optional(),
});
export type Check = z.infer<typeof CheckSchema>;

const RuleFileSchema = z.strictObject({
  drug: z.enum(ASSESSABLE_DRUGS),
  requiredData: z.array(RequiredDataSchema),
  rules: z.array(RuleSchema),
  checks: z.array(CheckSchema),
});
export type RuleFile = z.infer<typeof RuleFileSchema>;

export interface CriterionSpec {
  id: string;
  kind: 'age-range' | 'phenotype' | 'onset-within' | 'edss-range' | 'relapses-in-window' | 'gd-lesion' | 'mri-lesions'
    | 'no-prior-dmt' | 'relapse-on-therapy' | 'no-prior-drugs' | 'edss-worsening' | 'prior-therapy' | 'any-of';
  text: string;
  min?: number;
  max?: number;
  months?: number;
  count?: number;
  withSequelae?: boolean;
  allowed?: ('CIS' | 'RRMS' | 'SPMS' | 'PPMS')[];
  drugs?: (typeof DRUG_IDS)[number][];
  minMonths?: number;
  withinMonths?: number;
  points?: number;
  anyOf?: CriterionSpec[];
}

const CriterionSchema: z.ZodType<CriterionSpec> = z.lazy(() =>
  z.strictObject({
    id: z.string(),
    kind: z.enum(['age-range', 'phenotype', 'onset-within', 'edss-range', 'relapses-in-window', 'gd-lesion', 'mri-lesions',
      'no-prior-dmt', 'relapse-on-therapy', 'no-prior-drugs', 'edss-worsening', 'prior-therapy', 'any-of']),
    text: z.string(),
    min: z.number().optional(),
    max: z.number().optional(),
    months: z.number().int().optional(),
    count: z.number().int().optional(),
    withSequelae: z.boolean().optional(),
    allowed: z.array(z.enum(PHENOTYPES)).optional(),
    drugs: z.array(z.enum(DRUG_IDS)).optional(),
    minMonths: z.number().int().optional(),
    withinMonths: z.number().int().optional(),
    points: z.number().optional(),
    anyOf: z.array(CriterionSchema).optional(),
  }),
);

const TrialSchema = z.strictObject({
  id: z.string(),
  study: z.string(),
  drug: z.enum(ASSESSABLE_DRUGS),
  sources: Sources,
  population: z.string(),
  confidence: z.string(),
  protocol: z.strictObject({
    id: z.enum(['edan', 'mims']), name: z.string(), doses: z.number().int(),
    doseMg: z.number().optional(), doseMgM2: z.number().optional(),
  }).optional(),
  criteria: z.array(CriterionSchema),
});
export type Trial = z.infer<typeof TrialSchema>;

const RiskFileSchema = z.strictObject({
  drug: z.enum(ASSESSABLE_DRUGS),
  benefits: z.array(z.strictObject({
    id: z.string(), trial: z.string(), outcome: z.string(), detail: z.string(), sources: Sources, confidence: z.string(),
    treated: z.number().optional(), comparator: z.number().optional(), relativeReduction: z.number().optional(),
    appliesTo: z.enum(['progressive']).optional(),
  })),
  risks: z.array(z.strictObject({
    id: z.string(), name: z.string(), frequency: z.string(), sources: Sources, confidence: z.string(),
    low: z.number().optional(), high: z.number().optional(),
    /** Rules or failed checks of this patient that raise this risk. */
    factorRules: z.array(z.string()).optional(),
  })),
  monitoring: z.strictObject({
    months: z.number(), detail: z.string(), monthlyTests: z.array(z.string()), quarterlyTests: z.array(z.string()), sources: Sources,
  }),
});
export type RiskFile = z.infer<typeof RiskFileSchema>;

function load<T>(relative: string, json: unknown, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`knowledge/${relative} is invalid rule data: ${where}`);
  }
  return parsed.data;
}

export interface Knowledge {
  version: string;
  rules: Record<AssessDrug, RuleFile>;
  trials: Record<string, Trial>;
  risks: Record<AssessDrug, RiskFile>;
}

function loadKnowledge(): Knowledge {
  const version = load('rules/ruleset.json', rulesetJson, z.object({ version: z.string(), note: z.string().optional() })).version;
  const trials: Record<string, Trial> = {};
  for (const [id, json] of Object.entries(TRIAL_FILES)) {
    const t = load(`trials/${id}.json`, json, TrialSchema);
    if (t.id !== id) throw new Error(`knowledge/trials/${id}.json: its id is ${t.id}`);
    trials[id] = t;
  }
  const rules = {} as Record<AssessDrug, RuleFile>;
  const risks = {} as Record<AssessDrug, RiskFile>;
  for (const drug of ASSESSABLE_DRUGS) {
    rules[drug] = load(`rules/${drug}.json`, DRUG_FILES[drug].rules, RuleFileSchema);
    risks[drug] = load(`risks/${drug}.json`, DRUG_FILES[drug].risks, RiskFileSchema);
    if (rules[drug].drug !== drug) throw new Error(`knowledge/rules/${drug}.json: its drug is ${rules[drug].drug}`);
    if (risks[drug].drug !== drug) throw new Error(`knowledge/risks/${drug}.json: its drug is ${risks[drug].drug}`);
    for (const t of DRUGS[drug].trials) if (!trials[t]) throw new Error(`src/drugs: ${drug} shows unknown trial ${t}`);
    const codes = new Set<string>();
    for (const r of rules[drug].rules) {
      if (!r.code.startsWith(`${drug}.`)) throw new Error(`knowledge/rules/${drug}.json: rule code ${r.code} must start with ${drug}.`);
      if (codes.has(r.code)) throw new Error(`knowledge/rules/${drug}.json: duplicate rule code ${r.code}`);
      codes.add(r.code);
      for (const t of r.trials ?? []) if (!trials[t]) throw new Error(`knowledge/rules/${drug}.json: ${r.code} names unknown trial ${t}`);
      for (const c of r.allOf ?? []) if (!codes.has(c)) throw new Error(`knowledge/rules/${drug}.json: ${r.code} combines ${c}, which must come before it`);
    }
  }
  return { version, rules, trials, risks };
}

export const KNOWLEDGE: Knowledge = loadKnowledge();
export const RULESET_VERSION: string = KNOWLEDGE.version;

/** The trials whose boxes are shown for a drug, in the registry's order. */
export const EVIDENCE_TRIALS: Record<AssessDrug, readonly string[]> = Object.fromEntries(
  ASSESSABLE_DRUGS.map((d) => [d, DRUGS[d].trials]),
) as Record<AssessDrug, readonly string[]>;
