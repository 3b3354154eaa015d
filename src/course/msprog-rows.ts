// The scan's events as msprog's `results` rows (its column names and meanings), for the cohort table
// and for comparing with msprog's own output row by row.

import { dateText } from './facts.js';
import type { ScanEvent, ValueVisit } from './scan.js';

export interface MsprogRow {
  nevent: number;
  /** CDW or CDI ('' for the stable row of a subject without events). */
  event_type: string;
  /** PIRA, RAW or undefined for a CDW; '' otherwise. */
  CDW_type: string;
  total_fu: number;
  date?: string;
  value?: number;
  bl_date?: string;
  bl_value?: number;
  last_delta_date?: string;
  last_delta_value?: number;
  bl2event: number | null;
  time2event: number;
  sust_days: number;
  sust_last: boolean;
  [confColumn: `conf${number}_${'date' | 'value'}` | `PIRA_conf${number}_${'date' | 'value'}`]: string | number | null | undefined;
}

export interface RowOptions {
  /** msprog's include_dates / include_values. */
  dates?: boolean;
  values?: boolean;
  /** The run's conf_days (one conf<d> column pair each, as msprog). */
  confDays: readonly number[];
  /** msprog's include_stable: a row with nevent 0 for a subject without events (default true). */
  stable?: boolean;
}

export function msprogRows(visits: readonly ValueVisit[], events: readonly ScanEvent[], o: RowOptions): MsprogRow[] {
  const n = visits.length;
  const first = n > 0 ? visits[0]!.day : 0;
  const totalFu = n > 0 ? visits[n - 1]!.day - first : 0;
  if (events.length === 0) {
    if (o.stable === false) return [];
    const row: MsprogRow = { nevent: 0, event_type: '', CDW_type: '', total_fu: totalFu, bl2event: null, time2event: totalFu, sust_days: 0, sust_last: false };
    return [row];
  }
  return events.map((e, i) => {
    const ev = visits[e.eventIndex]!,
      bl = visits[e.baselineIndex]!,
      ld = visits[e.lastDeltaIndex]!,
      s = visits[e.sustainedIndex]!;
    const row: MsprogRow = {
      nevent: i + 1,
      event_type: e.type === 'CDI' ? 'CDI' : 'CDW',
      CDW_type: e.type === 'CDI' ? '' : e.type === 'CDW' ? 'undefined' : e.type,
      total_fu: totalFu,
      bl2event: ev.day - bl.day,
      time2event: ev.day - first,
      sust_days: s.day - ev.day,
      sust_last: e.sustainedIndex === n - 1,
    };
    if (o.dates) {
      row.date = dateText(ev.day);
      row.bl_date = dateText(bl.day);
      row.last_delta_date = dateText(ld.day);
    }
    if (o.values) {
      row.value = ev.value;
      row.bl_value = e.baselineValue;
      row.last_delta_value = ld.value;
    }
    for (const cd of o.confDays) {
      const c = e.confirmedAt.find((x) => x.days === cd);
      const p = e.piraConfirmedAt.find((x) => x.days === cd);
      if (o.dates) {
        row[`conf${cd}_date`] = c ? dateText(visits[c.index]!.day) : null;
        row[`PIRA_conf${cd}_date`] = p ? dateText(visits[p.index]!.day) : null;
      }
      if (o.values) {
        row[`conf${cd}_value`] = c ? visits[c.index]!.value : null;
        row[`PIRA_conf${cd}_value`] = p ? visits[p.index]!.value : null;
      }
    }
    return row;
  });
}
