import { dayFromYmd, type Day } from '../history/dates.js';

/**
 * The calendar date of an instant in the clinic's time zone: a result taken at 23:30 in Sydney is
 * due-date arithmetic on the Sydney date, not the UTC one. The adapter passes its clock's instant.
 */
export function dayInTimeZone(instant: Date, timeZone: string): Day {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return dayFromYmd(get('year'), get('month'), get('day'));
}
