import { z } from 'zod';
import { AssessmentSchema, VERDICTS } from '../assess/schema.js';
import { HistorySchema } from '../history/schema.js';
import { DateSchema } from '../history/schema.js';
import { ASSESSABLE_DRUGS, type AssessDrug } from '../drugs/index.js';

// The API's request and response shapes: the same definitions validate requests and generate
// /openapi.json. Response schemas describe what the store returns (docs/api.md).

export const AssessRequestSchema = z.strictObject({
  drug: z.enum(ASSESSABLE_DRUGS),
  asOf: DateSchema.optional().meta({ description: "Defaults to the server's today." }),
  label: z.enum(['eu', 'us']).optional().meta({ description: 'Which label applies where EU and US differ; default eu.' }),
});

export const CompareRequestSchema = z.strictObject({
  drugs: z
    .array(z.enum(ASSESSABLE_DRUGS))
    .min(1)
    .refine((d) => new Set(d).size === d.length, { message: 'each therapy at most once' })
    .optional()
    .meta({ description: 'The therapies to weigh; default every assessable therapy.' }),
  asOf: DateSchema.optional().meta({ description: "Defaults to the server's today." }),
  label: z.enum(['eu', 'us']).optional().meta({ description: 'Which label applies where EU and US differ; default eu.' }),
});

export const ComparisonSchema = z
  .object({
    patientId: z.string(),
    historyVersion: z.number().int(),
    asOf: z.string(),
    label: z.enum(['eu', 'us']),
    orderingRule: z.string().meta({ description: 'How the therapies are ordered, in words (src/assess/compare.ts).' }),
    order: z.array(z.enum(ASSESSABLE_DRUGS)),
    assessments: z.array(AssessmentSchema).meta({ description: 'One assessment per therapy, in `order`; none is stored.' }),
  })
  .meta({ description: 'Every therapy weighed for one patient, most suitable first (docs/compare.md).' });

export const DecisionRequestSchema = z
  .strictObject({
    decision: z.enum(['accept', 'override']),
    reason: z.string().trim().min(1).max(4000).optional(),
    patientPreference: z.string().trim().min(1).max(4000).optional(),
  })
  .meta({ description: 'A clinician accepts the verdict or overrides it; an override needs its reason.' });

export const MappingReportSchema = z.array(
  z.object({
    resource: z.string(),
    reason: z.string(),
    path: z.string().optional(),
    status: z.enum(['not-read', 'unreadable', 'read']).optional(),
    coding: z.object({ system: z.string(), code: z.string(), display: z.string().optional() }).optional(),
    review: z.boolean().optional(),
  }),
);

export const PatientRecordSchema = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  history: HistorySchema,
  createdBy: z.string(),
  createdAt: z.string().meta({ description: 'ISO timestamp' }),
  mappingReport: MappingReportSchema.optional(),
});

const LatestSchema = z.object({ assessmentId: z.string(), verdict: z.enum(VERDICTS), asOf: z.string() });
export const PatientSummarySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  // One optional entry per assessable drug, from the registry.
  latestAssessments: z.object(
    Object.fromEntries(ASSESSABLE_DRUGS.map((d) => [d, LatestSchema.optional()])) as Record<AssessDrug, z.ZodOptional<typeof LatestSchema>>,
  ),
  monitoring: z.object({
    status: z.enum(['none', 'ok', 'due', 'overdue', 'alert']),
    openAlerts: z.number().int(),
    overdueItems: z.number().int(),
  }),
});

export const VersionInfoSchema = z.object({ version: z.number().int(), createdBy: z.string(), createdAt: z.string() });

export const AssessmentRecordSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  historyVersion: z.number().int(),
  rulesetVersion: z.string(),
  asOf: z.string(),
  drug: z.enum(ASSESSABLE_DRUGS),
  label: z.enum(['eu', 'us']),
  result: AssessmentSchema,
  createdBy: z.string(),
  createdAt: z.string(),
});

export const DecisionSchema = z.object({
  id: z.string(),
  assessmentId: z.string(),
  decision: z.enum(['accept', 'override']),
  reason: z.string().optional(),
  patientPreference: z.string().optional(),
  createdBy: z.string(),
  createdAt: z.string(),
});

export const AuditItemSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  role: z.string(),
  action: z.string(),
  patientId: z.string().optional(),
  resource: z.string(),
  ip: z.string(),
});

export { OperationOutcomeSchema } from '../fhir/outcome.js';

export const VerifyResultSchema = z.object({
  identical: z.boolean(),
  rulesetVersion: z.string(),
  currentRulesetVersion: z.string(),
  differences: z.array(z.string()),
});
