import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { databases, reportSkippedPostgres, startTestServer, type TestServer } from './harness.js';
import { history } from './fixtures.js';
import { historyToBundle } from '../../src/fhir/index.js';

reportSkippedPostgres('HTTP API');

describe.each(databases())('HTTP API on $name', ({ options }) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(options(), { maxBodyBytes: 64 * 1024 });
  });
  afterAll(async () => s?.close());

  it('answers /health without a token and names the database', async () => {
    const r = await s.call(null, '/health');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok', database: s.ctx.db.kind });
  });

  it('refuses /api without a token, and with an unknown one, as a 401 OperationOutcome', async () => {
    const none = await s.call(null, '/api/patients');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await none.json()).resourceType).toBe('OperationOutcome');
    const bad = await fetch(`${s.url}/api/me`, { headers: { authorization: 'Bearer fcm_not-a-real-token' } });
    expect(bad.status).toBe(401);
  });

  it('guards every /api route, whoever registered it, with the bearer token', async () => {
    const app = await createApp(s.ctx);
    const routes = app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL');
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) {
      const path = r.path.replace(/:[A-Za-z]+/g, 'x');
      const res = await fetch(`${s.url}${path}`, {
        method: r.method,
        headers: { 'content-type': 'application/json' },
        body: r.method === 'GET' ? undefined : '{}',
      });
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
    }
  });

  it('tells the token holder who they are, in a response no cache keeps', async () => {
    const r = await s.call('nurse', '/api/me');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await r.json()).toEqual({ name: 'test nurse', role: 'nurse' });
  });

  it('creates a patient as version 1 with who and when, and refuses a second create of the same id', async () => {
    const r = await s.call('clinician', '/api/patients', { method: 'POST', json: history('api-001') });
    expect(r.status).toBe(201);
    const rec = await r.json();
    expect(rec).toMatchObject({ id: 'api-001', version: 1, createdBy: 'test clinician' });
    expect(rec.history.id).toBe('api-001');
    expect(r.headers.get('etag')).toBe('"1"');
    const again = await s.call('clinician', '/api/patients', { method: 'POST', json: history('api-001') });
    expect(again.status).toBe(409);
    expect((await again.json()).issue[0].expression).toEqual(['$.id']);
  });

  it('reports every invalid field of a history with its path, in one 400', async () => {
    const bad = { ...history('api-bad'), edss: [{ date: '2024-01-01', score: 0.5 }], sex: 'x' };
    const r = await s.call('clinician', '/api/patients', { method: 'POST', json: bad });
    expect(r.status).toBe(400);
    const oo = await r.json();
    expect(oo.resourceType).toBe('OperationOutcome');
    const paths = oo.issue.flatMap((i: { expression: string[] }) => i.expression);
    expect(paths).toContain('$.edss[0].score');
    expect(paths).toContain('$.sex');
  });

  it('takes a FHIR R4 Bundle too, keeping the mapping report; a Bundle problem is located by FHIRPath', async () => {
    const bundle = historyToBundle(history('fhir-001')) as unknown as { entry: { resource: Record<string, unknown> }[] };
    const r = await s.call('clinician', '/api/patients', { method: 'POST', json: bundle });
    expect(r.status).toBe(201);
    const rec = await r.json();
    expect(rec.history.id).toBe('fhir-001');
    expect(Array.isArray(rec.mappingReport)).toBe(true);
    const broken = structuredClone(bundle);
    const patient = broken.entry.findIndex((e) => e.resource.resourceType === 'Patient');
    broken.entry[patient]!.resource.birthDate = 'spring 1980';
    const bad = await s.call('clinician', '/api/patients', { method: 'POST', json: broken });
    expect(bad.status).toBe(400);
    expect((await bad.json()).issue[0].expression).toEqual([`Bundle.entry[${patient}].resource.birthDate`]);
  });

  it('refuses a history with events after today (the server date)', async () => {
    const r = await s.call('clinician', '/api/patients', { method: 'POST', json: history('api-future', { edss: [{ date: '2025-06-02', score: 2 }] }) });
    expect(r.status).toBe(400);
    expect((await r.json()).issue[0].expression).toEqual(['$.edss[0].date']);
  });

  it('refuses a body that is not JSON, and one larger than the limit (413)', async () => {
    const notJson = await s.call('clinician', '/api/patients', { method: 'POST', body: '{oops', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    const big = { ...history('api-big'), conditions: Array.from({ length: 2000 }, () => ({ code: 'stroke', status: 'resolved', note: 'x'.repeat(40) })) };
    const tooBig = await s.call('clinician', '/api/patients', { method: 'POST', json: big });
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).issue[0].code).toBe('too-long');
  });

  it('reads a body of exactly the limit (64 KiB here) and refuses one byte more with 413', async () => {
    const sized = (n: number) => {
      const skeleton = JSON.stringify({ pad: '' });
      return JSON.stringify({ pad: 'x'.repeat(n - skeleton.length) });
    };
    expect(sized(65_536).length).toBe(65_536);
    const at = await s.call('clinician', '/api/patients', { method: 'POST', body: sized(65_536), headers: { 'content-type': 'application/json' } });
    expect(at.status).toBe(400);
    const over = await s.call('clinician', '/api/patients', { method: 'POST', body: sized(65_537), headers: { 'content-type': 'application/json' } });
    expect(over.status).toBe(413);
  });

  it('takes page sizes from 1 to 500 and audit limits from 1 to 10000, refusing just outside', async () => {
    expect((await s.call('nurse', '/api/patients?limit=1')).status).toBe(200);
    expect((await s.call('nurse', '/api/patients?limit=500')).status).toBe(200);
    expect((await s.call('nurse', '/api/patients?limit=501')).status).toBe(400);
    expect((await s.call('auditor', '/api/audit?limit=1')).status).toBe(200);
    expect((await s.call('auditor', '/api/audit?limit=10000')).status).toBe(200);
    expect((await s.call('auditor', '/api/audit?limit=0')).status).toBe(400);
    expect((await s.call('auditor', '/api/audit?limit=10001')).status).toBe(400);
  });

  it('keeps every version: an update is version 2, version 1 is unchanged and both are listed', async () => {
    await s.call('clinician', '/api/patients', { method: 'POST', json: history('api-002') });
    const upd = history('api-002', { sex: 'male' });
    const r = await s.call('clinician', '/api/patients/api-002', { method: 'PUT', json: upd, headers: { 'if-match': '"1"' } });
    expect(r.status).toBe(200);
    expect((await r.json()).version).toBe(2);
    const v1 = await (await s.call('nurse', '/api/patients/api-002/versions/1')).json();
    expect(v1.history.sex).toBe('female');
    const cur = await (await s.call('nurse', '/api/patients/api-002')).json();
    expect(cur).toMatchObject({ version: 2, history: { sex: 'male' } });
    const versions = await (await s.call('nurse', '/api/patients/api-002/versions')).json();
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it('refuses an update from a stale version (If-Match) with 409, and one whose id differs from the URL', async () => {
    await s.call('clinician', '/api/patients', { method: 'POST', json: history('api-003') });
    await s.call('clinician', '/api/patients/api-003', { method: 'PUT', json: history('api-003', { sex: 'male' }) });
    const stale = await s.call('clinician', '/api/patients/api-003', { method: 'PUT', json: history('api-003'), headers: { 'if-match': '1' } });
    expect(stale.status).toBe(409);
    const wrongId = await s.call('clinician', '/api/patients/api-003', { method: 'PUT', json: history('api-999') });
    expect(wrongId.status).toBe(400);
    expect((await wrongId.json()).issue[0].expression).toEqual(['$.id']);
    const missing = await s.call('clinician', '/api/patients/nobody', { method: 'PUT', json: history('nobody') });
    expect(missing.status).toBe(404);
  });

  it('lists and searches patients by case-insensitive id substring, with paging', async () => {
    for (const id of ['srch-A1', 'srch-a2', 'srch-b3']) await s.call('clinician', '/api/patients', { method: 'POST', json: history(id) });
    const r = await (await s.call('nurse', '/api/patients?q=SRCH-A')).json();
    expect(r.items.map((p: { id: string }) => p.id)).toEqual(['srch-A1', 'srch-a2']);
    expect(r.total).toBe(2);
    expect(r.items[0]).toMatchObject({ version: 1, latestAssessments: {}, monitoring: { status: 'none' } });
    const page = await (await s.call('nurse', '/api/patients?q=srch&limit=1&offset=2')).json();
    expect(page).toMatchObject({ total: 3, items: [{ id: 'srch-b3' }] });
    const badLimit = await s.call('nurse', '/api/patients?limit=0');
    expect(badLimit.status).toBe(400);
  });

  it('lets roles do only their part: a nurse reads but cannot write; an auditor sees no patients', async () => {
    const nurseWrite = await s.call('nurse', '/api/patients', { method: 'POST', json: history('api-nurse') });
    expect(nurseWrite.status).toBe(403);
    const auditorRead = await s.call('auditor', '/api/patients');
    expect(auditorRead.status).toBe(403);
    const clinicianAudit = await s.call('clinician', '/api/audit');
    expect(clinicianAudit.status).toBe(403);
    const adminWrite = await s.call('admin', '/api/patients', { method: 'POST', json: history('api-admin') });
    expect(adminWrite.status).toBe(201);
  });

  it('records every read and write of patient data in the audit log, queryable by an auditor', async () => {
    await s.call('clinician', '/api/patients', { method: 'POST', json: history('aud-001') });
    await s.call('nurse', '/api/patients/aud-001');
    const r = await s.call('auditor', '/api/audit?patientId=aud-001');
    expect(r.status).toBe(200);
    const { items } = await r.json();
    expect(items.map((i: { action: string; actor: string }) => `${i.action} by ${i.actor}`)).toEqual([
      'history.read by test nurse',
      'history.create by test clinician',
    ]);
    expect(items[0]).toMatchObject({ role: 'nurse', patientId: 'aud-001', resource: '/api/patients/aud-001/versions/1' });
    expect(items[0].ip).toMatch(/127\.0\.0\.1/);
    const byActor = await (await s.call('auditor', '/api/audit?actor=test%20nurse&limit=1')).json();
    expect(byActor.items).toHaveLength(1);
    const none = await (await s.call('auditor', '/api/audit?patientId=aud-001&to=2000-01-01')).json();
    expect(none.items).toEqual([]);
  });

  it('audits a patient list once per patient shown', async () => {
    await s.call('clinician', '/api/patients', { method: 'POST', json: history('listaud-1') });
    await s.call('clinician', '/api/patients', { method: 'POST', json: history('listaud-2') });
    await s.call('nurse', '/api/patients?q=listaud');
    for (const id of ['listaud-1', 'listaud-2']) {
      const { items } = await (await s.call('auditor', `/api/audit?patientId=${id}`)).json();
      expect(items.map((i: { action: string }) => i.action)).toEqual(['patient.list', 'history.create']);
    }
  });

  it('gives the disease course as of a date, refusing a date before events in the history', async () => {
    await s.call('clinician', '/api/patients', { method: 'POST', json: history('course-1') });
    const r = await s.call('nurse', '/api/patients/course-1/course?asOf=2025-05-01');
    expect(r.status).toBe(200);
    expect((await r.json()).asOf).toBe('2025-05-01');
    const early = await s.call('nurse', '/api/patients/course-1/course?asOf=2024-01-01');
    expect(early.status).toBe(400);
    expect((await early.json()).issue[0].expression).toEqual(['asOf']);
    expect((await s.call('nurse', '/api/patients/course-1/course?asOf=soon')).status).toBe(400);
  });

  it("gives the course with researcher settings in msprog's names, naming a bad setting", async () => {
    await s.call('clinician', '/api/patients', { method: 'POST', json: history('course-2') });
    const r = await s.call('nurse', '/api/patients/course-2/course?asOf=2025-05-01', {
      method: 'POST',
      json: { settings: { event: 'multiple', baseline: 'roving', conf_days: [84, 168] } },
    });
    expect(r.status).toBe(200);
    expect((await r.json()).progression.settings).toMatchObject({ event: 'multiple', baseline: 'roving', confDays: [84, 168] });
    const bad = await s.call('nurse', '/api/patients/course-2/course?asOf=2025-05-01', {
      method: 'POST',
      json: { settings: { conf_days: 84, baseline: 'moving', confTol: 3 } },
    });
    expect(bad.status).toBe(400);
    const issues = (await bad.json()).issue.map((i: { expression: string[] }) => i.expression[0]).sort();
    expect(issues).toEqual(['settings', 'settings.baseline']);
  });

  it('refuses to change or delete the audit log, even straight in the database', async () => {
    await expect(s.ctx.db.query('UPDATE audit_log SET actor = $1', ['someone else'])).rejects.toThrow(/append-only/);
    await expect(s.ctx.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(s.ctx.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    await expect(s.ctx.db.query('DELETE FROM history_versions')).rejects.toThrow(/append-only/);
  });

  it('lets an admin issue a token over the API that then works, and revoke it', async () => {
    const r = await s.call('admin', '/api/tokens', { method: 'POST', json: { role: 'nurse', name: 'night nurse' } });
    expect(r.status).toBe(201);
    const t = await r.json();
    const me = await fetch(`${s.url}/api/me`, { headers: { authorization: `Bearer ${t.token}` } });
    expect(await me.json()).toEqual({ name: 'night nurse', role: 'nurse' });
    expect((await s.call('admin', `/api/tokens/${t.id}`, { method: 'DELETE' })).status).toBe(204);
    const after = await fetch(`${s.url}/api/me`, { headers: { authorization: `Bearer ${t.token}` } });
    expect(after.status).toBe(401);
    const byClinician = await s.call('clinician', '/api/tokens', { method: 'POST', json: { role: 'admin', name: 'x' } });
    expect(byClinician.status).toBe(403);
  });

  it('publishes OpenAPI 3.1 without a token, generated from the validating schemas, every $ref resolving', async () => {
    const r = await s.call(null, '/openapi.json');
    expect(r.status).toBe(200);
    const doc = await r.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/patients',
      '/api/patients/{id}',
      '/api/patients/{id}/assessments',
      '/api/assessments/{aid}/decision',
      '/api/audit',
      '/cds-services/{id}',
    ])
      expect(doc.paths[p]).toBeDefined();
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const name of refs) expect(doc.components.schemas[name], name).toBeDefined();
    // The same definition as the validator: the EDSS score enumerates exactly the accepted values.
    const edssScore = JSON.stringify(doc.components.schemas.History);
    expect(edssScore).toContain('"formatVersion"');
    expect(doc.components.schemas.DecisionRequest.required).toEqual(['decision']);
  });

  it('answers an unknown route with a 404 OperationOutcome', async () => {
    const r = await s.call('clinician', '/api/nothing-here');
    expect(r.status).toBe(404);
    expect((await r.json()).resourceType).toBe('OperationOutcome');
  });
});
