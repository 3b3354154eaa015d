import { recordCdsCalls, type CdsCall } from '../../store/cds.js';
import type { Db } from '../../store/db.js';

// Group commit for CDS calls: every call's audit entry and cards must be committed before its
// response leaves (no patient data shown unaudited), but concurrent calls can share one statement.
// A call waits for the flush that holds its entry; at most one flush runs at a time, and the next
// takes everything that arrived meanwhile.

const MAX_BATCH = 400; // well inside PostgreSQL's 65,535 parameters
/**
 * How long the first call of a batch waits for others: a few ms of latency buy fewer commits under
 * load (bench/cds-hooks.ts at 500/s: more requests served per second than with no wait).
 */
const GATHER_MS = 2;

export class CdsJournal {
  private pending: { call: CdsCall; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly db: Db) {}

  record(call: CdsCall): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ call, resolve, reject });
      if (!this.running) this.running = this.drain();
    });
  }

  private async drain(): Promise<void> {
    await new Promise((r) => setTimeout(r, GATHER_MS));
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      try {
        await recordCdsCalls(this.db, batch.map((b) => b.call));
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
