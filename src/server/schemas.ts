import { z } from 'zod';
import { AssessmentSchema } from '../assess/index.js';
import { HistorySchema } from '../history/schema.js';
import { DateSchema } from '../history/schema.js';
import { ASSESSABLE_DRUGS } from '../drugs/index.js';

// The API's request and response shapes: the same definitions validate requests and generate
// /openapi.json. Response schemas describe what the store returns (docs/api.md).

export const AssessRequestSchema = z.strictObject({
  drug: z.enum(ASSESSABLE_DRUGS),
  asOf: DateSchema.optional().meta({ description: "Defaults to the server's today." }),
  label: z.enum(['eu', 'us']).optional().meta({ description: 'Which label applies where EU and US differ; default eu.' }),
});

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

const LatestSchema = z.object({ assessmentId: z.string(), verdict: z.string(), asOf: z.string() });
export const PatientSummarySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  latestAssessments: z.object({ alemtuzumab: LatestSchema.optional(), mitoxantrone: LatestSchema.optional() }),
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
