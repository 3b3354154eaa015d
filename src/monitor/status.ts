import type { Day } from '../history/dates.js';
import type { MonitoringTestId } from './knowledge.js';
import type { PlanItem } from './plan.js';
import type { MonitoringResult } from './results.js';

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

/** Results of each test sorted by day, for window look-ups by binary search. */
export class ResultIndex {
  private readonly byTest = new Map<MonitoringTestId, MonitoringResult[]>();

  constructor(results: readonly MonitoringResult[], asOf: Day) {
    for (const r of results) {
      // Viewing the plan as of an earlier day ignores what was measured after it.
      if (r.day > asOf) continue;
      let l = this.byTest.get(r.test);
      if (!l) this.byTest.set(r.test, (l = []));
      l.push(r);
    }
    for (const l of this.byTest.values()) l.sort((a, b) => a.day - b.day);
  }

  of(test: MonitoringTestId): readonly MonitoringResult[] {
    return this.byTest.get(test) ?? [];
  }

  /** Results of `test` dated from..to inclusive. */
  inWindow(test: MonitoringTestId, from: Day, to: Day): MonitoringResult[] {
    const l = this.byTest.get(test);
    if (!l) return [];
    let lo = 0;
    let hi = l.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (l[mid]!.day < from) lo = mid + 1;
      else hi = mid;
    }
    const out: MonitoringResult[] = [];
    for (let i = lo; i < l.length && l[i]!.day <= to; i++) out.push(l[i]!);
    return out;
  }
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

export function planStates(plan: readonly PlanItem[], results: readonly MonitoringResult[], asOf: Day): ItemState[] {
  const index = new ResultIndex(results, asOf);
  return plan.map((i) => itemState(i, index, asOf));
}
