import { randomUUID } from 'node:crypto';
import type { Queryable } from './db.js';

// Assessments are immutable records of what was assessed (history version), by which rules (ruleset
// version), as of when, with what result, by whom. Decisions are stored against them. Neither table
// accepts UPDATE or DELETE (migration 0001).

/** The assessment output as stored; src/assess defines its full shape. */
export type AssessmentResult = { verdict: string } & Record<string, unknown>;

export interface AssessmentRecord<R extends AssessmentResult = AssessmentResult> {
  id: string;
  patientId: string;
  historyVersion: number;
  rulesetVersion: string;
  asOf: string;
  drug: string;
  label: string;
  result: R;
  createdBy: string;
  createdAt: string;
}

/** A record before it is stored: the store gives the id, the author and the time. */
export type NewAssessment<R extends AssessmentResult = AssessmentResult> = Omit<AssessmentRecord<R>, 'id' | 'createdBy' | 'createdAt'>;

interface AssessmentRow {
  id: string;
  patient_id: string;
  history_version: number;
  ruleset_version: string;
  as_of: string;
  drug: string;
  label: string;
  result: AssessmentResult | string;
  created_by: string;
  created_at: Date;
}

const COLUMNS = 'id, patient_id, history_version, ruleset_version, as_of, drug, label, result, created_by, created_at';

function toRecord<R extends AssessmentResult>(r: AssessmentRow): AssessmentRecord<R> {
  return {
    id: r.id,
    patientId: r.patient_id,
    historyVersion: r.history_version,
    rulesetVersion: r.ruleset_version,
    asOf: r.as_of,
    drug: r.drug,
    label: r.label,
    result: (typeof r.result === 'string' ? JSON.parse(r.result) : r.result) as R,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function insertAssessment<R extends AssessmentResult>(q: Queryable, a: NewAssessment<R>, by: string, at: Date): Promise<AssessmentRecord<R>> {
  const { rows } = await q.query<AssessmentRow>(
    `INSERT INTO assessments (id, patient_id, history_version, ruleset_version, as_of, drug, label, verdict, result, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11::timestamptz) RETURNING ${COLUMNS}`,
    [randomUUID(), a.patientId, a.historyVersion, a.rulesetVersion, a.asOf, a.drug, a.label, a.result.verdict, JSON.stringify(a.result), by, at.toISOString()],
  );
  return toRecord<R>(rows[0]!);
}

export async function getAssessment<R extends AssessmentResult>(q: Queryable, id: string): Promise<AssessmentRecord<R> | undefined> {
  const { rows } = await q.query<AssessmentRow>(`SELECT ${COLUMNS} FROM assessments WHERE id = $1`, [id]);
  return rows[0] ? toRecord<R>(rows[0]) : undefined;
}

/** An earlier assessment of exactly this input (history version, rules, date, drug, label), if any. */
export async function findSameAssessment<R extends AssessmentResult>(
  q: Queryable,
  a: Omit<NewAssessment<R>, 'result'>,
): Promise<AssessmentRecord<R> | undefined> {
  const { rows } = await q.query<AssessmentRow>(
    `SELECT ${COLUMNS} FROM assessments WHERE patient_id = $1 AND history_version = $2 AND ruleset_version = $3 AND as_of = $4 AND drug = $5 AND label = $6
     ORDER BY created_at LIMIT 1`,
    [a.patientId, a.historyVersion, a.rulesetVersion, a.asOf, a.drug, a.label],
  );
  return rows[0] ? toRecord<R>(rows[0]) : undefined;
}

export async function listAssessments<R extends AssessmentResult>(q: Queryable, patientId: string): Promise<AssessmentRecord<R>[]> {
  const { rows } = await q.query<AssessmentRow>(`SELECT ${COLUMNS} FROM assessments WHERE patient_id = $1 ORDER BY created_at DESC, id DESC`, [patientId]);
  return rows.map((r) => toRecord<R>(r));
}

export interface LatestVerdict {
  assessmentId: string;
  verdict: string;
  asOf: string;
}

/** The newest assessment per drug for each patient, for the patient list. */
export async function latestVerdicts(q: Queryable, patientIds: readonly string[]): Promise<Map<string, Record<string, LatestVerdict>>> {
  const out = new Map<string, Record<string, LatestVerdict>>();
  if (patientIds.length === 0) return out;
  const { rows } = await q.query<{ patient_id: string; drug: string; id: string; verdict: string; as_of: string }>(
    `SELECT DISTINCT ON (patient_id, drug) patient_id, drug, id, verdict, as_of FROM assessments
     WHERE patient_id = ANY($1::text[]) ORDER BY patient_id, drug, created_at DESC, id DESC`,
    [patientIds],
  );
  for (const r of rows) {
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

interface DecisionRow {
  id: string;
  assessment_id: string;
  decision: 'accept' | 'override';
  reason: string | null;
  patient_preference: string | null;
  created_by: string;
  created_at: Date;
}

function toDecision(r: DecisionRow): Decision {
  return {
    id: r.id,
    assessmentId: r.assessment_id,
    decision: r.decision,
    ...(r.reason !== null ? { reason: r.reason } : {}),
    ...(r.patient_preference !== null ? { patientPreference: r.patient_preference } : {}),
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function insertDecision(
  q: Queryable,
  d: { assessmentId: string; decision: 'accept' | 'override'; reason?: string; patientPreference?: string },
  by: string,
  at: Date,
): Promise<Decision> {
  const { rows } = await q.query<DecisionRow>(
    `INSERT INTO decisions (id, assessment_id, decision, reason, patient_preference, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz) RETURNING id, assessment_id, decision, reason, patient_preference, created_by, created_at`,
    [randomUUID(), d.assessmentId, d.decision, d.reason ?? null, d.patientPreference ?? null, by, at.toISOString()],
  );
  return toDecision(rows[0]!);
}

export async function listDecisions(q: Queryable, assessmentId: string): Promise<Decision[]> {
  const { rows } = await q.query<DecisionRow>(
    'SELECT id, assessment_id, decision, reason, patient_preference, created_by, created_at FROM decisions WHERE assessment_id = $1 ORDER BY created_at, id',
    [assessmentId],
  );
  return rows.map(toDecision);
}
