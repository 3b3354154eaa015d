import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as backupCommand } from '../../src/cli/commands/backup.js';
import { command as restoreCommand } from '../../src/cli/commands/restore.js';
import { EXIT, InputError, type CliIo } from '../../src/cli/io.js';
import { openDb, type OpenDbOptions } from '../../src/store/db.js';
import { startTestServer, type TestServer } from './harness.js';
import { scriptedDay } from './day.js';

// Backups that restore: a scripted day of use, a backup taken while the server runs, a restore into
// an empty database, and a second backup of the restored database that must equal the first line
// for line, the audit log included, with its append-only triggers in force.

const io = (): CliIo & { text: string[] } => {
  const text: string[] = [];
  return { text, out: (t) => void text.push(t), err: (t) => void text.push(t), today: () => 20_000, stdoutIsTTY: false, stderrIsTTY: false };
};

/** Runs a CLI command with the database chosen as `fulcrum` would from this environment. */
async function withEnv<T>(env: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

const body = (file: string) => readFileSync(file, 'utf8').split('\n').slice(1);

interface Target {
  name: string;
  /** A fresh database: its options and the environment the CLI finds it by. */
  fresh(): { db: OpenDbOptions; env: Record<string, string | undefined>; args: string[]; drop(): Promise<void> };
}

const targets: Target[] = [
  {
    name: 'pglite',
    fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'fulcrum-backup-'));
      return { db: { dataDir: dir }, env: { DATABASE_URL: undefined }, args: ['--data', dir], drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
];
const url = process.env.DATABASE_URL;
if (url) {
  targets.push({
    name: 'postgres',
    fresh() {
      const schema = `b_${randomBytes(6).toString('hex')}`;
      return {
        db: { databaseUrl: url, schema },
        env: { DATABASE_URL: url, FULCRUM_PG_SCHEMA: schema },
        args: [],
        async drop() {
          const db = await openDb({ databaseUrl: url });
          await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await db.close();
        },
      };
    },
  });
} else console.info('DATABASE_URL is not set: the PostgreSQL backup round trip is skipped (run scripts/postgres.sh)');

describe.each(targets)('backup and restore on $name', { timeout: 120_000 }, ({ name, fresh }) => {
  const dir = mkdtempSync(join(tmpdir(), 'fulcrum-backup-files-'));
  const source = fresh();
  const target = fresh();
  let s: TestServer;

  beforeAll(async () => {
    s = await startTestServer(source.db, {}, '2025-06-01');
    await scriptedDay(s, 'day');
  }, 120_000);
  afterAll(async () => {
    await s?.close().catch(() => undefined);
    await source.drop();
    await target.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('after the scripted day the audit log holds every access, token change and refusal', async () => {
    const { rows } = await s.ctx.db.query<{ action: string; n: string | number }>(
      'SELECT action, count(*) AS n FROM audit_log GROUP BY action ORDER BY action',
    );
    const byAction = Object.fromEntries(rows.map((r) => [r.action, Number(r.n)]));
    console.info(`audit log after a scripted day (${name}): ${JSON.stringify(byAction)}`);
    expect(byAction).toMatchObject({
      'token.issue': 1,
      'token.revoke': 1,
      'history.create': 4,
      'history.update': 3,
      'assessment.run': 3,
      'decision.override': 3,
      'access.forbidden': 1,
      'access.unauthenticated': 1,
    });
  });

  it('restores everything, the audit log too, identical line for line, and the log stays append-only', async () => {
    const first = join(dir, 'first.ndjson');
    if (name === 'postgres') {
      // A consistent snapshot taken by another process while the server runs.
      expect(await withEnv(source.env, () => backupCommand.run(['--out', first, ...source.args], io()))).toBe(EXIT.ok);
    } else {
      // The embedded folder is the server's: its snapshot comes from the server itself.
      const r = await s.call('admin', '/api/backup');
      expect(r.status).toBe(200);
      writeFileSync(first, await r.text());
    }
    const header = JSON.parse(readFileSync(first, 'utf8').split('\n')[0]!);
    expect(header.tables.audit_log).toBeGreaterThan(20);
    expect(header.tables.history_versions).toBe(7);

    expect(await withEnv(target.env, () => restoreCommand.run([first, ...target.args], io()))).toBe(EXIT.ok);
    const second = join(dir, 'second.ndjson');
    expect(await withEnv(target.env, () => backupCommand.run(['--out', second, ...target.args], io()))).toBe(EXIT.ok);
    expect(body(second)).toEqual(body(first));

    const db = await openDb(target.db);
    try {
      await expect(db.query(`UPDATE audit_log SET actor = 'x'`)).rejects.toThrow();
      await expect(db.query('DELETE FROM audit_log')).rejects.toThrow();
      // New entries continue the sequence after the restored ones.
      await db.query(`INSERT INTO audit_log (at, actor, role, action, resource, ip) VALUES (now(), 'a', 'admin', 'test', '/x', 'local')`);
      const { rows } = await db.query<{ id: string | number }>(`SELECT max(id) AS id FROM audit_log`);
      expect(Number(rows[0]!.id)).toBe(header.tables.audit_log + 1);
    } finally {
      await db.close();
    }
  });

  it('refuses to restore into a database that holds rows, and a truncated file, changing nothing', async () => {
    const file = join(dir, 'again.ndjson');
    writeFileSync(file, await (await s.call('admin', '/api/backup')).text());
    await expect(withEnv(target.env, () => restoreCommand.run([file, ...target.args], io()))).rejects.toThrow(InputError);
    const cut = join(dir, 'cut.ndjson');
    writeFileSync(cut, readFileSync(file, 'utf8').split('\n').slice(0, -5).join('\n'));
    const empty = fresh();
    try {
      await expect(withEnv(empty.env, () => restoreCommand.run([cut, ...empty.args], io()))).rejects.toThrow(/truncated/);
    } finally {
      await empty.drop();
    }
  });
});
