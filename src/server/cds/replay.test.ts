import { describe, expect, it } from 'vitest';
import { JtiRegistry } from './replay.js';

describe('JWT replay registry (jti)', () => {
  it('refuses a jti again until its token expires, and accepts it after', () => {
    const r = new JtiRegistry();
    r.remember('iss\u0000a', 10_000, 0);
    expect(r.seen('iss\u0000a', 0)).toBe(true);
    expect(r.seen('iss\u0000a', 10_000)).toBe(true);
    expect(r.seen('iss\u0000a', 10_001)).toBe(false);
    expect(r.seen('iss\u0000b', 0)).toBe(false);
  });

  it('keeps every live jti however many there are, and sweeps expired ones as the registry grows', () => {
    const r = new JtiRegistry();
    // 120,000 live tokens (15-minute lifetimes at over 100 calls/s): none may be forgotten.
    for (let i = 0; i < 120_000; i++) r.remember(`live-${i}`, 1_000_000, 0);
    expect(r.size).toBe(120_000);
    expect(r.seen('live-0', 999_999)).toBe(true);
    expect(r.seen('live-119999', 999_999)).toBe(true);
    // Later all of those have expired: growth past the sweep point drops them, the new ones stay.
    for (let i = 0; i < 300_000; i++) r.remember(`later-${i}`, 3_000_000, 2_000_000);
    expect(r.size).toBe(300_000);
    expect(r.seen('live-0', 2_000_000)).toBe(false);
    expect(r.seen('later-0', 2_000_000)).toBe(true);
    expect(r.seen('later-299999', 2_000_000)).toBe(true);
  });
});
