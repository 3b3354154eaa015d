import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PER_ADDRESS_PER_MINUTE } from '../../src/server/refusals.js';
import { databases, startTestServer, type TestServer } from './harness.js';
import { history } from './fixtures.js';
import { historyToBundle } from '../../src/fhir/index.js';

// Regression tests for the defects found when the service was probed as an attacker and an unlucky
// operator would (issue 15): each reproduces what once happened and states what must happen instead.

describe.each(databases())('hardening on $name', ({ options }) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(options());
  });
  afterAll(async () => s?.close());

  const audit = async (query = '') =>
    (await (await s.call('auditor', `/api/audit?limit=10000${query}`)).json()).items as {
      action: string;
      actor: string;
      role: string;
      resource: string;
      at: string;
      patientId?: string;
    }[];
  const count = async (sql: string, params: unknown[] = []) => Number((await s.ctx.db.query<{ n: string | number }>(sql, params)).rows[0]!.n);
  /** A body as raw JSON text: JSON.stringify would not keep a lone surrogate as an escape. */
  const raw = (role: 'clinician' | 'admin', path: string, text: string, method = 'POST') =>
    s.call(role, path, { method, headers: { 'content-type': 'application/json' }, body: text });

  it('audits an admin issuing (201) and revoking (204) a token: who, what, when (defect 1)', async () => {
    const issued = await s.call('admin', '/api/tokens', { method: 'POST', json: { role: 'nurse', name: 'night nurse' } });
    expect(issued.status).toBe(201);
    const { id } = await issued.json();
    expect((await s.call('admin', `/api/tokens/${id}`, { method: 'DELETE' })).status).toBe(204);
    const items = await audit('&actor=test%20admin');
    const mine = items.filter((i) => i.resource === `/api/tokens/${id}`).map((i) => ({ action: i.action, actor: i.actor, role: i.role }));
    expect(mine).toEqual([
      { action: 'token.revoke', actor: 'test admin', role: 'admin' },
      { action: 'token.issue', actor: 'test admin', role: 'admin' },
    ]);
    expect(items.every((i) => !Number.isNaN(Date.parse(i.at)))).toBe(true);
  });

  it('audits refused attempts (401 and 403), and a flood of them only up to a bound a minute (defect 2)', async () => {
    const before = await count(`SELECT count(*) AS n FROM audit_log WHERE action LIKE 'access.%'`);
    expect((await s.call(null, '/api/patients')).status).toBe(401);
    expect((await s.call('nurse', '/api/patients', { method: 'POST', json: history('hard-403') })).status).toBe(403);
    expect((await s.call('nurse', '/api/tokens')).status).toBe(403);
    const items = await audit();
    expect(items.find((i) => i.action === 'access.unauthenticated')).toMatchObject({ actor: 'anonymous', resource: 'GET /api/patients' });
    expect(items.find((i) => i.action === 'access.forbidden' && i.resource === 'POST /api/patients')).toMatchObject({ actor: 'test nurse', role: 'nurse' });
    for (let i = 0; i < 3 * PER_ADDRESS_PER_MINUTE; i++) await fetch(`${s.url}/api/me`, { headers: { authorization: 'Bearer fcm_guess' } });
    const after = await count(`SELECT count(*) AS n FROM audit_log WHERE action LIKE 'access.%'`);
    // The test's clock does not leave its minute: every refusal beyond the bound is counted, not written.
    expect(after - before).toBe(PER_ADDRESS_PER_MINUTE);
  });

  it('refuses a NUL or a lone surrogate in a patient id, a decision reason or a token name with a 400 naming the field, storing nothing (defects 3 and 8)', async () => {
    const patients = await count('SELECT count(*) AS n FROM patients');
    for (const bad of ['a\\u0000b', 'a\\ud800b', 'a\\udc00']) {
      const h = JSON.stringify(history('placeholder')).replace('"placeholder"', `"${bad}"`);
      const r = await raw('clinician', '/api/patients', h);
      expect(r.status, bad).toBe(400);
      expect((await r.json()).issue[0].expression).toEqual(['$.id']);
      const t = await raw('admin', '/api/tokens', `{"role":"nurse","name":"${bad}"}`);
      expect(t.status, bad).toBe(400);
      expect((await t.json()).issue[0].expression).toEqual(['$.name']);
    }
    expect(await count('SELECT count(*) AS n FROM patients')).toBe(patients);
    expect(await count(`SELECT count(*) AS n FROM api_tokens WHERE name LIKE 'a%'`)).toBe(0);

    expect((await s.call('clinician', '/api/patients', { method: 'POST', json: history('hard-reason') })).status).toBe(201);
    const a = await (await s.call('clinician', '/api/patients/hard-reason/assessments', { method: 'POST', json: { drug: 'alemtuzumab' } })).json();
    for (const bad of ['because\\u0000', 'because \\ud83d', 'because \\ude00 of']) {
      const r = await raw('clinician', `/api/assessments/${a.id}/decision`, `{"decision":"override","reason":"${bad}"}`);
      expect(r.status, bad).toBe(400);
      expect((await r.json()).issue[0].expression).toEqual(['$.reason']);
    }
    // Bytes that are not UTF-8 would be decoded to U+FFFD: refused as well.
    const bytes = Buffer.concat([Buffer.from('{"decision":"override","reason":"x'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]);
    expect(
      (await s.call('clinician', `/api/assessments/${a.id}/decision`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes })).status,
    ).toBe(400);
    expect(await count('SELECT count(*) AS n FROM decisions WHERE assessment_id = $1', [a.id])).toBe(0);
    // A paired surrogate (an emoji) is text like any other.
    expect((await raw('clinician', `/api/assessments/${a.id}/decision`, '{"decision":"override","reason":"patient prefers \\ud83d\\ude00"}')).status).toBe(201);
  });

  it('refuses a NUL or broken percent-encoding in the path or the query with a 400, not a 500 (defect 3)', async () => {
    for (const path of [
      '/api/patients/a%00b',
      '/api/patients/a%ED%A0%80',
      '/api/assessments/x%00/letter',
      '/api/patients?q=a%00',
      '/api/audit?actor=%ED%A0%80',
      '/api/patients/%E0%A4%A',
    ]) {
      const r = await s.call('admin', path);
      expect(r.status, path).toBe(400);
      expect((await r.json()).issue[0].expression, path).toBeDefined();
    }
  });

  it('answers a version number beyond any version with 400, not 500 (defect 4)', async () => {
    expect((await s.call('clinician', '/api/patients', { method: 'POST', json: history('hard-version') })).status).toBe(201);
    for (const v of ['99999999999999999999', '2147483648', '0', '-1', '1e3']) {
      const r = await s.call('clinician', `/api/patients/hard-version/versions/${v}`);
      expect(r.status, v).toBe(400);
      expect((await r.json()).issue[0].expression).toEqual(['version']);
    }
    expect((await s.call('clinician', '/api/patients/hard-version/versions/2147483647')).status).toBe(404);
    expect(
      (
        await s.call('clinician', '/api/patients/hard-version', {
          method: 'PUT',
          json: history('hard-version'),
          headers: { 'if-match': '"99999999999999999999"' },
        })
      ).status,
    ).toBe(400);
  });

  it('holds patient ids to one syntax wherever they enter: body, path, FHIR (defect 5)', async () => {
    const patients = await count('SELECT count(*) AS n FROM patients');
    for (const id of ['x'.repeat(65), 'x'.repeat(100_000), '../../etc/passwd', '..', '.hidden', 'abc\u202Eexe.txt', 'a b', 'a/b', 'Zoë', '-x']) {
      const r = await s.call('clinician', '/api/patients', { method: 'POST', json: history(id) });
      expect(r.status, id.slice(0, 20)).toBe(400);
      expect((await r.json()).issue[0].expression).toEqual(['$.id']);
      // (A URL resolves "/.." before it is sent: that one never reaches the route.)
      if (id === '..') continue;
      const get = await s.call('clinician', `/api/patients/${encodeURIComponent(id.slice(0, 2000))}`);
      expect(get.status, id.slice(0, 20)).toBe(400);
      expect((await get.json()).issue[0].expression).toEqual(['id']);
    }
    const bundle = JSON.parse(JSON.stringify(historyToBundle(history('hard-fhir'))).replace('"hard-fhir"', '"../../etc/passwd"'));
    const fhir = await s.call('clinician', '/api/patients', { method: 'POST', json: bundle });
    expect(fhir.status).toBe(400);
    expect((await fhir.json()).issue[0].expression[0]).toMatch(/^Bundle\.entry\[0\]\.resource\.(id|identifier)/);
    const huge = await s.call('clinician', '/api/patients', { method: 'POST', json: history('x'.repeat(1_000_000)) });
    expect([400, 413]).toContain(huge.status);
    expect(await count('SELECT count(*) AS n FROM patients')).toBe(patients);
    for (const id of ['x'.repeat(64), 'A-1.2', '0042']) {
      expect((await s.call('clinician', '/api/patients', { method: 'POST', json: history(id) })).status, id).toBe(201);
      expect((await s.call('clinician', `/api/patients/${id}`)).status).toBe(200);
    }
  });
});
