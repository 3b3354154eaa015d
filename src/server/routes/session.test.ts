import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_SKIP_REASON } from '../../store/postgres-hint.js';
import { inProcessApp, routeTestDatabases, type InProcessApp } from '../in-process.js';

// The session and token routes called in-process: who am I, issuing and revoking tokens (admin).

if (!process.env.DATABASE_URL) describe('session routes on postgres', () => it.skip(POSTGRES_SKIP_REASON, () => {}));

describe.each(routeTestDatabases())('session routes on $name', ({ options }) => {
  let s: InProcessApp;
  beforeAll(async () => {
    s = await inProcessApp(options(), '2025-06-01');
  }, 180_000);
  afterAll(async () => s?.close());

  it('/api/me names the token holder and role', async () => {
    expect(await (await s.call('nurse', '/api/me')).json()).toEqual({ name: 'test nurse', role: 'nurse' });
  });

  it('an admin issues a token, shown once, that then works; issuing is audited', async () => {
    const r = await s.call('admin', '/api/tokens', { method: 'POST', json: { role: 'clinician', name: 'Dr New' } });
    expect(r.status).toBe(201);
    const issued = await r.json();
    expect(issued.token).toMatch(/^fcm_/);
    const me = await s.app.request('/api/me', { headers: { authorization: `Bearer ${issued.token}` } });
    expect(await me.json()).toEqual({ name: 'Dr New', role: 'clinician' });
    expect(await s.audited('token.issue')).toEqual([{ actor: 'test admin', role: 'admin', resource: `/api/tokens/${issued.id}` }]);
    const list = await (await s.call('admin', '/api/tokens')).json();
    expect(list.items.map((t: { name: string }) => t.name)).toContain('Dr New');
    expect(JSON.stringify(list)).not.toContain(issued.token);
  });

  it('a bad role is a 400 naming the field; a clinician may not issue tokens', async () => {
    const bad = await s.call('admin', '/api/tokens', { method: 'POST', json: { role: 'root', name: 'x' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).issue[0].expression).toEqual(['$.role']);
    expect((await s.call('clinician', '/api/tokens', { method: 'POST', json: { role: 'nurse', name: 'x' } })).status).toBe(403);
    expect(await s.audited('token.issue')).toHaveLength(1);
  });

  it('a revoked token stops working; revoking it again is a 404 and is audited once', async () => {
    const { id, token } = await (await s.call('admin', '/api/tokens', { method: 'POST', json: { role: 'nurse', name: 'temp' } })).json();
    expect((await s.call('admin', `/api/tokens/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await s.app.request('/api/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await s.call('admin', `/api/tokens/${id}`, { method: 'DELETE' })).status).toBe(404);
    expect(await s.audited('token.revoke')).toEqual([{ actor: 'test admin', role: 'admin', resource: `/api/tokens/${id}` }]);
  });
});
