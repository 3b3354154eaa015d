import { z } from 'zod';
import type { Db, Queryable } from './db.js';
import { loadMigrations, migrate } from './migrate.js';
import { decodeRows, int, jsonb, text } from './rows.js';

// A backup is the database's rows as JSON lines, the same for PGlite and PostgreSQL, so either can be
// restored into either. Line 1 is a header naming the migrations the rows fit; then one line per
// row, `{"table": ..., "row": {...}}`, tables in an order that satisfies their foreign keys, rows
// ordered by primary key: the same database always gives the same lines. Rows are read in one
// REPEATABLE READ transaction: a consistent snapshot while servers keep writing.

export const BACKUP_FORMAT = 'fulcrum-backup';
export const BACKUP_VERSION = 1;

const BackupHeaderSchema = z.looseObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  migrations: z.array(z.string()),
  tables: z.record(z.string(), z.number()),
});
export type BackupHeader = z.infer<typeof BackupHeaderSchema>;

const BackupLineSchema = z.object({ table: z.string(), row: z.record(z.string(), z.unknown()) });

const Name = z.object({ name: text });
const Column = z.object({ col: text });
const Count = z.object({ n: int });

export class BackupError extends Error {}

/** The schema's tables, parents before children (foreign keys), then by name. */
async function tablesInOrder(q: Queryable): Promise<string[]> {
  const tables = decodeRows(
    Name,
    (await q.query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`)).rows,
    'tables',
  );
  const foreignKeys = await q.query(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
     WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace`,
  );
  const deps = decodeRows(z.object({ child: text, parent: text }), foreignKeys.rows, 'foreign keys');
  const out: string[] = [];
  const pending = new Set(tables.map((t) => t.name));
  while (pending.size > 0) {
    const ready = [...pending].filter((t) => deps.every((d) => d.child !== t || d.parent === t || !pending.has(d.parent)));
    if (ready.length === 0) throw new BackupError(`foreign keys form a cycle among ${[...pending].join(', ')}`);
    for (const t of ready.sort()) {
      out.push(t);
      pending.delete(t);
    }
  }
  return out;
}

async function primaryKey(q: Queryable, table: string): Promise<string[]> {
  const { rows } = await q.query(
    `SELECT a.attname AS col FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
    [table],
  );
  return decodeRows(Column, rows, 'primary key').map((r) => r.col);
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new BackupError(`unexpected table or column name ${name}`);
  return `"${name}"`;
};

/** Writes the whole database, a consistent snapshot, through `write` (one call per line). */
export async function writeBackup(db: Db, write: (line: string) => Promise<void> | void, now: Date): Promise<BackupHeader> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const tables = await tablesInOrder(tx);
    const applied = decodeRows(z.object({ id: text }), (await tx.query('SELECT id FROM schema_migrations ORDER BY id')).rows, 'migrations');
    const counts: Record<string, number> = {};
    const bodies: { table: string; rows: unknown[] }[] = [];
    for (const t of tables) {
      if (t === 'schema_migrations') continue;
      const pk = await primaryKey(tx, t);
      const order = pk.length > 0 ? pk.map(ident).join(', ') : 'row_to_json(t)::text';
      // to_jsonb keeps every type's text form: timestamps with their zone, jsonb as it is stored.
      const { rows } = await tx.query(`SELECT to_jsonb(t) AS r FROM ${ident(t)} t ORDER BY ${order}`);
      counts[t] = rows.length;
      bodies.push({ table: t, rows: decodeRows(z.object({ r: jsonb }), rows, `table ${t}`).map((x) => x.r) });
    }
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: now.toISOString(),
      migrations: applied.map((m) => m.id),
      tables: counts,
    };
    await write(JSON.stringify(header));
    for (const b of bodies) for (const row of b.rows) await write(JSON.stringify({ table: b.table, row }));
    return header;
  });
}

/**
 * Restores a backup into an empty database: migrates it to the backup's migrations, then inserts
 * every row in one transaction (all or nothing), keeping identity values and setting their
 * sequences past them. The append-only triggers are the migrations' own, so they hold afterwards.
 */
export async function restoreBackup(db: Db, lines: AsyncIterable<string> | Iterable<string>): Promise<BackupHeader> {
  let header: BackupHeader | undefined;
  const byTable = new Map<string, unknown[]>();
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new BackupError(`line ${n} is not JSON`);
    }
    if (!header) {
      const h = BackupHeaderSchema.safeParse(v);
      if (!h.success) throw new BackupError(`line 1 is not a ${BACKUP_FORMAT} version ${BACKUP_VERSION} header`);
      header = h.data;
      continue;
    }
    const entry = BackupLineSchema.safeParse(v);
    if (!entry.success) throw new BackupError(`line ${n} is not {"table", "row"}`);
    const { table, row } = entry.data;
    if (!byTable.has(table)) byTable.set(table, []);
    byTable.get(table)!.push(row);
  }
  if (!header) throw new BackupError('the file is empty');
  const known = (await loadMigrations()).map((m) => m.id);
  const unknown = header.migrations.filter((m) => !known.includes(m));
  if (unknown.length > 0) throw new BackupError(`the backup was made by a newer version (migrations ${unknown.join(', ')}): restore it with that version`);
  for (const [t, rows] of byTable) {
    if (header.tables[t] !== rows.length)
      throw new BackupError(`table ${t}: the header says ${String(header.tables[t])} rows, the file holds ${rows.length} (truncated?)`);
  }
  await migrate(db);
  await db.transaction(async (tx) => {
    const tables = await tablesInOrder(tx);
    for (const t of tables) {
      if (t === 'schema_migrations') continue;
      const { rows } = await tx.query(`SELECT count(*) AS n FROM ${ident(t)}`);
      if (decodeRows(Count, rows, `count of ${t}`)[0]!.n > 0)
        throw new BackupError(`the database is not empty (table ${t} has rows): restore into a new database or data folder`);
    }
    for (const t of byTable.keys()) if (!tables.includes(t)) throw new BackupError(`the backup has a table ${t} this version does not know`);
    for (const t of tables) {
      const rows = byTable.get(t) ?? [];
      // Batches keep each statement's parameter (and PGlite message) size bounded.
      for (let i = 0; i < rows.length; i += 500) {
        const batch = rows.slice(i, i + 500);
        await tx.query(`INSERT INTO ${ident(t)} OVERRIDING SYSTEM VALUE SELECT * FROM jsonb_populate_recordset(NULL::${ident(t)}, $1::jsonb)`, [
          JSON.stringify(batch),
        ]);
      }
      const identities = await tx.query(`SELECT attname AS col FROM pg_attribute WHERE attrelid = $1::regclass AND attidentity <> '' AND NOT attisdropped`, [
        t,
      ]);
      for (const { col } of decodeRows(Column, identities.rows, `identity columns of ${t}`)) {
        await tx.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT max(${ident(col)}) FROM ${ident(t)}), 1), (SELECT max(${ident(col)}) FROM ${ident(t)}) IS NOT NULL)`,
          [t, col],
        );
      }
    }
  });
  return header;
}
