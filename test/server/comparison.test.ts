import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareTherapies } from '../../src/assess/compare.js';
import { ASSESSABLE_DRUGS } from '../../src/drugs/index.js';
import { parseDay } from '../../src/history/dates.js';
import { validateHistory } from '../../src/history/validate.js';
import { history } from './fixtures.js';
import { databases, reportSkippedPostgres, startTestServer, type TestServer } from './harness.js';

reportSkippedPostgres('comparison API');

describe.each(databases())('POST /api/patients/:id/comparison on $name', ({ options }) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(options());
    expect((await s.call('clinician', '/api/patients', { method: 'POST', json: history('cmp-001') })).status).toBe(201);
  });
  afterAll(async () => s?.close());

  it('returns every therapy, in the comparison order, each the assessment the engine gives; nothing stored but the audit entry', async () => {
    const r = await s.call('clinician', '/api/patients/cmp-001/comparison', { method: 'POST', json: { asOf: '2025-05-01', label: 'us' } });
    expect(r.status).toBe(200);
    const body = await r.json();
    const asOf = parseDay('2025-05-01')!;
    const v = validateHistory(history('cmp-001'), { asOf });
    if (!v.ok) throw new Error('fixture invalid');
    const expected = compareTherapies(v.history, { asOf, label: 'us' });
    expect(body).toMatchObject({ patientId: 'cmp-001', historyVersion: 1, asOf: '2025-05-01', label: 'us', order: expected.order });
    expect(body.assessments).toEqual(JSON.parse(JSON.stringify(expected.assessments)));
    expect([...body.order].sort()).toEqual([...ASSESSABLE_DRUGS].sort());
    const stored = await (await s.call('clinician', '/api/patients/cmp-001/assessments')).json();
    expect(stored.items).toEqual([]);
    const audit = await (await s.call('auditor', '/api/audit?patientId=cmp-001')).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toContain('comparison.run');
  });

  it('a nurse may compare; a chosen subset is compared alone', async () => {
    const r = await s.call('nurse', '/api/patients/cmp-001/comparison', { method: 'POST', json: { drugs: ['mitoxantrone'], asOf: '2025-05-01' } });
    expect(r.status).toBe(200);
    expect((await r.json()).order).toEqual(['mitoxantrone']);
  });

  it('refuses an unknown or repeated therapy, a future date and an unknown patient, naming the field', async () => {
    const bad = await s.call('clinician', '/api/patients/cmp-001/comparison', { method: 'POST', json: { drugs: ['aspirin'] } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('drugs');
    const twice = await s.call('clinician', '/api/patients/cmp-001/comparison', { method: 'POST', json: { drugs: ['mitoxantrone', 'mitoxantrone'] } });
    expect(twice.status).toBe(400);
    const future = await s.call('clinician', '/api/patients/cmp-001/comparison', { method: 'POST', json: { asOf: '2999-01-01' } });
    expect(future.status).toBe(400);
    expect((await s.call('clinician', '/api/patients/nobody/comparison', { method: 'POST', json: {} })).status).toBe(404);
  });

  it('is documented in /openapi.json', async () => {
    const doc = await (await s.call(null, '/openapi.json')).json();
    expect(doc.paths['/api/patients/{id}/comparison'].post.responses['200']).toBeDefined();
    expect(doc.components.schemas.Comparison).toBeDefined();
  });
});
