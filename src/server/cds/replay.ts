import type { Queryable } from '../../store/db.js';
import { claimJti, sweepJtis } from '../../store/jti.js';

// The jti of every accepted CDS JWT, kept until the token could no longer be accepted (its exp plus
// the clock tolerance), so a replay within its lifetime is refused. Expired entries are swept when
// the map has doubled since the last sweep: each sweep is paid for by as many insertions, where
// sweeping at a fixed size would scan the whole map on every call once that many tokens are live
// (500 calls/s with 15-minute tokens is 450,000).

const MIN_SWEEP_SIZE = 50_000;

export class JtiRegistry {
  private readonly until = new Map<string, number>();
  private sweepAt = MIN_SWEEP_SIZE;

  /** Whether `key` was accepted before and its token is still live at `nowMs`. */
  seen(key: string, nowMs: number): boolean {
    const until = this.until.get(key);
    return until !== undefined && until >= nowMs;
  }

  /** Records an accepted token, refused as a replay until `untilMs`. */
  remember(key: string, untilMs: number, nowMs: number): void {
    if (this.until.size >= this.sweepAt) {
      for (const [k, u] of this.until) if (u < nowMs) this.until.delete(k);
      this.sweepAt = Math.max(MIN_SWEEP_SIZE, 2 * this.until.size);
    }
    this.until.set(key, untilMs);
  }

  get size(): number {
    return this.until.size;
  }
}

/** Accepts each (issuer, jti) once while its token lives; where the registry lives is the guard's. */
export interface ReplayGuard {
  /** True when the jti is new (and now recorded until `untilMs`), false for a replay. */
  claim(issuer: string, jti: string, untilMs: number, nowMs: number): Promise<boolean>;
}

/** One process's memory: enough where one process serves (embedded PGlite is opened by one). */
export function memoryReplayGuard(): ReplayGuard {
  const registry = new JtiRegistry();
  return {
    async claim(issuer, jti, untilMs, nowMs) {
      const key = `${issuer}\u0000${jti}`;
      if (registry.seen(key, nowMs)) return false;
      registry.remember(key, untilMs, nowMs);
      return true;
    },
  };
}

const SWEEP_EVERY_MS = 60_000;

/**
 * The database's registry (src/store/jti.ts), shared by every server on one PostgreSQL: a token
 * accepted by one process is a replay to all the others. Expired rows are deleted once a minute.
 */
export function databaseReplayGuard(db: Queryable): ReplayGuard {
  let lastSweep = -Infinity;
  return {
    async claim(issuer, jti, untilMs, nowMs) {
      if (nowMs - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep = nowMs;
        await sweepJtis(db, new Date(nowMs));
      }
      return claimJti(db, issuer, jti, new Date(untilMs), new Date(nowMs));
    },
  };
}
