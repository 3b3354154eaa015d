import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../store/db.js';
import { migrate } from '../../store/migrate.js';
import { CdsJournal } from './journal.js';

describe('CDS journal (group commit of audit entries and cards)', () => {
  let db: Db;
  let statements = 0;
  let counting: Db;
  beforeAll(async () => {
    db = await openDb({ dataDir: 'memory://' });
    await migrate(db);
    counting = {
      ...db,
      query: (sql, params) => {
        statements++;
        return db.query(sql, params);
      },
    } as Db;
  });
  afterAll(async () => db?.close());

  const call = (i: number, cards = 1) => ({
    audit: { actor: 'ehr:x', role: 'ehr', action: 'cds.order-select', patientId: `j-${i}`, resource: '/cds-services/fulcrum-order-select', ip: '127.0.0.1' },
    cards: Array.from({ length: cards }, (_, k) => ({
      uuid: `card-${i}-${k}`,
      serviceId: 'fulcrum-order-select',
      hookInstance: `h-${i}`,
      patientId: `j-${i}`,
      indicator: 'info',
      issuer: 'x',
    })),
    at: new Date('2025-06-01T09:00:00Z'),
  });

  it('commits concurrent calls together, every one of them, before any is answered', async () => {
    const journal = new CdsJournal(counting);
    statements = 0;
    await Promise.all(Array.from({ length: 50 }, (_, i) => journal.record(call(i, i % 3))));
    expect(statements).toBeLessThan(5);
    const audit = await db.query<{ n: string | number }>("SELECT count(*) AS n FROM audit_log WHERE patient_id LIKE 'j-%'");
    const cards = await db.query<{ n: string | number }>("SELECT count(*) AS n FROM cds_cards WHERE patient_id LIKE 'j-%'");
    expect(Number(audit.rows[0]!.n)).toBe(50);
    expect(Number(cards.rows[0]!.n)).toBe(Array.from({ length: 50 }, (_, i) => i % 3).reduce((a, b) => a + b, 0));
  });

  it('fails only the call that cannot be written; its neighbours in the batch are committed', async () => {
    const journal = new CdsJournal(db);
    const dup = call(900);
    await journal.record(dup);
    // The same card uuid again violates the key.
    const results = await Promise.allSettled([journal.record(call(901)), journal.record(dup), journal.record(call(902))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const { rows } = await db.query<{ patient_id: string }>(
      "SELECT patient_id FROM audit_log WHERE patient_id IN ('j-900', 'j-901', 'j-902') ORDER BY patient_id",
    );
    expect(rows.map((r) => r.patient_id)).toEqual(['j-900', 'j-901', 'j-902']);
  });

  const tick = () => new Promise((r) => setImmediate(r));

  it('holds a commit for a call under way and commits both in one statement', async () => {
    const journal = new CdsJournal(counting, { gatherMs: 60_000 });
    statements = 0;
    const arrived = journal.expect();
    const first = journal.record(call(910));
    await tick();
    expect(statements).toBe(0);
    const second = journal.record(call(911), arrived);
    await Promise.all([first, second]);
    expect(statements).toBe(1);
  });

  it('commits at once when the call under way ends without recording (a refused JWT, nothing ordered)', async () => {
    const journal = new CdsJournal(counting, { gatherMs: 60_000 });
    statements = 0;
    const ended = journal.expect();
    const first = journal.record(call(920));
    await tick();
    ended();
    ended();
    await first;
    expect(statements).toBe(1);
    // The double release did not count for a later call: this one is waited for again.
    const arrived = journal.expect();
    const third = journal.record(call(921));
    await tick();
    expect(statements).toBe(1);
    await Promise.all([third, journal.record(call(922), arrived)]);
    expect(statements).toBe(2);
  });

  it('waits for a call under way no longer than the gather limit', async () => {
    const journal = new CdsJournal(counting, { gatherMs: 5 });
    statements = 0;
    journal.expect();
    await journal.record(call(930));
    expect(statements).toBe(1);
    const { rows } = await db.query<{ n: string | number }>("SELECT count(*) AS n FROM audit_log WHERE patient_id = 'j-930'");
    expect(Number(rows[0]!.n)).toBe(1);
  });
});
