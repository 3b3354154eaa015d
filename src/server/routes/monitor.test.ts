import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alemtuzumabHistory, normalPanel } from '../../monitor/fixtures.js';
import { POSTGRES_SKIP_REASON } from '../../store/postgres-hint.js';
import { inProcessApp, routeTestDatabases, type InProcessApp } from '../in-process.js';

// The monitoring routes called in-process. Course 6-10 January 2025; the clock says 2025-06-01.
const patient = (id: string) => alemtuzumabHistory(['2025-01-06'], { id, sex: 'male', labs: normalPanel('2024-12-12') });

if (!process.env.DATABASE_URL) describe('monitoring routes on postgres', () => it.skip(POSTGRES_SKIP_REASON, () => {}));

describe.each(routeTestDatabases())('monitoring routes on $name', ({ options }) => {
  let s: InProcessApp;
  beforeAll(async () => {
    s = await inProcessApp(options(), '2025-06-01');
    for (const id of ['mo-1', 'mo-2']) expect((await s.call('clinician', '/api/patients', { method: 'POST', json: patient(id) })).status).toBe(201);
  }, 180_000);
  afterAll(async () => s?.close());

  it('the plan is derived from the history and its read audited with the version', async () => {
    const j = await (await s.call('nurse', '/api/patients/mo-1/monitoring?asOf=2025-06-01')).json();
    expect(j.plan.find((p: { id: string }) => p.id === 'alemtuzumab.monthly.cbc#c1.5')).toMatchObject({ due: '2025-06-10', status: 'due' });
    expect(await s.audited('monitoring.read')).toEqual([
      { actor: 'test nurse', role: 'nurse', patientId: 'mo-1', resource: '/api/patients/mo-1/versions/1/monitoring' },
    ]);
  });

  it('results are recorded once: a second send is all duplicates, and each send is audited', async () => {
    const body = { results: [{ date: '2025-05-30', test: 'platelets', value: 250, unit: '10^9/L' }] };
    const first = await s.call('nurse', '/api/patients/mo-1/results', { method: 'POST', json: body });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ recorded: 1, duplicates: 0 });
    expect(await (await s.call('nurse', '/api/patients/mo-1/results', { method: 'POST', json: body })).json()).toMatchObject({ recorded: 0, duplicates: 1 });
    expect(await s.audited('monitoring.results.record')).toHaveLength(2);
  });

  it('a result with an unknown test is a 400 with its path, and nothing is stored or audited', async () => {
    const r = await s.call('nurse', '/api/patients/mo-2/results', { method: 'POST', json: { results: [{ date: '2025-05-30', test: 'unicorns', value: 1 }] } });
    expect(r.status).toBe(400);
    expect((await r.json()).issue[0].expression[0]).toMatch(/^\$\.results\[0\]\.test/);
    expect((await s.audited('monitoring.results.record')).filter((e) => e.patientId === 'mo-2')).toEqual([]);
  });

  it('a low platelet count raises an alert; acknowledging it is recorded with who and audited', async () => {
    const r = await s.call('nurse', '/api/patients/mo-2/results', {
      method: 'POST',
      json: { results: [{ date: '2025-05-31', test: 'platelets', value: 20, unit: '10^9/L' }] },
    });
    const { alerts } = await r.json();
    expect(alerts.length).toBeGreaterThan(0);
    const alertId: string = alerts[0].id;
    const ack = await s.call('clinician', `/api/alerts/${encodeURIComponent(alertId)}/acknowledge`, { method: 'POST', json: { note: 'seen' } });
    expect(ack.status).toBe(200);
    expect((await ack.json()).acknowledged).toMatchObject({ by: 'test clinician', note: 'seen' });
    expect(await s.audited('monitoring.alert.acknowledge')).toEqual([
      { actor: 'test clinician', role: 'clinician', patientId: 'mo-2', resource: `/api/alerts/${alertId}/acknowledge` },
    ]);
  });

  it('the worklist audits itself and one entry per patient listed', async () => {
    const j = await (await s.call('nurse', '/api/worklist?asOf=2025-06-01')).json();
    const listed = j.items.map((i: { patientId: string }) => i.patientId);
    expect(listed).toContain('mo-2');
    const entries = await s.audited('monitoring.worklist');
    expect(entries[0]).toEqual({ actor: 'test nurse', role: 'nurse', resource: '/api/worklist' });
    expect(entries.slice(1).map((e) => e.patientId)).toEqual(listed);
    expect(entries.slice(1).map((e) => e.resource)).toEqual(listed.map((p: string) => `/api/patients/${p}/monitoring`));
  });

  it('the calendar is iCalendar, and an auditor may not read monitoring', async () => {
    const ics = await s.call('nurse', '/api/patients/mo-1/monitoring.ics');
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await ics.text()).toMatch(/^BEGIN:VCALENDAR/);
    expect((await s.call('auditor', '/api/patients/mo-1/monitoring')).status).toBe(403);
  });
});
