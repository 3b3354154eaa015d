// The shapes the HTTP API answers with (docs/api.md). The history, course and assessment types are the
// core's own zod definitions (type-only imports: nothing of the engine is bundled), so the app and the
// engines cannot drift apart.

export type { History } from '../../../src/history/schema.js';
export type { CourseResult, DataPoint, Tri } from '../../../src/course/types.js';
import type { Assessment, CheckResult, EvidenceEntry, Protocol, Reason, Tipping, Verdict, Weights } from '../../../src/assess/schema.js';
import { ASSESSABLE_DRUGS, type AssessDrug } from '../../../src/drugs/index.js';
export type { Assessment, Protocol, Reason, Tipping, Verdict, Weights };

export type Drug = AssessDrug;
export const DRUGS: readonly Drug[] = ASSESSABLE_DRUGS;

/** Most permissive first, as the spec orders them. */
export const VERDICT_ORDER: readonly Verdict[] = ['offer', 'offer-with-caution', 'insufficient-data', 'advise-against', 'contraindicated'];

export type Effect = Reason['effect'];
export type Criterion = EvidenceEntry['criteria'][number];
export type EvidenceBox = EvidenceEntry;
export type Check = CheckResult;

export interface AssessmentRef {
  assessmentId: string;
  verdict: Verdict;
  asOf: string;
}

export type MonitoringStatus = 'none' | 'ok' | 'due' | 'overdue' | 'alert';

export interface PatientSummary {
  id: string;
  version: number;
  updatedAt: string;
  latestAssessments: Partial<Record<Drug, AssessmentRef>>;
  monitoring: { status: MonitoringStatus; openAlerts: number; overdueItems: number };
}

export interface MappingReportEntry {
  resource: string;
  reason: string;
}

export interface PatientRecord {
  id: string;
  version: number;
  history: import('../../../src/history/schema.js').History;
  createdBy: string;
  createdAt: string;
  mappingReport?: MappingReportEntry[];
}

export interface AssessmentRecord {
  id: string;
  patientId: string;
  historyVersion: number;
  rulesetVersion: string;
  asOf: string;
  drug: Drug;
  label: 'eu' | 'us';
  result: Assessment;
  createdBy: string;
  createdAt: string;
}

export interface Decision {
  id: string;
  assessmentId: string;
  decision: 'accept' | 'override';
  reason?: string;
  patientPreference?: string;
  createdBy: string;
  createdAt: string;
}

/** Monitoring shapes are owned by src/monitor; the app reads the fields it shows and keeps the rest. */
export interface PlanItem {
  id?: string;
  test?: string;
  tests?: string[];
  label?: string;
  title?: string;
  kind?: string;
  due?: string;
  dueDate?: string;
  date?: string;
  window?: { from: string; to: string } | { start: string; end: string };
  status?: string;
  [key: string]: unknown;
}

export interface MonitoringResult {
  id?: string;
  date: string;
  test: string;
  value: number | string;
  unit?: string;
  [key: string]: unknown;
}

export interface Alert {
  id: string;
  test?: string;
  code?: string;
  urgency?: string;
  severity?: string;
  action?: string;
  message?: string;
  detail?: string;
  date?: string;
  raisedOn?: string;
  acknowledged?: boolean | { by?: string; at?: string; note?: string };
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  [key: string]: unknown;
}

export interface MonitoringView {
  plan: PlanItem[];
  results: MonitoringResult[];
  alerts: Alert[];
  burden?: unknown;
  missing?: unknown;
}

export interface WorklistItem {
  patientId: string;
  urgency: string;
  overdue: PlanItem[];
  alerts: Alert[];
}

export interface OperationOutcomeIssue {
  severity: string;
  code: string;
  diagnostics?: string;
  expression?: string[];
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: OperationOutcomeIssue[];
}
