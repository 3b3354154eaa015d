import { POSTGRES_SKIP_REASON } from '../../src/store/postgres-hint.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/db.js';
import { loadMigrations, migrate } from '../../src/store/migrate.js';
import { issueToken } from '../../src/store/tokens.js';
import { EHR_ISSUER, EHR_PUBLIC_JWKS, prefetchFor, signEhrJwt } from './cds-helpers.js';
import { history } from './fixtures.js';
import { startServeProcess, type ServeProcess } from './serve-process.js';

// A clinic that outgrows one process runs several `fulcrum serve` on one PostgreSQL behind a load
// balancer (docs/operations.md). What one process knows must hold in the others: migrations are
// applied once, a CDS JWT accepted by one is a replay to the other, a token revoked on one is
// refused by the other at its next request.

const url = process.env.DATABASE_URL;

if (!url) describe('two fulcrum serve processes on one PostgreSQL', () => it.skip(POSTGRES_SKIP_REASON, () => {}));

describe.skipIf(!url)('two fulcrum serve processes on one PostgreSQL', { timeout: 120_000 }, () => {
  const schema = `ms_${randomBytes(6).toString('hex')}`;
  const PUBLIC = 'https://fulcrum.clinic.example';
  let jwks: Server;
  let a: ServeProcess;
  let b: ServeProcess;
  let db: Db;
  let admin: string;
  let clinician: string;

  beforeAll(async () => {
    jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(EHR_PUBLIC_JWKS)));
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks`;
    const env = { ...process.env, DATABASE_URL: url, FULCRUM_PG_SCHEMA: schema };
    const args = ['--public-url', PUBLIC, '--cds-issuer', `${EHR_ISSUER}=${jwksUrl}`];
    // Started together: both run the migrations at once on an empty schema.
    [a, b] = await Promise.all([startServeProcess(args, env), startServeProcess(args, env)]);
    db = await openDb({ databaseUrl: url!, schema });
    admin = (await issueToken(db, 'admin', 'multi admin', 'test', new Date())).token;
    clinician = (await issueToken(db, 'clinician', 'multi clinician', 'test', new Date())).token;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.close();
    await new Promise((r) => jwks?.close(r));
  });

  const call = (s: ServeProcess, token: string, path: string, init: RequestInit = {}) =>
    fetch(s.url + path, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
    });

  it('applied each migration once, whichever process got there first', async () => {
    const { rows } = await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual((await loadMigrations()).map((m) => m.id));
    expect(await migrate(db)).toEqual([]);
  });

  it('a patient written through one process is read through the other', async () => {
    expect((await call(a, clinician, '/api/patients', { method: 'POST', body: JSON.stringify(history('ms-1')) })).status).toBe(201);
    const r = await call(b, clinician, '/api/patients/ms-1');
    expect(r.status).toBe(200);
    expect((await r.json()).version).toBe(1);
  });

  it('refuses on one process a CDS JWT already accepted by the other (jti replay)', async () => {
    const h = history('ms-cds');
    const body = JSON.stringify({
      hookInstance: randomUUID(),
      hook: 'patient-view',
      context: { userId: 'Practitioner/1', patientId: h.id },
      prefetch: prefetchFor(h),
    });
    const jwt = await signEhrJwt({ aud: `${PUBLIC}/cds-services/fulcrum-patient-view`, nowSeconds: Math.floor(Date.now() / 1000) });
    const hook = (s: ServeProcess) =>
      fetch(`${s.url}/cds-services/fulcrum-patient-view`, {
        method: 'POST',
        headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
        body,
      });
    expect((await hook(a)).status).toBe(200);
    const replayed = await hook(b);
    expect(replayed.status).toBe(401);
    expect((await replayed.json()).issue[0].diagnostics).toMatch(/jti replay/);
    // And to the first process as well.
    expect((await hook(a)).status).toBe(401);
  });

  it('refuses on one process, at once, a token revoked on the other', async () => {
    const issued = await (await call(a, admin, '/api/tokens', { method: 'POST', body: JSON.stringify({ role: 'nurse', name: 'locum' }) })).json();
    expect((await call(b, issued.token, '/api/me')).status).toBe(200);
    expect((await call(a, admin, `/api/tokens/${issued.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(b, issued.token, '/api/me')).status).toBe(401);
    expect((await call(a, issued.token, '/api/me')).status).toBe(401);
  });
});
