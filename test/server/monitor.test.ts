import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alemtuzumabHistory, normalPanel } from '../../src/monitor/fixtures.js';
import { databases, reportSkippedPostgres, startTestServer, type TestServer } from './harness.js';

// Real HTTP against a started server (PGlite in memory; PostgreSQL too when DATABASE_URL is set).
// The server's clock says 2025-06-01. Course 6-10 January 2025; monthly tests due on the 10th.
const patient = (id: string, labs = normalPanel('2024-12-12')) => alemtuzumabHistory(['2025-01-06'], { id, sex: 'male', labs });

reportSkippedPostgres('monitoring API');

describe.each(databases())('monitoring API on $name', ({ options }) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(options(), {}, '2025-06-01');
    for (const id of ['mon-1', 'mon.2', 'mon-3']) {
      const r = await s.call('clinician', '/api/patients', { method: 'POST', json: patient(id) });
      expect(r.status).toBe(201);
    }
  });
  afterAll(async () => s?.close());

  const enc = encodeURIComponent;

  it('shows the derived plan with statuses, the results and the burden', async () => {
    const r = await s.call('nurse', '/api/patients/mon-1/monitoring?asOf=2025-06-01');
    expect(r.status).toBe(200);
    const j = await r.json();
    const may = j.plan.find((p: { id: string }) => p.id === 'alemtuzumab.monthly.cbc#c1.5');
    expect(may).toMatchObject({ due: '2025-06-10', status: 'due', window: { from: '2025-05-26', to: '2025-06-24' } });
    expect(j.plan.find((p: { id: string }) => p.id === 'alemtuzumab.monthly.cbc#c1.4').status).toBe('missed');
    expect(j.results).toHaveLength(10);
    expect(j.burden.planned).toBe(j.plan.length);
  });

  it('records results: 201 with recorded and duplicates; results already in the history are duplicates', async () => {
    const body = {
      results: [
        ...normalPanel('2025-05-30', false).map(({ date, test, value, unit }) => ({ date, test, value, unit })),
        { date: '2024-12-12', test: 'tsh', value: 1.8, unit: 'mIU/L' },
      ],
    };
    const r = await s.call('nurse', '/api/patients/mon-1/results', { method: 'POST', json: body });
    expect(r.status).toBe(201);
    expect(await r.json()).toMatchObject({ recorded: 8, duplicates: 1, alerts: [] });
    const again = await s.call('nurse', '/api/patients/mon-1/results', { method: 'POST', json: body });
    expect(await again.json()).toMatchObject({ recorded: 0, duplicates: 9 });
    const view = await (await s.call('nurse', '/api/patients/mon-1/monitoring')).json();
    expect(view.plan.find((p: { id: string }) => p.id === 'alemtuzumab.monthly.cbc#c1.5').status).toBe('done');
    expect(view.results).toHaveLength(18);
  });

  it('accepts a FHIR Observation (LOINC, UCUM) as a result', async () => {
    const obs = {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '3016-3' }] },
      effectiveDateTime: '2025-05-20T10:00:00+02:00',
      valueQuantity: { value: 0.2, system: 'http://unitsofmeasure.org', code: 'm[IU]/L' },
    };
    const r = await s.call('nurse', '/api/patients/mon-3/results', { method: 'POST', json: obs });
    expect(r.status).toBe(201);
    const j = await r.json();
    expect(j.recorded).toBe(1);
    expect(j.alerts.map((a: { ruleId: string }) => a.ruleId)).toEqual(['thyroid.tsh-low']);
    const bad = await s.call('nurse', '/api/patients/mon-3/results', { method: 'POST', json: { ...obs, effectiveDateTime: undefined } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).issue[0].expression).toEqual(['Observation.effective']);
  });

  it('a platelet count of 25 raises an emergency alert that names the value, its action and sources', async () => {
    const r = await s.call('nurse', `/api/patients/${enc('mon.2')}/results`, {
      method: 'POST',
      json: { results: [{ date: '2025-05-31', test: 'platelets', value: 25000, unit: '/uL' }] },
    });
    expect(r.status).toBe(201);
    const j = await r.json();
    expect(j.alerts).toHaveLength(1);
    expect(j.alerts[0]).toMatchObject({
      id: 'mon.2/itp.platelets-critical/2025-05-31',
      urgency: 'emergency',
      values: [{ test: 'platelets', value: 25, unit: '10^9/L', role: 'result' }],
    });
    expect(j.alerts[0].sources).toContain('eu-smpc-lemtrada');
  });

  it('the worklist lists the patient with an emergency first and leaves out patients with nothing open', async () => {
    const r = await s.call('clinician', '/api/worklist?asOf=2025-06-01');
    expect(r.status).toBe(200);
    const j = await r.json();
    expect(j.items[0]).toMatchObject({ patientId: 'mon.2', urgency: 'emergency' });
    expect(j.items.map((i: { patientId: string }) => i.patientId)).not.toContain('natalizumab-only');
    // Recently missed tests and the escalations they raise travel with every entry (worklistJson passed through).
    for (const i of j.items) expect([Array.isArray(i.missed), Array.isArray(i.escalations)]).toEqual([true, true]);
  });

  it('acknowledging an alert records who and when, takes it off the open list, and is idempotent', async () => {
    const id = 'mon.2/itp.platelets-critical/2025-05-31';
    const r = await s.call('nurse', `/api/alerts/${enc(id)}/acknowledge`, { method: 'POST', json: { note: 'patient seen, haematology today' } });
    expect(r.status).toBe(200);
    const a = await r.json();
    expect(a.acknowledged).toMatchObject({ by: 'test nurse', note: 'patient seen, haematology today' });
    const again = await (await s.call('clinician', `/api/alerts/${enc(id)}/acknowledge`, { method: 'POST', json: {} })).json();
    expect(again.acknowledged).toEqual(a.acknowledged);
    const wl = await (await s.call('clinician', '/api/worklist?asOf=2025-06-01')).json();
    expect(wl.items.find((i: { patientId: string }) => i.patientId === 'mon.2')?.urgency ?? 'none').not.toBe('emergency');
  });

  it('an unknown alert is 404; a bad result is 400 naming the field; an auditor may not record', async () => {
    expect((await s.call('nurse', `/api/alerts/${enc('mon-1/itp.platelets-low/2025-01-01')}/acknowledge`, { method: 'POST', json: {} })).status).toBe(404);
    const bad = await s.call('nurse', '/api/patients/mon-1/results', {
      method: 'POST',
      json: {
        results: [
          { date: '2025-05-31', test: 'platelets', value: 100, unit: 'furlongs' },
          { date: '2026-01-01', test: 'tsh', value: 1, unit: 'mIU/L' },
        ],
      },
    });
    expect(bad.status).toBe(400);
    const oo = await bad.json();
    expect(oo.resourceType).toBe('OperationOutcome');
    expect(oo.issue.map((i: { expression: string[] }) => i.expression[0])).toEqual(['$.results[0].unit', '$.results[1].date']);
    expect((await s.call('auditor', '/api/patients/mon-1/results', { method: 'POST', json: { results: [] } })).status).toBe(403);
    expect((await s.call('nurse', '/api/patients/nobody/monitoring')).status).toBe(404);
  });

  it('serves the calendar as text/calendar with DTSTAMP from the server clock', async () => {
    const r = await s.call('nurse', '/api/patients/mon-3/monitoring.ics');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await r.text();
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text).toContain('DTSTAMP:20250601T09');
  });

  it('audits every read and write of monitoring data with the patient', async () => {
    const r = await s.call('auditor', '/api/audit?limit=500');
    const items: { action: string; patientId?: string }[] = (await r.json()).items;
    const actions = new Set(items.map((i) => i.action));
    for (const a of ['monitoring.read', 'monitoring.results.record', 'monitoring.alert.acknowledge', 'monitoring.worklist', 'monitoring.calendar'])
      expect(actions).toContain(a);
    expect(items.some((i) => i.action === 'monitoring.worklist' && i.patientId === 'mon.2')).toBe(true);
  });

  it("the patient list shows each patient's monitoring status", async () => {
    const r = await s.call('nurse', '/api/patients?limit=10');
    const items: { id: string; monitoring: { status: string; openAlerts: number } }[] = (await r.json()).items;
    expect(items.find((i) => i.id === 'mon-3')!.monitoring).toMatchObject({ status: 'alert', openAlerts: 1 });
    expect(items.find((i) => i.id === 'mon-1')!.monitoring).toMatchObject({ status: 'due', openAlerts: 0 });
  });

  it('documents the monitoring endpoints in /openapi.json', async () => {
    const doc = await (await s.call(null, '/openapi.json')).json();
    for (const p of [
      '/api/patients/{id}/monitoring',
      '/api/patients/{id}/monitoring.ics',
      '/api/patients/{id}/results',
      '/api/alerts/{alertId}/acknowledge',
      '/api/worklist',
    ])
      expect(doc.paths).toHaveProperty([p]);
    const entry = doc.paths['/api/worklist'].get.responses['200'].content['application/json'].schema.properties.items.items;
    expect(Object.keys(entry.properties)).toEqual(expect.arrayContaining(['missed', 'escalations']));
  });

  it('recorded results and acknowledgements cannot be altered or deleted', async () => {
    await expect(s.ctx.db.query('DELETE FROM monitoring_results')).rejects.toThrow(/append-only/);
    await expect(s.ctx.db.query("UPDATE alert_acknowledgements SET note = 'x'")).rejects.toThrow(/append-only/);
  });
});
