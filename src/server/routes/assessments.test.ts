import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { POSTGRES_SKIP_REASON } from '../../store/postgres-hint.js';
import { inProcessApp, routeTestDatabases, type InProcessApp } from '../in-process.js';

// The assessment routes called in-process: run, read, verify, letter, decisions, each audited.
const example = JSON.parse(readFileSync(new URL('../../../examples/advanced-spms.json', import.meta.url), 'utf8'));

if (!process.env.DATABASE_URL) describe('assessment routes on postgres', () => it.skip(POSTGRES_SKIP_REASON, () => {}));

describe.each(routeTestDatabases())('assessment routes on $name', ({ options }) => {
  let s: InProcessApp;
  let id: string;
  beforeAll(async () => {
    s = await inProcessApp(options(), '2026-11-01');
    expect((await s.call('clinician', '/api/patients', { method: 'POST', json: { ...example, id: 'as-1' } })).status).toBe(201);
    const r = await s.call('clinician', '/api/patients/as-1/assessments', { method: 'POST', json: { drug: 'alemtuzumab', asOf: '2026-11-01' } });
    expect(r.status).toBe(201);
    id = (await r.json()).id;
  }, 180_000);
  afterAll(async () => s?.close());

  it('a run stores the engine result against the history version and is audited with its id', async () => {
    const a = await (await s.call('nurse', `/api/assessments/${id}`)).json();
    expect(a).toMatchObject({ patientId: 'as-1', historyVersion: 1, drug: 'alemtuzumab', label: 'eu', asOf: '2026-11-01' });
    expect(a.result.verdict).toBe('advise-against');
    expect(await s.audited('assessment.run')).toEqual([{ actor: 'test clinician', role: 'clinician', patientId: 'as-1', resource: `/api/assessments/${id}` }]);
    expect((await s.audited('assessment.read')).map((e) => e.resource)).toEqual([`/api/assessments/${id}`]);
  });

  it('an asOf in the future or an unknown drug is a 400 naming the field, and nothing is stored', async () => {
    const future = await s.call('clinician', '/api/patients/as-1/assessments', { method: 'POST', json: { drug: 'alemtuzumab', asOf: '2027-01-01' } });
    expect(future.status).toBe(400);
    expect((await future.json()).issue[0].expression).toEqual(['$.asOf']);
    expect((await s.call('clinician', '/api/patients/as-1/assessments', { method: 'POST', json: { drug: 'aspirin' } })).status).toBe(400);
    expect((await (await s.call('nurse', '/api/patients/as-1/assessments')).json()).items).toHaveLength(1);
  });

  it('re-running the stored input gives the same result under the same ruleset', async () => {
    const v = await (await s.call('nurse', `/api/assessments/${id}/verify`)).json();
    expect(v).toMatchObject({ identical: true, differences: [] });
  });

  it('the letter is plain text for the patient, as JSON and as a PDF, each read audited', async () => {
    const letter = await s.call('nurse', `/api/assessments/${id}/letter`);
    expect(letter.status).toBe(200);
    expect((await letter.json()).text).toMatch(/alemtuzumab/i);
    const pdf = await s.call('nurse', `/api/assessments/${id}/letter.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    expect((await s.audited('letter.read')).map((e) => e.resource)).toEqual([`/api/assessments/${id}/letter`, `/api/assessments/${id}/letter.pdf`]);
  });

  it('an override needs its reason; a nurse may not decide; an accepted decision is stored and audited', async () => {
    const bare = await s.call('clinician', `/api/assessments/${id}/decision`, { method: 'POST', json: { decision: 'override' } });
    expect(bare.status).toBe(400);
    expect((await bare.json()).issue[0].expression).toEqual(['$.reason']);
    expect((await s.call('nurse', `/api/assessments/${id}/decision`, { method: 'POST', json: { decision: 'accept' } })).status).toBe(403);
    const ok = await s.call('clinician', `/api/assessments/${id}/decision`, { method: 'POST', json: { decision: 'accept' } });
    expect(ok.status).toBe(201);
    const d = await ok.json();
    expect((await (await s.call('nurse', `/api/assessments/${id}/decisions`)).json()).items).toEqual([d]);
    expect(await s.audited('decision.override')).toEqual([]);
    expect((await s.audited('decision.accept')).map((e) => e.resource)).toEqual([`/api/assessments/${id}/decisions/${d.id}`]);
  });

  it('an unknown assessment is a 404 and is not audited', async () => {
    const before = (await s.audited('assessment.read')).length;
    expect((await s.call('nurse', '/api/assessments/no-such-id')).status).toBe(404);
    expect(await s.audited('assessment.read')).toHaveLength(before);
  });
});
