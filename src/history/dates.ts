// Calendar arithmetic on whole days. A `Day` is the number of days since 1970-01-01 (UTC); integers
// keep the course engine fast and make every comparison exact (no time zones, no DST). The functions
// build no arrays and use no regular expressions: a cohort run calls them millions of times.

export type Day = number;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : MONTH_DAYS[m - 1]!;
}

/** Days since epoch for a valid y-m-d: a table lookup for the years a history holds, else the formula. */
export function dayFromYmd(y: number, m: number, d: number): Day {
  const i = y - TABLE_FIRST_YEAR;
  // Every date of every history passes here; three loads instead of the formula's six divisions.
  if (i >= 0 && i < TABLE_YEARS) return YEAR_START[i]! + MONTH_START[LEAP_YEAR[i]! * 13 + m]! + d - 1;
  return daysFromCivil(y, m, d);
}

/** Howard Hinnant's days_from_civil. */
function daysFromCivil(y: number, m: number, d: number): Day {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const TABLE_FIRST_YEAR = 1800;
const TABLE_YEARS = 500;
const YEAR_START = new Int32Array(TABLE_YEARS);
const LEAP_YEAR = new Uint8Array(TABLE_YEARS);
/** Days before month m (1-12) of a common year at [m], of a leap year at [13 + m]. */
const MONTH_START = new Int32Array(26);
for (let i = 0; i < TABLE_YEARS; i++) {
  YEAR_START[i] = daysFromCivil(TABLE_FIRST_YEAR + i, 1, 1);
  LEAP_YEAR[i] = isLeapYear(TABLE_FIRST_YEAR + i) ? 1 : 0;
}
for (let leap = 0; leap < 2; leap++) {
  let days = 0;
  for (let m = 1; m <= 12; m++) {
    MONTH_START[leap * 13 + m] = days;
    days += m === 2 ? 28 + leap : MONTH_DAYS[m - 1]!;
  }
}

// Howard Hinnant's civil_from_days, split so that hot paths take only the part they need without
// building an array: the march-based year of era, day of year and month index of a day.
function marchParts(z: Day): { era: number; yoe: number; doy: number; mp: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  return { era, yoe, doy, mp: Math.floor((5 * doy + 2) / 153) };
}

export function ymdFromDay(z: Day): [number, number, number] {
  const { era, yoe, doy, mp } = marchParts(z);
  return [mp < 10 ? era * 400 + yoe : era * 400 + yoe + 1, mp < 10 ? mp + 3 : mp - 9, doy - Math.floor((153 * mp + 2) / 5) + 1];
}

/** The civil year of a day. */
export function yearOfDay(z: Day): number {
  const { era, yoe, mp } = marchParts(z);
  return mp < 10 ? era * 400 + yoe : era * 400 + yoe + 1;
}

function validYmd(y: number, m: number, d: number): boolean {
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function digitAt(t: string, i: number): number {
  const c = t.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -100000;
}

/**
 * A full `YYYY-MM-DD` date as a Day, or undefined when the text is not a real calendar date. Read by
 * character codes rather than a regular expression: validation and the course engine call it for
 * every event of every history in a cohort.
 */
export function parseDay(text: string): Day | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const y = digitAt(text, 0) * 1000 + digitAt(text, 1) * 100 + digitAt(text, 2) * 10 + digitAt(text, 3);
  const m = digitAt(text, 5) * 10 + digitAt(text, 6);
  const d = digitAt(text, 8) * 10 + digitAt(text, 9);
  return validYmd(y, m, d) ? dayFromYmd(y, m, d) : undefined;
}

export function isFullDate(text: string): boolean {
  return parseDay(text) !== undefined;
}

export function formatDay(day: Day): string {
  const [y, m, d] = ymdFromDay(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today's date is an adapter concern; the core only ever receives it. */
export function dayFromDate(date: Date): Day {
  return dayFromYmd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Inclusive interval of days. A full date is an interval of one day. */
export interface DayInterval {
  lo: Day;
  hi: Day;
}

/**
 * `2010` is 2010-01-01..2010-12-31, `2010-02` is 2010-02-01..2010-02-28, `2010-02-03` one day;
 * undefined for anything else (read by character codes: YYYY, YYYY-MM or YYYY-MM-DD, ASCII digits).
 */
export function parsePartialDate(text: string): DayInterval | undefined {
  const n = text.length;
  if (n !== 4 && n !== 7 && n !== 10) return undefined;
  const y = digitAt(text, 0) * 1000 + digitAt(text, 1) * 100 + digitAt(text, 2) * 10 + digitAt(text, 3);
  if (y < 1) return undefined;
  if (n === 4) return { lo: dayFromYmd(y, 1, 1), hi: dayFromYmd(y, 12, 31) };
  if (text.charCodeAt(4) !== 45) return undefined;
  const mo = digitAt(text, 5) * 10 + digitAt(text, 6);
  if (mo < 1 || mo > 12) return undefined;
  if (n === 7) return { lo: dayFromYmd(y, mo, 1), hi: dayFromYmd(y, mo, daysInMonth(y, mo)) };
  if (text.charCodeAt(7) !== 45) return undefined;
  const d = digitAt(text, 8) * 10 + digitAt(text, 9);
  if (!validYmd(y, mo, d)) return undefined;
  const day = dayFromYmd(y, mo, d);
  return { lo: day, hi: day };
}

export function isPartialDate(text: string): boolean {
  return parsePartialDate(text) !== undefined;
}

/**
 * Calendar months added with the end of month clamped: Jan 31 + 1 month is Feb 28 (29 in leap years),
 * the convention clinics use for "monthly" and "at 48 months".
 */
export function addMonths(day: Day, months: number): Day {
  const { era, yoe, doy, mp } = marchParts(day);
  const y = mp < 10 ? era * 400 + yoe : era * 400 + yoe + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return dayFromYmd(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addYears(day: Day, years: number): Day {
  return addMonths(day, years * 12);
}

/**
 * Whole years completed from `from` to `to` (an age or an anniversary count). A birthday on Feb 29
 * is reached on Feb 28 in common years, as `addYears` clamps.
 */
export function wholeYearsBetween(from: Day, to: Day): number {
  if (to < from) return -wholeYearsBetween(to, from);
  let years = yearOfDay(to) - yearOfDay(from);
  if (addYears(from, years) > to) years -= 1;
  return years;
}

/**
 * Whole calendar months completed from `from` to `to` (0 when `to` is earlier): the largest n with
 * addMonths(from, n) <= to, so Jan 31 to Feb 28 is one month, as addMonths clamps.
 */
export function wholeMonthsBetween(from: Day, to: Day): number {
  if (to <= from) return 0;
  const [fy, fm] = ymdFromDay(from);
  const [ty, tm] = ymdFromDay(to);
  const months = (ty - fy) * 12 + (tm - fm);
  return addMonths(from, months) > to ? months - 1 : months;
}

/** Exact duration in years (days / 365.25), for rates and displays. */
export function yearsBetween(from: Day, to: Day): number {
  return (to - from) / 365.25;
}
