import { addMonths, formatDay, type Day } from '../history/dates.js';
import type { History } from '../history/schema.js';
import type { WhatWouldChange } from './knowledge.js';

// Changed records for "what would change the answer": each scenario of
// knowledge/rules/what-would-change.json is a change to the patient's record, applied here, and the
// assessment is run again on the result (letter.ts). A scenario that would change nothing in this
// record gives no record, so it is never tried.

type Scenario = WhatWouldChange['scenarios'][number];

/** The record with a disabling relapse and an active brain scan shortly before `asOf`. */
function withNewActivity(h: History, asOf: Day, change: { relapseDaysBefore: number; mriDaysBefore: number }): History {
  return {
    ...h,
    relapses: [...(h.relapses ?? []), { onset: formatDay(asOf - change.relapseDaysBefore), disabling: true, recovery: 'partial' }],
    mri: [...(h.mri ?? []), { date: formatDay(asOf - change.mriDaysBefore), region: 'brain', gadoliniumEnhancingLesions: 1, newOrEnlargingT2Lesions: 1 }],
  };
}

export function changedRecord(h: History, asOf: Day, change: Scenario['change']): History | undefined {
  switch (change.kind) {
    case 'new-activity':
      return withNewActivity(h, asOf, change);
    case 'failed-therapies': {
      // Each drug taken for `monthsEach` months in turn and stopped for inefficacy, the last one just
      // before a new relapse and an active scan: active despite treatment.
      const therapies = [...(h.therapies ?? [])];
      let end = asOf - change.relapseDaysBefore - 1;
      for (const drug of [...change.drugs].reverse()) {
        const start = addMonths(end, -change.monthsEach);
        therapies.push({ drug, start: formatDay(start), end: formatDay(end), stopReason: 'inefficacy' });
        end = start - 1;
      }
      return withNewActivity({ ...h, therapies }, asOf, change);
    }
    case 'resolve-conditions': {
      if (!(h.conditions ?? []).some((c) => change.conditions.includes(c.code) && c.status === 'active')) return undefined;
      return { ...h, conditions: (h.conditions ?? []).map((c) => (change.conditions.includes(c.code) ? { ...c, status: 'resolved' as const } : c)) };
    }
    case 'no-pregnancy': {
      const p = h.pregnancy;
      if (!p || (!p.pregnant && !p.breastfeeding && p.planningWithinMonths === undefined)) return undefined;
      return { ...h, pregnancy: { pregnant: false, breastfeeding: false } };
    }
    case 'lab-result':
      return { ...h, labs: [...(h.labs ?? []), { date: formatDay(asOf), test: change.test, value: change.value, unit: change.unit }] };
  }
}
