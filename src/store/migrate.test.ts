import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db, type OpenDbOptions } from './db.js';
import { loadMigrations, migrate } from './migrate.js';
import { POSTGRES_SKIP_REASON } from './postgres-hint.js';

const targets: { name: string; options: () => OpenDbOptions }[] = [{ name: 'pglite', options: () => ({ dataDir: 'memory://' }) }];
if (process.env.DATABASE_URL)
  targets.push({ name: 'postgres', options: () => ({ databaseUrl: process.env.DATABASE_URL!, schema: `m_${randomBytes(6).toString('hex')}` }) });
else describe('migrations on postgres', () => it.skip(POSTGRES_SKIP_REASON, () => {}));

describe('migration discovery', () => {
  it('finds the NNNN-name modules in order, starting with the core schema', async () => {
    const ms = await loadMigrations();
    expect(ms[0]?.id).toBe('0001-core');
    expect(ms.map((m) => m.id)).toEqual([...ms.map((m) => m.id)].sort());
  });

  it('lists a new module dropped into the folder without any registration, and ignores other files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fulcrum-mig-'));
    try {
      writeFileSync(join(dir, '0002-b.mjs'), 'export const sql = "SELECT 2";');
      writeFileSync(join(dir, '0001-a.mjs'), 'export const sql = "SELECT 1";');
      writeFileSync(join(dir, 'README.md'), 'not a migration');
      writeFileSync(join(dir, '0003-c.d.ts'), 'export {}');
      expect((await loadMigrations(dir)).map((m) => m.id)).toEqual(['0001-a', '0002-b']);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe.each(targets)('migrations on $name', ({ options }) => {
  let db: Db | undefined;
  afterEach(async () => {
    // A PostgreSQL test schema goes with its test.
    if (db?.kind === 'postgres') await db.exec("DO $$ BEGIN EXECUTE format('DROP SCHEMA %I CASCADE', current_schema()); END $$");
    await db?.close();
    db = undefined;
  });

  it('applies each migration once and records it; a second run applies nothing', async () => {
    db = await openDb(options());
    const first = await migrate(db);
    expect(first).toContain('0001-core');
    expect(await migrate(db)).toEqual([]);
    const { rows } = await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(first);
  });

  it('rolls a failing migration back whole and does not record it, keeping earlier ones', async () => {
    db = await openDb(options());
    const ms = [
      { id: '0001-ok', sql: 'CREATE TABLE t_ok (x int)' },
      { id: '0002-broken', sql: 'CREATE TABLE t_half (x int); SELECT * FROM no_such_table' },
    ];
    await expect(migrate(db, ms)).rejects.toThrow();
    const { rows } = await db.query<{ id: string }>('SELECT id FROM schema_migrations');
    expect(rows.map((r) => r.id)).toEqual(['0001-ok']);
    const half = await db.query<{ n: string | number }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 't_half' AND table_schema = current_schema()",
    );
    expect(Number(half.rows[0]!.n)).toBe(0);
  });

  it('rolls back a transaction that throws: nothing of it is visible', async () => {
    db = await openDb(options());
    await db.exec('CREATE TABLE t_tx (x int)');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t_tx VALUES (1)');
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect((await db.query('SELECT * FROM t_tx')).rows).toEqual([]);
  });
});

describe('an embedded data folder', () => {
  it('is opened by one process at a time: a second opener is refused, naming the owner; after close it opens again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fulcrum-lock-'));
    try {
      const first = await openDb({ dataDir: dir });
      await expect(openDb({ dataDir: dir })).rejects.toThrow(new RegExp(`in use by process ${process.pid}`));
      await first.close();
      const again = await openDb({ dataDir: dir });
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes over a lock held by a zombie: a killed server its parent has not yet reaped holds nothing (probe defect 6)', async () => {
    // `sleep 0.05` is left to a parent (the exec'd `sleep 5`) that never reaps it: it ends as a zombie.
    const parent = spawn('sh', ['-c', 'sleep 0.05 & echo $!; exec sleep 5'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const dir = mkdtempSync(join(tmpdir(), 'fulcrum-lock-'));
    try {
      const pid = Number((await new Promise<Buffer>((resolve) => parent.stdout.once('data', resolve))).toString().trim());
      await new Promise((r) => setTimeout(r, 300));
      expect(readFileSync(`/proc/${pid}/stat`, 'utf8')).toMatch(/\) Z /);
      expect(() => process.kill(pid, 0)).not.toThrow();
      writeFileSync(join(dir, '.fulcrum.lock'), String(pid));
      const db = await openDb({ dataDir: dir });
      await db.close();
    } finally {
      parent.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes over a lock left by a process that no longer runs (a server killed with SIGKILL)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fulcrum-lock-'));
    try {
      writeFileSync(join(dir, '.fulcrum.lock'), '2147483646');
      const db = await openDb({ dataDir: dir });
      await db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
