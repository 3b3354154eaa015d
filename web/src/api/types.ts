// The shapes the HTTP API answers with (docs/api.md), from their one definition: the server's zod
// schemas (which also validate requests and generate /openapi.json) and the core's own output types.
// Every import here is type-only: nothing of the server or the engine is bundled.

import type { z } from 'zod';
import type { AssessmentRecordSchema, DecisionSchema, MappingReportSchema, PatientRecordSchema, PatientSummarySchema } from '../../../src/server/schemas.js';
import type { Assessment, CheckResult, EvidenceEntry, Protocol, Reason, Tipping, Verdict, Weights } from '../../../src/assess/schema.js';
import { ASSESSABLE_DRUGS, type AssessDrug } from '../../../src/drugs/index.js';
export type { History } from '../../../src/history/schema.js';
export type { CourseResult, DataPoint, Tri } from '../../../src/course/types.js';
export type { Assessment, Protocol, Reason, Tipping, Verdict, Weights };
export type { OperationOutcome, OutcomeIssue as OperationOutcomeIssue } from '../../../src/fhir/outcome.js';
export type { Alert } from '../../../src/monitor/alerts.js';
export type { MonitoringJson as MonitoringView, MonitoringStatus, PlanItemJson as PlanItem } from '../../../src/monitor/monitoring.js';
export type { MonitoringResultInput as MonitoringResult } from '../../../src/monitor/results.js';
export type { WorklistEntryJson as WorklistItem } from '../../../src/monitor/worklist.js';

export type Drug = AssessDrug;
export const DRUGS: readonly Drug[] = ASSESSABLE_DRUGS;

/** Most permissive first, as the spec orders them. */
export const VERDICT_ORDER: readonly Verdict[] = ['offer', 'offer-with-caution', 'insufficient-data', 'advise-against', 'contraindicated'];

export type Effect = Reason['effect'];
export type Criterion = EvidenceEntry['criteria'][number];
export type EvidenceBox = EvidenceEntry;
export type Check = CheckResult;

export type PatientSummary = z.infer<typeof PatientSummarySchema>;
export type AssessmentRef = NonNullable<PatientSummary['latestAssessments'][Drug]>;
export type MappingReportEntry = z.infer<typeof MappingReportSchema>[number];
export type PatientRecord = z.infer<typeof PatientRecordSchema>;
/** The stored result is the engine's Assessment, whose course is the course engine's own type. */
export type AssessmentRecord = Omit<z.infer<typeof AssessmentRecordSchema>, 'result'> & { result: Assessment };
export type Decision = z.infer<typeof DecisionSchema>;
