import { z } from 'zod';
import type { Queryable } from './db.js';
import { decodeRows, int, nullableText, text, timestamp } from './rows.js';

// The audit log: who read or wrote which patient's data, when and from where. Append-only: the table's
// triggers refuse UPDATE, DELETE and TRUNCATE (migration 0001).

export interface AuditEntry {
  actor: string;
  role: string;
  /** e.g. `patient.read`, `history.create`, `assessment.run`, `cds.order-sign` */
  action: string;
  patientId?: string;
  /** The API path or resource touched, without query values (they may carry patient data). */
  resource: string;
  ip: string;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  at: string;
}

export async function appendAudit(q: Queryable, entries: readonly AuditEntry[], at: Date): Promise<void> {
  if (entries.length === 0) return;
  // One statement for a batch: PGlite pays per statement, not per row.
  const values: unknown[] = [];
  const rows = entries.map((e, i) => {
    const b = i * 7;
    values.push(at.toISOString(), e.actor, e.role, e.action, e.patientId ?? null, e.resource, e.ip);
    return `($${b + 1}::timestamptz, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
  });
  await q.query(`INSERT INTO audit_log (at, actor, role, action, patient_id, resource, ip) VALUES ${rows.join(', ')}`, values);
}

export interface AuditQuery {
  patientId?: string;
  actor?: string;
  /** Inclusive bounds, ISO date or timestamp. */
  from?: string;
  to?: string;
  limit: number;
}

const AuditRow = z.object({ id: int, at: timestamp, actor: text, role: text, action: text, patient_id: nullableText, resource: text, ip: text });

export async function queryAudit(q: Queryable, f: AuditQuery): Promise<AuditRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (cond: string, v: unknown) => {
    params.push(v);
    where.push(cond.replace('?', `$${params.length}`));
  };
  if (f.patientId !== undefined) add('patient_id = ?', f.patientId);
  if (f.actor !== undefined) add('actor = ?', f.actor);
  if (f.from !== undefined) add('at >= ?::timestamptz', f.from);
  if (f.to !== undefined) add('at <= ?::timestamptz', f.to);
  params.push(f.limit);
  const { rows } = await q.query(
    `SELECT id, at, actor, role, action, patient_id, resource, ip FROM audit_log
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  return decodeRows(AuditRow, rows, 'audit log').map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    role: r.role,
    action: r.action,
    ...(r.patient_id !== null ? { patientId: r.patient_id } : {}),
    resource: r.resource,
    ip: r.ip,
  }));
}
