import type { AuditEntry } from '../store/audit.js';

// Refused attempts (401, 403) are audited, but a flood of them must not fill the disk: within each
// minute, the first few refusals per client address are itemised and the rest only counted; when
// the minute is over, one entry per address says how many were not itemised. The log therefore
// grows by at most ITEMS_PER_MINUTE + ADDRESSES_PER_MINUTE + 1 entries a minute, whatever the flood.
// Per process: with several servers each one keeps its own count (docs/operations.md).

const WINDOW_MS = 60_000;
export const PER_ADDRESS_PER_MINUTE = 20;
export const ITEMS_PER_MINUTE = 200;
/** Addresses counted separately in a minute; the rest are counted together under "*". */
export const ADDRESSES_PER_MINUTE = 1_000;

export class RefusalLimiter {
  private windowStart = -Infinity;
  private itemised = 0;
  private readonly perAddress = new Map<string, { itemised: number; counted: number }>();

  /**
   * The entries to write for this refusal: itself when it may be itemised, and the summaries of the
   * minute that ended before it, if any.
   */
  admit(entry: AuditEntry, nowMs: number): AuditEntry[] {
    const out = nowMs - this.windowStart >= WINDOW_MS ? this.rollOver(nowMs) : [];
    let a = this.perAddress.get(entry.ip);
    if (!a) {
      const key = this.perAddress.size < ADDRESSES_PER_MINUTE ? entry.ip : '*';
      a = this.perAddress.get(key) ?? { itemised: 0, counted: 0 };
      this.perAddress.set(key, a);
    }
    if (a.itemised < PER_ADDRESS_PER_MINUTE && this.itemised < ITEMS_PER_MINUTE) {
      a.itemised++;
      this.itemised++;
      out.push(entry);
    } else {
      a.counted++;
    }
    return out;
  }

  /** Summaries of the minute under way (the server is closing); the count starts again. */
  flush(nowMs: number): AuditEntry[] {
    return this.rollOver(nowMs);
  }

  private rollOver(nowMs: number): AuditEntry[] {
    const from = Number.isFinite(this.windowStart) ? new Date(this.windowStart).toISOString() : undefined;
    const out: AuditEntry[] = [];
    for (const [ip, a] of this.perAddress) {
      if (a.counted === 0 || from === undefined) continue;
      out.push({
        actor: 'anonymous',
        role: 'none',
        action: 'access.refused-not-itemised',
        resource: `${a.counted} more refused request${a.counted === 1 ? '' : 's'} in the minute from ${from}`,
        ip,
      });
    }
    this.perAddress.clear();
    this.itemised = 0;
    this.windowStart = nowMs;
    return out;
  }
}
