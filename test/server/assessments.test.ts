import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess, AssessmentSchema, RULESET_VERSION } from '../../src/assess/index.js';
import { parseDay } from '../../src/history/dates.js';
import { databases, reportSkippedPostgres, startTestServer, type TestServer } from './harness.js';
import { history } from './fixtures.js';
import { synthHistory } from '../../src/synth/index.js';
import { ASSESSABLE_DRUGS } from '../../src/drugs/index.js';

reportSkippedPostgres('assessments and decisions');

describe.each(databases())('assessments and decisions on $name', ({ options }) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(options());
    for (const id of ['as-001', 'as-002', 'as-003']) await s.call('clinician', '/api/patients', { method: 'POST', json: history(id) });
  });
  afterAll(async () => s?.close());

  const run = (id: string, body: unknown, role: 'clinician' | 'nurse' = 'clinician') =>
    s.call(role, `/api/patients/${id}/assessments`, { method: 'POST', json: body });

  it("stores the engine's own result with the history version, ruleset version, asOf and who", async () => {
    const r = await run('as-001', { drug: 'alemtuzumab', asOf: '2025-05-01' });
    expect(r.status).toBe(201);
    const rec = await r.json();
    expect(rec).toMatchObject({
      patientId: 'as-001',
      historyVersion: 1,
      rulesetVersion: RULESET_VERSION,
      asOf: '2025-05-01',
      drug: 'alemtuzumab',
      label: 'eu',
      createdBy: 'test clinician',
    });
    expect(AssessmentSchema.safeParse(rec.result).success).toBe(true);
    const direct = assess(history('as-001'), { drug: 'alemtuzumab', asOf: parseDay('2025-05-01')!, label: 'eu' });
    expect(rec.result).toEqual(JSON.parse(JSON.stringify(direct)));
  });

  it("defaults asOf to the server's today and refuses a future asOf", async () => {
    const r = await (await run('as-001', { drug: 'mitoxantrone' })).json();
    expect(r.asOf).toBe('2025-06-01');
    const future = await run('as-001', { drug: 'mitoxantrone', asOf: '2025-06-02' });
    expect(future.status).toBe(400);
    expect((await future.json()).issue[0].expression).toEqual(['$.asOf']);
  });

  it('refuses an asOf before events already in the history: the assessment would see the future', async () => {
    const r = await run('as-001', { drug: 'alemtuzumab', asOf: '2025-01-01' });
    expect(r.status).toBe(400);
    const paths = (await r.json()).issue.flatMap((i: { expression?: string[] }) => i.expression ?? []);
    expect(paths).toContain('$.asOf');
    expect(paths).toContain('$.relapses[1].onset');
  });

  it('validates the request body with field paths', async () => {
    const r = await run('as-001', { drug: 'aspirin', label: 'uk' });
    expect(r.status).toBe(400);
    const paths = (await r.json()).issue.flatMap((i: { expression: string[] }) => i.expression);
    expect(paths).toEqual(expect.arrayContaining(['$.drug', '$.label']));
    expect((await run('nobody', { drug: 'alemtuzumab' })).status).toBe(404);
  });

  it('keeps an assessment tied to its history version after the history changes, and re-running it gives the identical result', async () => {
    const a = await (await run('as-002', { drug: 'alemtuzumab', asOf: '2025-05-01' })).json();
    await s.call('clinician', '/api/patients/as-002', { method: 'PUT', json: history('as-002', { edss: [{ date: '2025-04-01', score: 7 }] }) });
    const again = await (await s.call('nurse', `/api/assessments/${a.id}`)).json();
    expect(again).toEqual(a);
    const verify = await (await s.call('nurse', `/api/assessments/${a.id}/verify`)).json();
    expect(verify).toEqual({ identical: true, rulesetVersion: RULESET_VERSION, currentRulesetVersion: RULESET_VERSION, differences: [] });
    const newer = await (await run('as-002', { drug: 'alemtuzumab', asOf: '2025-05-01' })).json();
    expect(newer.historyVersion).toBe(2);
  });

  it('re-runs every stored assessment to the identical result, across varied synthetic histories and both drugs', async () => {
    const asOf = parseDay('2025-06-01')!;
    for (let i = 0; i < 12; i++) {
      const h = { ...synthHistory(20250601, i, asOf), id: `synth-${i}` };
      const created = await s.call('clinician', '/api/patients', { method: 'POST', json: h });
      expect(created.status, JSON.stringify(await created.clone().json()).slice(0, 300)).toBe(201);
      for (const drug of ASSESSABLE_DRUGS) {
        const a = await (await run(h.id, { drug })).json();
        const v = await (await s.call('nurse', `/api/assessments/${a.id}/verify`)).json();
        expect(v.identical, `${h.id} ${drug}: ${v.differences}`).toBe(true);
      }
    }
  });

  it("lists a patient's assessments newest first and shows the latest verdict per drug in the patient list", async () => {
    const first = await (await run('as-003', { drug: 'alemtuzumab', asOf: '2025-04-01' })).json();
    const second = await (await run('as-003', { drug: 'alemtuzumab', asOf: '2025-05-01' })).json();
    const list = await (await s.call('nurse', '/api/patients/as-003/assessments')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([second.id, first.id]);
    const patients = await (await s.call('nurse', '/api/patients?q=as-003')).json();
    expect(patients.items[0].latestAssessments).toEqual({ alemtuzumab: { assessmentId: second.id, verdict: second.result.verdict, asOf: '2025-05-01' } });
  });

  it('does not let a nurse run an assessment or record a decision', async () => {
    expect((await run('as-001', { drug: 'alemtuzumab' }, 'nurse')).status).toBe(403);
    const a = await (await run('as-001', { drug: 'alemtuzumab' })).json();
    const d = await s.call('nurse', `/api/assessments/${a.id}/decision`, { method: 'POST', json: { decision: 'accept' } });
    expect(d.status).toBe(403);
  });

  it('records a decision against the assessment; an override needs its reason', async () => {
    const a = await (await run('as-001', { drug: 'mitoxantrone' })).json();
    const noReason = await s.call('clinician', `/api/assessments/${a.id}/decision`, { method: 'POST', json: { decision: 'override' } });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).issue[0].expression).toEqual(['$.reason']);
    const blank = await s.call('clinician', `/api/assessments/${a.id}/decision`, { method: 'POST', json: { decision: 'override', reason: '   ' } });
    expect(blank.status).toBe(400);
    const ok = await s.call('clinician', `/api/assessments/${a.id}/decision`, {
      method: 'POST',
      json: { decision: 'override', reason: 'discussed at MDT', patientPreference: 'wants infusion therapy' },
    });
    expect(ok.status).toBe(201);
    const d = await ok.json();
    expect(d).toMatchObject({
      assessmentId: a.id,
      decision: 'override',
      reason: 'discussed at MDT',
      patientPreference: 'wants infusion therapy',
      createdBy: 'test clinician',
    });
    const list = await (await s.call('nurse', `/api/assessments/${a.id}/decisions`)).json();
    expect(list.items).toEqual([d]);
  });

  it('gives the patient letter as text and HTML, and as a PDF', async () => {
    const a = await (await run('as-001', { drug: 'alemtuzumab' })).json();
    const letter = await (await s.call('nurse', `/api/assessments/${a.id}/letter`)).json();
    expect(typeof letter.text).toBe('string');
    expect(letter.html).toMatch(/</);
    const pdf = await s.call('nurse', `/api/assessments/${a.id}/letter.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
    expect(bytes.startsWith('%PDF-1.4')).toBe(true);
    expect(bytes.trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('refuses to change a stored assessment or decision, even straight in the database', async () => {
    await expect(s.ctx.db.query("UPDATE assessments SET verdict = 'offer'")).rejects.toThrow(/append-only/);
    await expect(s.ctx.db.query('DELETE FROM decisions')).rejects.toThrow(/append-only/);
  });
});
