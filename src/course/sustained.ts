// Disability worsening sustained for the rest of follow-up, as MSBase defines it (Kalincik 2015) and
// MSoutcomes 0.2.1 computes it in `CDW()` and, re-baselining after each relapse, `PIRA()` (Dzau 2023).
// This is the second reference definition the product is checked against: events must hold to the
// last assessment, and after an event the new baseline is the lowest score in its confirmation period.
// The port keeps MSoutcomes' steps, so its rows compare one to one with the package's output.

import type { Day } from '../history/dates.js';

export interface SustainedVisit {
  day: Day;
  edss: number;
  /** Days since the most recent relapse onset (undefined: none before this visit). */
  daysPostRelapse: number | undefined;
}

export interface SustainedOptions {
  /** `mconf`: confirmation period in days (3 x 30.25). */
  confDays: number;
  /** `tRelapse`: a visit more than this many days after a relapse is out of its influence. */
  tRelapse: number;
  /** `sustained`: the worsening must hold to the last assessment. */
  sustained: boolean;
  /** `PIRA()`: re-baseline after each relapse instead of counting relapse-associated worsening. */
  pira: boolean;
}

export const SUSTAINED_DEFAULTS: SustainedOptions = { confDays: 3 * 30.25, tRelapse: 30, sustained: true, pira: false };

export interface SustainedEvent {
  baselineEdss: number;
  baselineDay: Day;
  edss: number;
  day: Day;
  /** Days the worsening held (MSoutcomes' `sust.prog`). */
  sustainedDays: number;
  /** Days from the first baseline (MSoutcomes' `timepoint`). */
  timepoint: number;
}

interface Row {
  day: Day;
  edss: number;
  dpr: number | undefined;
  t: number;
  /** The relapse's own timepoint (0 when no relapse precedes the visit). */
  relT: number;
}

function worse(bEdss: number, d: number): boolean {
  return bEdss === 0 ? d >= 1.5 : bEdss < 6 ? d >= 1 : d >= 0.5;
}

export function sustainedWorsening(visits: readonly SustainedVisit[], o: SustainedOptions = SUSTAINED_DEFAULTS): SustainedEvent[] {
  const outOfRelapse = (r: { dpr: number | undefined }) => r.dpr === undefined || r.dpr > o.tRelapse;
  const first = visits.find((v) => outOfRelapse({ dpr: v.daysPostRelapse }));
  if (!first) return [];
  let bEdss: number = first.edss;
  let bDay: Day = first.day;
  let rows: Row[] = visits.map((v) => {
    const t = v.day - first.day;
    return { day: v.day, edss: v.edss, dpr: v.daysPostRelapse, t, relT: v.daysPostRelapse === undefined ? 0 : t - v.daysPostRelapse };
  });
  const events: SustainedEvent[] = [];
  for (let guard = 0; guard < 4 * visits.length + 4 && rows.length > 0; guard++) {
    // MSoutcomes appends a copy of the first row as the end marker of its search.
    const cl = [...rows, rows[0]!];
    const prog = cl.map((r) => worse(bEdss, r.edss - bEdss));
    const maxT = Math.max(...cl.map((r) => r.t));
    const kept: { k: number; sust: number }[] = [];
    for (let j = 0; j < cl.length; j++) {
      if (!prog[j]) continue;
      let stop = Infinity;
      for (let k = j + 1; k < cl.length; k++)
        if (!prog[k]) {
          stop = k;
          break;
        }
      let last = -1;
      for (let k = Math.min(stop, cl.length) - 1; k >= 0; k--)
        if (outOfRelapse(cl[k]!)) {
          last = k;
          break;
        }
      if (last < 0) continue;
      const sust = cl[last]!.t - cl[j]!.t;
      if (sust >= o.confDays && (!o.sustained || sust >= maxT - cl[j]!.t)) kept.push({ k: j, sust });
    }
    if (kept.length === 0) break;
    const cp = cl[kept[0]!.k]!;
    if (o.pira && cp.dpr !== undefined && cp.day - rows[0]!.day >= cp.dpr) {
      // A relapse fell between the baseline and the worsening: start again after it.
      const earlier = rows.map((r) => r.relT).filter((x) => x < cp.relT);
      if (earlier.length === 0) break;
      const x = Math.min(...earlier);
      rows = rows.filter((r) => r.relT > x);
      while (rows.length > 0 && rows[0]!.dpr !== undefined && rows[0]!.dpr < o.tRelapse) rows = rows.slice(1);
      const nb = rows.find(outOfRelapse);
      if (!nb) break;
      bEdss = nb.edss;
      bDay = nb.day;
      continue;
    }
    events.push({ baselineEdss: bEdss, baselineDay: bDay, edss: cp.edss, day: cp.day, sustainedDays: kept[0]!.sust, timepoint: cp.t });
    rows = rows.filter((r) => r.t >= cp.t);
    // New baseline: the lowest score among the first two sustained visits and those within mconf.
    const keptRows = kept.map((x) => cl[x.k]!);
    let nb = keptRows.length > 1 ? Math.min(keptRows[0]!.edss, keptRows[1]!.edss) : Infinity;
    for (const r of keptRows) if (r.t - keptRows[0]!.t <= o.confDays) nb = Math.min(nb, r.edss);
    const at = rows.find((r) => r.edss === nb);
    if (!at) break;
    bEdss = nb;
    bDay = at.day;
    rows = rows.filter((r) => r.day >= bDay);
  }
  const seen = new Set<number>();
  return events.filter((e) => {
    if (seen.has(e.day) || e.timepoint <= 0) return false;
    seen.add(e.day);
    return true;
  });
}
