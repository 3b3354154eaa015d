import { describe, expect, it } from 'vitest';
import { parseDay, parsePartialDate } from '../history/dates.js';
import { computeCourse } from './index.js';
import { history } from './fixture.js';
import { atLeastYears, exceedsYears, yearsRange } from './years.js';

const d = (s: string) => parseDay(s)!;
const range = (from: string, asOf: string) => yearsRange(parsePartialDate(from)!, d(asOf));

describe('durations as intervals', () => {
  it('more than 10 years from a full onset date: the 10th anniversary is not more than 10 years', () => {
    expect(exceedsYears(range('2010-03-15', '2020-03-14'), 10)).toBe('unmet');
    expect(exceedsYears(range('2010-03-15', '2020-03-15'), 10)).toBe('unmet');
    expect(exceedsYears(range('2010-03-15', '2020-03-16'), 10)).toBe('met');
  });

  it('an onset year that straddles the threshold is unknown, not met', () => {
    expect(exceedsYears(range('2010', '2020-01-01'), 10)).toBe('unmet');
    expect(exceedsYears(range('2010', '2020-01-02'), 10)).toBe('unknown');
    expect(exceedsYears(range('2010', '2020-12-31'), 10)).toBe('unknown');
    expect(exceedsYears(range('2010', '2021-01-01'), 10)).toBe('met');
  });

  it('an onset month straddles only within that month (February of a leap year has 29 days)', () => {
    expect(exceedsYears(range('2012-02', '2022-02-01'), 10)).toBe('unmet');
    expect(exceedsYears(range('2012-02', '2022-02-02'), 10)).toBe('unknown');
    // 2012-02-29 + 10 years is clamped to 2022-02-28.
    expect(exceedsYears(range('2012-02', '2022-02-28'), 10)).toBe('unknown');
    expect(exceedsYears(range('2012-02', '2022-03-01'), 10)).toBe('met');
  });

  it('over 55 for a birthday on 29 February: 28 February of a common year is the birthday itself', () => {
    expect(exceedsYears(range('1968-02-29', '2023-02-28'), 55)).toBe('unmet');
    expect(exceedsYears(range('1968-02-29', '2023-03-01'), 55)).toBe('met');
    expect(atLeastYears(range('1968-02-29', '2023-02-28'), 55)).toBe('met');
    expect(atLeastYears(range('1968-02-29', '2023-02-27'), 55)).toBe('unmet');
  });

  it('whole years and exact years bound the duration from both ends of a partial date', () => {
    const r = range('2010', '2020-06-30');
    expect(r).toMatchObject({ minWholeYears: 9, maxWholeYears: 10, from: { from: '2010-01-01', to: '2010-12-31' }, asOf: '2020-06-30' });
    expect(r.minYears).toBeCloseTo((d('2020-06-30') - d('2010-12-31')) / 365.25, 10);
    expect(r.maxYears).toBeCloseTo((d('2020-06-30') - d('2010-01-01')) / 365.25, 10);
  });

  it('a partial date running past the assessment date is clamped to it', () => {
    const r = range('2020', '2020-03-01');
    expect(r.from).toEqual({ from: '2020-01-01', to: '2020-03-01' });
    expect(r.minWholeYears).toBe(0);
  });

  it('the diagnosis date bounds the onset: onset 2010 with diagnosis March 2010 ends by 31 March', () => {
    const c = computeCourse(history({ msOnset: '2010', msDiagnosis: '2010-03' }), d('2020-06-01'));
    expect(c.durationFromOnset?.from).toEqual({ from: '2010-01-01', to: '2010-03-31' });
    expect(c.durationFromDiagnosis?.from).toEqual({ from: '2010-03-01', to: '2010-03-31' });
    // Bounded by diagnosis, more than 10 years from onset is now certain on 2020-04-01.
    expect(exceedsYears(computeCourse(history({ msOnset: '2010', msDiagnosis: '2010-03' }), d('2020-04-01')).durationFromOnset!, 10)).toBe('met');
  });

  it('no onset, diagnosis or birth date gives no duration or age (unknown, not zero)', () => {
    const c = computeCourse(history(), d('2020-06-01'));
    expect(c.durationFromOnset).toBeUndefined();
    expect(c.durationFromDiagnosis).toBeUndefined();
    expect(c.age).toBeUndefined();
  });
});
