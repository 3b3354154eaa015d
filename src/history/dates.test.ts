import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addYears,
  dayFromYmd,
  daysInMonth,
  formatDay,
  isLeapYear,
  parseDay,
  parsePartialDate,
  wholeMonthsBetween,
  wholeYearsBetween,
  yearsBetween,
  ymdFromDay,
} from './dates.js';

const d = (s: string) => parseDay(s)!;

describe('calendar days', () => {
  it('day 0 is 1970-01-01 and the round trip holds for every day from year 1 to 9999 (property)', () => {
    expect(d('1970-01-01')).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: dayFromYmd(1, 1, 1), max: dayFromYmd(9999, 12, 31) }), (day) => {
        expect(d(formatDay(day))).toBe(day);
        const [y, m, dd] = ymdFromDay(day);
        expect(dayFromYmd(y, m, dd)).toBe(day);
      }),
    );
  });

  it('leap years: 2000 and 2024 are, 1900 and 2023 are not', () => {
    expect([2000, 2024, 1900, 2023].map(isLeapYear)).toEqual([true, true, false, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(d('2024-03-01') - d('2024-02-28')).toBe(2);
  });

  it('rejects impossible dates: 29 February of a common year, month 13, day 31 of April', () => {
    for (const s of ['2023-02-29', '1900-02-29', '2020-13-01', '2020-04-31', '2020-00-10', '2020-1-1', '20200101']) expect(parseDay(s)).toBeUndefined();
    expect(parseDay('2000-02-29')).toBe(dayFromYmd(2000, 2, 29));
  });
});

describe('partial dates are intervals', () => {
  it('a year spans 1 January to 31 December; a month to its last day, February 29 in leap years', () => {
    expect(parsePartialDate('2010')).toEqual({ lo: d('2010-01-01'), hi: d('2010-12-31') });
    expect(parsePartialDate('2024-02')).toEqual({ lo: d('2024-02-01'), hi: d('2024-02-29') });
    expect(parsePartialDate('2023-02')).toEqual({ lo: d('2023-02-01'), hi: d('2023-02-28') });
    expect(parsePartialDate('2010-04')!.hi).toBe(d('2010-04-30'));
    expect(parsePartialDate('2010-05-06')).toEqual({ lo: d('2010-05-06'), hi: d('2010-05-06') });
  });

  it('rejects partial dates that are not dates', () => {
    for (const s of ['0000', '2010-13', '2010-00', '2010-02-30', '10', '2010-1']) expect(parsePartialDate(s)).toBeUndefined();
  });
});

describe('month and year arithmetic clamps to the month end', () => {
  it('31 January plus one month is 28 February, or 29 in a leap year', () => {
    expect(formatDay(addMonths(d('2023-01-31'), 1))).toBe('2023-02-28');
    expect(formatDay(addMonths(d('2024-01-31'), 1))).toBe('2024-02-29');
    expect(formatDay(addMonths(d('2024-03-31'), -1))).toBe('2024-02-29');
    expect(formatDay(addMonths(d('2024-05-31'), 1))).toBe('2024-06-30');
    expect(formatDay(addMonths(d('2024-12-15'), 1))).toBe('2025-01-15');
    expect(formatDay(addMonths(d('2024-01-15'), -13))).toBe('2022-12-15');
  });

  it('a year after 29 February is 28 February; four years after is 29 February again', () => {
    expect(formatDay(addYears(d('2024-02-29'), 1))).toBe('2025-02-28');
    expect(formatDay(addYears(d('2024-02-29'), 4))).toBe('2028-02-29');
  });

  it('age in whole years: a 29 February birthday is reached on 28 February in common years', () => {
    const born = d('2000-02-29');
    expect(wholeYearsBetween(born, d('2023-02-27'))).toBe(22);
    expect(wholeYearsBetween(born, d('2023-02-28'))).toBe(23);
    expect(wholeYearsBetween(born, d('2024-02-28'))).toBe(23);
    expect(wholeYearsBetween(born, d('2024-02-29'))).toBe(24);
  });

  it('whole months: the largest n with addMonths(from, n) on or before the day, 0 before it (property, and at month ends)', () => {
    expect(wholeMonthsBetween(d('2024-01-31'), d('2024-02-28'))).toBe(0);
    expect(wholeMonthsBetween(d('2024-01-31'), d('2024-02-29'))).toBe(1);
    expect(wholeMonthsBetween(d('2023-01-31'), d('2023-02-28'))).toBe(1);
    expect(wholeMonthsBetween(d('2020-05-15'), d('2026-05-14'))).toBe(71);
    expect(wholeMonthsBetween(d('2020-05-15'), d('2026-05-15'))).toBe(72);
    expect(wholeMonthsBetween(d('2026-05-15'), d('2020-05-15'))).toBe(0);
    const day = fc.integer({ min: d('1990-01-01'), max: d('2030-12-31') });
    fc.assert(
      fc.property(day, day, (from, to) => {
        let n = 0;
        while (addMonths(from, n + 1) <= to) n++;
        expect(wholeMonthsBetween(from, to)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('whole years reach N on the anniversary day, not before', () => {
    expect(wholeYearsBetween(d('2010-03-15'), d('2020-03-14'))).toBe(9);
    expect(wholeYearsBetween(d('2010-03-15'), d('2020-03-15'))).toBe(10);
    expect(wholeYearsBetween(d('2010-03-15'), d('2010-03-15'))).toBe(0);
    expect(wholeYearsBetween(d('2020-03-15'), d('2010-03-15'))).toBe(-10);
  });

  it('whole years never exceed exact years by a year and agree with addYears (property)', () => {
    const day = fc.integer({ min: d('1900-01-01'), max: d('2100-12-31') });
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const n = wholeYearsBetween(from, to);
        expect(addYears(from, n)).toBeLessThanOrEqual(to);
        expect(addYears(from, n + 1)).toBeGreaterThan(to);
        expect(Math.abs(yearsBetween(from, to) - n)).toBeLessThan(1.01);
      }),
    );
  });
});
