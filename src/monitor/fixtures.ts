// Made-up patients for tests and benchmarks: small histories built from a few dates.
import { addMonths, formatDay, parseDay, type Day } from '../history/dates.js';
import type { History, Lab } from '../history/schema.js';

export const day = (text: string): Day => {
  const d = parseDay(text);
  if (d === undefined) throw new Error(`fixture date ${text} is not a date`);
  return d;
};

/** Alemtuzumab infusion days: course 1 of 5 days from `start`, each later start a 3-day course. */
export function alemtuzumabHistory(courseStarts: string[], extra: Partial<History> = {}): History {
  const doses = courseStarts.flatMap((s, i) =>
    Array.from({ length: i === 0 ? 5 : 3 }, (_, k) => ({ date: formatDay(day(s) + k), amount: 12, unit: 'mg' as const })),
  );
  const last = doses[doses.length - 1]!.date;
  return {
    formatVersion: 1,
    id: extra.id ?? 'p-alem',
    sex: 'female',
    therapies: [{ drug: 'alemtuzumab', start: courseStarts[0]!, end: last, doses }],
    ...extra,
  };
}

export function mitoxantroneHistory(doseDates: string[], end?: string, extra: Partial<History> = {}): History {
  const t: NonNullable<History['therapies']>[number] = {
    drug: 'mitoxantrone',
    start: doseDates[0]!,
    doses: doseDates.map((date) => ({ date, amount: 12, unit: 'mg/m2' as const })),
  };
  if (end) t.end = end;
  return { formatVersion: 1, id: extra.id ?? 'p-mito', sex: 'male', therapies: [t], ...extra };
}

/** A complete, normal monthly panel (blood count, creatinine, urinalysis, and TSH and ALT) on one day. */
export function normalPanel(date: string, withThyroid = true): Lab[] {
  const labs: Lab[] = [
    { date, test: 'hemoglobin', value: 135, unit: 'g/L' },
    { date, test: 'leukocytes', value: 6.1, unit: '10^9/L' },
    { date, test: 'neutrophils', value: 3.8, unit: '10^9/L' },
    { date, test: 'lymphocytes', value: 1.2, unit: '10^9/L' },
    { date, test: 'platelets', value: 180, unit: '10^9/L' },
    { date, test: 'creatinine', value: 70, unit: 'umol/L' },
    { date, test: 'urine-blood', value: 0, unit: 'grade' },
    { date, test: 'urine-protein', value: 0, unit: 'grade' },
  ];
  if (withThyroid) labs.push({ date, test: 'tsh', value: 1.8, unit: 'mIU/L' }, { date, test: 'alt', value: 22, unit: 'U/L' });
  return labs;
}

/** Monthly panels on the due day, from `first` for `months` months. */
export function monthlyPanels(first: string, months: number): Lab[] {
  const d0 = day(first);
  return Array.from({ length: months }, (_, k) => normalPanel(formatDay(addMonths(d0, k)))).flat();
}

/** Pre-treatment screening labs (HIV, TB, VZV antibodies), all negative except VZV immunity, on one day. */
export function screeningLabs(date: string): Lab[] {
  return [
    { date, test: 'hiv-test', value: 'negative' },
    { date, test: 'tb-test', value: 'negative' },
    { date, test: 'vzv-igg', value: 'positive' },
  ];
}
