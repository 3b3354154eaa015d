// Durations and ages as intervals. Partial dates (onset "2010") make a duration uncertain; every
// threshold test on such a duration is three-valued so that an interval straddling the threshold is
// `unknown`, never silently `met` (spec: patient-history.md, "Dates").

import { addMonths, parsePartialDate, wholeYearsBetween, type Day, type DayInterval } from '../history/dates.js';
import { dateText } from './facts.js';
import type { Tri, YearsRange } from './types.js';

/** The duration from a start known only as an interval to `asOf`; a start later than asOf is clamped. */
export function yearsRange(start: DayInterval, asOf: Day): YearsRange {
  const lo = Math.min(start.lo, asOf);
  const hi = Math.min(start.hi, asOf);
  // A full date is an interval of one day: one count of whole years serves both bounds.
  const minWholeYears = wholeYearsBetween(hi, asOf);
  return {
    minWholeYears,
    maxWholeYears: lo === hi ? minWholeYears : wholeYearsBetween(lo, asOf),
    minYears: (asOf - hi) / 365.25,
    maxYears: (asOf - lo) / 365.25,
    from: { from: dateText(lo), to: dateText(hi) },
    asOf: dateText(asOf),
  };
}

/** A full YYYY-MM-DD date (history/dates.ts parseDay), read without a regular expression. */
function fullDay(t: string): Day | undefined {
  return t.length === 10 ? parsePartialDate(t)?.lo : undefined;
}

function bounds(range: YearsRange): { lo: Day; hi: Day; asOf: Day } {
  const lo = fullDay(range.from.from);
  const hi = fullDay(range.from.to);
  const asOf = fullDay(range.asOf);
  if (lo === undefined || hi === undefined || asOf === undefined) {
    throw new TypeError('a YearsRange must carry full dates in from.from, from.to and asOf');
  }
  return { lo, hi, asOf };
}

/**
 * "More than N years" (e.g. more than 10 years from onset, over 55 years of age). The anniversary day
 * itself is exactly N years, not more. `met` only if true for every possible start in the interval,
 * `unmet` only if false for every one, else `unknown`.
 */
export function exceedsYears(range: YearsRange, years: number): Tri {
  const { lo, hi, asOf } = bounds(range);
  if (asOf > addMonths(hi, years * 12)) return 'met';
  if (asOf <= addMonths(lo, years * 12)) return 'unmet';
  return 'unknown';
}

/** "At least N years" (N years or more): the anniversary day counts. */
export function atLeastYears(range: YearsRange, years: number): Tri {
  const { lo, hi, asOf } = bounds(range);
  if (asOf >= addMonths(hi, years * 12)) return 'met';
  if (asOf < addMonths(lo, years * 12)) return 'unmet';
  return 'unknown';
}
