import { randomBytes } from 'node:crypto';
import { parseDay } from '../history/dates.js';
import { openDb, type OpenDbOptions } from '../store/db.js';
import { queryAudit } from '../store/audit.js';
import { migrate } from '../store/migrate.js';
import { issueToken, TOKEN_ROLES, type TokenRole } from '../store/tokens.js';
import { createApp } from './app.js';
import { dbAudit } from './audit.js';
import type { App, AppContext, Clock, ServerConfig } from './context.js';
import { DEFAULT_MAX_BODY_BYTES } from './start.js';

// The whole app called in-process (hono's `app.request`), without a socket: what the route tests
// beside the route files use. The real-HTTP tests in test/server start a listening server instead.

/** The databases a route test runs on: PGlite always, PostgreSQL (its own schema) when DATABASE_URL is set. */
export function routeTestDatabases(env: NodeJS.ProcessEnv = process.env): { name: 'pglite' | 'postgres'; options: () => OpenDbOptions }[] {
  const out: { name: 'pglite' | 'postgres'; options: () => OpenDbOptions }[] = [{ name: 'pglite', options: () => ({ dataDir: 'memory://' }) }];
  const url = env.DATABASE_URL;
  if (url) out.push({ name: 'postgres', options: () => ({ databaseUrl: url, schema: `r_${randomBytes(6).toString('hex')}` }) });
  return out;
}

/** A clock fixed on one day whose instants still increase, so ordering by time stays meaningful. */
export function fixedClock(isoDate: string): Clock {
  const day = parseDay(isoDate);
  if (day === undefined) throw new Error(`bad date ${isoDate}`);
  let tick = 0;
  return { now: () => new Date(Date.parse(`${isoDate}T09:00:00Z`) + tick++), today: () => day };
}

export interface InProcessApp {
  app: App;
  ctx: AppContext;
  /** A bearer token for each role, issued into this database. */
  tokens: Record<TokenRole, string>;
  /** `app.request` with a role's token (none for `null`); `json` is sent as the body. */
  call(role: TokenRole | null, path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** The audit entries with this action, oldest first. */
  audited(action: string): Promise<{ actor: string; role: string; patientId?: string; resource: string }[]>;
  close(): Promise<void>;
}

export async function inProcessApp(db: OpenDbOptions, today = '2025-06-01', config: Partial<ServerConfig> = {}): Promise<InProcessApp> {
  const opened = await openDb(db);
  await migrate(opened);
  const clock = fixedClock(today);
  const ctx: AppContext = { db: opened, clock, audit: dbAudit(opened, clock), config: { cdsIssuers: [], maxBodyBytes: DEFAULT_MAX_BODY_BYTES, ...config } };
  const app = await createApp(ctx);
  const tokens: Partial<Record<TokenRole, string>> = {};
  for (const role of TOKEN_ROLES) tokens[role] = (await issueToken(opened, role, `test ${role}`, 'test', clock.now())).token;
  const all = { clinician: tokens.clinician ?? '', nurse: tokens.nurse ?? '', auditor: tokens.auditor ?? '', admin: tokens.admin ?? '' };
  return {
    app,
    ctx,
    tokens: all,
    call(role, path, init = {}) {
      const headers = new Headers(init.headers);
      if (role) headers.set('authorization', `Bearer ${all[role]}`);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return Promise.resolve(app.request(path, { ...init, headers, body }));
    },
    async audited(action) {
      const items = await queryAudit(opened, { limit: 10_000 });
      return items
        .filter((e) => e.action === action)
        .reverse()
        .map((e) => ({ actor: e.actor, role: e.role, resource: e.resource, ...(e.patientId !== undefined ? { patientId: e.patientId } : {}) }));
    },
    async close() {
      await opened.close();
      await dropTestSchema(db);
    },
  };
}

/** A PostgreSQL test schema is dropped when its test is done, so runs leave nothing behind (PGlite: nothing to do). */
export async function dropTestSchema(db: OpenDbOptions): Promise<void> {
  if (!db.databaseUrl || !db.schema) return;
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: db.databaseUrl });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${db.schema} CASCADE`);
  await c.end();
}
