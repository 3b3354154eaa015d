import type { Day } from '../history/dates.js';
import type { MonitoringTestId } from './knowledge.js';
import type { PlanItem } from './plan.js';
import type { Lab } from '../history/schema.js';
import { dayOfDate, isMonitoredLab, type MonitoringResult } from './results.js';

/**
 * done: every test of the item has a result in its window. Otherwise, by the as-of day: upcoming (the
 * window has not opened), due (open, due date not passed), overdue (due date passed, window still
 * open: it can still be done), missed (window closed).
 */
export type ItemStatus = 'done' | 'upcoming' | 'due' | 'overdue' | 'missed';

export interface ItemState {
  item: PlanItem;
  status: ItemStatus;
  /** The day the last missing test arrived, when done. */
  completedOn?: Day;
  /** Done, but after the due date (still inside the window). */
  late?: boolean;
  /** The results that count for the item (every result of its tests inside its window). */
  results: MonitoringResult[];
  /** Tests of the item with no result in its window yet. */
  missingTests: MonitoringTestId[];
}

interface Bucket {
  days: number[];
  values: MonitoringResult['value'][];
  units: (string | undefined)[];
  sorted: boolean;
}

/**
 * Results of each test sorted by day, in parallel arrays, for window look-ups by binary search. Built
 * straight from the history's labs without an object per result: the worklist reads millions of them.
 * Duplicates may stay: a window is done either way, and an alert is identified by rule and date.
 */
export class ResultIndex {
  private readonly byTest = new Map<MonitoringTestId, Bucket>();

  constructor(
    private readonly asOf: Day,
    sources: { labs?: readonly Lab[]; results?: readonly MonitoringResult[] } = {},
  ) {
    // A panel's results share one date: parse each distinct date once.
    let lastDate = '';
    let lastDay = 0;
    for (const l of sources.labs ?? []) {
      if (l.date !== lastDate) {
        lastDate = l.date;
        lastDay = dayOfDate(l.date);
      }
      if (isMonitoredLab(l)) this.add(lastDay, l.test, l.value, l.unit);
    }
    for (const r of sources.results ?? []) this.add(r.day, r.test, r.value, r.unit);
    for (const b of this.byTest.values()) if (!b.sorted) sortBucket(b);
  }

  private add(day: Day, test: MonitoringTestId, value: MonitoringResult['value'], unit: string | undefined): void {
    // Viewing the plan as of an earlier day ignores what was measured after it.
    if (day > this.asOf) return;
    let b = this.byTest.get(test);
    if (!b) this.byTest.set(test, (b = { days: [], values: [], units: [], sorted: true }));
    if (b.days.length > 0 && day < b.days[b.days.length - 1]!) b.sorted = false;
    b.days.push(day);
    b.values.push(value);
    b.units.push(unit);
  }

  bucket(test: MonitoringTestId): Readonly<Bucket> | undefined {
    return this.byTest.get(test);
  }

  result(test: MonitoringTestId, i: number): MonitoringResult {
    const b = this.byTest.get(test)!;
    return { day: b.days[i]!, test, value: b.values[i]!, unit: b.units[i] } as MonitoringResult;
  }

  /** The day of the latest result of any test (on or before the as-of day), if there is one. */
  lastDay(): Day | undefined {
    let last: Day | undefined;
    for (const b of this.byTest.values()) {
      const d = b.days[b.days.length - 1];
      if (d !== undefined && (last === undefined || d > last)) last = d;
    }
    return last;
  }

  /** Whether `test` has a result dated from..to inclusive (no result objects built). */
  hasInWindow(test: MonitoringTestId, from: Day, to: Day): boolean {
    const b = this.byTest.get(test);
    if (!b) return false;
    const days = b.days;
    const lo = firstAtOrAfter(days, from);
    return lo < days.length && days[lo]! <= to;
  }

  /** Results of `test` dated from..to inclusive. */
  inWindow(test: MonitoringTestId, from: Day, to: Day): MonitoringResult[] {
    const b = this.byTest.get(test);
    if (!b) return [];
    const days = b.days;
    const lo = firstAtOrAfter(days, from);
    const out: MonitoringResult[] = [];
    for (let i = lo; i < days.length && days[i]! <= to; i++) out.push(this.result(test, i));
    return out;
  }
}

function sortBucket(b: Bucket): void {
  const order = b.days.map((_, i) => i).sort((x, y) => b.days[x]! - b.days[y]! || x - y);
  b.days = order.map((i) => b.days[i]!);
  b.values = order.map((i) => b.values[i]!);
  b.units = order.map((i) => b.units[i]);
  b.sorted = true;
}

export function itemState(item: PlanItem, index: ResultIndex, asOf: Day): ItemState {
  const results: MonitoringResult[] = [];
  const missingTests: MonitoringTestId[] = [];
  let completedOn = -Infinity;
  for (const t of item.tests) {
    const found = index.inWindow(t, item.from, item.to);
    if (found.length === 0) missingTests.push(t);
    else {
      results.push(...found);
      completedOn = Math.max(completedOn, found[0]!.day);
    }
  }
  if (missingTests.length === 0) {
    return { item, status: 'done', completedOn, late: completedOn > item.due, results, missingTests };
  }
  const status: ItemStatus = asOf < item.from ? 'upcoming' : asOf <= item.due ? 'due' : asOf <= item.to ? 'overdue' : 'missed';
  return { item, status, results, missingTests };
}

/**
 * Whether every test of the item has a result in its window: the same 'done' as itemState, without
 * building the results (the worklist checks months of items per patient and shows only the undone).
 */
export function itemDone(item: PlanItem, index: ResultIndex): boolean {
  for (const t of item.tests) if (!index.hasInWindow(t, item.from, item.to)) return false;
  return true;
}

export function planStates(plan: readonly PlanItem[], results: readonly MonitoringResult[], asOf: Day): ItemState[] {
  const index = new ResultIndex(asOf, { results });
  return plan.map((i) => itemState(i, index, asOf));
}

/** Index of the first day >= `from` in an ascending list (its length when there is none). */
function firstAtOrAfter(days: readonly Day[], from: Day): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
