import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frequencyOf } from './frequency.js';

describe('risk frequencies are shown as natural frequencies over 100 or 1,000 people', () => {
  it('alemtuzumab thyroid disease, 30-40%: about 35 in 100', () => {
    expect(frequencyOf(0.3, 0.4)).toEqual({ denominator: 100, count: 35, low: 30, high: 40, text: 'about 35 in 100 (30 to 40 in 100)' });
  });
  it('a single figure is given without a range: infusion reactions in about 90 in 100', () => {
    expect(frequencyOf(0.9, 0.9)?.text).toBe('about 90 in 100');
  });
  it('a range from 1 in 100 up is drawn over 100 people; one reaching below it over 1,000', () => {
    expect(frequencyOf(0.01, 0.01)).toMatchObject({ denominator: 100, count: 1 });
    expect(frequencyOf(0.0049, 0.0049)).toMatchObject({ denominator: 1000, count: 5, text: 'about 5 in 1,000' });
    // Mitoxantrone leukaemia, 0.3-0.73%.
    expect(frequencyOf(0.003, 0.0073)?.text).toBe('about 5 in 1,000 (3 to 7 in 1,000)');
  });
  it('a frequency too small for 1,000 figures says so instead of "about 0"', () => {
    expect(frequencyOf(0.0001, 0.0002)?.text).toBe('fewer than 1 in 1,000');
  });
  it('a risk given only in words, or with an impossible proportion, has no frequency', () => {
    expect(frequencyOf(undefined, undefined)).toBeUndefined();
    expect(frequencyOf(1.5, 2)).toBeUndefined();
    expect(frequencyOf(-0.1, 0.2)).toBeUndefined();
    expect(frequencyOf(0.05, undefined)?.text).toBe('about 5 in 100');
  });
  it('the central count lies within the range and never exceeds the figures drawn', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, y) => {
        const f = frequencyOf(x, y)!;
        expect(f.low).toBeLessThanOrEqual(f.count);
        expect(f.count).toBeLessThanOrEqual(f.high);
        expect(f.high).toBeLessThanOrEqual(f.denominator);
        expect(f.text).toMatch(f.denominator === 100 ? / in 100/ : / in 1,000/);
      }),
    );
  });
});
