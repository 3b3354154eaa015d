import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_SKIP_REASON } from '../../store/postgres-hint.js';
import { inProcessApp, routeTestDatabases, type InProcessApp } from '../in-process.js';

// The audit log route called in-process: who may read it, its filters, and that reading it is recorded.

if (!process.env.DATABASE_URL) describe('audit route on postgres', () => it.skip(POSTGRES_SKIP_REASON, () => {}));

describe.each(routeTestDatabases())('audit route on $name', ({ options }) => {
  let s: InProcessApp;
  beforeAll(async () => {
    s = await inProcessApp(options(), '2025-06-01');
    // Two refusals (no token) to find in the log.
    await s.call(null, '/api/patients/au-1');
    await s.call(null, '/api/patients/au-2');
  }, 180_000);
  afterAll(async () => s?.close());

  it('only an auditor (or admin) reads the log; a clinician is refused', async () => {
    expect((await s.call('clinician', '/api/audit')).status).toBe(403);
    expect((await s.call('auditor', '/api/audit')).status).toBe(200);
  });

  it('filters by patient, newest first, and the read itself is recorded with the patient asked about', async () => {
    const j = await (await s.call('auditor', '/api/audit?patientId=au-2')).json();
    expect(j.items.map((e: { action: string; patientId: string }) => [e.action, e.patientId])).toEqual([['access.unauthenticated', 'au-2']]);
    expect((await s.audited('audit.read')).at(-1)).toEqual({ actor: 'test auditor', role: 'auditor', patientId: 'au-2', resource: '/api/audit' });
  });

  it('a bound that is neither a date nor a timestamp is a 400 naming it, and is not recorded', async () => {
    const before = (await s.audited('audit.read')).length;
    const r = await s.call('auditor', '/api/audit?from=yesterday');
    expect(r.status).toBe(400);
    expect((await r.json()).issue[0].expression).toEqual(['from']);
    expect(await s.audited('audit.read')).toHaveLength(before);
  });

  it('a bare date `to` includes that whole day; limit bounds the page', async () => {
    const day = await (await s.call('auditor', '/api/audit?from=2025-06-01&to=2025-06-01')).json();
    expect(day.items.length).toBeGreaterThan(0);
    expect((await (await s.call('auditor', '/api/audit?to=2025-05-31')).json()).items).toEqual([]);
    expect((await (await s.call('auditor', '/api/audit?limit=1')).json()).items).toHaveLength(1);
  });
});
