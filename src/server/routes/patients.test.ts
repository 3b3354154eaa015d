import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { POSTGRES_SKIP_REASON } from '../../store/postgres-hint.js';
import { inProcessApp, routeTestDatabases, type InProcessApp } from '../in-process.js';

// The patient routes called in-process: versions, If-Match, the list and its audit entries.
const example = JSON.parse(readFileSync(new URL('../../../examples/advanced-spms.json', import.meta.url), 'utf8'));
const history = (id: string) => ({ ...example, id });

if (!process.env.DATABASE_URL) describe('patient routes on postgres', () => it.skip(POSTGRES_SKIP_REASON, () => {}));

describe.each(routeTestDatabases())('patient routes on $name', ({ options }) => {
  let s: InProcessApp;
  beforeAll(async () => {
    s = await inProcessApp(options(), '2026-11-01');
  }, 180_000);
  afterAll(async () => s?.close());

  it('a new history is version 1, with its ETag and Location, and its creation is audited', async () => {
    const r = await s.call('clinician', '/api/patients', { method: 'POST', json: history('pt-1') });
    expect(r.status).toBe(201);
    expect(r.headers.get('etag')).toBe('"1"');
    expect(r.headers.get('location')).toBe('/api/patients/pt-1');
    expect(await r.json()).toMatchObject({ id: 'pt-1', version: 1, createdBy: 'test clinician' });
    expect(await s.audited('history.create')).toEqual([
      { actor: 'test clinician', role: 'clinician', patientId: 'pt-1', resource: '/api/patients/pt-1/versions/1' },
    ]);
  });

  it('a second create of the same id is a 409 naming $.id, and nothing more is stored or audited', async () => {
    const r = await s.call('clinician', '/api/patients', { method: 'POST', json: history('pt-1') });
    expect(r.status).toBe(409);
    expect((await r.json()).issue[0].expression).toEqual(['$.id']);
    expect(await s.audited('history.create')).toHaveLength(1);
  });

  it('an update with a stale If-Match is refused; with the current one it makes version 2', async () => {
    const stale = await s.call('clinician', '/api/patients/pt-1', {
      method: 'PUT',
      json: { ...history('pt-1'), sex: 'female' },
      headers: { 'if-match': '"7"' },
    });
    expect(stale.status).toBe(409);
    const ok = await s.call('clinician', '/api/patients/pt-1', { method: 'PUT', json: { ...history('pt-1'), sex: 'female' }, headers: { 'if-match': '"1"' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    const versions = await (await s.call('nurse', '/api/patients/pt-1/versions')).json();
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await (await s.call('nurse', '/api/patients/pt-1/versions/1')).json()).history.sex).toBe(example.sex);
  });

  it('an invalid history is a 400 with a field path, and nothing is stored', async () => {
    const r = await s.call('clinician', '/api/patients', { method: 'POST', json: { ...history('pt-bad'), sex: 'unknown-sex' } });
    expect(r.status).toBe(400);
    expect((await r.json()).issue[0].expression[0]).toMatch(/^\$\.sex/);
    expect((await s.call('nurse', '/api/patients/pt-bad')).status).toBe(404);
  });

  it('the list audits one entry per patient shown; a read audits the version read', async () => {
    await s.call('clinician', '/api/patients', { method: 'POST', json: history('pt-2') });
    const list = await (await s.call('nurse', '/api/patients')).json();
    expect(list.items.map((p: { id: string }) => p.id)).toEqual(['pt-1', 'pt-2']);
    expect(list.items[0]).toMatchObject({ version: 2, latestAssessments: {}, monitoring: { status: 'none' } });
    expect((await s.audited('patient.list')).map((e) => e.patientId)).toEqual(['pt-1', 'pt-2']);
    await s.call('nurse', '/api/patients/pt-1');
    expect((await s.audited('history.read')).at(-1)).toMatchObject({ role: 'nurse', patientId: 'pt-1', resource: '/api/patients/pt-1/versions/2' });
  });

  it('an empty page is still audited, without a patient', async () => {
    const r = await (await s.call('nurse', '/api/patients?q=nobody')).json();
    expect(r).toEqual({ items: [], total: 0 });
    expect((await s.audited('patient.list')).at(-1)).toEqual({ actor: 'test nurse', role: 'nurse', resource: '/api/patients' });
  });

  it('the course as of a date before recorded events is refused; as of today it is computed and audited', async () => {
    expect((await s.call('nurse', '/api/patients/pt-2/course?asOf=1990-01-01')).status).toBe(400);
    const r = await s.call('nurse', '/api/patients/pt-2/course?asOf=2026-11-01');
    expect(r.status).toBe(200);
    expect(await r.json()).toHaveProperty('phenotype');
    expect((await s.audited('course.read')).map((e) => e.resource)).toEqual(['/api/patients/pt-2/versions/1/course?asOf=2026-11-01']);
  });

  it('an auditor may not read histories, and a caller without a token is refused', async () => {
    expect((await s.call('auditor', '/api/patients/pt-1')).status).toBe(403);
    expect((await s.call(null, '/api/patients/pt-1')).status).toBe(401);
  });
});
