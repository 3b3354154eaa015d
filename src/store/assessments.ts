import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Assessment } from '../assess/schema.js';
import { ASSESSABLE_DRUGS, LABELS, type AssessDrug, type LabelId } from '../drugs/index.js';
import type { Queryable } from './db.js';
import { decodeRows, int, nullableText, storedDocument, text, timestamp } from './rows.js';

// Assessments are immutable records of what was assessed (history version), by which rules (ruleset
// version), as of when, with what result, by whom. Decisions are stored against them. Neither table
// accepts UPDATE or DELETE (migration 0001).

export interface AssessmentRecord {
  id: string;
  patientId: string;
  historyVersion: number;
  rulesetVersion: string;
  asOf: string;
  drug: AssessDrug;
  label: LabelId;
  result: Assessment;
  createdBy: string;
  createdAt: string;
}

/** A record before it is stored: the store gives the id, the author and the time. */
export type NewAssessment = Omit<AssessmentRecord, 'id' | 'createdBy' | 'createdAt'>;

const AssessmentRow = z.object({
  id: text,
  patient_id: text,
  history_version: int,
  ruleset_version: text,
  as_of: text,
  drug: z.enum(ASSESSABLE_DRUGS),
  label: z.enum(LABELS),
  result: storedDocument<Assessment>('the assessment result'),
  created_by: text,
  created_at: timestamp,
});

const COLUMNS = 'id, patient_id, history_version, ruleset_version, as_of, drug, label, result, created_by, created_at';

function toRecords(rows: readonly unknown[]): AssessmentRecord[] {
  return decodeRows(AssessmentRow, rows, 'assessments').map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    historyVersion: r.history_version,
    rulesetVersion: r.ruleset_version,
    asOf: r.as_of,
    drug: r.drug,
    label: r.label,
    result: r.result,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

export async function insertAssessment(q: Queryable, a: NewAssessment, by: string, at: Date): Promise<AssessmentRecord> {
  const { rows } = await q.query(
    `INSERT INTO assessments (id, patient_id, history_version, ruleset_version, as_of, drug, label, verdict, result, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11::timestamptz) RETURNING ${COLUMNS}`,
    [randomUUID(), a.patientId, a.historyVersion, a.rulesetVersion, a.asOf, a.drug, a.label, a.result.verdict, JSON.stringify(a.result), by, at.toISOString()],
  );
  return toRecords(rows)[0]!;
}

export async function getAssessment(q: Queryable, id: string): Promise<AssessmentRecord | undefined> {
  const { rows } = await q.query(`SELECT ${COLUMNS} FROM assessments WHERE id = $1`, [id]);
  return toRecords(rows)[0];
}

/** An earlier assessment of exactly this input (history version, rules, date, drug, label), if any. */
export async function findSameAssessment(q: Queryable, a: Omit<NewAssessment, 'result'>): Promise<AssessmentRecord | undefined> {
  const { rows } = await q.query(
    `SELECT ${COLUMNS} FROM assessments WHERE patient_id = $1 AND history_version = $2 AND ruleset_version = $3 AND as_of = $4 AND drug = $5 AND label = $6
     ORDER BY created_at LIMIT 1`,
    [a.patientId, a.historyVersion, a.rulesetVersion, a.asOf, a.drug, a.label],
  );
  return toRecords(rows)[0];
}

export async function listAssessments(q: Queryable, patientId: string): Promise<AssessmentRecord[]> {
  const { rows } = await q.query(`SELECT ${COLUMNS} FROM assessments WHERE patient_id = $1 ORDER BY created_at DESC, id DESC`, [patientId]);
  return toRecords(rows);
}

const LatestRow = z.object({ patient_id: text, drug: text, id: text, verdict: text, as_of: text });

export interface LatestVerdict {
  assessmentId: string;
  verdict: string;
  asOf: string;
}

/** The newest assessment per drug for each patient, for the patient list. */
export async function latestVerdicts(q: Queryable, patientIds: readonly string[]): Promise<Map<string, Record<string, LatestVerdict>>> {
  const out = new Map<string, Record<string, LatestVerdict>>();
  if (patientIds.length === 0) return out;
  const { rows } = await q.query(
    `SELECT DISTINCT ON (patient_id, drug) patient_id, drug, id, verdict, as_of FROM assessments
     WHERE patient_id = ANY($1::text[]) ORDER BY patient_id, drug, created_at DESC, id DESC`,
    [patientIds],
  );
  for (const r of decodeRows(LatestRow, rows, 'latest verdicts')) {
    const m = out.get(r.patient_id) ?? {};
    m[r.drug] = { assessmentId: r.id, verdict: r.verdict, asOf: r.as_of };
    out.set(r.patient_id, m);
  }
  return out;
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

const DecisionRow = z.object({
  id: text,
  assessment_id: text,
  decision: z.enum(['accept', 'override']),
  reason: nullableText,
  patient_preference: nullableText,
  created_by: text,
  created_at: timestamp,
});

function toDecisions(rows: readonly unknown[]): Decision[] {
  return decodeRows(DecisionRow, rows, 'decisions').map((r) => ({
    id: r.id,
    assessmentId: r.assessment_id,
    decision: r.decision,
    ...(r.reason !== null ? { reason: r.reason } : {}),
    ...(r.patient_preference !== null ? { patientPreference: r.patient_preference } : {}),
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

export async function insertDecision(
  q: Queryable,
  d: { assessmentId: string; decision: 'accept' | 'override'; reason?: string; patientPreference?: string },
  by: string,
  at: Date,
): Promise<Decision> {
  const { rows } = await q.query(
    `INSERT INTO decisions (id, assessment_id, decision, reason, patient_preference, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz) RETURNING id, assessment_id, decision, reason, patient_preference, created_by, created_at`,
    [randomUUID(), d.assessmentId, d.decision, d.reason ?? null, d.patientPreference ?? null, by, at.toISOString()],
  );
  return toDecisions(rows)[0]!;
}

export async function listDecisions(q: Queryable, assessmentId: string): Promise<Decision[]> {
  const { rows } = await q.query(
    'SELECT id, assessment_id, decision, reason, patient_preference, created_by, created_at FROM decisions WHERE assessment_id = $1 ORDER BY created_at, id',
    [assessmentId],
  );
  return toDecisions(rows);
}
