import { z } from 'zod';
import type { History } from '../history/schema.js';
import type { Acknowledgement } from '../monitor/alerts.js';
import { MONITORED_DRUGS, MONITORING_TEST_IDS } from '../monitor/knowledge.js';
import { dayOfDate, resultJson, resultKey, type MonitoringResult } from '../monitor/results.js';
import type { Queryable } from './db.js';
import { column, decodeRows, StoredRowError, storedDocument, text } from './rows.js';

// Recorded monitoring results and alert acknowledgements (migration 0100). Writes only ever insert;
// a result already held is skipped by its key (day, test, value), so sending a batch twice is harmless.

const QUALITATIVE = ['positive', 'negative'] as const;

// Read with column readers, not a row schema: the worklist reads every monitored patient's results.
function toResults(rows: readonly Record<string, unknown>[]): { patientId: string; result: MonitoringResult }[] {
  const what = 'monitoring results';
  return rows.map((r) => {
    const value = r.value_text === null ? column.nullableNumber(r, 'value_number', what) : column.oneOf(r, 'value_text', QUALITATIVE, what);
    if (value === null) throw new StoredRowError(`${what}: column value_number: expected a number when value_text is null`);
    const unit = column.nullableText(r, 'unit', what);
    return {
      patientId: column.text(r, 'patient_id', what),
      result: { day: dayOfDate(column.text(r, 'date', what)), test: column.oneOf(r, 'test', MONITORING_TEST_IDS, what), value, unit: unit ?? undefined },
    };
  });
}

/** Inserts the results not yet held; returns those actually inserted (a concurrent writer may have won). */
export async function insertResults(q: Queryable, patientId: string, results: readonly MonitoringResult[], by: string, at: Date): Promise<MonitoringResult[]> {
  const inserted: MonitoringResult[] = [];
  // Chunks keep the statement under the drivers' parameter limit.
  for (let start = 0; start < results.length; start += 500) {
    const chunk = results.slice(start, start + 500);
    const values: unknown[] = [];
    const rows = chunk.map((r, i) => {
      const j = resultJson(r);
      const b = i * 9;
      values.push(
        patientId,
        j.date,
        j.test,
        typeof j.value === 'number' ? j.value : null,
        typeof j.value === 'string' ? j.value : null,
        j.unit ?? null,
        resultKey(r),
        by,
        at.toISOString(),
      );
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}::double precision, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}::timestamptz)`;
    });
    const { rows: got } = await q.query(
      `INSERT INTO monitoring_results (patient_id, date, test, value_number, value_text, unit, dedupe_key, recorded_by, recorded_at)
       VALUES ${rows.join(', ')} ON CONFLICT (patient_id, dedupe_key) DO NOTHING RETURNING dedupe_key`,
      values,
    );
    const keys = new Set(decodeRows(z.object({ dedupe_key: text }), got, 'inserted results').map((g) => g.dedupe_key));
    for (const r of chunk) if (keys.has(resultKey(r))) inserted.push(r);
  }
  return inserted;
}

export async function resultsOf(q: Queryable, patientId: string): Promise<MonitoringResult[]> {
  const { rows } = await q.query(
    'SELECT patient_id, date, test, value_number, value_text, unit FROM monitoring_results WHERE patient_id = $1 ORDER BY date, id',
    [patientId],
  );
  return toResults(rows).map((r) => r.result);
}

function toAcks(rows: readonly Record<string, unknown>[]): { patientId: string; ack: Acknowledgement }[] {
  const what = 'alert acknowledgements';
  return rows.map((r) => {
    const ack: Acknowledgement = {
      alertId: column.text(r, 'alert_id', what),
      at: column.timestamp(r, 'acknowledged_at', what),
      by: column.text(r, 'acknowledged_by', what),
    };
    const note = column.nullableText(r, 'note', what);
    if (note !== null) ack.note = note;
    return { patientId: column.text(r, 'patient_id', what), ack };
  });
}

export async function acknowledgementsOf(q: Queryable, patientId: string): Promise<Acknowledgement[]> {
  const { rows } = await q.query('SELECT * FROM alert_acknowledgements WHERE patient_id = $1 ORDER BY acknowledged_at', [patientId]);
  return toAcks(rows).map((a) => a.ack);
}

/** Records an acknowledgement once; a second acknowledgement of the same alert keeps the first. */
export async function acknowledge(q: Queryable, patientId: string, alertId: string, by: string, at: Date, note?: string): Promise<Acknowledgement> {
  await q.query(
    `INSERT INTO alert_acknowledgements (alert_id, patient_id, note, acknowledged_by, acknowledged_at)
     VALUES ($1, $2, $3, $4, $5::timestamptz) ON CONFLICT (alert_id) DO NOTHING`,
    [alertId, patientId, note ?? null, by, at.toISOString()],
  );
  const { rows } = await q.query('SELECT * FROM alert_acknowledgements WHERE alert_id = $1', [alertId]);
  return toAcks(rows)[0]!.ack;
}

export interface MonitoredPatient {
  id: string;
  history: History;
  results: MonitoringResult[];
  acknowledgements: Acknowledgement[];
}

const MonitoredRow = z.object({ id: text, history: storedDocument<History>('the history') });

// A therapy of any monitored drug (knowledge/monitoring), as jsonb containment patterns.
const MONITORED_THERAPIES = MONITORED_DRUGS.map((drug) => JSON.stringify([{ drug }]));

/**
 * Every patient whose current history records a monitored drug (optionally only `ids`), with their
 * recorded results and acknowledgements: what the worklist and the patient list need.
 */
export async function monitoredPatients(q: Queryable, ids?: readonly string[]): Promise<MonitoredPatient[]> {
  const filter = ids ? 'AND p.id = ANY($2::text[])' : '';
  const params: unknown[] = ids ? [MONITORED_THERAPIES, ids] : [MONITORED_THERAPIES];
  const { rows } = await q.query(
    `SELECT p.id, hv.history FROM patients p
       JOIN history_versions hv ON hv.patient_id = p.id AND hv.version = p.current_version
      WHERE hv.history->'therapies' @> ANY($1::jsonb[]) ${filter}
      ORDER BY p.id`,
    params,
  );
  const out = new Map<string, MonitoredPatient>();
  for (const r of decodeRows(MonitoredRow, rows, 'monitored patients')) out.set(r.id, { id: r.id, history: r.history, results: [], acknowledgements: [] });
  if (out.size === 0) return [];
  const wanted = [...out.keys()];
  const res = await q.query(
    'SELECT patient_id, date, test, value_number, value_text, unit FROM monitoring_results WHERE patient_id = ANY($1::text[]) ORDER BY patient_id, date, id',
    [wanted],
  );
  for (const r of toResults(res.rows)) out.get(r.patientId)?.results.push(r.result);
  const acks = await q.query('SELECT * FROM alert_acknowledgements WHERE patient_id = ANY($1::text[])', [wanted]);
  for (const r of toAcks(acks.rows)) out.get(r.patientId)?.acknowledgements.push(r.ack);
  return [...out.values()];
}
