// Calendar arithmetic for the course engine's hot paths: the same results as history/dates.ts
// (addMonths, wholeYearsBetween, parsePartialDate), computed without intermediate arrays or regular
// expressions, because a cohort run calls them hundreds of thousands of times.

import { dayFromYmd, parsePartialDate, type Day, type DayInterval } from '../history/dates.js';

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function monthLength(y: number, m: number): number {
  return m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : MONTH_DAYS[m - 1]!;
}

const DAYS_BEFORE_MONTH = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
/** Days from 0001-01-01 to 1970-01-01 in the proleptic Gregorian calendar. */
const EPOCH_FROM_YEAR_1 = 719162;

/**
 * history/dates.ts `dayFromYmd` for years 1 and later and months 1 to 12, counted with integer steps;
 * other input goes to dayFromYmd itself.
 */
export function dayOfYmd(y: number, m: number, d: number): Day {
  if (!(y >= 1 && m >= 1 && m <= 12)) return dayFromYmd(y, m, d);
  const y1 = y - 1;
  const leapDay = m > 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 1 : 0;
  return 365 * y1 + Math.floor(y1 / 4) - Math.floor(y1 / 100) + Math.floor(y1 / 400) + DAYS_BEFORE_MONTH[m]! + leapDay + d - 1 - EPOCH_FROM_YEAR_1;
}

/** history/dates.ts `addMonths` (end of month clamped), with the civil date inlined. */
export function addMonthsFast(day: Day, months: number): Day {
  const zz = day + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = m <= 2 ? era * 400 + yoe + 1 : era * 400 + yoe;
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const len = monthLength(ny, nm);
  return dayOfYmd(ny, nm, d < len ? d : len);
}

/** The civil year of a day (history/dates.ts `ymdFromDay(day)[0]`). */
export function yearOfDay(day: Day): number {
  const zz = day + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return mp < 10 ? era * 400 + yoe : era * 400 + yoe + 1;
}

/** history/dates.ts `wholeYearsBetween`: whole years completed from `from` to `to`. */
export function wholeYearsFast(from: Day, to: Day): number {
  if (to < from) return -wholeYearsFast(to, from);
  let years = yearOfDay(to) - yearOfDay(from);
  if (addMonthsFast(from, years * 12) > to) years -= 1;
  return years;
}

function digit(t: string, i: number): number {
  const c = t.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * history/dates.ts `parsePartialDate` for the three shapes the schema admits (YYYY, YYYY-MM,
 * YYYY-MM-DD) read by character codes; anything else goes to parsePartialDate itself.
 */
export function partialDateFast(t: string): DayInterval | undefined {
  const n = t.length;
  if (n !== 4 && n !== 7 && n !== 10) return parsePartialDate(t);
  const y0 = digit(t, 0), y1 = digit(t, 1), y2 = digit(t, 2), y3 = digit(t, 3);
  if (y0 < 0 || y1 < 0 || y2 < 0 || y3 < 0) return parsePartialDate(t);
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  if (y < 1) return undefined;
  if (n === 4) return { lo: dayOfYmd(y, 1, 1), hi: dayOfYmd(y, 12, 31) };
  const m0 = digit(t, 5), m1 = digit(t, 6);
  if (t.charCodeAt(4) !== 45 || m0 < 0 || m1 < 0) return parsePartialDate(t);
  const mo = m0 * 10 + m1;
  if (mo < 1 || mo > 12) return undefined;
  if (n === 7) return { lo: dayOfYmd(y, mo, 1), hi: dayOfYmd(y, mo, monthLength(y, mo)) };
  const d0 = digit(t, 8), d1 = digit(t, 9);
  if (t.charCodeAt(7) !== 45 || d0 < 0 || d1 < 0) return parsePartialDate(t);
  const d = d0 * 10 + d1;
  if (d < 1 || d > monthLength(y, mo)) return undefined;
  const day = dayOfYmd(y, mo, d);
  return { lo: day, hi: day };
}
