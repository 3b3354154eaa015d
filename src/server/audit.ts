import type { MiddlewareHandler } from 'hono';
import { appendAudit, type AuditEntry } from '../store/audit.js';
import type { Db, Queryable } from '../store/db.js';
import { auditFor, type AppContext, type AppEnv, type Audit, type Clock } from './context.js';

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

/** What an audited handler declares: the entries its answer is recorded under. */
export interface AuditScope {
  /** This request showed or changed this data, under the caller's token. */
  entry(action: string, resource: string, patientId?: string): void;
  /** An entry whose actor is not the token's holder (an EHR's feedback), or one a list builds. */
  add(...entries: AuditEntry[]): void;
  /** Runs `fn` in a transaction; what is declared by its end is written inside it, so a change and its record commit together. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Writes what is declared so far now, before the handler goes on (a backup that holds its own entry). */
  flush(): Promise<void>;
}

/**
 * Every audited route goes through this middleware: the handler declares what it showed or changed
 * (`c.var.audit.entry(...)`), and the middleware writes it, inside the handler's transaction when it
 * used `c.var.audit.transaction`, or else after the handler and before the response leaves. A
 * handler that throws writes nothing more; one that answers without declaring an entry is a
 * programming error, not a silently unaudited read. Entries name resources by path and patient id,
 * never patient data.
 */
export function audited(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const pending: AuditEntry[] = [];
    let written = 0;
    const write = async (q?: Queryable) => {
      const entries = pending.splice(0);
      written += entries.length;
      if (entries.length > 0) await ctx.audit.recordAll(entries, q);
    };
    c.set('audit', {
      entry: (action, resource, patientId) => void pending.push(auditFor(c, action, resource, patientId)),
      add: (...entries) => void pending.push(...entries),
      transaction: (fn) =>
        ctx.db.transaction(async (tx) => {
          const out = await fn(tx);
          await write(tx);
          return out;
        }),
      flush: () => write(),
    });
    await next();
    if (c.error) return;
    await write();
    if (written === 0) throw new Error(`${c.req.method} ${c.req.routePath} answered without an audit entry`);
  };
}
