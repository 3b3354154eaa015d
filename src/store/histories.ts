import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { History } from '../history/schema.js';
import type { MappingReportEntry } from '../cli/input.js';
import type { Queryable } from './db.js';
import { decodeRows, int, jsonb, storedDocument, text, timestamp } from './rows.js';

// A patient's history is versioned, never overwritten: every create or update appends version n+1
// with who and when, and `patients.current_version` moves forward in the same transaction.

export interface PatientRecord {
  id: string;
  version: number;
  history: History;
  createdBy: string;
  createdAt: string;
  mappingReport?: MappingReportEntry[];
}

export interface VersionInfo {
  version: number;
  createdBy: string;
  createdAt: string;
}

export class VersionConflictError extends Error {
  constructor(
    public readonly current: number | undefined,
    public readonly expected: number | undefined,
  ) {
    super(current === undefined ? 'patient does not exist' : `current version is ${current}, not ${String(expected)}`);
  }
}

export class PatientExistsError extends Error {}

/** Canonical JSON (sorted keys) hashed: tells whether a new version changes anything. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const VersionRow = z.object({
  patient_id: text,
  version: int,
  history: storedDocument<History>('the history'),
  mapping_report: jsonb.pipe(z.array(z.object({ resource: text, reason: text })).nullable()),
  created_by: text,
  created_at: timestamp,
});

function toRecords(rows: readonly unknown[]): PatientRecord[] {
  return decodeRows(VersionRow, rows, 'history versions').map((r) => ({
    id: r.patient_id,
    version: r.version,
    history: r.history,
    createdBy: r.created_by,
    createdAt: r.created_at,
    ...(r.mapping_report ? { mappingReport: r.mapping_report } : {}),
  }));
}

const CurrentRow = z.object({ version: int, content_hash: text });

async function insertVersion(q: Queryable, id: string, version: number, history: History, report: MappingReportEntry[] | undefined, by: string, at: Date) {
  const { rows } = await q.query(
    `INSERT INTO history_versions (patient_id, version, history, content_hash, mapping_report, created_by, created_at)
     VALUES ($1, $2, $3::jsonb, $4, $5::jsonb, $6, $7::timestamptz)
     RETURNING patient_id, version, history, mapping_report, created_by, created_at`,
    [id, version, JSON.stringify(history), contentHash(history), report ? JSON.stringify(report) : null, by, at.toISOString()],
  );
  return toRecords(rows)[0]!;
}

export async function createPatient(q: Queryable, history: History, report: MappingReportEntry[] | undefined, by: string, at: Date): Promise<PatientRecord> {
  const { rows } = await q.query(
    'INSERT INTO patients (id, current_version, created_at, updated_at) VALUES ($1, 1, $2::timestamptz, $2::timestamptz) ON CONFLICT (id) DO NOTHING RETURNING id',
    [history.id, at.toISOString()],
  );
  if (rows.length === 0) throw new PatientExistsError(`patient ${history.id} already exists`);
  return insertVersion(q, history.id, 1, history, report, by, at);
}

/**
 * Appends a version. `expectedVersion` (from If-Match) makes a stale editor fail instead of silently
 * replacing a colleague's change; the row lock serialises concurrent writers to one patient.
 */
export async function appendVersion(
  q: Queryable,
  id: string,
  history: History,
  report: MappingReportEntry[] | undefined,
  by: string,
  at: Date,
  expectedVersion?: number,
): Promise<PatientRecord> {
  const { rows } = await q.query('SELECT current_version FROM patients WHERE id = $1 FOR UPDATE', [id]);
  const current = decodeRows(z.object({ current_version: int }), rows, 'current version')[0]?.current_version;
  if (current === undefined) throw new VersionConflictError(undefined, expectedVersion);
  if (expectedVersion !== undefined && expectedVersion !== current) throw new VersionConflictError(current, expectedVersion);
  const next = current + 1;
  await q.query('UPDATE patients SET current_version = $2, updated_at = $3::timestamptz WHERE id = $1', [id, next, at.toISOString()]);
  return insertVersion(q, id, next, history, report, by, at);
}

export async function getPatient(q: Queryable, id: string, version?: number): Promise<PatientRecord | undefined> {
  const { rows } = await q.query(
    version === undefined
      ? `SELECT h.patient_id, h.version, h.history, h.mapping_report, h.created_by, h.created_at
         FROM patients p JOIN history_versions h ON h.patient_id = p.id AND h.version = p.current_version WHERE p.id = $1`
      : `SELECT patient_id, version, history, mapping_report, created_by, created_at FROM history_versions WHERE patient_id = $1 AND version = $2`,
    version === undefined ? [id] : [id, version],
  );
  return toRecords(rows)[0];
}

/** The current version's number and content hash, without reading the document. */
export async function currentVersion(q: Queryable, id: string): Promise<{ version: number; hash: string } | undefined> {
  const { rows } = await q.query(
    `SELECT h.version, h.content_hash FROM patients p JOIN history_versions h ON h.patient_id = p.id AND h.version = p.current_version WHERE p.id = $1`,
    [id],
  );
  const r = decodeRows(CurrentRow, rows, 'current version')[0];
  return r ? { version: r.version, hash: r.content_hash } : undefined;
}

export async function listVersions(q: Queryable, id: string): Promise<VersionInfo[]> {
  const { rows } = await q.query('SELECT version, created_by, created_at FROM history_versions WHERE patient_id = $1 ORDER BY version', [id]);
  const decoded = decodeRows(z.object({ version: int, created_by: text, created_at: timestamp }), rows, 'versions');
  return decoded.map((r) => ({ version: r.version, createdBy: r.created_by, createdAt: r.created_at }));
}

export interface PatientRow {
  id: string;
  version: number;
  updatedAt: string;
}

const SearchRow = z.object({ id: text, current_version: int, updated_at: timestamp, total: int });

/** Patients whose id contains `q` (case-insensitive), by id. */
export async function searchPatients(q: Queryable, text: string | undefined, limit: number, offset: number): Promise<{ items: PatientRow[]; total: number }> {
  const pattern = text ? `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : '%';
  const page = await q.query(
    `SELECT id, current_version, updated_at, count(*) OVER () AS total FROM patients WHERE id ILIKE $1 ORDER BY id LIMIT $2 OFFSET $3`,
    [pattern, limit, offset],
  );
  const rows = decodeRows(SearchRow, page.rows, 'patient search');
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && offset > 0) {
    const c = await q.query('SELECT count(*) AS n FROM patients WHERE id ILIKE $1', [pattern]);
    total = decodeRows(z.object({ n: int }), c.rows, 'patient count')[0]?.n ?? 0;
  }
  return { items: rows.map((r) => ({ id: r.id, version: r.current_version, updatedAt: r.updated_at })), total };
}

/**
 * The EHR's view of a patient as a stored version: a new version only when the content differs from
 * the current one (a CDS call per chart opening must not multiply identical versions). Safe against
 * concurrent callers: the patient row is locked, and a lost create race falls back to append.
 */
export async function ensureCurrentHistory(
  q: Queryable,
  history: History,
  report: MappingReportEntry[] | undefined,
  by: string,
  at: Date,
): Promise<{ version: number; created: boolean }> {
  const hash = contentHash(history);
  const cur = await currentVersion(q, history.id);
  if (cur?.hash === hash) return { version: cur.version, created: false };
  if (!cur) {
    try {
      const r = await createPatient(q, history, report, by, at);
      return { version: r.version, created: true };
    } catch (e) {
      if (!(e instanceof PatientExistsError)) throw e;
    }
  }
  const locked = await q.query(
    `SELECT h.version, h.content_hash FROM patients p JOIN history_versions h ON h.patient_id = p.id AND h.version = p.current_version WHERE p.id = $1 FOR UPDATE OF p`,
    [history.id],
  );
  const now = decodeRows(CurrentRow, locked.rows, 'current version')[0];
  if (now?.content_hash === hash) return { version: now.version, created: false };
  const r = await appendVersion(q, history.id, history, report, by, at);
  return { version: r.version, created: true };
}
