import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, dayFromYmd, daysInMonth, parsePartialDate, wholeYearsBetween, yearOfDay, type Day, type DayInterval } from './dates.js';

// dates.ts is written for speed (character codes, no arrays). These references are the plain
// definitions — the JavaScript Date's own calendar and a regular expression — and the fast code must
// agree with them everywhere.

const MS_PER_DAY = 86_400_000;
const refDay = (y: number, m: number, d: number): Day => {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return Math.round(t.getTime() / MS_PER_DAY);
};
const refYmd = (day: Day): [number, number, number] => {
  const t = new Date(day * MS_PER_DAY);
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
};
function refAddMonths(day: Day, months: number): Day {
  const [y, m, d] = refYmd(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return refDay(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}
function refWholeYears(from: Day, to: Day): number {
  if (to < from) return -refWholeYears(to, from);
  let years = refYmd(to)[0] - refYmd(from)[0];
  if (refAddMonths(from, years * 12) > to) years -= 1;
  return years;
}
function refPartial(text: string): DayInterval | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  if (y < 1) return undefined;
  if (m[2] === undefined) return { lo: refDay(y, 1, 1), hi: refDay(y, 12, 31) };
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return undefined;
  if (m[3] === undefined) return { lo: refDay(y, mo, 1), hi: refDay(y, mo, daysInMonth(y, mo)) };
  const d = Number(m[3]);
  if (d < 1 || d > daysInMonth(y, mo)) return undefined;
  return { lo: refDay(y, mo, d), hi: refDay(y, mo, d) };
}

// Years 100 to 2400: month arithmetic of +-50 years stays within the proleptic calendar's positive years.
const day = fc.integer({ min: dayFromYmd(100, 1, 1), max: dayFromYmd(2400, 12, 31) });

describe('calendar arithmetic agrees with the plain definitions', () => {
  it('month arithmetic clamps to the month end (Jan 31 + 1 month is Feb 28/29)', () => {
    expect(addMonths(dayFromYmd(2024, 1, 31), 1)).toBe(dayFromYmd(2024, 2, 29));
    expect(addMonths(dayFromYmd(2023, 1, 31), 1)).toBe(dayFromYmd(2023, 2, 28));
    expect(addMonths(dayFromYmd(2024, 2, 29), -12)).toBe(dayFromYmd(2023, 2, 28));
    fc.assert(
      fc.property(day, fc.integer({ min: -600, max: 600 }), (d, m) => addMonths(d, m) === refAddMonths(d, m)),
      { numRuns: 5000 },
    );
  });

  it('a calendar date counts the same days since 1970 as the JavaScript Date, leap days and the epoch included', () => {
    expect(dayFromYmd(1970, 1, 1)).toBe(0);
    expect(dayFromYmd(2000, 2, 29)).toBe(refDay(2000, 2, 29));
    expect(dayFromYmd(1900, 3, 1)).toBe(refDay(1900, 3, 1));
    const ymd = fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }));
    fc.assert(
      fc.property(ymd, ([y, m, d]) => dayFromYmd(y, m, d) === refDay(y, m, d)),
      { numRuns: 10000 },
    );
  });

  it('whole years between two days, leap-day birthdays included', () => {
    expect(wholeYearsBetween(dayFromYmd(2000, 2, 29), dayFromYmd(2001, 2, 28))).toBe(1);
    expect(wholeYearsBetween(dayFromYmd(2000, 2, 29), dayFromYmd(2001, 2, 27))).toBe(0);
    fc.assert(
      fc.property(day, day, (a, b) => wholeYearsBetween(a, b) === refWholeYears(a, b)),
      { numRuns: 5000 },
    );
  });

  it('the civil year of a day is the year of its date, on 31 December and 1 January alike', () => {
    expect(yearOfDay(dayFromYmd(1999, 12, 31))).toBe(1999);
    expect(yearOfDay(dayFromYmd(2000, 1, 1))).toBe(2000);
    fc.assert(
      fc.property(day, (d) => yearOfDay(d) === refYmd(d)[0]),
      { numRuns: 5000 },
    );
  });

  it('partial dates parse to the same intervals as the regular-expression definition, invalid ones included', () => {
    for (const t of [
      '2010',
      '2010-02',
      '2012-02',
      '2012-02-29',
      '2011-02-29',
      '0000',
      '2010-13',
      '2010-00',
      '2010-1',
      '201a',
      '2010-02-3x',
      '2010/02',
      ' 2010',
      '2010-02-28\n',
      '２０１０',
    ]) {
      expect(parsePartialDate(t), t).toEqual(refPartial(t));
    }
    const text = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 2 }))
      .map(([y, m, d, shape]) => [String(y).padStart(4, '0'), String(m).padStart(2, '0'), String(d).padStart(2, '0')].slice(0, shape + 1).join('-'));
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 11 })), (t) => {
        expect(parsePartialDate(t)).toEqual(refPartial(t));
      }),
      { numRuns: 5000 },
    );
  });
});
