import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { POSTGRES_SKIP_REASON } from '../../src/store/postgres-hint.js';
import { canonicalJson } from '../../src/store/histories.js';
import { openDb, type OpenDbOptions } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { issueToken } from '../../src/store/tokens.js';
import { history } from './fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');

function startChild(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/server/serve-child.ts'), '--port', '0', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`server exited ${String(code)} before listening: ${err.slice(-2000)}`)));
  });
}

interface Ack {
  id: string;
  version: number;
  history: unknown;
}

const targets: { name: string; setup: () => { db: OpenDbOptions; args: string[]; env: NodeJS.ProcessEnv; cleanup: () => void | Promise<void> } }[] = [
  {
    name: 'pglite',
    setup: () => {
      const dir = mkdtempSync(join(tmpdir(), 'fulcrum-crash-'));
      const env = { ...process.env };
      delete env.DATABASE_URL;
      return { db: { dataDir: dir }, args: ['--data', dir], env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
];
if (process.env.DATABASE_URL) {
  targets.push({
    name: 'postgres',
    setup: () => {
      const schema = `c_${randomBytes(6).toString('hex')}`;
      const url = process.env.DATABASE_URL!;
      return {
        db: { databaseUrl: url, schema },
        args: [],
        env: { ...process.env, FULCRUM_PG_SCHEMA: schema },
        cleanup: async () => {
          const { default: pg } = await import('pg');
          const c = new pg.Client({ connectionString: url });
          await c.connect();
          await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await c.end();
        },
      };
    },
  });
} else describe('killing the server mid-write (postgres)', () => it.skip(POSTGRES_SKIP_REASON, () => {}));

describe.each(targets)('killing the server mid-write ($name)', ({ setup }) => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('loses no acknowledged record and leaves no half-written one', async () => {
    const t = setup();
    try {
      const admin = await openDb(t.db);
      await migrate(admin);
      const { token } = await issueToken(admin, 'clinician', 'crash test', 'test', new Date());
      await admin.close();

      const started = await startChild(t.args, t.env);
      child = started.child;
      const prefix = `crash-${randomBytes(4).toString('hex')}`;
      const acks: Ack[] = [];
      let killed = false;
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

      // Eight writers, each creating a patient and then appending versions until the server dies.
      const writer = async (w: number) => {
        const id = `${prefix}-${w}`;
        for (let v = 1; !killed; v++) {
          const h = history(id, { edss: [{ date: '2024-01-01', score: 1 + (v % 10) * 0.5 }] });
          let r: Response;
          try {
            r = await fetch(`${started.url}/api/patients${v === 1 ? '' : `/${id}`}`, { method: v === 1 ? 'POST' : 'PUT', headers, body: JSON.stringify(h) });
          } catch {
            return; // the connection died with the server: this write was never acknowledged
          }
          if (r.status !== 200 && r.status !== 201) throw new Error(`unexpected ${r.status}: ${await r.text()}`);
          const rec = (await r.json()) as { version: number };
          expect(rec.version).toBe(v);
          acks.push({ id, version: rec.version, history: h });
        }
      };
      const writers = Array.from({ length: 8 }, (_, w) => writer(w));
      while (acks.length < 120) await new Promise((r) => setTimeout(r, 10));
      // Mid-stream: writes are in flight on every writer when the process is killed.
      killed = true;
      child.kill('SIGKILL');
      await Promise.all(writers);
      await new Promise((r) => (child!.exitCode !== null || child!.signalCode !== null ? r(undefined) : child!.once('exit', r)));
      expect(child.signalCode).toBe('SIGKILL');

      const db = await openDb(t.db);
      try {
        await migrate(db);
        const { rows: versions } = await db.query<{ patient_id: string; version: number; history: unknown; created_by: string }>(
          'SELECT patient_id, version, history, created_by FROM history_versions WHERE patient_id LIKE $1 ORDER BY patient_id, version',
          [`${prefix}-%`],
        );
        const { rows: patients } = await db.query<{ id: string; current_version: number }>('SELECT id, current_version FROM patients WHERE id LIKE $1', [
          `${prefix}-%`,
        ]);
        const { rows: audits } = await db.query<{ resource: string }>(
          "SELECT resource FROM audit_log WHERE patient_id LIKE $1 AND action IN ('history.create', 'history.update')",
          [`${prefix}-%`],
        );

        // No acknowledged write is lost, and what is stored is what was sent.
        const stored = new Map(versions.map((v) => [`${v.patient_id}#${v.version}`, v]));
        for (const a of acks) {
          const v = stored.get(`${a.id}#${a.version}`);
          expect(v, `${a.id} version ${a.version} was acknowledged`).toBeDefined();
          expect(canonicalJson(typeof v!.history === 'string' ? JSON.parse(v!.history) : v!.history)).toBe(canonicalJson(a.history));
        }
        // Nothing half-written: each patient's versions run 1..current with no gap or extra, each
        // with its author, and every version has the audit entry written in its transaction.
        expect(patients.length).toBeGreaterThan(0);
        const audited = new Set(audits.map((a) => a.resource));
        for (const p of patients) {
          const mine = versions.filter((v) => v.patient_id === p.id).map((v) => v.version);
          expect(mine).toEqual(Array.from({ length: p.current_version }, (_, i) => i + 1));
          for (const v of mine) expect(audited.has(`/api/patients/${p.id}/versions/${v}`), `audit of ${p.id} v${v}`).toBe(true);
        }
        expect(versions.every((v) => v.created_by === 'crash test')).toBe(true);
        expect(audits.length).toBe(versions.length);
        expect(versions.length).toBeGreaterThanOrEqual(acks.length);
      } finally {
        await db.close();
      }
    } finally {
      await t.cleanup();
    }
  }, 120_000);
});
