import { z } from 'zod';
import { CONDITION_IDS, DRUG_IDS, LAB_IDS, PHENOTYPES } from '../history/vocabularies.js';
import rulesetJson from '../../knowledge/rules/ruleset.json' with { type: 'json' };
import { ASSESSABLE_DRUGS, DRUGS, LABELS, type AssessDrug, type LabelId } from '../drugs/index.js';
import { DRUG_FILES, TRIAL_FILES } from './drug-knowledge.js';
import { templateProblems } from './template.js';
import { RiskEstimateSchema, riskEstimateProblems } from './risk-estimate-schema.js';
import sourcesJson from '../../knowledge/sources.json' with { type: 'json' };
import whatWouldChangeJson from '../../knowledge/rules/what-would-change.json' with { type: 'json' };
import plainWordsJson from '../../knowledge/rules/plain-words.json' with { type: 'json' };

// The rule data lives in knowledge/ (rules, trials, risks) as JSON with provenance, and is validated
// here when the module loads, so that a typo in a rule file fails loudly at start-up instead of
// silently weakening a rule. The engine reads it through loaded-knowledge.ts, which takes the build's
// record of this validation when the files are unchanged (src/knowledge/checked.ts).

/** The source ids every figure in the rule data cites (knowledge/sources.json, with their citations). */
export const SOURCES: Readonly<Record<string, string>> = sourcesJson.sources;
export const SOURCE_IDS = Object.keys(SOURCES) as [string, ...string[]];
export type SourceId = string;

const Sources = z.array(z.enum(SOURCE_IDS)).min(1);
const Label = z.enum(LABELS);
export type { AssessDrug, LabelId };
const Effect = z.enum(['contraindication', 'against', 'caution', 'for']);
export type Effect = z.infer<typeof Effect>;

const Code = z.string().regex(/^[a-z0-9-]+\.[a-z0-9.-]+$/);
const Condition = z.enum(CONDITION_IDS);
const LabId = z.enum(LAB_IDS);
const DrugId = z.enum(DRUG_IDS);
const Phenotype = z.enum(PHENOTYPES);
const Template = z.string().min(1);

/**
 * The patient letter's wording for a reason: the first entry whose `when` matches is used. `why` says
 * what the reason means for the patient. What could change the answer is not written per rule: it is
 * found by running the assessment again on changed records (what-would-change.json).
 */
const LetterSchema = z
  .array(
    z.strictObject({
      when: z
        .strictObject({ label: Label.optional(), effect: Effect.optional(), phenotype: Phenotype.optional(), sex: z.enum(['female', 'male']).optional() })
        .optional(),
      why: z.array(Template).min(1),
    }),
  )
  .min(1);
export type LetterWording = z.infer<typeof LetterSchema>;

/** What every rule has: its stable code, effect per label, title, sources and its texts. */
const ruleBase = {
  code: Code,
  effect: Effect,
  /** The same rule may weigh differently under another label (e.g. US has fewer contraindications). */
  effectByLabel: z.partialRecord(Label, Effect).optional(),
  /**
   * The reason code under a label where the rule means something else (a US warning is not an EU
   * contraindication, and its code must not say so); absent: `code` under every label.
   */
  codeByLabel: z.partialRecord(Label, Code).optional(),
  labels: z.array(Label).default(['eu', 'us']),
  title: z.string(),
  /** The rule's basis, as the clinician's message may quote it ({why}); empty when it has none. */
  why: z.string().default(''),
  sources: Sources,
  letter: LetterSchema.optional(),
  /** A fired reason of this rule puts the patient at a progressive stage, where the letter says the drug's benefit is unproven. */
  progressiveStage: z.boolean().default(false),
  /**
   * A rule about starting the drug that is clear while the patient takes one of these now (e.g. natalizumab's
   * indication and inactive-disease rules: quiet disease on natalizumab is the drug working, and stopping
   * it risks a return of activity).
   */
  notWhileTaking: z.array(DrugId).optional(),
};

/** What a phenotype-indication rule asks of a course it admits. */
const IndicationNeed = z.enum(['any', 'active', 'highly-active-or-res']);

/** An EDSS change of `points` or more within `months` (the MIMS entry criterion, for mitoxantrone). */
const WorseningSchema = z.strictObject({ months: z.number().int().positive(), points: z.number().positive() });

/** One population a label names ("relapsing forms with active disease"), as criteria that must all be met. */
const IndicationArmSchema = z.strictObject({
  id: z.string(),
  text: z.string(),
  criteria: z.array(z.lazy(() => CriterionSchema)).min(1),
});
export type IndicationArm = z.infer<typeof IndicationArmSchema>;

// Each kind's parameters, every one required where its evaluator reads it, and its message templates.
// KIND_TEXTS below lists the placeholders each message may use.
const RuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('condition'),
    ...ruleBase,
    conditions: z.array(Condition).min(1),
    /** History-of conditions count whatever their status; current ones only while active. */
    countResolved: z.boolean(),
    /** Only conditions no longer active count (a past one; an active one is another rule's). */
    resolvedOnly: z.boolean().optional(),
    positiveLab: LabId.optional(),
    /** The basis per condition, where each needs its own words ({why} is then the recorded ones'). */
    conditionWhy: z.partialRecord(Condition, z.string()).optional(),
    messages: z.strictObject({ fires: Template }),
  }),
  z.strictObject({
    kind: z.literal('progressive-course'),
    ...ruleBase,
    messages: z.strictObject({ recorded: Template, objective: Template, usNote: Template, unknown: Template, unknownMissing: Template }),
  }),
  z.strictObject({
    kind: z.literal('onset-duration-above'),
    ...ruleBase,
    maxYears: z.number().int().positive(),
    messages: z.strictObject({ fires: Template, uncertain: Template, uncertainMissing: Template, noOnset: Template, noOnsetMissing: Template }),
  }),
  z.strictObject({
    kind: z.literal('edss-above'),
    ...ruleBase,
    maxEdss: z.number().min(0).max(10),
    messages: z.strictObject({ fires: Template, uncertain: Template, staleMissing: Template, noneMissing: Template }),
  }),
  z.strictObject({
    kind: z.literal('all-of'),
    ...ruleBase,
    allOf: z.array(Code).min(2),
    messages: z.strictObject({ fires: Template, possibly: Template }),
  }),
  z.strictObject({
    kind: z.literal('inactive-disease'),
    ...ruleBase,
    windowMonths: z.number().int().positive(),
    messages: z.strictObject({ fires: Template, uncertain: Template }),
  }),
  z.strictObject({
    kind: z.literal('licence'),
    ...ruleBase,
    minAge: z.number().int().positive(),
    /** Courses the label excludes outright. */
    excludedPhenotypes: z.array(Phenotype),
    /**
     * What the label asks beyond age, per label: highly active despite a full DMT course or rapidly
     * evolving severe (EU), or an inadequate response to `min` or more other drugs (US).
     */
    byLabel: z.strictObject({
      /**
       * Optional: a rule limited to one label (`labels`) states only that label's requirement. `minAge`
       * replaces the rule's under that label: US labelling counts patients under 17 as paediatric
       * (21 CFR 201.57), so "adults" there starts at 17.
       */
      eu: z
        .strictObject({
          require: z.literal('highly-active-or-res'),
          allowedPhenotypes: z.array(Phenotype).min(1).optional(),
          minAge: z.number().int().positive().optional(),
        })
        .optional(),
      us: z
        .strictObject({
          require: z.literal('failed-therapies'),
          min: z.number().int().positive(),
          notCounting: z.array(DrugId),
          allowedPhenotypes: z.array(Phenotype).min(1).optional(),
          minAge: z.number().int().positive().optional(),
        })
        .optional(),
    }),
    messages: z.strictObject({
      notAdult: Template,
      adultUnknown: Template,
      adultUnknownMissing: Template,
      excludedPhenotype: Template,
      // Each label's messages are required where the rule states that label's requirement, and
      // phenotypeOutside where a label lists its allowed phenotypes (loadRuleFile).
      phenotypeOutside: Template.optional(),
      euUnmet: Template.optional(),
      euUncertain: Template.optional(),
      euTherapiesMissing: Template.optional(),
      euRelapsesMissing: Template.optional(),
      euMriMissing: Template.optional(),
      usNoTherapies: Template.optional(),
      usNoTherapiesMissing: Template.optional(),
      usUnmet: Template.optional(),
      usUncertain: Template.optional(),
      usUncertainMissing: Template.optional(),
    }),
  }),
  z.strictObject({
    kind: z.literal('age-above'),
    ...ruleBase,
    maxAge: z.number().int().positive(),
    messages: z.strictObject({ fires: Template, noBirthDate: Template, noBirthDateMissing: Template, straddles: Template, straddlesMissing: Template }),
  }),
  z.strictObject({
    kind: z.literal('pregnancy'),
    ...ruleBase,
    planningWithinMonths: z.number().int().positive(),
    /** Sexes whose planning counts (alemtuzumab: contraception is asked of women); absent: any. */
    planningSexes: z.array(z.enum(['female', 'male', 'other', 'unknown'])).optional(),
    planningEffect: Effect,
    messages: z.strictObject({ fires: Template, planning: Template, planningFather: Template }),
  }),
  z.strictObject({ kind: z.literal('active-disease'), ...ruleBase, messages: z.strictObject({ fires: Template }) }),
  z.strictObject({
    kind: z.literal('highly-active'),
    ...ruleBase,
    /** Recorded courses the indication it states covers; absent: any. */
    phenotypes: z.array(Phenotype).min(1).optional(),
    messages: z.strictObject({ fires: Template }),
  }),
  z.strictObject({
    kind: z.literal('inside-trial'),
    ...ruleBase,
    trials: z.array(z.string()).min(1),
    messages: z.strictObject({ fires: Template }),
  }),
  z.strictObject({
    kind: z.literal('outside-all-trials'),
    ...ruleBase,
    trials: z.array(z.string()).min(1),
    messages: z.strictObject({ fires: Template, uncertain: Template }),
  }),
  z.strictObject({
    kind: z.literal('lab-below'),
    ...ruleBase,
    test: LabId,
    min: z.number(),
    unit: z.string(),
    messages: z.strictObject({ fires: Template }),
  }),
  z.strictObject({
    kind: z.literal('lab-decline'),
    ...ruleBase,
    test: LabId,
    points: z.number().positive(),
    unit: z.string(),
    messages: z.strictObject({ fires: Template }),
  }),
  z.strictObject({
    kind: z.literal('cumulative-dose'),
    ...ruleBase,
    drug: DrugId,
    /** Lifetime limit in mg/m2 under each label. */
    limits: z.strictObject({ eu: z.number().positive(), us: z.number().positive() }),
    nextDoseMgM2: z.number().positive(),
    messages: z.strictObject({ fires: Template, noTherapies: Template, noTherapiesMissing: Template, unknown: Template }),
  }),
  z.strictObject({
    kind: z.literal('prior-drug'),
    ...ruleBase,
    drugs: z.array(DrugId).min(1),
    messages: z.strictObject({ fires: Template, noTherapies: Template, noTherapiesMissing: Template }),
  }),
  z.strictObject({
    kind: z.literal('active-or-worsening-indication'),
    ...ruleBase,
    /** Courses the indication excludes, each with the message that says so. */
    excludedPhenotypes: z.partialRecord(Phenotype, Template),
    worsening: WorseningSchema,
    activityWindowMonths: z.number().int().positive(),
    /** Recorded courses indicated only when worsening: activity alone does not indicate them. */
    worseningRequired: z.array(Phenotype),
    messages: z.strictObject({
      neither: Template,
      notWorsening: Template,
      noCourse: Template,
      noCourseMissing: Template,
      uncertain: Template,
      worseningMissing: Template,
    }),
  }),
  z.strictObject({
    kind: z.literal('active-or-worsening'),
    ...ruleBase,
    worsening: WorseningSchema,
    messages: z.strictObject({ fires: Template }),
  }),
  /**
   * A label for relapsing forms (US "relapsing forms of MS"): adults with a relapsing course, or with a
   * course that counts only while active (SPMS with relapses or MRI activity in the activity window).
   */
  z.strictObject({
    kind: z.literal('relapsing-indication'),
    ...ruleBase,
    minAge: z.number().int().positive(),
    relapsingPhenotypes: z.array(Phenotype).min(1),
    activeOnlyPhenotypes: z.array(Phenotype),
    messages: z.strictObject({
      notAdult: Template,
      adultUnknown: Template,
      adultUnknownMissing: Template,
      notRelapsing: Template,
      inactive: Template,
      activityUnknown: Template,
      noCourse: Template,
      noCourseMissing: Template,
    }),
  }),
  /** A drug of the list taken now (started on or before the assessment date, not ended before it). */
  z.strictObject({
    kind: z.literal('current-drug'),
    ...ruleBase,
    drugs: z.array(DrugId).min(1),
    messages: z.strictObject({ fires: Template, noTherapies: Template, noTherapiesMissing: Template }),
  }),
  /** A risk estimate of the drug's risk file (`estimates`) that puts the patient in the label's higher-risk group. */
  z.strictObject({
    kind: z.literal('risk-estimate'),
    ...ruleBase,
    estimate: z.string(),
    messages: z.strictObject({ fires: Template, uncertain: Template }),
  }),
  // Added for the label-complete rules (issue 11).
  z.strictObject({
    kind: z.literal('lab-above'),
    ...ruleBase,
    test: LabId,
    /** The upper limit of normal the clinic assumes, and the multiple of it that fires. */
    uln: z.number().positive(),
    timesUln: z.number().positive(),
    unit: z.string(),
    messages: z.strictObject({ fires: Template }),
  }),
  z.strictObject({
    kind: z.literal('age-below'),
    ...ruleBase,
    minAge: z.number().int().positive(),
    messages: z.strictObject({ fires: Template, noBirthDate: Template, noBirthDateMissing: Template, straddles: Template, straddlesMissing: Template }),
  }),
  z.strictObject({
    kind: z.literal('requires-prior-drug'),
    ...ruleBase,
    /** Fires when the therapy record holds none of these. */
    drugs: z.array(DrugId).min(1),
    messages: z.strictObject({ fires: Template, noTherapies: Template, noTherapiesMissing: Template }),
  }),
  z.strictObject({
    kind: z.literal('recent-therapy'),
    ...ruleBase,
    drugs: z.array(DrugId).min(1),
    /** Ongoing, or ended within this many months (the washout). */
    withinMonths: z.number().int().min(0),
    messages: z.strictObject({ fires: Template, noTherapies: Template, noTherapiesMissing: Template, endUnknown: Template, endUnknownMissing: Template }),
  }),
  // Added for the EHR readings (issue 19).
  /**
   * A result of a test that stands in for another (an eGFR for a creatinine clearance) below a bound.
   * With `insteadOf`: only while the test the rule needs has no result as recent, and then the rule's
   * own criterion is unknown (never "no"); without it, the proxy's result is itself the finding.
   */
  z
    .strictObject({
      kind: z.literal('proxy-lab-below'),
      ...ruleBase,
      proxy: LabId,
      insteadOf: LabId.optional(),
      min: z.number(),
      unit: z.string(),
      messages: z.strictObject({ fires: Template.optional(), unknown: Template.optional(), unknownMissing: Template.optional() }),
    })
    .refine((r) => (r.insteadOf === undefined ? r.messages.fires !== undefined : r.messages.unknown !== undefined && r.messages.unknownMissing !== undefined), {
      message: 'a proxy-lab-below rule needs messages.fires, or with insteadOf messages.unknown and unknownMissing',
      path: ['messages'],
    }),
  /**
   * A blood-pressure reading in a hypertensive range within the window (any reading, not only the
   * latest: one normal reading does not make a raised one controlled). The grades are the one
   * definition of knowledge/definitions/blood-pressure.json, which monitoring reads too.
   */
  z.strictObject({
    kind: z.literal('blood-pressure-above'),
    ...ruleBase,
    withinMonths: z.number().int().positive(),
    messages: z.strictObject({ fires: Template }),
  }),
  z.strictObject({
    kind: z.literal('course-count'),
    ...ruleBase,
    drug: DrugId,
    /** Courses allowed in all; fires when this many have been given (the next would pass it). */
    maxCourses: z.number().int().positive(),
    /** Infusion days no more than this far apart belong to one course. */
    courseGapDays: z.number().int().positive(),
    messages: z.strictObject({ fires: Template, noTherapies: Template, noTherapiesMissing: Template, unknown: Template, unknownMissing: Template }),
  }),
  z.strictObject({
    kind: z.literal('indication'),
    ...ruleBase,
    minAge: z.number().int().positive(),
    /**
     * Per label, the populations the label names (any one suffices), each a list of criteria judged
     * as the trial boxes judge theirs (all must be met).
     */
    byLabel: z.strictObject({ eu: z.array(IndicationArmSchema).min(1), us: z.array(IndicationArmSchema).min(1) }),
    messages: z.strictObject({
      notAdult: Template,
      adultUnknown: Template,
      adultUnknownMissing: Template,
      unmet: Template,
      uncertain: Template,
      uncertainMissing: Template,
    }),
  }),
  z.strictObject({
    kind: z.literal('lab-floor-before-course'),
    ...ruleBase,
    test: LabId,
    unit: z.string(),
    /** The drug whose courses are counted (dose days, or therapy starts, more than courseGapDays apart start a new course). */
    drug: DrugId,
    courseGapDays: z.number().int().positive(),
    /** The floor before the 1st, 2nd... course; the last one holds for every later course. */
    floors: z.array(z.strictObject({ min: z.number().positive(), text: z.string() })).min(1),
    /** A result counts only when this recent. */
    validMonths: z.number().int().positive(),
    messages: z.strictObject({ fires: Template, stale: Template, staleMissing: Template, noTherapies: Template, noTherapiesMissing: Template }),
  }),
  z.strictObject({
    kind: z.literal('courses-at-most'),
    ...ruleBase,
    drug: DrugId,
    courseGapDays: z.number().int().positive(),
    max: z.number().int().positive(),
    messages: z.strictObject({ fires: Template, noTherapies: Template, noTherapiesMissing: Template }),
  }),
  // A genotype (a lab whose value is a diplotype such as "*1/*3") in a set: the diplotypes listed, in
  // either order, or any diplotype carrying one of the alleles listed. No genotype recorded: unknown.
  z.strictObject({
    kind: z.literal('genotype'),
    ...ruleBase,
    test: LabId,
    diplotypes: z.array(z.string().regex(/^\*[0-9A-Za-z]+\/\*[0-9A-Za-z]+$/)),
    alleles: z.array(z.string().regex(/^\*[0-9A-Za-z]+$/)),
    messages: z.strictObject({ fires: Template, noResult: Template, noResultMissing: Template }),
  }),
  // A condition whose onset falls within the previous `windowMonths` (whatever its status now). An
  // onset straddling the window's start, or no onset recorded, leaves it unknown.
  z.strictObject({
    kind: z.literal('condition-within'),
    ...ruleBase,
    conditions: z.array(Condition).min(1),
    windowMonths: z.number().int().positive(),
    messages: z.strictObject({ fires: Template, uncertain: Template, uncertainMissing: Template }),
  }),
  // An indication by course, per label: the phenotypes admitted and what each needs beyond it (nothing,
  // activity in the window, or highly active despite treatment / rapidly evolving severe), in adults.
  z.strictObject({
    kind: z.literal('phenotype-indication'),
    ...ruleBase,
    minAge: z.number().int().positive(),
    activityWindowMonths: z.number().int().positive(),
    byLabel: z.strictObject({ eu: z.partialRecord(Phenotype, IndicationNeed), us: z.partialRecord(Phenotype, IndicationNeed) }),
    messages: z.strictObject({
      notAdult: Template,
      adultUnknown: Template,
      adultUnknownMissing: Template,
      outside: Template,
      inactive: Template,
      activityUnknown: Template,
      notHighlyActive: Template,
      highlyActiveUnknown: Template,
      highlyActiveMissing: Template,
      noCourse: Template,
      noCourseMissing: Template,
    }),
  }),
]);
export type Rule = z.infer<typeof RuleSchema>;
export type RuleKind = Rule['kind'];
export type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;

/**
 * The placeholders each message of each rule kind may use, filled by its evaluator (rules.ts). Every
 * message may also use {title}, {Title} (capitalised) and {why}.
 */
export const KIND_TEXTS: { [K in RuleKind]: Record<keyof RuleOf<K>['messages'], readonly string[]> } = {
  condition: { fires: ['findings'] },
  'progressive-course': {
    recorded: ['phenotype', 'since', 'usNote'],
    objective: ['date', 'edss', 'recorded', 'detail', 'usNote'],
    usNote: [],
    unknown: ['objective', 'detail'],
    unknownMissing: ['objective'],
  },
  'onset-duration-above': {
    fires: ['when', 'years', 'asOf', 'reachedBy'],
    uncertain: ['when', 'onset', 'years', 'span'],
    uncertainMissing: ['recordedOnset', 'years'],
    noOnset: ['years'],
    noOnsetMissing: ['years'],
  },
  'edss-above': { fires: ['score', 'date', 'max'], uncertain: ['max'], staleMissing: ['score', 'date'], noneMissing: [] },
  'all-of': { fires: ['parts'], possibly: ['parts'] },
  'inactive-disease': { fires: ['months', 'detail'], uncertain: ['months', 'detail'] },
  licence: {
    notAdult: ['age', 'minAge'],
    adultUnknown: ['minAge'],
    adultUnknownMissing: ['minAge'],
    excludedPhenotype: ['phenotype'],
    phenotypeOutside: ['phenotype', 'label', 'allowed'],
    euUnmet: ['highlyActive', 'res'],
    euUncertain: ['highlyActiveStatus', 'highlyActive', 'resStatus', 'res'],
    euTherapiesMissing: [],
    euRelapsesMissing: [],
    euMriMissing: [],
    usNoTherapies: ['min'],
    usNoTherapiesMissing: ['min'],
    usUnmet: ['min', 'count', 'drugs'],
    usUncertain: ['count', 'drugs', 'possible'],
    usUncertainMissing: ['possible'],
  },
  'age-above': {
    fires: ['age', 'max'],
    noBirthDate: ['max'],
    noBirthDateMissing: ['max'],
    straddles: ['age', 'max'],
    straddlesMissing: ['birthDate', 'max'],
  },
  pregnancy: { fires: ['state'], planning: ['months'], planningFather: ['months'] },
  'active-disease': { fires: ['detail'] },
  'highly-active': { fires: ['parts'] },
  'inside-trial': { fires: ['studies', 'boxes'] },
  'outside-all-trials': { fires: ['unmet'], uncertain: ['studies', 'criteria'] },
  'lab-below': { fires: ['value', 'date', 'min'] },
  'lab-decline': { fires: ['fall', 'best', 'bestDate', 'latest', 'latestDate'] },
  'cumulative-dose': {
    fires: ['detail', 'next', 'after', 'label', 'limit'],
    noTherapies: ['label', 'limit'],
    noTherapiesMissing: ['label', 'limit'],
    unknown: ['detail'],
  },
  'prior-drug': { fires: ['therapies'], noTherapies: ['drugs'], noTherapiesMissing: ['drugs'] },
  'active-or-worsening-indication': {
    neither: ['activity', 'worsening'],
    notWorsening: ['phenotype', 'activity', 'worsening'],
    noCourse: ['objective'],
    noCourseMissing: [],
    uncertain: ['activityStatus', 'activity', 'worseningStatus', 'worsening'],
    worseningMissing: ['months', 'detail'],
  },
  'active-or-worsening': { fires: ['parts'] },
  genotype: { fires: ['genotype', 'date'], noResult: ['test'], noResultMissing: ['test'] },
  'condition-within': { fires: ['findings', 'months'], uncertain: ['findings', 'months'], uncertainMissing: ['findings', 'months'] },
  'phenotype-indication': {
    notAdult: ['age', 'minAge'],
    adultUnknown: ['minAge'],
    adultUnknownMissing: ['minAge'],
    outside: ['phenotype', 'label', 'admitted'],
    inactive: ['phenotype', 'label', 'months', 'detail'],
    activityUnknown: ['phenotype', 'label', 'months', 'detail'],
    notHighlyActive: ['phenotype', 'label', 'highlyActive', 'res'],
    highlyActiveUnknown: ['phenotype', 'label', 'highlyActive', 'res'],
    highlyActiveMissing: [],
    noCourse: ['objective'],
    noCourseMissing: [],
  },
  indication: {
    notAdult: ['age', 'minAge'],
    adultUnknown: ['minAge'],
    adultUnknownMissing: ['minAge'],
    unmet: ['label', 'arms'],
    uncertain: ['label', 'arms'],
    uncertainMissing: ['label', 'criterion'],
  },
  'lab-floor-before-course': {
    fires: ['value', 'date', 'min', 'course', 'floor'],
    stale: ['course', 'min', 'floor', 'months', 'latest'],
    staleMissing: ['course', 'min', 'months'],
    noTherapies: ['drug'],
    noTherapiesMissing: ['drug'],
  },
  'courses-at-most': { fires: ['count', 'max', 'courses'], noTherapies: ['drug'], noTherapiesMissing: ['drug'] },
  'relapsing-indication': {
    notAdult: ['age', 'minAge'],
    adultUnknown: ['minAge'],
    adultUnknownMissing: ['minAge'],
    notRelapsing: ['phenotype'],
    inactive: ['phenotype', 'detail'],
    activityUnknown: ['phenotype', 'detail'],
    noCourse: ['objective'],
    noCourseMissing: [],
  },
  'current-drug': { fires: ['therapies'], noTherapies: ['drugs'], noTherapiesMissing: ['drugs'] },
  'risk-estimate': { fires: ['now', 'in12Months', 'stratum', 'months', 'table', 'detail'], uncertain: ['now', 'in12Months', 'table', 'detail'] },
  'lab-above': { fires: ['value', 'date', 'max', 'uln', 'timesUln'] },
  'age-below': {
    fires: ['age', 'min'],
    noBirthDate: ['min'],
    noBirthDateMissing: ['min'],
    straddles: ['age', 'min'],
    straddlesMissing: ['birthDate', 'min'],
  },
  'requires-prior-drug': { fires: ['drugs'], noTherapies: ['drugs'], noTherapiesMissing: ['drugs'] },
  'recent-therapy': {
    fires: ['therapies', 'months'],
    noTherapies: ['drugs'],
    noTherapiesMissing: ['drugs'],
    endUnknown: ['therapies', 'months'],
    endUnknownMissing: ['therapy', 'months'],
  },
  'proxy-lab-below': {
    fires: ['value', 'date', 'min', 'proxy'],
    unknown: ['value', 'date', 'min', 'proxy', 'test', 'testLatest'],
    unknownMissing: ['value', 'date', 'min', 'proxy', 'test'],
  },
  'blood-pressure-above': { fires: ['reading', 'date', 'grade', 'threshold', 'months', 'latest', 'count'] },
  'course-count': {
    fires: ['count', 'max', 'courses'],
    noTherapies: ['max'],
    noTherapiesMissing: ['max'],
    unknown: ['detail'],
    unknownMissing: ['detail'],
  },
};
const EVERY_MESSAGE = ['title', 'Title', 'why'] as const;

/**
 * The placeholders the risk sentences of a drug's letter may use (letter.ts fills them): the monitoring
 * plan's follow-up and its length for the standard number of courses, and the pregnancy rule's months.
 */
export const RISK_LETTER_PLACEHOLDERS = ['followUpMonths', 'monitoringYears', 'courses', 'contraceptionMonths'] as const;

/** The placeholders a reason's letter wording may use (letter.ts fills them). */
export const LETTER_PLACEHOLDERS = ['drug', 'onset', 'edss', 'conditions', 'lab', 'maxYears', 'maxEdss', 'maxAge', 'min', 'minAge', 'months'] as const;

const RequiredDataSchema = z.strictObject({
  field: z.enum(['edss', 'relapses', 'mri', 'course', 'therapies', 'conditions', 'birthDate', 'msOnset']),
  recentMonths: z.number().int().optional(),
  why: z.string(),
  sources: Sources,
});
export type RequiredData = z.infer<typeof RequiredDataSchema>;

const checkBase = {
  id: z.string(),
  title: z.string(),
  sources: Sources,
  sexes: z.array(z.enum(['female', 'male', 'other', 'unknown'])).optional(),
  labels: z.array(Label).optional(),
};
/** A failed check is also a reason, with this effect (absent: another rule already says it), and its texts. */
const failing = {
  failEffect: Effect.optional(),
  failAdvice: z.string().optional(),
  letter: LetterSchema.optional(),
};
const CheckSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('lab-qualitative'),
    ...checkBase,
    ...failing,
    test: LabId,
    /** What a positive result means for the check: a failed screen, or proven immunity. */
    positive: z.enum(['failed', 'done']),
    /** Conditions that fail the screen when recorded as active. */
    conditions: z.array(Condition).default([]),
  }),
  z.strictObject({ kind: z.literal('condition-screen'), ...checkBase, ...failing, conditions: z.array(Condition).min(1) }),
  z.strictObject({ kind: z.literal('pregnancy-test'), ...checkBase }),
  z.strictObject({ kind: z.literal('labs-recent'), ...checkBase, tests: z.array(LabId).min(1), validMonths: z.number().int().positive() }),
  z.strictObject({ kind: z.literal('manual'), ...checkBase }),
  /** A result that never expires (a genotype): done once any result is recorded. */
  z.strictObject({ kind: z.literal('lab-recorded'), ...checkBase, test: LabId }),
  z.strictObject({ kind: z.literal('body'), ...checkBase }),
  // Added for the label-complete rules (issue 11).
  /** Qualitative screening tests: failed when any is positive (or a condition is active), done when all are negative. */
  z.strictObject({ kind: z.literal('lab-screen'), ...checkBase, ...failing, tests: z.array(LabId).min(1), conditions: z.array(Condition).default([]) }),
  /** Ongoing therapies of these drugs to stop before treating (never a failure: an action). */
  z.strictObject({ kind: z.literal('concurrent-therapy'), ...checkBase, drugs: z.array(DrugId).min(1), advice: z.string() }),
]);
export type Check = z.infer<typeof CheckSchema>;

const RuleFileSchema = z.strictObject({
  drug: z.enum(ASSESSABLE_DRUGS),
  requiredData: z.array(RequiredDataSchema),
  rules: z.array(RuleSchema),
  checks: z.array(CheckSchema),
});
export type RuleFile = z.infer<typeof RuleFileSchema>;

const criterionBase = { id: z.string(), text: z.string() };
const Months = z.number().int().positive();
export type CriterionSpec =
  | { id: string; text: string; kind: 'age-range'; min: number; max?: number }
  | { id: string; text: string; kind: 'phenotype'; allowed: (typeof PHENOTYPES)[number][] }
  | { id: string; text: string; kind: 'onset-within'; months: number }
  | { id: string; text: string; kind: 'edss-range'; min: number; max: number }
  | { id: string; text: string; kind: 'relapses-in-window'; months: number; count: number; withSequelae: boolean }
  | { id: string; text: string; kind: 'gd-lesion'; months: number }
  | { id: string; text: string; kind: 'mri-lesions' }
  | { id: string; text: string; kind: 'no-prior-dmt' }
  | { id: string; text: string; kind: 'relapse-on-therapy'; drugs: (typeof DRUG_IDS)[number][]; minMonths: number }
  | { id: string; text: string; kind: 'no-prior-drugs'; drugs: (typeof DRUG_IDS)[number][]; withinMonths?: number }
  | { id: string; text: string; kind: 'edss-worsening'; months: number; points: number }
  | { id: string; text: string; kind: 'prior-therapy'; drugs: (typeof DRUG_IDS)[number][] }
  | { id: string; text: string; kind: 'any-of'; anyOf: CriterionSpec[] }
  | { id: string; text: string; kind: 'all-of'; allOf: CriterionSpec[] }
  | { id: string; text: string; kind: 'active-disease' }
  | { id: string; text: string; kind: 'highly-active' }
  | { id: string; text: string; kind: 'mri-activity'; months: number }
  | {
      id: string;
      text: string;
      kind: 'therapy-failed';
      min: number;
      reasons: ('inefficacy' | 'adverse-event' | 'patient-choice' | 'pregnancy' | 'other')[];
      notCounting: (typeof DRUG_IDS)[number][];
    };

const CriterionSchema: z.ZodType<CriterionSpec, unknown> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    /** No `max`: the trial set no upper age. */
    z.strictObject({ ...criterionBase, kind: z.literal('age-range'), min: z.number().int(), max: z.number().int().optional() }),
    z.strictObject({ ...criterionBase, kind: z.literal('phenotype'), allowed: z.array(Phenotype).min(1) }),
    z.strictObject({ ...criterionBase, kind: z.literal('onset-within'), months: Months }),
    z.strictObject({ ...criterionBase, kind: z.literal('edss-range'), min: z.number(), max: z.number() }),
    z.strictObject({
      ...criterionBase,
      kind: z.literal('relapses-in-window'),
      months: Months,
      count: z.number().int().positive(),
      withSequelae: z.boolean().default(false),
    }),
    z.strictObject({ ...criterionBase, kind: z.literal('gd-lesion'), months: Months }),
    z.strictObject({ ...criterionBase, kind: z.literal('mri-lesions') }),
    z.strictObject({ ...criterionBase, kind: z.literal('no-prior-dmt') }),
    z.strictObject({ ...criterionBase, kind: z.literal('relapse-on-therapy'), drugs: z.array(DrugId).min(1), minMonths: Months }),
    /** No `withinMonths`: ever. */
    z.strictObject({ ...criterionBase, kind: z.literal('no-prior-drugs'), drugs: z.array(DrugId).min(1), withinMonths: Months.optional() }),
    z.strictObject({ ...criterionBase, kind: z.literal('edss-worsening'), months: Months, points: z.number().positive() }),
    z.strictObject({ ...criterionBase, kind: z.literal('prior-therapy'), drugs: z.array(DrugId).min(1) }),
    z.strictObject({ ...criterionBase, kind: z.literal('any-of'), anyOf: z.array(CriterionSchema).min(2) }),
    z.strictObject({ ...criterionBase, kind: z.literal('all-of'), allOf: z.array(CriterionSchema).min(2) }),
    /** Active disease as the course engine defines it (Lublin 2014: relapse or MRI activity in its window). */
    z.strictObject({ ...criterionBase, kind: z.literal('active-disease') }),
    /** Highly active despite a full course of a disease-modifying therapy, as the course engine defines it. */
    z.strictObject({ ...criterionBase, kind: z.literal('highly-active') }),
    /** A Gd+ or a new or enlarging T2 lesion on a scan within `months`. */
    z.strictObject({ ...criterionBase, kind: z.literal('mri-activity'), months: Months }),
    /**
     * At least `min` other drugs stopped for one of `reasons` (or, for inefficacy, taken now while the
     * disease is active); a drug ended without a reason leaves the count uncertain.
     */
    z.strictObject({
      ...criterionBase,
      kind: z.literal('therapy-failed'),
      min: z.number().int().positive(),
      reasons: z.array(z.enum(['inefficacy', 'adverse-event', 'patient-choice', 'pregnancy', 'other'])).min(1),
      notCounting: z.array(DrugId),
    }),
  ]),
);

const TrialSchema = z.strictObject({
  id: z.string(),
  study: z.string(),
  drug: z.enum(ASSESSABLE_DRUGS),
  sources: Sources,
  population: z.string(),
  confidence: z.string(),
  protocol: z
    .strictObject({
      id: z.string(),
      name: z.string(),
      shortName: z.string(),
      doses: z.number().int(),
      /** Months from one dose to the next (Edan monthly, MIMS every 3 months): the monitoring burden follows it. */
      monthsApart: z.number().int().positive().optional(),
      /** Recommended over the drug's other protocols when both fit. */
      preferred: z.boolean().default(false),
      /** The protocol the monitoring burden assumes when none is recommended. */
      standard: z.boolean().default(false),
      doseMg: z.number().optional(),
      doseMgM2: z.number().optional(),
    })
    .optional(),
  criteria: z.array(CriterionSchema),
});
export type Trial = z.infer<typeof TrialSchema>;

const RiskFileSchema = z.strictObject({
  drug: z.enum(ASSESSABLE_DRUGS),
  benefits: z.array(
    z.strictObject({
      id: z.string(),
      trial: z.string(),
      outcome: z.string(),
      detail: z.string(),
      sources: Sources,
      confidence: z.string(),
      treated: z.number().optional(),
      comparator: z.number().optional(),
      relativeReduction: z.number().optional(),
      appliesTo: z.enum(['progressive']).optional(),
    }),
  ),
  risks: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      frequency: z.string(),
      sources: Sources,
      confidence: z.string(),
      low: z.number().optional(),
      high: z.number().optional(),
      /** Rules or failed checks of this patient that raise this risk. */
      factorRules: z.array(z.string()).optional(),
    }),
  ),
  monitoring: z.strictObject({
    months: z.number(),
    detail: z.string(),
    monthlyTests: z.array(z.string()),
    quarterlyTests: z.array(z.string()),
    sources: Sources,
  }),
  /** Risk figures read from a published table for this patient (risk-estimate.ts), e.g. natalizumab's PML risk. */
  estimates: z.array(RiskEstimateSchema).default([]),
  /** The patient letter's account of the drug: what it does, what it cannot do at a progressive stage, its risks in plain numbers. */
  letter: z.strictObject({
    name: z.string(),
    about: z.array(Template).min(1),
    progressive: Template.optional(),
    risks: z.array(Template).min(1),
    /** For a patient advised against it at a progressive stage. */
    research: Template.optional(),
  }),
});
export type RiskFile = z.infer<typeof RiskFileSchema>;

const Days = z.number().int().positive();
/** Changes to a record that the letter tries, to find what would change the answer (letter.ts, counterfactual.ts). */
const WhatWouldChangeSchema = z.strictObject({
  note: z.string(),
  scenarios: z.array(
    z.strictObject({
      id: z.string(),
      /** Tried only for a patient whose disease is not active now (a new attack is news only then). */
      onlyIf: z.literal('not-active').optional(),
      change: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('new-activity'), relapseDaysBefore: Days, mriDaysBefore: Days }),
        z.strictObject({
          kind: z.literal('failed-therapies'),
          drugs: z.array(DrugId).min(1),
          monthsEach: Months,
          relapseDaysBefore: Days,
          mriDaysBefore: Days,
        }),
        z.strictObject({ kind: z.literal('resolve-conditions'), conditions: z.array(Condition).min(1) }),
        z.strictObject({ kind: z.literal('no-pregnancy') }),
        z.strictObject({ kind: z.literal('lab-result'), test: LabId, value: z.number(), unit: z.string() }),
      ]),
      /** Written when the changed record gets a more permissive verdict. */
      changes: Template,
      /** Written when it does not, and the verdict is advise-against or contraindicated. */
      unchanged: Template.optional(),
    }),
  ),
});
export type WhatWouldChange = z.infer<typeof WhatWouldChangeSchema>;

/** Plain words for the patient letter: conditions and the data it may ask for. */
const PlainWordsSchema = z.strictObject({
  note: z.string(),
  conditions: z.partialRecord(Condition, z.string()),
  missing: z.record(z.string(), z.string()),
  /** Care to talk about instead, for a patient with an active condition. */
  care: z.partialRecord(Condition, z.string()),
});
export type PlainWords = z.infer<typeof PlainWordsSchema>;

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
  plainWords: PlainWords;
  whatWouldChange: WhatWouldChange;
}

/** Every template of a rule file, with the placeholders its use allows and where it sits. */
function* templatesOf(file: RuleFile): Generator<[string, readonly string[], string]> {
  for (const r of file.rules) {
    const texts = KIND_TEXTS[r.kind] as Record<string, readonly string[]>;
    for (const [key, template] of Object.entries(r.messages as Record<string, string>)) {
      yield [template, [...texts[key]!, ...EVERY_MESSAGE], `${r.code} messages.${key}`];
    }
    if (r.kind === 'active-or-worsening-indication') {
      for (const [p, template] of Object.entries(r.excludedPhenotypes)) yield [template!, EVERY_MESSAGE, `${r.code} excludedPhenotypes.${p}`];
    }
    yield* letterTemplates(r.letter, r.code);
  }
  for (const c of file.checks) if ('letter' in c) yield* letterTemplates(c.letter, `check ${c.id}`);
}

function* letterTemplates(letter: LetterWording | undefined, where: string): Generator<[string, readonly string[], string]> {
  for (const [i, l] of (letter ?? []).entries()) {
    for (const [j, t] of l.why.entries()) yield [t, LETTER_PLACEHOLDERS, `${where} letter[${i}].why[${j}]`];
  }
}

/**
 * A drug's rule file, validated: its schema, unique codes under the drug's prefix, trials and combined
 * rules that exist, and every message and letter template using only the placeholders its use allows.
 */
export function loadRuleFile(drug: AssessDrug, json: unknown, trials: Readonly<Record<string, Trial>>): RuleFile {
  const file = load(`rules/${drug}.json`, json, RuleFileSchema);
  const where = `knowledge/rules/${drug}.json`;
  if (file.drug !== drug) throw new Error(`${where}: its drug is ${file.drug}`);
  const codes = new Set<string>();
  for (const r of file.rules) {
    if (!r.code.startsWith(`${drug}.`)) throw new Error(`${where}: rule code ${r.code} must start with ${drug}.`);
    for (const code of [r.code, ...Object.values(r.codeByLabel ?? {})]) {
      if (!code.startsWith(`${drug}.`)) throw new Error(`${where}: rule code ${code} must start with ${drug}.`);
      if (codes.has(code)) throw new Error(`${where}: duplicate rule code ${code}`);
      codes.add(code);
    }
    for (const t of 'trials' in r ? r.trials : []) if (!trials[t]) throw new Error(`${where}: ${r.code} names unknown trial ${t}`);
    for (const c of r.kind === 'all-of' ? r.allOf : []) if (!codes.has(c)) throw new Error(`${where}: ${r.code} combines ${c}, which must come before it`);
    if (r.kind === 'licence') {
      for (const l of LABELS) {
        const keys = Object.keys(KIND_TEXTS.licence).filter((k) => k.startsWith(l));
        if (r.byLabel[l] && keys.some((k) => !(k in r.messages)))
          throw new Error(`${where}: ${r.code} states the ${l} requirement without all its messages (${keys.join(', ')})`);
        if (r.byLabel[l]?.allowedPhenotypes && !('phenotypeOutside' in r.messages))
          throw new Error(`${where}: ${r.code} lists the ${l} label's phenotypes without the message phenotypeOutside`);
      }
    }
  }
  for (const [template, allowed, at] of templatesOf(file)) checkTemplate(template, allowed, `${where}: ${at}`);
  return file;
}

/** A template of the knowledge files, refused with where it sits when it uses a placeholder its use does not allow. */
function checkTemplate(template: string, allowed: readonly string[], where: string): void {
  const problems = templateProblems(template, allowed);
  if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);
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
    rules[drug] = loadRuleFile(drug, DRUG_FILES[drug].rules, trials);
    risks[drug] = load(`risks/${drug}.json`, DRUG_FILES[drug].risks, RiskFileSchema);
    if (risks[drug].drug !== drug) throw new Error(`knowledge/risks/${drug}.json: its drug is ${risks[drug].drug}`);
    // A risk's factor names a reason code of this drug under some label, or a failed check: a misspelt one would never show.
    const codes = new Set([
      ...rules[drug].rules.flatMap((r) => [r.code, ...Object.values(r.codeByLabel ?? {})]),
      ...rules[drug].checks.map((c) => `${drug}.check.${c.id}`),
    ]);
    for (const r of risks[drug].risks) {
      for (const f of r.factorRules ?? []) if (!codes.has(f)) throw new Error(`knowledge/risks/${drug}.json: ${r.id} names unknown rule ${f}`);
    }
    for (const t of DRUGS[drug].trials) if (!trials[t]) throw new Error(`src/drugs: ${drug} shows unknown trial ${t}`);
    for (const e of risks[drug].estimates) {
      const problems = riskEstimateProblems(e);
      for (const s of [
        ...e.table.sources,
        ...e.antibody.sources,
        ...e.priorImmunosuppressants.sources,
        ...e.higherRisk.sources,
        ...e.whatWouldChange.flatMap((w) => w.sources),
      ]) {
        if (!SOURCES[s]) problems.push(`unknown source ${s}`);
      }
      if (!e.id.startsWith(`${drug}.`)) problems.push(`its id must start with ${drug}.`);
      if (problems.length > 0) throw new Error(`knowledge/risks/${drug}.json: estimate ${e.id}: ${problems.join('; ')}`);
    }
    for (const r of rules[drug].rules) {
      if (r.kind === 'risk-estimate' && !risks[drug].estimates.some((e) => e.id === r.estimate)) {
        throw new Error(`knowledge/rules/${drug}.json: ${r.code} reads unknown estimate ${r.estimate}`);
      }
    }
    for (const [key, texts] of Object.entries(risks[drug].letter)) {
      const allowed = key === 'risks' ? RISK_LETTER_PLACEHOLDERS : [];
      for (const t of typeof texts === 'string' ? [texts] : texts) checkTemplate(t, allowed, `knowledge/risks/${drug}.json: letter.${key}`);
    }
  }
  const plainWords = load('rules/plain-words.json', plainWordsJson, PlainWordsSchema);
  const whatWouldChange = load('rules/what-would-change.json', whatWouldChangeJson, WhatWouldChangeSchema);
  for (const s of whatWouldChange.scenarios) {
    // A sentence about resolved conditions may name them ({conditions}, plain words); no other placeholder.
    const allowed = s.change.kind === 'resolve-conditions' ? ['conditions'] : [];
    for (const t of [s.changes, ...(s.unchanged ? [s.unchanged] : [])]) checkTemplate(t, allowed, `knowledge/rules/what-would-change.json: ${s.id}`);
  }
  return { version, rules, trials, risks, plainWords, whatWouldChange };
}

export const KNOWLEDGE: Knowledge = loadKnowledge();
