import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alemtuzumabHistory, mitoxantroneHistory } from '../monitor/fixtures.js';
import { openDb, type Db, type OpenDbOptions } from './db.js';
import { createPatient } from './histories.js';
import { migrate } from './migrate.js';
import { monitoredPatients } from './monitoring-repo.js';

const targets: { name: string; options: () => OpenDbOptions }[] = [{ name: 'pglite', options: () => ({ dataDir: 'memory://' }) }];
if (process.env.DATABASE_URL)
  targets.push({ name: 'postgres', options: () => ({ databaseUrl: process.env.DATABASE_URL!, schema: `mr_${randomBytes(6).toString('hex')}` }) });
else console.info('DATABASE_URL is not set: the PostgreSQL cases are skipped (run scripts/postgres.sh)');

describe.each(targets)('the monitored patients on $name', ({ options }) => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb(options());
    await migrate(db);
    const at = new Date('2025-06-01T00:00:00Z');
    await createPatient(db, alemtuzumabHistory(['2025-01-06'], { id: 'alem' }), undefined, 'test', at);
    await createPatient(db, mitoxantroneHistory(['2024-01-10'], undefined, { id: 'mito' }), undefined, 'test', at);
    await createPatient(db, { formatVersion: 1, id: 'nata', therapies: [{ drug: 'natalizumab', start: '2024-01-01' }] }, undefined, 'test', at);
    await createPatient(db, { formatVersion: 1, id: 'none' }, undefined, 'test', at);
  });
  afterAll(async () => {
    if (db?.kind === 'postgres') await db.exec("DO $$ BEGIN EXECUTE format('DROP SCHEMA %I CASCADE', current_schema()); END $$");
    await db?.close();
  });

  it('are those whose history records a drug with a monitoring entry (knowledge/monitoring), optionally only some ids', async () => {
    expect((await monitoredPatients(db)).map((p) => p.id)).toEqual(['alem', 'mito', 'nata']);
    expect((await monitoredPatients(db, ['mito', 'nata'])).map((p) => p.id)).toEqual(['mito', 'nata']);
    expect(await monitoredPatients(db, ['none'])).toEqual([]);
  });
});
