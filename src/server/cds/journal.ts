import { recordCdsCalls, type CdsCall } from '../../store/cds.js';
import type { Db } from '../../store/db.js';

// Group commit for CDS calls: every call's audit entry and cards must be committed before its
// response leaves (no patient data shown unaudited), but concurrent calls can share one statement.
// A call waits for the flush that holds its entry; at most one flush runs at a time, and the next
// takes everything that arrived meanwhile.
//
// A commit costs far more than a row (PGlite: about 1.3 ms of the event loop for one call's entry,
// 0.1 ms for each further one), so a flush first waits for the calls already under way, those
// announced by `expect()` (still verifying their JWT or reading their body), but no longer than
// the gather limit. With none under way it commits at once: a lone call never waits for company.

const MAX_BATCH = 400; // well inside PostgreSQL's 65,535 parameters
/** Longest wait for calls under way before a commit: the fixed wait this replaced (bench/cds-hooks.ts). */
const GATHER_MS = 2;

export class CdsJournal {
  private pending: { call: CdsCall; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private running: Promise<void> | undefined;
  /** Calls announced by `expect()` that have neither recorded nor ended. */
  private underWay = 0;
  private allArrived: (() => void) | undefined;
  private readonly gatherMs: number;

  constructor(
    private readonly db: Db,
    options: { gatherMs?: number } = {},
  ) {
    this.gatherMs = options.gatherMs ?? GATHER_MS;
  }

  /**
   * A call that will record has begun. The returned function says it has recorded or ended without
   * recording (any number of times: only the first counts); `record` calls it too.
   */
  expect(): () => void {
    this.underWay++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.underWay--;
      if (this.underWay === 0) this.allArrived?.();
    };
  }

  record(call: CdsCall, arrived?: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ call, resolve, reject });
      arrived?.();
      if (!this.running) this.running = this.drain();
    });
  }

  /** Resolves when no announced call is still to come, or after the gather limit. */
  private gathered(): Promise<void> {
    if (this.underWay === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.allArrived = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.gatherMs);
      this.allArrived = done;
    });
  }

  private async drain(): Promise<void> {
    await this.gathered();
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      try {
        await recordCdsCalls(
          this.db,
          batch.map((b) => b.call),
        );
        for (const b of batch) b.resolve();
      } catch (e) {
        if (batch.length === 1) batch[0]!.reject(e);
        // One bad entry must not fail its neighbours: each is tried alone.
        else for (const b of batch) await recordCdsCalls(this.db, [b.call]).then(b.resolve, b.reject);
      }
    }
    this.running = undefined;
  }
}
