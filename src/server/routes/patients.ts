import { historyFromJson, InvalidHistoryError } from '../../cli/input.js';
import { formatDay } from '../../history/dates.js';
import { latestVerdicts } from '../../store/assessments.js';
import { validateHistory } from '../../history/validate.js';
import { PatientExistsError, VersionConflictError, appendVersion, createPatient, getPatient, listVersions, searchPatients } from '../../store/histories.js';
import { may } from '../auth.js';
import { asOfParam, intParam, readJson } from '../body.js';
import { audited } from '../audit.js';
import { patientChanged, type App, type AppContext, type Ctx } from '../context.js';
import { badRequest, conflict, invalid, notFound } from '../errors.js';
import { monitoringSummariesFor } from './monitor.js';
import { courseWithRecordChecks } from '../../course/index.js';
import { CourseSettingsError, parseCourseSettings } from '../../course/settings-json.js';

/** A history (our JSON) or a FHIR R4 Bundle, validated as of today: nothing may lie in the future. */
async function historyFromBody(c: Ctx, ctx: AppContext) {
  const json = await readJson(c);
  try {
    // ?strict=true (the web app's import, where the person can fix each problem at its line) or the
    // server's --fhir-strict refuse a FHIR record for any unreadable entry; otherwise it is left out.
    const strict = ctx.config.fhirStrict === true || c.req.query('strict') === 'true';
    return await historyFromJson(json, ctx.clock.today(), 'body', { strict });
  } catch (e) {
    if (e instanceof InvalidHistoryError) throw invalid(e.issues);
    throw e;
  }
}

/** Versions are PostgreSQL integers: a larger number is no version, not a 500 from the driver. */
const MAX_VERSION = 2_147_483_647;

function parseVersion(v: string, what: string): number {
  const s = v.replace(/^W\/"?|"$/g, '').replace(/^"/, '');
  if (!/^\d{1,10}$/.test(s) || Number(s) < 1 || Number(s) > MAX_VERSION)
    throw badRequest(`${what} must be a version number from 1 to ${MAX_VERSION}, not "${v.slice(0, 40)}"`, what);
  return Number(s);
}

export function registerPatientRoutes(app: App, ctx: AppContext): void {
  app.post('/api/patients', may.writePatients, audited(ctx), async (c) => {
    const { history, mappingReport } = await historyFromBody(c, ctx);
    const user = c.get('user');
    try {
      const record = await c.var.audit.transaction(async (tx) => {
        const r = await createPatient(tx, history, mappingReport, user.name, ctx.clock.now());
        c.var.audit.entry('history.create', `/api/patients/${r.id}/versions/1`, r.id);
        return r;
      });
      patientChanged(ctx, record.id);
      c.header('ETag', `"${record.version}"`);
      c.header('Location', `/api/patients/${encodeURIComponent(record.id)}`);
      return c.json(record, 201);
    } catch (e) {
      if (e instanceof PatientExistsError) throw conflict(`a patient with id ${history.id} exists already: update it with PUT /api/patients/{id}`, '$.id');
      throw e;
    }
  });

  app.put('/api/patients/:id', may.writePatients, audited(ctx), async (c) => {
    const id = c.req.param('id');
    const ifMatch = c.req.header('if-match');
    const expected = ifMatch === undefined ? undefined : parseVersion(ifMatch, 'If-Match');
    const { history, mappingReport } = await historyFromBody(c, ctx);
    if (history.id !== id) throw badRequest(`the history's id "${history.id}" is not the patient in the URL "${id}"`, '$.id');
    const user = c.get('user');
    try {
      const record = await c.var.audit.transaction(async (tx) => {
        const r = await appendVersion(tx, id, history, mappingReport, user.name, ctx.clock.now(), expected);
        c.var.audit.entry('history.update', `/api/patients/${id}/versions/${r.version}`, id);
        return r;
      });
      patientChanged(ctx, id);
      c.header('ETag', `"${record.version}"`);
      return c.json(record, 200);
    } catch (e) {
      if (e instanceof VersionConflictError) {
        if (e.current === undefined) throw notFound(`patient ${id}`);
        throw conflict(`the patient's current version is ${e.current}, not ${String(e.expected)}: reload and apply the change again`);
      }
      throw e;
    }
  });

  app.get('/api/patients', may.readPatients, audited(ctx), async (c) => {
    const q = c.req.query('q');
    const limit = intParam(c, 'limit', 50, 1, 500);
    const offset = intParam(c, 'offset', 0, 0, 1_000_000);
    const page = await searchPatients(ctx.db, q || undefined, limit, offset);
    const ids = page.items.map((p) => p.id);
    const [verdicts, monitoring] = await Promise.all([latestVerdicts(ctx.db, ids), monitoringSummariesFor(ctx, ids, ctx.clock.today())]);
    // The list shows each patient's id, verdicts and monitoring: one audit entry per patient shown.
    if (ids.length === 0) c.var.audit.entry('patient.list', '/api/patients');
    for (const patientId of ids) c.var.audit.entry('patient.list', '/api/patients', patientId);
    return c.json({
      items: page.items.map((p) => ({
        id: p.id,
        version: p.version,
        updatedAt: p.updatedAt,
        latestAssessments: verdicts.get(p.id) ?? {},
        monitoring: monitoring.get(p.id) ?? { status: 'none', openAlerts: 0, overdueItems: 0 },
      })),
      total: page.total,
    });
  });

  app.get('/api/patients/:id', may.readPatients, audited(ctx), async (c) => {
    const id = c.req.param('id');
    const r = await getPatient(ctx.db, id);
    if (!r) throw notFound(`patient ${id}`);
    c.var.audit.entry('history.read', `/api/patients/${id}/versions/${r.version}`, id);
    c.header('ETag', `"${r.version}"`);
    return c.json(r);
  });

  app.get('/api/patients/:id/versions', may.readPatients, audited(ctx), async (c) => {
    const id = c.req.param('id');
    const items = await listVersions(ctx.db, id);
    if (items.length === 0) throw notFound(`patient ${id}`);
    c.var.audit.entry('history.versions', `/api/patients/${id}/versions`, id);
    return c.json({ items });
  });

  app.get('/api/patients/:id/versions/:version', may.readPatients, audited(ctx), async (c) => {
    const id = c.req.param('id');
    const version = parseVersion(c.req.param('version'), 'version');
    const r = await getPatient(ctx.db, id, version);
    if (!r) throw notFound(`version ${version} of patient ${id}`);
    c.var.audit.entry('history.read', `/api/patients/${id}/versions/${version}`, id);
    return c.json(r);
  });

  app.get('/api/patients/:id/course', may.readPatients, audited(ctx), async (c) => {
    const id = c.req.param('id');
    const asOf = asOfParam(c, ctx.clock.today());
    const r = await getPatient(ctx.db, id);
    if (!r) throw notFound(`patient ${id}`);
    // A course as of an earlier date must not see what happened after it.
    const v = validateHistory(r.history, { asOf });
    if (!v.ok) throw badRequest(`the history has events after asOf ${formatDay(asOf)} (${v.issues[0]!.path}): ask as of a later date`, 'asOf');
    c.var.audit.entry('course.read', `/api/patients/${id}/versions/${r.version}/course?asOf=${formatDay(asOf)}`, id);
    return c.json(courseWithRecordChecks(r.history, asOf));
  });

  // The same course with researcher settings (msprog's names, docs/course-settings.md) in the body:
  // {"settings": {...}}. A read, sent as POST because the settings are a JSON object.
  app.post('/api/patients/:id/course', may.readPatients, audited(ctx), async (c) => {
    const id = c.req.param('id');
    const asOf = asOfParam(c, ctx.clock.today());
    const body = await readJson(c);
    if (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(body).some((k) => k !== 'settings')) {
      throw badRequest('the body is {"settings": {...}} (msprog\'s argument names)', 'settings');
    }
    let settings;
    try {
      settings = parseCourseSettings((body as { settings?: unknown }).settings ?? {});
    } catch (e) {
      if (e instanceof CourseSettingsError) throw invalid(e.issues.map((i) => ({ path: `settings${i.path ? '.' + i.path : ''}`, message: i.message })));
      throw e;
    }
    const r = await getPatient(ctx.db, id);
    if (!r) throw notFound(`patient ${id}`);
    const v = validateHistory(r.history, { asOf });
    if (!v.ok) throw badRequest(`the history has events after asOf ${formatDay(asOf)} (${v.issues[0]!.path}): ask as of a later date`, 'asOf');
    c.var.audit.entry('course.read', `/api/patients/${id}/versions/${r.version}/course?asOf=${formatDay(asOf)}`, id);
    return c.json(courseWithRecordChecks(r.history, asOf, { settings }));
  });
}
