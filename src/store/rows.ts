import { z } from 'zod';

// Rows cross the drivers untyped, and the two drivers differ: a count or bigint comes back as a number
// or a string, a timestamp as a Date or text, jsonb as a parsed value or text. Every store query
// decodes its rows here against the columns it selects, so store functions return typed records
// without casts, and a column that is not what the code expects fails naming the column, never
// quoting its value (it may be patient data).

export const text = z.string();
export const nullableText = z.string().nullable();
/** An integer column, a count or a bigint identity. */
export const int = z.union([z.number(), z.string(), z.bigint()]).transform((v, ctx) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) ctx.addIssue({ code: 'custom', message: 'not an integer' });
  return n;
});
/** A timestamptz column, as the ISO text the API answers with. */
export const timestamp = z.union([z.date(), z.string()]).transform((v) => new Date(v).toISOString());
/** A jsonb column: parsed where the driver hands it over as text. */
export const jsonb = z.unknown().transform((v): unknown => (typeof v === 'string' ? JSON.parse(v) : v));

/**
 * A document the store wrote after it was validated (a history through HistorySchema, an assessment
 * from the engine) and that no migration rewrites: read back, it is checked to be a JSON object and
 * trusted for the rest, rather than validated again on every read (a patient list of monitored
 * patients reads every current history).
 */
export function storedDocument<T extends object>(what: string) {
  return jsonb.pipe(z.custom<T>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), { message: `${what} is not a JSON object` }));
}

export class StoredRowError extends Error {}

/** Decodes a query's rows; `what` names the query in the error, with the column that failed. */
export function decodeRows<S extends z.ZodType>(schema: S, rows: readonly unknown[], what: string): z.output<S>[] {
  return rows.map((row) => {
    const r = schema.safeParse(row);
    if (r.success) return r.data;
    const first = r.error.issues[0];
    throw new StoredRowError(`${what}: column ${first?.path.join('.') || '?'}: ${first?.message ?? 'unreadable'}`);
  });
}

type Row = Record<string, unknown>;

const columnError = (what: string, column: string, expected: string) => new StoredRowError(`${what}: column ${column}: expected ${expected}`);

/**
 * Column readers for the bulk paths (a clinic's worklist reads every monitored patient's results):
 * the same checks as the row schemas above, without a schema walk per row.
 */
export const column = {
  text(row: Row, name: string, what: string): string {
    const v = row[name];
    if (typeof v !== 'string') throw columnError(what, name, 'text');
    return v;
  },
  nullableText(row: Row, name: string, what: string): string | null {
    const v = row[name];
    if (v !== null && typeof v !== 'string') throw columnError(what, name, 'text or null');
    return v;
  },
  /** A double precision or numeric column (node-postgres hands numeric over as text). */
  nullableNumber(row: Row, name: string, what: string): number | null {
    const v = row[name];
    if (v === null) return null;
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
    if (Number.isNaN(n)) throw columnError(what, name, 'a number or null');
    return n;
  },
  oneOf<T extends string>(row: Row, name: string, values: readonly T[], what: string): T {
    const v = row[name];
    const found = values.find((x) => x === v);
    if (found === undefined) throw columnError(what, name, `one of ${values.join(', ')}`);
    return found;
  },
  timestamp(row: Row, name: string, what: string): string {
    const v = row[name];
    if (v instanceof Date) return v.toISOString();
    if (typeof v === 'string') return new Date(v).toISOString();
    throw columnError(what, name, 'a timestamp');
  },
};
