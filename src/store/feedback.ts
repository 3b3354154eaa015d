import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from './db.js';
import { decodeRows, jsonb, nullableText, text } from './rows.js';

// CDS Hooks feedback: what the clinician did with a card, and the reason given for an override.

export interface CdsFeedback {
  serviceId: string;
  card: string;
  outcome: 'accepted' | 'overridden';
  overrideReason?: unknown;
  userComment?: string;
  acceptedSuggestions?: unknown[];
  outcomeTimestamp: string;
  /** The assessment behind the card, when the card is one this service issued. */
  assessmentId?: string;
}

export async function insertFeedback(q: Queryable, items: readonly CdsFeedback[], from: string, at: Date): Promise<number> {
  if (items.length === 0) return 0;
  const values: unknown[] = [];
  const rows = items.map((f, i) => {
    const b = i * 11;
    values.push(
      randomUUID(),
      f.serviceId,
      f.card,
      f.outcome,
      f.overrideReason === undefined ? null : JSON.stringify(f.overrideReason),
      f.userComment ?? null,
      f.acceptedSuggestions === undefined ? null : JSON.stringify(f.acceptedSuggestions),
      f.outcomeTimestamp,
      from,
      at.toISOString(),
      f.assessmentId ?? null,
    );
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}::jsonb, $${b + 6}, $${b + 7}::jsonb, $${b + 8}, $${b + 9}, $${b + 10}::timestamptz, $${b + 11})`;
  });
  await q.query(
    `INSERT INTO cds_feedback (id, service_id, card_uuid, outcome, override_reason, user_comment, accepted_suggestions, outcome_timestamp, received_from, created_at, assessment_id)
     VALUES ${rows.join(', ')}`,
    values,
  );
  return items.length;
}

const FeedbackRow = z.object({
  service_id: text,
  card_uuid: text,
  outcome: z.enum(['accepted', 'overridden']),
  override_reason: jsonb,
  user_comment: nullableText,
  accepted_suggestions: jsonb.pipe(z.array(z.unknown()).nullable()),
  outcome_timestamp: text,
  received_from: text,
  assessment_id: nullableText,
});

export async function listFeedback(q: Queryable, serviceId?: string): Promise<(CdsFeedback & { receivedFrom: string })[]> {
  const { rows } = await q.query(
    `SELECT service_id, card_uuid, outcome, override_reason, user_comment, accepted_suggestions, outcome_timestamp, received_from, assessment_id
     FROM cds_feedback ${serviceId ? 'WHERE service_id = $1' : ''} ORDER BY created_at, id`,
    serviceId ? [serviceId] : [],
  );
  return decodeRows(FeedbackRow, rows, 'cds feedback').map((r) => ({
    serviceId: r.service_id,
    card: r.card_uuid,
    outcome: r.outcome,
    ...(r.override_reason !== null ? { overrideReason: r.override_reason } : {}),
    ...(r.user_comment !== null ? { userComment: r.user_comment } : {}),
    ...(r.accepted_suggestions !== null ? { acceptedSuggestions: r.accepted_suggestions } : {}),
    outcomeTimestamp: r.outcome_timestamp,
    receivedFrom: r.received_from,
    ...(r.assessment_id !== null ? { assessmentId: r.assessment_id } : {}),
  }));
}
