import { dayFromYmd, daysInMonth, formatDay, parseDay } from '../../../src/history/dates.js';
import type { PlanItem } from '../api/types.js';

/**
 * What the calendar reads of a plan item: the engine's fields (PlanItem), and the other names the
 * readers accepted before the app's types came from the engine.
 */
type PlanItemLike = Partial<PlanItem> & { dueDate?: string; date?: string; title?: string; test?: string; kind?: string };

// The monitoring plan as a calendar: months of weeks (Monday first, as clinics in Europe plan), each
// day holding the plan items due on it.

/** The due date of a plan item, whichever name the monitoring engine gives it. */
export function dueDate(item: PlanItemLike): string | undefined {
  for (const v of [item.due, item.dueDate, item.date]) if (typeof v === 'string' && parseDay(v) !== undefined) return v;
  return undefined;
}

export function itemLabel(item: PlanItemLike): string {
  if (typeof item.label === 'string') return item.label;
  if (typeof item.title === 'string') return item.title;
  if (Array.isArray(item.tests) && item.tests.length > 0) return item.tests.join(', ');
  if (typeof item.test === 'string') return item.test;
  if (typeof item.kind === 'string') return item.kind;
  return 'monitoring';
}

export function itemStatus(item: PlanItemLike): string {
  return typeof item.status === 'string' ? item.status : 'planned';
}

export interface CalendarDay<T extends PlanItemLike = PlanItem> {
  date: string;
  /** False for the leading/trailing days of neighbouring months that fill the first and last week. */
  inMonth: boolean;
  items: T[];
}

export interface CalendarMonth<T extends PlanItemLike = PlanItem> {
  year: number;
  month: number;
  weeks: CalendarDay<T>[][];
}

export function monthGrid<T extends PlanItemLike>(year: number, month: number, items: readonly T[]): CalendarMonth<T> {
  const byDate = new Map<string, T[]>();
  for (const it of items) {
    const d = dueDate(it);
    if (d) byDate.set(d, [...(byDate.get(d) ?? []), it]);
  }
  const first = dayFromYmd(year, month, 1);
  const last = first + daysInMonth(year, month) - 1;
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
  const weekday = (d: number) => (((d + 3) % 7) + 7) % 7;
  const start = first - weekday(first);
  const end = last + (6 - weekday(last));
  const weeks: CalendarDay<T>[][] = [];
  for (let d = start; d <= end; d += 7) {
    const week: CalendarDay<T>[] = [];
    for (let i = 0; i < 7; i++) {
      const date = formatDay(d + i);
      week.push({ date, inMonth: d + i >= first && d + i <= last, items: byDate.get(date) ?? [] });
    }
    weeks.push(week);
  }
  return { year, month, weeks };
}

/** The months from the first to the last due date, or the as-of month when nothing is planned. */
export function planMonths(items: readonly PlanItemLike[], asOf: string): { year: number; month: number }[] {
  const dates = items
    .map(dueDate)
    .filter((d): d is string => d !== undefined)
    .sort();
  const lo = dates[0] ?? asOf;
  const hi = dates[dates.length - 1] ?? asOf;
  const out: { year: number; month: number }[] = [];
  let y = Number(lo.slice(0, 4));
  let m = Number(lo.slice(5, 7));
  const hy = Number(hi.slice(0, 4));
  const hm = Number(hi.slice(5, 7));
  while (y < hy || (y === hy && m <= hm)) {
    out.push({ year: y, month: m });
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
