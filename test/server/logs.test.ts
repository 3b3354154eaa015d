import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/start.js';
import { issueToken } from '../../src/store/tokens.js';
import { fixedClock } from './harness.js';
import { history } from './fixtures.js';

describe('server logs', () => {
  const lines: string[] = [];
  let s: RunningServer;
  let token: string;
  beforeAll(async () => {
    s = await startServer({
      port: 0,
      db: { dataDir: 'memory://' },
      clock: fixedClock('2025-06-01'),
      log: { info: (l) => lines.push(l), error: (l) => lines.push(l) },
    });
    token = (await issueToken(s.ctx.db, 'clinician', 'Dr Log', 'test', new Date())).token;
  });
  afterAll(async () => s?.close());

  it('name the route pattern, status and time, and no patient identifier, value or token', async () => {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const h = history('SECRET-PATIENT-4711', { birthDate: '1977-07-17' });
    await fetch(`${s.url}/api/patients`, { method: 'POST', headers, body: JSON.stringify(h) });
    await fetch(`${s.url}/api/patients/SECRET-PATIENT-4711`, { headers });
    await fetch(`${s.url}/api/patients/SECRET-PATIENT-4711/versions/1`, { headers });
    await fetch(`${s.url}/api/patients/SECRET-OTHER-0815`, { headers });
    await fetch(`${s.url}/api/patients?q=SECRET`, { headers });
    await fetch(`${s.url}/api/patients`, { method: 'POST', headers, body: JSON.stringify({ ...h, id: 'SECRET-BAD-1', sex: 'x' }) });
    await fetch(`${s.url}/api/patients/SECRET-PATIENT-4711/assessments`, { method: 'POST', headers, body: JSON.stringify({ drug: 'alemtuzumab' }) });
    expect(lines.length).toBeGreaterThanOrEqual(7);
    expect(lines.some((l) => l.startsWith('GET /api/patients/:id 200 '))).toBe(true);
    const all = lines.join('\n');
    for (const secret of ['SECRET', '1977', token, 'Dr Log']) expect(all).not.toContain(secret);
    expect(lines.some((l) => /^POST \/api\/patients 201 [\d.]+ms$/.test(l))).toBe(true);
  });
});
