import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Db } from './db.js';

// Migrations are TS modules `NNNN-name.ts` exporting `sql`, found by listing the folder at run time so
// that another module (monitoring's 0100) joins without an edit here; the same listing works from src
// (tsx, vitest: .ts files) and from dist (.js files).

export interface Migration {
  id: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{4})-[a-z0-9-]+\.(ts|js|mjs)$/;

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = readdirSync(dir)
    .filter((f) => MIGRATION_FILE.test(f) && !f.endsWith('.d.ts') && !/\.test\./.test(f))
    .sort();
  const seen = new Set<string>();
  const out: Migration[] = [];
  for (const file of files) {
    const id = file.replace(/\.(ts|js|mjs)$/, '');
    if (seen.has(id)) continue;
    seen.add(id);
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { sql?: unknown };
    if (typeof mod.sql !== 'string') throw new Error(`migration ${file} does not export sql: string`);
    out.push({ id, sql: mod.sql });
  }
  return out;
}

/**
 * Applies every migration not yet recorded, in order, each in its own transaction together with its
 * record, so a crash leaves a migration either wholly applied and recorded or not at all. An advisory
 * lock keeps two servers starting on one PostgreSQL database from racing. Returns the ids applied.
 */
export async function migrate(db: Db, migrations?: Migration[]): Promise<string[]> {
  const list = migrations ?? (await loadMigrations());
  // Under the lock too: two servers starting at once on an empty database would both try to create
  // the table, and IF NOT EXISTS does not stop the second from failing on the catalogue.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(724100)');
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const applied: string[] = [];
  for (const m of list) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(724100)');
      const { rows } = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [m.id]);
      if (rows.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id]);
      return true;
    });
    if (done) applied.push(m.id);
  }
  return applied;
}
