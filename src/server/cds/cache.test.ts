import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Lru } from './cache.js';

describe('LRU cache of the CDS hot path', () => {
  it('never holds more than its bound and keeps the most recently used keys', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 200 }), (max, keys) => {
        const lru = new Lru<number, number>(max);
        for (const k of keys) {
          if (lru.get(k) === undefined) lru.set(k, k * 2);
        }
        expect(lru.size).toBeLessThanOrEqual(max);
        const recent = [...new Set([...keys].reverse())].slice(0, max);
        for (const k of recent) expect(lru.get(k)).toBe(k * 2);
      }),
    );
  });

  it('forgets a deleted key', () => {
    const lru = new Lru<string, number>(3);
    lru.set('a', 1);
    lru.delete('a');
    expect(lru.get('a')).toBeUndefined();
  });
});
