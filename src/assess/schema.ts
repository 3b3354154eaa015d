import { z } from 'zod';
import type { CourseResult } from '../course/types.js';
import { SOURCE_IDS } from './knowledge.js';
import { ASSESSABLE_DRUGS } from '../drugs/index.js';
import { EFFECTS, VERDICTS } from './verdicts.js';
import { CONDITION_IDS } from '../history/vocabularies.js';

// The assessment output of spec/patient-history.md ("Assessment output"), one definition for the
// TypeScript type, the validation and the OpenAPI document. Fields beyond the spec (label, tipping,
// weights, protocol, missing[].effect) are additions; none of the spec's fields is changed.

export { EFFECTS, isScaleVerdict, SCALE_VERDICTS, VERDICT_RANK, VERDICTS, type ScaleVerdict, type Verdict } from './verdicts.js';

const SourceIdSchema = z.enum(SOURCE_IDS);

export const ReasonSchema = z.object({
  code: z.string().meta({ description: 'Stable rule code, e.g. alemtuzumab.progressive-course.' }),
  effect: z.enum(EFFECTS),
  message: z.string().meta({ description: "One or two sentences naming the patient's own values." }),
  sources: z.array(SourceIdSchema),
});
export type Reason = z.infer<typeof ReasonSchema>;

export const CriterionResultSchema = z.object({
  id: z.string(),
  status: z.enum(['met', 'unmet', 'unknown']),
  detail: z.string(),
});

export const EvidenceEntrySchema = z.object({
  study: z.string(),
  fit: z.enum(['inside', 'outside', 'uncertain']),
  criteria: z.array(CriterionResultSchema),
  /** Addition: the trial's id in knowledge/trials and its source ids. */
  trial: z.string().optional(),
  sources: z.array(SourceIdSchema).optional(),
});
export type EvidenceEntry = z.infer<typeof EvidenceEntrySchema>;

export const MissingSchema = z.object({
  field: z.string(),
  why: z.string(),
  /** Addition: what the gap does to the verdict (insufficient-data, or only an uncertain caution). */
  effect: z.enum(['insufficient-data', 'caution']).optional(),
});
export type Missing = z.infer<typeof MissingSchema>;

export const CheckResultSchema = z.object({
  id: z.string(),
  status: z.enum(['done', 'outstanding', 'failed']),
  detail: z.string(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const TippingSchema = z.object({
  code: z.string().meta({ description: 'A reason code, or a rule code that could not be evaluated (effect unknown).' }),
  effect: z.enum(['contraindication', 'against', 'caution', 'unknown']),
  message: z.string(),
});
export type Tipping = z.infer<typeof TippingSchema>;

export const WeightsSchema = z.object({
  benefits: z.array(
    z.object({
      id: z.string(),
      trial: z.string(),
      outcome: z.string(),
      detail: z.string(),
      relativeReduction: z.number().optional(),
      /** Whether this patient resembles the trial population (from the evidence box). */
      applies: z.enum(['inside', 'outside', 'uncertain']),
      sources: z.array(SourceIdSchema),
      confidence: z.string(),
    }),
  ),
  risks: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      frequency: z.string(),
      low: z.number().optional(),
      high: z.number().optional(),
      /** Risk factors of this patient that raise it, if any. */
      patientFactors: z.array(z.string()),
      sources: z.array(SourceIdSchema),
      confidence: z.string(),
    }),
  ),
  monitoring: z.object({
    months: z.number(),
    tests: z.number(),
    visits: z.number(),
    detail: z.string(),
    sources: z.array(z.string()),
  }),
  cost: z.object({
    configured: z.boolean(),
    amount: z.number().optional(),
    currency: z.string().optional(),
    detail: z.string(),
  }),
});
export type Weights = z.infer<typeof WeightsSchema>;

export const ProtocolSchema = z.object({
  /** The protocol the patient fits best, or none. */
  recommended: z.string().optional(),
  options: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      fit: z.enum(['inside', 'outside', 'uncertain']),
      totalMgM2: z.number().optional(),
      /** Lifetime allowance left after the full protocol (negative: the protocol would pass the limit). */
      allowanceAfterMgM2: z.number().optional(),
      dosesWithinLimit: z.number().optional(),
      detail: z.string(),
    }),
  ),
  limitMgM2: z.number(),
  cumulativeMgM2: z.number().optional(),
  allowanceLeftMgM2: z.number().optional(),
  detail: z.string(),
});
export type Protocol = z.infer<typeof ProtocolSchema>;

// The course result is the course engine's contract (src/course/types.ts), which may grow; it is
// embedded as is. The schema names its main parts and lets the rest through.
const CourseOutputSchema = z
  .looseObject({
    asOf: z.string(),
    activity: z.looseObject({ status: z.enum(['met', 'unmet', 'unknown']), detail: z.string() }),
    phenotype: z.looseObject({ objective: z.enum(['SPMS', 'not-SPMS', 'unknown']), detail: z.string() }),
  })
  .meta({ description: 'The disease course (src/course/types.ts CourseResult): phenotype recorded and objective, activity, durations, relapse rate.' });

/**
 * Addition: a risk figure read from a published table for this patient (src/assess/risk-estimate.ts),
 * e.g. natalizumab's PML risk per 1,000 by anti-JCV status and index, prior immunosuppressants and months
 * of treatment. Only for a drug whose risk file has such a table; unknown inputs give the worst case.
 */
export const RiskEstimateOutputSchema = z
  .object({
    id: z.string().meta({ description: 'Stable id, <drug>.<risk>, e.g. natalizumab.pml.' }),
    name: z.string(),
    perThousand: z.object({
      now: z.number().meta({ description: 'Estimated risk per 1,000 patients at the months of treatment reached on asOf.' }),
      in12Months: z.number().meta({ description: 'The same 12 months after asOf if treatment continues (or starts now).' }),
    }),
    band: z.object({
      now: z.object({ stratum: z.string(), epoch: z.string() }),
      in12Months: z.object({ stratum: z.string(), epoch: z.string() }),
    }),
    inputs: z.object({
      antibody: z.enum(['positive', 'negative', 'unknown']),
      index: z.number().optional(),
      priorImmunosuppressant: z.enum(['yes', 'no', 'unknown']),
      monthsOnDrug: z.number().optional(),
      monthsIn12Months: z.number().optional(),
    }),
    worstCase: z.boolean().meta({ description: 'An input was unknown: the figures are the highest the record allows.' }),
    higherRisk: z.enum(['yes', 'no', 'unknown']).meta({ description: "The label's higher-risk group now." }),
    table: z.object({ id: z.string(), title: z.string() }),
    sources: z.array(SourceIdSchema),
    missing: z.array(z.object({ field: z.string(), why: z.string() })),
    detail: z.string(),
    whatWouldChange: z.array(
      z.object({
        id: z.string(),
        change: z.string(),
        perThousand: z.object({ now: z.number(), in12Months: z.number() }),
        /** Whether the figure differs when the table is read again with the changed input. */
        changes: z.boolean(),
        note: z.string().optional(),
        sources: z.array(SourceIdSchema),
      }),
    ),
  })
  .meta({ description: "A patient's estimated risk read from a published table, with the table, its inputs and what would change it." });
export type RiskEstimateOutput = z.infer<typeof RiskEstimateOutputSchema>;

export const AssessmentSchema = z
  .object({
    drug: z.enum(ASSESSABLE_DRUGS),
    asOf: z.string(),
    rulesetVersion: z.string(),
    label: z.enum(['eu', 'us']),
    verdict: z.enum(VERDICTS),
    reasons: z.array(ReasonSchema),
    evidenceBase: z.array(EvidenceEntrySchema),
    missing: z.array(MissingSchema),
    checks: z.array(CheckResultSchema),
    course: CourseOutputSchema,
    tipping: z.array(TippingSchema),
    weights: WeightsSchema,
    protocol: ProtocolSchema.optional(),
    /** Addition: risk figures for this patient from a published table (absent for a drug without one). */
    risks: z.array(RiskEstimateOutputSchema).optional(),
    unrecognised: z
      .array(z.object({ system: z.string(), code: z.string(), display: z.string() }))
      .optional()
      .meta({
        description:
          "Not recognised: review before deciding. Active problems in the record's source (FHIR) that the product does not read; they changed no verdict. Shown to the clinician, never in the patient letter.",
      }),
    notWeighed: z
      .array(z.object({ condition: z.enum(CONDITION_IDS), status: z.enum(['active', 'resolved']) }))
      .optional()
      .meta({ description: 'Recorded conditions that no rule of this drug reads: review before deciding. Never in the patient letter.' }),
  })
  .meta({ title: 'Fulcrum assessment', description: 'Benefit against risk of one drug for one patient (spec: patient-history.md, Assessment output).' });

export type Assessment = Omit<z.infer<typeof AssessmentSchema>, 'course'> & { course: CourseResult };
