import { dateText } from '../course/facts.js';
import { addMonths, wholeMonthsBetween, type Day } from '../history/dates.js';
import type { LabId } from '../history/vocabularies.js';
import { day } from './facts.js';

// Numbers and ages as a clinician reads them in a message. Display only: every comparison uses the
// recorded value, never the rounded one.

/**
 * A measured value at the precision it is read: whole numbers from 10 up (LVEF 32.9489... reads 33),
 * one decimal from 1 (neutrophils 1.23 reads 1.2), two below. Near a threshold one more decimal is
 * shown until the rounded value no longer equals it, so 49.96 below 50 never reads "50: below 50".
 */
export function readable(value: number, threshold?: number): string {
  const abs = Math.abs(value);
  let decimals = abs >= 10 ? 0 : abs >= 1 ? 1 : 2;
  const round = (d: number) => Math.round(value * 10 ** d) / 10 ** d;
  while (threshold !== undefined && value !== threshold && round(decimals) === threshold && decimals < 6) decimals++;
  return String(round(decimals));
}

/** How old a result is on the assessment date: "14 days", "5 months", "6 years". */
export function resultAge(date: string, asOf: Day): string {
  const d = day(date);
  const months = wholeMonthsBetween(d, asOf);
  if (months >= 24) return `${Math.floor(months / 12)} years`;
  if (months >= 1) return `${months} month${months === 1 ? '' : 's'}`;
  const days = asOf - d;
  return `${days} day${days === 1 ? '' : 's'}`;
}

/**
 * The result's date with its age when it is older than the drug's own check allows (the check's
 * validMonths, knowledge/rules/*.json `checks`, with its source): a stale result asks for a new one.
 */
export function dateWithAge(date: string, asOf: Day, validMonths: number | undefined, test: LabId): string {
  if (validMonths === undefined || day(date) > addMonths(asOf, -validMonths)) return date;
  return `${date} (${resultAge(date, asOf)} before ${dateText(asOf)}, older than the ${validMonths} month${validMonths === 1 ? '' : 's'} the ${test} check allows: record a new one)`;
}
