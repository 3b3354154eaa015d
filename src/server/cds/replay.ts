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
