import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import { POSTGRES_SKIP_REASON } from '../../src/store/postgres-hint.js';
import { parseDay } from '../../src/history/dates.js';
import type { OpenDbOptions } from '../../src/store/db.js';
import { issueToken, type TokenRole } from '../../src/store/tokens.js';
import type { Clock, ServerConfig } from '../../src/server/context.js';
import { dropTestSchema } from '../../src/server/in-process.js';
import { startServer, type RunningServer } from '../../src/server/start.js';

/** The databases a storage test runs on: PGlite always, PostgreSQL when DATABASE_URL is set. */
export function databases(): { name: 'pglite' | 'postgres'; options: () => OpenDbOptions }[] {
  const out: { name: 'pglite' | 'postgres'; options: () => OpenDbOptions }[] = [{ name: 'pglite', options: () => ({ dataDir: 'memory://' }) }];
  const url = process.env.DATABASE_URL;
  if (url) out.push({ name: 'postgres', options: () => ({ databaseUrl: url, schema: `t_${randomBytes(6).toString('hex')}` }) });
  return out;
}

/** Without DATABASE_URL, the PostgreSQL half of a suite is reported as a skipped test with the reason, not dropped. */
export function reportSkippedPostgres(suite: string): void {
  if (!process.env.DATABASE_URL) describe(`${suite} on postgres`, () => it.skip(POSTGRES_SKIP_REASON, () => {}));
}

export function fixedClock(isoDate: string): Clock {
  const day = parseDay(isoDate);
  if (day === undefined) throw new Error(`bad date ${isoDate}`);
  let tick = 0;
  // Distinct, increasing instants on one calendar day: ordering by time stays meaningful.
  return { now: () => new Date(Date.parse(`${isoDate}T09:00:00Z`) + tick++), today: () => day };
}

export interface TestServer extends RunningServer {
  tokens: Record<TokenRole, string>;
  /** fetch against the server with a role's token. */
  call(role: TokenRole | null, path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

export async function startTestServer(db: OpenDbOptions, config: Partial<ServerConfig> = {}, today = '2025-06-01'): Promise<TestServer> {
  const started = await startServer({ port: 0, db, config, clock: fixedClock(today) });
  // A PostgreSQL test schema is dropped with the server, so runs leave nothing behind.
  const server: RunningServer = {
    ...started,
    async close() {
      await started.close();
      await dropTestSchema(db);
    },
  };
  const tokens = {} as Record<TokenRole, string>;
  for (const role of ['clinician', 'nurse', 'auditor', 'admin'] as const) {
    tokens[role] = (await issueToken(server.ctx.db, role, `test ${role}`, 'test', new Date())).token;
  }
  return {
    ...server,
    tokens,
    call(role, path, init = {}) {
      const headers = new Headers(init.headers);
      if (role) headers.set('authorization', `Bearer ${tokens[role]}`);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return fetch(server.url + path, { ...init, headers, body });
    },
  };
}
