import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../store/audit.js';
import type { Db, Queryable } from '../store/db.js';
import { audited } from './audit.js';
import type { App, AppContext } from './context.js';
import { fixedClock } from './in-process.js';
import { notFound } from './errors.js';

// The one wrapper every audited route goes through: what it writes, where, and when it refuses.

function harness() {
  const written: { entries: AuditEntry[]; inTransaction: boolean }[] = [];
  const tx: Queryable = { query: async () => ({ rows: [] }), exec: async () => undefined };
  const db: Db = { kind: 'pglite', ...tx, transaction: (fn) => fn(tx), close: async () => undefined };
  const record = async (entries: readonly AuditEntry[], q?: Queryable) => void written.push({ entries: [...entries], inTransaction: q === tx });
  const ctx: AppContext = {
    db,
    clock: fixedClock('2025-06-01'),
    audit: { record: (e, q) => record([e], q), recordAll: record },
    config: { cdsIssuers: [], maxBodyBytes: 1000 },
  };
  const app: App = new Hono();
  app.onError((e, c) => c.json({ error: e instanceof Error ? e.message : 'error' }, 'status' in e && e.status === 404 ? 404 : 500));
  app.use('*', async (c, next) => {
    c.set('user', { name: 'Dr A', role: 'clinician', subject: 't1' });
    c.set('ip', '10.0.0.1');
    await next();
  });
  return { app, ctx, written };
}

describe('the audited wrapper', () => {
  it("writes a read's entries after the handler, under the caller's token, in one statement", async () => {
    const { app, ctx, written } = harness();
    app.get('/p/:id', audited(ctx), (c) => {
      c.var.audit.entry('history.read', `/p/${c.req.param('id')}`, c.req.param('id'));
      c.var.audit.entry('history.read', '/p/other', 'other');
      return c.json({ ok: true });
    });
    expect((await app.request('/p/x')).status).toBe(200);
    expect(written).toEqual([
      {
        inTransaction: false,
        entries: [
          { actor: 'Dr A', role: 'clinician', action: 'history.read', resource: '/p/x', ip: '10.0.0.1', patientId: 'x' },
          { actor: 'Dr A', role: 'clinician', action: 'history.read', resource: '/p/other', ip: '10.0.0.1', patientId: 'other' },
        ],
      },
    ]);
  });

  it("writes a change's entry inside the handler's transaction, and nothing after it", async () => {
    const { app, ctx, written } = harness();
    app.post('/p', audited(ctx), async (c) => {
      await c.var.audit.transaction(async () => c.var.audit.entry('history.create', '/p/y/versions/1', 'y'));
      return c.json({}, 201);
    });
    expect((await app.request('/p', { method: 'POST' })).status).toBe(201);
    expect(written).toHaveLength(1);
    expect(written[0]!.inTransaction).toBe(true);
  });

  it('a handler that throws writes nothing it had declared', async () => {
    const { app, ctx, written } = harness();
    app.get('/p/:id', audited(ctx), (c) => {
      c.var.audit.entry('history.read', '/p/z', 'z');
      throw notFound('patient z');
    });
    expect((await app.request('/p/z')).status).toBe(404);
    expect(written).toEqual([]);
  });

  it('a handler that answers without declaring an entry is an error, not an unaudited read', async () => {
    const { app, ctx } = harness();
    app.get('/p/:id', audited(ctx), (c) => c.json({ history: 'shown' }));
    const r = await app.request('/p/q');
    expect(r.status).toBe(500);
    expect((await r.json()).error).toMatch(/answered without an audit entry/);
  });
});
