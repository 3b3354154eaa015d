import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { templateFor } from './pglite-template.js';

// One small interface over embedded PGlite and a PostgreSQL server, so every query in src/store is the
// same SQL for both. Values cross it as plain JSON-ready data: timestamps are read back as `Date`,
// jsonb as parsed objects; callers pass jsonb parameters as JSON text with an explicit `::jsonb` cast
// (the two drivers infer parameter types differently, a cast makes them agree).

export type DbKind = 'pglite' | 'postgres';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: DbKind;
  /** Runs `fn` inside BEGIN/COMMIT; any throw rolls everything back. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  /** A PostgreSQL connection string; when absent, PGlite in `dataDir`. */
  databaseUrl?: string;
  /** PGlite data folder; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  /** PostgreSQL only: work in this schema (created if absent), so test runs do not see each other. */
  schema?: string;
}

export const DEFAULT_DATA_DIR = '.fulcrum-data';

/**
 * Where the adapters find the database: `--data DIR`, then FULCRUM_DATA, then `.fulcrum-data/`; DATABASE_URL wins
 * (with FULCRUM_PG_SCHEMA, in that schema).
 */
export function dbOptionsFromEnv(dataDirOption: string | undefined, env: NodeJS.ProcessEnv = process.env): OpenDbOptions {
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl) return { databaseUrl, ...(env.FULCRUM_PG_SCHEMA ? { schema: env.FULCRUM_PG_SCHEMA } : {}) };
  return { dataDir: dataDirOption ?? env.FULCRUM_DATA ?? DEFAULT_DATA_DIR };
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.schema);
  return openPglite(options.dataDir ?? DEFAULT_DATA_DIR);
}

export class DatabaseInUseError extends Error {}

/**
 * Whether `pid` is a running process. A killed process whose parent has not yet reaped it is a zombie:
 * signal 0 still reaches it, but it holds no database, so on Linux its state in /proc decides.
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    // No /proc (not Linux), or the process ended since the signal: trust the signal.
    return !existsSync('/proc/self/stat');
  }
  // "pid (comm) state ...": comm may itself hold spaces and parentheses, so read after the last ")".
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

/**
 * PGlite has no lock between processes, and two processes writing one data folder would corrupt it:
 * a lock file with the owner's pid keeps a second opener out. A lock left by a killed process (its
 * pid no longer running) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, '.fulcrum.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
        throw new DatabaseInUseError(
          `the database folder ${dataDir} is in use by process ${owner} (a running fulcrum serve?): an embedded database is opened by one process at a time; stop it, or use the HTTP API`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DatabaseInUseError(`could not lock the database folder ${dataDir}`);
}

async function openPglite(dataDir: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const inMemory = dataDir.includes('://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const unlock = inMemory ? () => undefined : lockDataDir(dataDir);
  const template = inMemory ? undefined : templateFor(dataDir);
  const pg = await PGlite.create(dataDir, template ? { loadDataDir: template } : {}).catch((e: unknown) => {
    unlock();
    throw e;
  });
  const wrap = (q: Pick<typeof pg, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await q.query<T>(sql, params);
      return { rows: r.rows };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async close() {
      try {
        await pg.close();
      } finally {
        unlock();
      }
    },
  };
}

async function openPostgres(url: string, schema?: string): Promise<Db> {
  const { default: pgLib } = await import('pg');
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('schema must be a lower-case SQL identifier');
  if (schema) {
    const setup = new pgLib.Client({ connectionString: url });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`).catch((e: { code?: string }) => {
        // Two servers starting at once both find the schema missing; the loser's CREATE fails on
        // the catalogue's unique index, and the schema is there all the same.
        if (e.code !== '23505' && e.code !== '42P06') throw e;
      });
    } finally {
      await setup.end();
    }
  }
  const pool = new pgLib.Pool({ connectionString: url, max: 10, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const wrap = (q: { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }> }): Queryable => ({
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await q.query(sql, params);
      return { rows: r.rows as T[] };
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
