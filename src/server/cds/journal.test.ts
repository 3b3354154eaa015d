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
    counting = { ...db, query: (sql, params) => (statements++, db.query(sql, params)) } as Db;
  });
  afterAll(async () => db?.close());

  const call = (i: number, cards = 1) => ({
    audit: { actor: 'ehr:x', role: 'ehr', action: 'cds.order-select', patientId: `j-${i}`, resource: '/cds-services/fulcrum-order-select', ip: '127.0.0.1' },
    cards: Array.from({ length: cards }, (_, k) => ({ uuid: `card-${i}-${k}`, serviceId: 'fulcrum-order-select', hookInstance: `h-${i}`, patientId: `j-${i}`, indicator: 'info', issuer: 'x' })),
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
    const { rows } = await db.query<{ patient_id: string }>("SELECT patient_id FROM audit_log WHERE patient_id IN ('j-900', 'j-901', 'j-902') ORDER BY patient_id");
    expect(rows.map((r) => r.patient_id)).toEqual(['j-900', 'j-901', 'j-902']);
  });
});
