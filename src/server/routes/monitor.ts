import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { formatDay, type Day } from '../../history/dates.js';
import {
  checkRawResults,
  clinicWorklist,
  dayInTimeZone,
  resultsFromFhir,
  monitorPatient,
  monitoringIcs,
  monitoringJson,
  recordResults,
  resolveSettings,
  resultsFromHistory,
  validateResults,
  worklistJson,
  type ClinicSettings,
  type ClinicSettingsInput,
} from '../../monitor/index.js';
import { getPatient } from '../../store/histories.js';
import { acknowledge, acknowledgementsOf, insertResults, monitoredPatients, resultsOf } from '../../store/monitoring-repo.js';
import { requireRole } from '../auth.js';
import { asOfParam, readBody, readJson } from '../body.js';
import { audited } from '../audit.js';
import type { App, AppContext } from '../context.js';
import { badRequest, invalid, notFound } from '../errors.js';
import { registeredPaths } from '../openapi.js';
import { monitorPaths } from './monitor-openapi.js';

// The monitoring endpoints of docs/api.md. The plan is derived from the current history on every read;
// recorded results and acknowledgements are the only things stored. Every read and write of a
// patient's monitoring is audited like the rest of the service.

/** Monitoring results and acknowledgements are nurses' work as much as clinicians' (docs/api.md). */
const mayRecord = requireRole('clinician', 'nurse');
const mayRead = requireRole('clinician', 'nurse');

/**
 * The clinic's settings: FULCRUM_MONITORING_SETTINGS names a JSON file
 * `{ "timeZone": "Europe/Berlin", "numbers": { "plateletsLowerLimit": 140 } }`; defaults otherwise.
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ClinicSettings {
  const path = env.FULCRUM_MONITORING_SETTINGS;
  if (!path) return resolveSettings();
  return resolveSettings(JSON.parse(readFileSync(path, 'utf8')) as ClinicSettingsInput);
}

const AckBody = z.strictObject({ note: z.string().max(2000).optional() });

export function registerMonitorRoutes(app: App, ctx: AppContext, settings: ClinicSettings = settingsFromEnv()): void {
  Object.assign(registeredPaths, monitorPaths);
  /** Today in the clinic's time zone, from the server's clock. */
  const today = (): Day => (settings.timeZone === 'UTC' ? ctx.clock.today() : dayInTimeZone(ctx.clock.now(), settings.timeZone));

  async function patientMonitoring(id: string, asOf: Day) {
    const r = await getPatient(ctx.db, id);
    if (!r) throw notFound(`patient ${id}`);
    const [results, acknowledgements] = await Promise.all([resultsOf(ctx.db, id), acknowledgementsOf(ctx.db, id)]);
    return { record: r, m: monitorPatient({ history: r.history, asOf, results, acknowledgements, settings }) };
  }

  app.get('/api/patients/:id/monitoring', mayRead, audited(ctx), async (c) => {
    const id = c.req.param('id');
    const asOf = asOfParam(c, today());
    const { record, m } = await patientMonitoring(id, asOf);
    c.var.audit.entry('monitoring.read', `/api/patients/${id}/versions/${record.version}/monitoring`, id);
    return c.json(monitoringJson(m));
  });

  app.get('/api/patients/:id/monitoring.ics', mayRead, audited(ctx), async (c) => {
    const id = c.req.param('id');
    const { record, m } = await patientMonitoring(id, asOfParam(c, today()));
    c.var.audit.entry('monitoring.calendar', `/api/patients/${id}/versions/${record.version}/monitoring.ics`, id);
    const include = c.req.query('include') === 'all' ? 'all' : 'outstanding';
    return c.body(monitoringIcs(id, m.states, { stamp: ctx.clock.now(), include }), 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'attachment; filename="monitoring.ics"',
    });
  });

  app.post('/api/patients/:id/results', mayRecord, audited(ctx), async (c) => {
    const id = c.req.param('id');
    const body = await readJson(c);
    const asOf = today();
    let v;
    if (body !== null && typeof body === 'object' && 'resourceType' in body) {
      // A FHIR Observation or a Bundle of them (LOINC-coded); problems come back as FHIR paths.
      const raw = resultsFromFhir(body);
      v = checkRawResults(raw, asOf);
      if (v.ok && raw.skipped.length > 0 && v.results.length === 0)
        throw badRequest(`no usable Observation: ${raw.skipped.map((x) => `${x.path}: ${x.reason}`).join('; ')}`, raw.skipped[0]!.path);
    } else {
      if (body === null || typeof body !== 'object' || Array.isArray(body) || !('results' in body))
        throw badRequest('the body is { "results": [{ date, test, value, unit? }] } or a FHIR Observation or Bundle', '$.results');
      const extra = Object.keys(body).filter((k) => k !== 'results');
      if (extra.length) throw badRequest(`unknown field "${extra[0]!}"`, `$.${extra[0]!}`);
      v = validateResults((body as { results: unknown }).results, { asOf, path: '$.results' });
    }
    if (!v.ok) throw invalid(v.issues);
    const r = await getPatient(ctx.db, id);
    if (!r) throw notFound(`patient ${id}`);
    const user = c.get('user');
    const { inserted, duplicates } = await c.var.audit.transaction(async (tx) => {
      // Results in the history itself count as held: sending them again is a duplicate, not a new result.
      const held = recordResults(resultsFromHistory(r.history), await resultsOf(tx, id)).results;
      const rec = recordResults(held, v.results);
      const inserted = await insertResults(tx, id, rec.recorded, user.name, ctx.clock.now());
      c.var.audit.entry('monitoring.results.record', `/api/patients/${id}/results`, id);
      return { inserted, duplicates: v.results.length - inserted.length };
    });
    const { m } = await patientMonitoring(id, asOf);
    const newKeys = new Set(inserted.map((x) => `${formatDay(x.day)}|${x.test}`));
    const alerts = m.alerts.filter((a) => !a.acknowledged && a.values.some((x) => x.role === 'result' && newKeys.has(`${x.date}|${x.test}`)));
    return c.json({ recorded: inserted.length, duplicates, alerts }, 201);
  });

  app.post('/api/alerts/:alertId/acknowledge', mayRecord, audited(ctx), async (c) => {
    const alertId = c.req.param('alertId');
    // `<patient id>/<rule id>/<date>`: the patient id may itself contain "/", the last two parts cannot.
    const parts = alertId.split('/');
    if (parts.length < 3) throw notFound(`alert ${alertId}`);
    const patientId = parts.slice(0, -2).join('/');
    const body = await readBody(c, AckBody);
    const asOf = today();
    const r = await getPatient(ctx.db, patientId);
    if (!r) throw notFound(`alert ${alertId}`);
    const { m } = await patientMonitoring(patientId, asOf);
    const alert = m.alerts.find((a) => a.id === alertId);
    if (!alert) throw notFound(`alert ${alertId}`);
    const user = c.get('user');
    const ack = await c.var.audit.transaction(async (tx) => {
      const a = await acknowledge(tx, patientId, alertId, user.name, ctx.clock.now(), body.note);
      c.var.audit.entry('monitoring.alert.acknowledge', `/api/alerts/${alertId}/acknowledge`, patientId);
      return a;
    });
    return c.json({ ...alert, acknowledged: { at: ack.at, by: ack.by, ...(ack.note !== undefined ? { note: ack.note } : {}) } });
  });

  app.get('/api/worklist', mayRead, audited(ctx), async (c) => {
    const asOf = asOfParam(c, today());
    const patients = await monitoredPatients(ctx.db);
    const list = clinicWorklist(patients.map((p) => ({ history: p.history, asOf, results: p.results, acknowledgements: p.acknowledgements, settings })));
    // The worklist shows each listed patient's alerts and tests: one audit entry per patient shown.
    c.var.audit.entry('monitoring.worklist', '/api/worklist');
    for (const e of list) c.var.audit.entry('monitoring.worklist', `/api/patients/${e.patientId}/monitoring`, e.patientId);
    return c.json(worklistJson(list));
  });
}

/** The patient list's monitoring column (docs/api.md PatientSummary.monitoring) for the given patients. */
export async function monitoringSummariesFor(ctx: AppContext, ids: readonly string[], asOf: Day, settings: ClinicSettings = settingsFromEnv()) {
  const out = new Map<string, { status: 'none' | 'ok' | 'due' | 'overdue' | 'alert'; openAlerts: number; overdueItems: number }>();
  if (ids.length === 0) return out;
  for (const p of await monitoredPatients(ctx.db, ids)) {
    const m = monitorPatient({ history: p.history, asOf, results: p.results, acknowledgements: p.acknowledgements, settings });
    out.set(p.id, { status: m.summary.status, openAlerts: m.summary.openAlerts, overdueItems: m.summary.overdueItems });
  }
  return out;
}
