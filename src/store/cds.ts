import { z } from 'zod';
import type { Queryable } from './db.js';
import type { AuditEntry } from './audit.js';
import { decodeRows, nullableText, text } from './rows.js';

// Cards returned to an EHR, written in one statement together with the call's audit entry: PGlite
// pays per statement, and a CTE makes the pair atomic without a transaction round trip.

export interface IssuedCard {
  uuid: string;
  serviceId: string;
  hookInstance: string;
  patientId?: string;
  assessmentId?: string;
  drug?: string;
  indicator: string;
  issuer: string;
}

export interface CdsCall {
  audit: AuditEntry;
  cards: readonly IssuedCard[];
  at: Date;
}

/** Several calls' audit entries and cards in one statement (atomic: all or none). */
export async function recordCdsCalls(q: Queryable, calls: readonly CdsCall[]): Promise<void> {
  if (calls.length === 0) return;
  const params: unknown[] = [];
  const auditRows = calls.map(({ audit: a, at }) => {
    const b = params.length;
    params.push(at.toISOString(), a.actor, a.role, a.action, a.patientId ?? null, a.resource, a.ip);
    return `($${b + 1}::timestamptz, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
  });
  const cardRows: string[] = [];
  for (const { cards, at } of calls) {
    for (const c of cards) {
      const b = params.length;
      params.push(c.uuid, c.serviceId, c.hookInstance, c.patientId ?? null, c.assessmentId ?? null, c.drug ?? null, c.indicator, c.issuer, at.toISOString());
      cardRows.push(`($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}::timestamptz)`);
    }
  }
  const insertAudit = `INSERT INTO audit_log (at, actor, role, action, patient_id, resource, ip) VALUES ${auditRows.join(', ')}`;
  if (cardRows.length === 0) {
    await q.query(insertAudit, params);
    return;
  }
  await q.query(
    `WITH a AS (${insertAudit})
     INSERT INTO cds_cards (uuid, service_id, hook_instance, patient_id, assessment_id, drug, indicator, issuer, created_at) VALUES ${cardRows.join(', ')}`,
    params,
  );
}

const CardRow = z.object({
  uuid: text,
  service_id: text,
  hook_instance: text,
  patient_id: nullableText,
  assessment_id: nullableText,
  drug: nullableText,
  indicator: text,
  issuer: text,
});

export async function findCard(q: Queryable, uuid: string): Promise<IssuedCard | undefined> {
  const { rows } = await q.query('SELECT uuid, service_id, hook_instance, patient_id, assessment_id, drug, indicator, issuer FROM cds_cards WHERE uuid = $1', [
    uuid,
  ]);
  const r = decodeRows(CardRow, rows, 'cds cards')[0];
  if (!r) return undefined;
  return {
    uuid: r.uuid,
    serviceId: r.service_id,
    hookInstance: r.hook_instance,
    indicator: r.indicator,
    issuer: r.issuer,
    ...(r.patient_id !== null ? { patientId: r.patient_id } : {}),
    ...(r.assessment_id !== null ? { assessmentId: r.assessment_id } : {}),
    ...(r.drug !== null ? { drug: r.drug } : {}),
  };
}
