import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADDRESSES_PER_MINUTE, ITEMS_PER_MINUTE, PER_ADDRESS_PER_MINUTE, RefusalLimiter } from './refusals.js';

const refusal = (ip: string) => ({ actor: 'anonymous', role: 'none', action: 'access.unauthenticated', resource: 'GET /api/me', ip });

describe('the audit of refused requests under a flood', () => {
  it('itemises the first refusals of each address in a minute, then writes how many more there were', () => {
    const l = new RefusalLimiter();
    const t0 = Date.parse('2025-06-01T09:00:00Z');
    const written = [];
    for (let i = 0; i < PER_ADDRESS_PER_MINUTE + 7; i++) written.push(...l.admit(refusal('10.0.0.1'), t0 + i));
    expect(written).toHaveLength(PER_ADDRESS_PER_MINUTE);
    const next = l.admit(refusal('10.0.0.1'), t0 + 60_000);
    expect(next.map((e) => e.action)).toEqual(['access.refused-not-itemised', 'access.unauthenticated']);
    expect(next[0]!.resource).toBe('7 more refused requests in the minute from 2025-06-01T09:00:00.000Z');
  });

  it('never writes more than the bound a minute, however many addresses flood it (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3000), fc.nat(119_999)), { maxLength: 3000 }), (calls) => {
        const l = new RefusalLimiter();
        const sorted = [...calls].sort((a, b) => a[1] - b[1]);
        let firstMinute = 0;
        const out = [];
        for (const [ip, t] of sorted) {
          const n = l.admit(refusal(`10.0.${ip >> 8}.${ip & 255}`), t);
          if (t < 60_000) firstMinute += n.length;
          out.push(...n);
        }
        out.push(...l.flush(120_000));
        const total = out.length;
        expect(firstMinute).toBeLessThanOrEqual(ITEMS_PER_MINUTE);
        // Itemised plus one summary per address (or the "*" bucket) for each of the two minutes.
        expect(total).toBeLessThanOrEqual(2 * (ITEMS_PER_MINUTE + ADDRESSES_PER_MINUTE + 1));
        // Nothing is lost: itemised refusals plus the counts in the summaries are every refusal.
        const counted = out.reduce((sum, e) => sum + (e.action === 'access.refused-not-itemised' ? Number(/^\d+/.exec(e.resource)![0]) : 1), 0);
        expect(counted).toBe(calls.length);
      }),
      { numRuns: 30 },
    );
  });
});
