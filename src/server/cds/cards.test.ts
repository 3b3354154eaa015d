import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SCALE_VERDICTS } from '../../assess/index.js';
import { clip, indicatorOf } from './cards.js';

describe('CDS card rules', () => {
  it('makes contraindicated critical, advise-against and insufficient-data warnings, and the offers info', () => {
    // not-applicable is never on a card (routes.ts answers a patient outside MS with no card).
    expect(Object.fromEntries(SCALE_VERDICTS.map((v) => [v, indicatorOf(v)]))).toEqual({
      offer: 'info',
      'offer-with-caution': 'info',
      'insufficient-data': 'warning',
      'advise-against': 'warning',
      contraindicated: 'critical',
    });
  });

  it('keeps every summary under the 140 characters the spec allows, unchanged when it already fits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        const c = clip(s);
        expect(c.length).toBeLessThan(140);
        if (s.length <= 139) expect(c).toBe(s);
        else expect(c.endsWith('…')).toBe(true);
      }),
    );
    expect(clip('x'.repeat(139))).toHaveLength(139);
    expect(clip('x'.repeat(140))).toHaveLength(139);
  });
});
