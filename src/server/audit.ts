import { appendAudit, type AuditEntry } from '../store/audit.js';
import type { Db, Queryable } from '../store/db.js';
import type { Audit, Clock } from './context.js';

/**
 * Writes inside a transaction go with that transaction (the record and its audit entry commit
 * together); reads are recorded before the response leaves, so no patient data is shown unaudited.
 */
export function dbAudit(db: Db, clock: Clock): Audit {
  return {
    async record(entry: AuditEntry, q?: Queryable) {
      await appendAudit(q ?? db, [entry], clock.now());
    },
    async recordAll(entries: readonly AuditEntry[], q?: Queryable) {
      // Bounded statements: PostgreSQL takes at most 65,535 parameters (7 an entry).
      for (let i = 0; i < entries.length; i += 1000) await appendAudit(q ?? db, entries.slice(i, i + 1000), clock.now());
    },
  };
}
