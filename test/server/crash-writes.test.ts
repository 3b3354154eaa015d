import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDay, parseDay } from '../../src/history/dates.js';
import { alemtuzumabHistory, normalPanel } from '../../src/monitor/fixtures.js';
import { openDb, type Db, type OpenDbOptions } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { issueToken } from '../../src/store/tokens.js';
import { history } from './fixtures.js';
import { startServeProcess, type ServeProcess } from './serve-process.js';

// kill -9 in the middle of every kind of write (crash.test.ts covers new patients and versions in
// depth): history versions, assessments, decisions, monitoring results and alert acknowledgements
// are written concurrently, the server is killed, restarted on the same database, and every write
// it acknowledged must be there, whole, with the audit entry of its transaction, and nothing else
// half-written. Several rounds per database, each on the database the previous round left.

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 1);
type Kind = 'version' | 'assessment' | 'decision' | 'results' | 'acknowledgement';
const survived: Record<string, Record<Kind, number>> = {};

interface Target {
  name: string;
  setup(): { db: OpenDbOptions; args: string[]; env: NodeJS.ProcessEnv; cleanup(): Promise<void> };
}
const targets: Target[] = [
  {
    name: 'pglite',
    setup() {
      const dir = mkdtempSync(join(tmpdir(), 'fulcrum-crashw-'));
      const env = { ...process.env };
      delete env.DATABASE_URL;
      return { db: { dataDir: dir }, args: ['--data', dir], env, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
];
const url = process.env.DATABASE_URL;
if (url) {
  targets.push({
    name: 'postgres',
    setup() {
      const schema = `cw_${randomBytes(6).toString('hex')}`;
      return {
        db: { databaseUrl: url, schema },
        args: [],
        env: { ...process.env, FULCRUM_PG_SCHEMA: schema },
        async cleanup() {
          const db = await openDb({ databaseUrl: url });
          await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await db.close();
        },
      };
    },
  });
} else console.info('DATABASE_URL is not set: the PostgreSQL rounds of the crash test are skipped (run scripts/postgres.sh)');

afterAll(() => console.info(`crash rounds survived per write kind: ${JSON.stringify(survived)}`));

const n = async (db: Db, sql: string, params: unknown[] = []) => Number((await db.query<{ n: string | number }>(sql, params)).rows[0]!.n);

describe.each(targets)('kill -9 during every kind of write ($name)', ({ name, setup }) => {
  it(`loses no acknowledged write and leaves none half-written, over ${ROUNDS} rounds`, async () => {
    const t = setup();
    let server: ServeProcess | undefined;
    survived[name] = { version: 0, assessment: 0, decision: 0, results: 0, acknowledgement: 0 };
    try {
      const admin = await openDb(t.db);
      await migrate(admin);
      const { token } = await issueToken(admin, 'clinician', 'crash writer', 'test', new Date());
      await admin.close();
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

      for (let round = 0; round < ROUNDS; round++) {
        server = await startServeProcess(t.args, t.env);
        const base = server.url;
        const post = (path: string, body: unknown, method = 'POST') => fetch(base + path, { method, headers, body: JSON.stringify(body) });
        const p = `r${round}-${randomBytes(3).toString('hex')}`;
        // Set-up, acknowledged before the kill: a patient per writer, and an assessment to decide on.
        const ids = { version: `${p}-v`, assessment: `${p}-a`, decision: `${p}-d`, results: `${p}-m`, acknowledgement: `${p}-k` };
        for (const [kind, id] of Object.entries(ids)) {
          const h =
            kind === 'results' || kind === 'acknowledgement'
              ? alemtuzumabHistory(['2025-01-06'], { id, sex: 'male', labs: normalPanel('2024-12-12') })
              : history(id);
          expect((await post('/api/patients', h)).status).toBe(201);
        }
        const decided = (await (await post(`/api/patients/${ids.decision}/assessments`, { drug: 'alemtuzumab' })).json()).id as string;

        const acked: Record<Kind, string[]> = { version: [], assessment: [], decision: [], results: [], acknowledgement: [] };
        let killed = false;
        const attempt = async (path: string, body: unknown, method = 'POST') => {
          try {
            const r = await post(path, body, method);
            if (r.status >= 300) throw new Error(`${path}: unexpected ${r.status} ${await r.text()}`);
            return await r.json();
          } catch (e) {
            if (killed) return undefined; // the server died with this write in flight: never acknowledged
            throw e;
          }
        };
        const day = (i: number) => formatDay(parseDay('2025-02-01')! + i);
        const writers: Record<Kind, () => Promise<void>> = {
          async version() {
            for (let v = 2; !killed; v++) {
              const r = await attempt(
                `/api/patients/${ids.version}`,
                history(ids.version, { edss: [{ date: '2024-01-01', score: 1 + (v % 10) * 0.5 }] }),
                'PUT',
              );
              if (r) acked.version.push(`${r.version}`);
            }
          },
          async assessment() {
            while (!killed) {
              const r = await attempt(`/api/patients/${ids.assessment}/assessments`, { drug: 'mitoxantrone' });
              if (r) acked.assessment.push(r.id);
            }
          },
          async decision() {
            for (let i = 0; !killed; i++) {
              const r = await attempt(`/api/assessments/${decided}/decision`, { decision: 'override', reason: `reason ${i}` });
              if (r) acked.decision.push(r.id);
            }
          },
          async results() {
            // Two results per request, one date per request: a request is stored whole or not at all.
            for (let i = 0; !killed; i++) {
              const r = await attempt(`/api/patients/${ids.results}/results`, {
                results: [
                  { date: day(i), test: 'platelets', value: 210, unit: '10^9/L' },
                  { date: day(i), test: 'alt', value: 30, unit: 'U/L' },
                ],
              });
              if (r) acked.results.push(day(i));
            }
          },
          async acknowledgement() {
            for (let i = 0; !killed; i++) {
              const r = await attempt(`/api/patients/${ids.acknowledgement}/results`, {
                results: [{ date: day(i), test: 'platelets', value: 25, unit: '10^9/L' }],
              });
              const alert = (r?.alerts as { id: string }[] | undefined)?.[0];
              if (!alert) continue;
              const a = await attempt(`/api/alerts/${encodeURIComponent(alert.id)}/acknowledge`, { note: `seen ${i}` });
              if (a) acked.acknowledgement.push(alert.id);
            }
          },
        };
        const running = Object.values(writers).map((w) => w());
        const deadline = Date.now() + 30_000;
        while (Object.values(acked).some((a) => a.length < 3) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        killed = true;
        server.child.kill('SIGKILL');
        await Promise.all(running);
        await server.stop();
        expect(server.child.signalCode).toBe('SIGKILL');

        // Restarted on the same database (the PGlite folder reopens: the killed holder is gone).
        server = await startServeProcess(t.args, t.env);
        await server.stop();
        const db = await openDb(t.db);
        try {
          // Versions: 1..current, each with its audit entry; every acknowledged one present.
          const versions = (
            await db.query<{ version: number }>('SELECT version FROM history_versions WHERE patient_id = $1 ORDER BY version', [ids.version])
          ).rows.map((r) => r.version);
          expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
          for (const v of acked.version) expect(versions).toContain(Number(v));
          expect(
            await n(db, `SELECT count(*) AS n FROM audit_log WHERE patient_id = $1 AND action IN ('history.create', 'history.update')`, [ids.version]),
          ).toBe(versions.length);

          const assessments = (
            await db.query<{ id: string }>('SELECT id FROM assessments WHERE patient_id = $1 AND result IS NOT NULL', [ids.assessment])
          ).rows.map((r) => r.id);
          for (const id of acked.assessment) expect(assessments).toContain(id);
          expect(await n(db, `SELECT count(*) AS n FROM assessments WHERE patient_id = $1`, [ids.assessment])).toBe(assessments.length);
          expect(await n(db, `SELECT count(*) AS n FROM audit_log WHERE patient_id = $1 AND action = 'assessment.run'`, [ids.assessment])).toBe(
            assessments.length,
          );

          const decisions = (await db.query<{ id: string }>('SELECT id FROM decisions WHERE assessment_id = $1', [decided])).rows.map((r) => r.id);
          for (const id of acked.decision) expect(decisions).toContain(id);
          expect(await n(db, `SELECT count(*) AS n FROM audit_log WHERE resource LIKE $1`, [`/api/assessments/${decided}/decisions/%`])).toBe(decisions.length);

          const perDate = (
            await db.query<{ date: string; n: string | number }>('SELECT date, count(*) AS n FROM monitoring_results WHERE patient_id = $1 GROUP BY date', [
              ids.results,
            ])
          ).rows;
          for (const r of perDate) expect(Number(r.n), `results of ${r.date}`).toBe(2);
          const dates = perDate.map((r) => r.date);
          for (const d of acked.results) expect(dates).toContain(d);
          expect(await n(db, `SELECT count(*) AS n FROM audit_log WHERE patient_id = $1 AND action = 'monitoring.results.record'`, [ids.results])).toBe(
            dates.length,
          );

          const acks = (
            await db.query<{ alert_id: string }>('SELECT alert_id FROM alert_acknowledgements WHERE patient_id = $1', [ids.acknowledgement])
          ).rows.map((r) => r.alert_id);
          for (const id of acked.acknowledgement) expect(acks).toContain(id);
          expect(
            await n(db, `SELECT count(*) AS n FROM audit_log WHERE patient_id = $1 AND action = 'monitoring.alert.acknowledge'`, [ids.acknowledgement]),
          ).toBe(acks.length);
        } finally {
          await db.close();
        }
        for (const k of Object.keys(acked) as Kind[]) if (acked[k].length > 0) survived[name]![k]++;
      }
    } finally {
      await server?.stop();
      await t.cleanup();
    }
  }, 300_000);
});
