import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, dayFromYmd, parsePartialDate, wholeYearsBetween } from '../history/dates.js';
import { addMonthsFast, dayOfYmd, partialDateFast, wholeYearsFast, yearOfDay } from './calendar.js';

// Years 100 to 2400: month arithmetic of +-50 years stays within the proleptic calendar's positive years.
const day = fc.integer({ min: dayFromYmd(100, 1, 1), max: dayFromYmd(2400, 12, 31) });

describe('the course engine calendar agrees with history/dates.ts', () => {
  it('month arithmetic clamps to the month end exactly as addMonths does (Jan 31 + 1 month is Feb 28/29)', () => {
    expect(addMonthsFast(dayFromYmd(2024, 1, 31), 1)).toBe(dayFromYmd(2024, 2, 29));
    expect(addMonthsFast(dayFromYmd(2023, 1, 31), 1)).toBe(dayFromYmd(2023, 2, 28));
    expect(addMonthsFast(dayFromYmd(2024, 2, 29), -12)).toBe(dayFromYmd(2023, 2, 28));
    fc.assert(fc.property(day, fc.integer({ min: -600, max: 600 }), (d, m) => addMonthsFast(d, m) === addMonths(d, m)), { numRuns: 5000 });
  });

  it('a calendar date counts the same days since 1970 as dayFromYmd, leap days and the epoch included', () => {
    expect(dayOfYmd(1970, 1, 1)).toBe(0);
    expect(dayOfYmd(2000, 2, 29)).toBe(dayFromYmd(2000, 2, 29));
    expect(dayOfYmd(1900, 3, 1)).toBe(dayFromYmd(1900, 3, 1));
    expect(dayOfYmd(1, 1, 1)).toBe(dayFromYmd(1, 1, 1));
    const ymd = fc.tuple(fc.integer({ min: -5, max: 9999 }), fc.integer({ min: -1, max: 14 }), fc.integer({ min: 0, max: 32 }));
    fc.assert(fc.property(ymd, ([y, m, d]) => dayOfYmd(y, m, d) === dayFromYmd(y, m, d)), { numRuns: 10000 });
  });

  it('whole years between two days match wholeYearsBetween, leap-day birthdays included', () => {
    expect(wholeYearsFast(dayFromYmd(2000, 2, 29), dayFromYmd(2001, 2, 28))).toBe(1);
    expect(wholeYearsFast(dayFromYmd(2000, 2, 29), dayFromYmd(2001, 2, 27))).toBe(0);
    fc.assert(fc.property(day, day, (a, b) => wholeYearsFast(a, b) === wholeYearsBetween(a, b)), { numRuns: 5000 });
  });

  it('the civil year of a day is the year of its date, on 31 December and 1 January alike', () => {
    expect(yearOfDay(dayFromYmd(1999, 12, 31))).toBe(1999);
    expect(yearOfDay(dayFromYmd(2000, 1, 1))).toBe(2000);
  });

  it('partial dates parse to the same intervals as parsePartialDate, invalid ones included', () => {
    for (const t of ['2010', '2010-02', '2012-02', '2012-02-29', '2011-02-29', '0000', '2010-13', '2010-00', '2010-1', '201a', '2010-02-3x', '2010/02', ' 2010', '2010-02-28\n']) {
      expect(partialDateFast(t), t).toEqual(parsePartialDate(t));
    }
    const text = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 2 }))
      .map(([y, m, d, shape]) => [String(y).padStart(4, '0'), String(m).padStart(2, '0'), String(d).padStart(2, '0')].slice(0, shape + 1).join('-'));
    fc.assert(fc.property(fc.oneof(text, fc.string({ maxLength: 11 })), (t) => {
      expect(partialDateFast(t)).toEqual(parsePartialDate(t));
    }), { numRuns: 5000 });
  });
});
