import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { dayFromDate } from '../history/dates.js';
import { openDb, type Db, type OpenDbOptions } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { createApp, silentLogger, type Logger } from './app.js';
import { dbAudit } from './audit.js';
import type { AppContext, Clock, ServerConfig } from './context.js';

export const systemClock: Clock = { now: () => new Date(), today: () => dayFromDate(new Date()) };

export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface StartOptions {
  port: number;
  host?: string;
  db: OpenDbOptions;
  config?: Partial<ServerConfig>;
  clock?: Clock;
  log?: Logger;
}

export interface RunningServer {
  url: string;
  port: number;
  ctx: AppContext;
  close(): Promise<void>;
}

/** Opens the database, applies migrations, and listens; `port: 0` picks a free port (tests). */
export async function startServer(o: StartOptions): Promise<RunningServer> {
  const db = await openDb(o.db);
  try {
    return await listen(o, db);
  } catch (e) {
    await db.close();
    throw e;
  }
}

async function listen(o: StartOptions, db: Db): Promise<RunningServer> {
  await migrate(db);
  const clock = o.clock ?? systemClock;
  const config: ServerConfig = {
    cdsIssuers: [],
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    ...o.config,
  };
  const ctx: AppContext = { db, clock, audit: dbAudit(db, clock), config };
  const app = await createApp(ctx, o.log ?? silentLogger);
  const host = o.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: o.port, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (!config.publicUrl) config.publicUrl = url;
  return {
    url,
    port,
    ctx,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
