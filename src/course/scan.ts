// msprog's `MSprog()` event scan with every setting it has (Montobbio 2024; msprog 1.0.0, the version
// whose outputs the oracle runs hold), for any outcome: EDSS, timed 25-foot walk, nine-hole peg test,
// SDMT. The loop keeps msprog's steps in msprog's order so that a difference from its output can be
// traced visit by visit against its verbose trace. Pure: visits, relapse onsets and settings in.
//
// The product's default course (no settings) keeps its own scan (progression.ts); with settings that
// express the defaults both give the same events (scan.test.ts checks it on random records).

import type { Day } from '../history/dates.js';
import type { ScanSettings } from './scan-settings.js';

export interface ValueVisit {
  day: Day;
  value: number;
}

export interface ScanEvent {
  /** CDW split as msprog's `event_type` / `CDW_type`: PIRA, RAW, or CDW (msprog's "undefined"). */
  type: 'CDI' | 'CDW' | 'PIRA' | 'RAW';
  baselineIndex: number;
  /** The reference value the change counts from (after `bl_geq`, which may raise it). */
  baselineValue: number;
  eventIndex: number;
  /** The first confirmation visit (the visit itself when an event at the last visit is imputed). */
  confirmationIndex: number;
  /** For each confirmation period, the earliest visit that confirmed it (msprog's `conf<d>_date`). */
  confirmedAt: { days: number; index: number }[];
  /** msprog's `PIRA_conf<d>_date`: the earliest relapse-free confirmation per period (PIRA only). */
  piraConfirmedAt: { days: number; index: number }[];
  /** The last visit before the event from which the change is still a full delta (msprog's `last_delta`). */
  lastDeltaIndex: number;
  sustainedIndex: number;
  /** An event at the last visit kept by `impute_last_visit` (no confirming visit). */
  imputed: boolean;
}

/** A change from the reference that was not confirmed (msprog's `unconfirmed` table). */
export interface UnconfirmedChange {
  index: number;
  baselineIndex: number;
}

export interface ScanResult {
  events: ScanEvent[];
  unconfirmed: UnconfirmedChange[];
}

const EPSILON = 1e-9;
const WORS = 0;
const IMPR = 1;
const CHANGE = 2;
type Kind = typeof WORS | typeof IMPR | typeof CHANGE;

/** The minimum meaningful change from a reference value under the settings' delta rule. */
export function scanDelta(ref: number, s: ScanSettings): number {
  const d = s.delta;
  switch (d.kind) {
    case 'edss':
      if (ref <= 0) return 1.5;
      return ref <= d.upTo ? 1.0 : 0.5;
    case 'relative': {
      const rel = (ref * d.percent) / 100;
      return d.maxPoints === undefined ? rel : Math.min(rel, d.maxPoints);
    }
    case 'points':
      return d.points;
  }
}

/** msprog's `is_event`: is x a worsening, improvement or change from the reference? */
export function isEvent(x: number, ref: number, kind: Kind, s: ScanSettings, subThreshold = false): boolean {
  const up = s.worsening === 'increase';
  if (subThreshold) {
    if (kind === CHANGE) return x !== ref;
    return (kind === WORS) === up ? x > ref : x < ref;
  }
  const delta = scanDelta(ref, s) - EPSILON;
  if (kind === CHANGE) return Math.abs(x - ref) >= delta;
  return (kind === WORS) === up ? x - ref >= delta : ref - x >= delta;
}

export function scanEvents(visits: readonly ValueVisit[], relapseOnsets: readonly Day[], s: ScanSettings): ScanResult {
  const n = visits.length;
  const events: ScanEvent[] = [];
  const unconfirmed: UnconfirmedChange[] = [];
  if (n === 0) return { events, unconfirmed };
  const day = visits.map((v) => v.day);
  // bl_geq may raise a reference value in place, as msprog does with its data frame.
  const value = visits.map((v) => v.value);
  const first = day[0]!;
  // Relapses more than relapse_to_bl days before the first visit are ignored.
  const rel = relapseOnsets.filter((r) => r >= first - s.relapseToBl[0]);
  const nrel = rel.length;
  const before = new Array<number>(n);
  const after = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let b = Infinity,
      a = Infinity;
    for (const r of rel) {
      const dist = r - day[i]!;
      if (dist <= 0 && -dist < b) b = -dist;
      if (dist >= 0 && dist < a) a = dist;
    }
    before[i] = b;
    after[i] = a;
  }
  const ev = (x: number, ref: number, kind: Kind, st = false) => isEvent(x, ref, kind, s, st);
  const lo0 = s.relapseToBl,
    toEvent = s.relapseToEvent,
    toConf = s.relapseToConf,
    assoc = s.relapseAssoc;
  const windows = s.confDays.map((t) => [Math.trunc(t) - s.confTolDays[0], Math.trunc(t) + s.confTolDays[1]] as const);
  const impute = s.imputeLastVisit;
  const imputeMaxFu = impute <= 1 ? Infinity : impute;
  const imputeOn = impute >= 1;
  const stAll = s.skipLocalExtrema === 'all';

  const localExtremum = (i: number): boolean => {
    if (s.skipLocalExtrema === 'none') return false;
    const prec = i === 0 ? value[i]! : value[i - 1]!;
    const prec2 = i <= 1 ? -1 : value[i - 2]!;
    const subs = i === n - 1 ? value[i]! : value[i + 1]!;
    const vis = value[i]!;
    return ((ev(prec, vis, WORS, stAll) && ev(subs, vis, WORS, stAll)) || (ev(prec, vis, IMPR, stAll) && ev(subs, vis, IMPR, stAll))) && vis !== prec2;
  };
  const holds = (from: number, to: number, ref: number, kind: Kind, st = false): boolean => {
    if (!s.checkIntermediate) return ev(value[to]!, ref, kind, st);
    for (let x = from; x <= to; x++) if (!ev(value[x]!, ref, kind, st)) return false;
    return true;
  };
  const lastDelta = (change: number, conf: readonly number[] | null): number => {
    let iref = change;
    while (iref > 0) {
      iref--;
      const ok = ev(value[change]!, value[iref]!, WORS) && (conf === null || holds(change + 1, conf[0]!, value[iref]!, WORS)) && !localExtremum(iref);
      if (ok) return iref;
    }
    return 0;
  };
  const nonSustained = (c0: number, ref: number, kind: Kind): number => {
    for (let x = c0 + 1; x < n; x++) if (!ev(value[x]!, ref, kind)) return x;
    return -1;
  };
  const retained = (change: number, nonSust: number, ref: number, kind: Kind): boolean => {
    const need = s.requireSustDays;
    if (!(need > 0)) return true;
    if (s.checkIntermediate) return nonSust < 0 || day[nonSust]! - day[change]! >= need;
    let sv = n - 1;
    if (day[n - 1]! - day[change]! >= need) {
      for (let x = change + 1; x < n; x++) {
        if (day[x]! - day[change]! >= need) {
          sv = x;
          break;
        }
      }
    }
    return ev(value[sv]!, ref, kind);
  };
  /** For each confirmation period still open, the earliest of its visits among `conf`. */
  const perWindow = (confT: Map<number, number[]>, conf: readonly number[], prune: boolean) => {
    const out: { days: number; index: number }[] = [];
    for (const [cd, idx] of [...confT]) {
      let m = Infinity;
      for (const c of idx) if (conf.includes(c) && c < m) m = c;
      if (m === Infinity) {
        if (prune) confT.delete(cd);
      } else out.push({ days: cd, index: m });
    }
    return out;
  };

  let bl = 0;
  let search = 1;
  let proceed = true;
  let blLast: number | undefined;
  // The next relapse after the baseline (msprog's irel); -1 = none (NA).
  let irel = 0;
  for (let r = 0; r < nrel; r++) {
    if (rel[r]! > day[bl]!) {
      irel = r;
      break;
    }
  }
  const types: ScanEvent['type'][] = [];
  for (let iter = 0; proceed; iter++) {
    if (iter > 10000) throw new Error('course scan did not terminate');
    let extr = localExtremum(bl);
    while (proceed && (before[bl]! < lo0[0] || after[bl]! < lo0[1] || extr)) {
      bl++;
      extr = bl <= n - 1 ? localExtremum(bl) : false;
      if (bl >= n - 1) proceed = false;
    }
    if (s.relapseRebl && irel >= 0 && irel < nrel && bl < n) {
      let idx = -1;
      for (let x = irel; x < nrel; x++) {
        if (rel[x]! > day[bl]!) {
          idx = x;
          break;
        }
      }
      irel = idx;
    }
    if (search <= bl) search = bl + 1;
    if (bl > n - 1) {
      bl = n - 1;
      proceed = false;
    } else if (s.blGeq && blLast !== undefined && blLast > value[bl]!) {
      value[bl] = blLast;
    }
    const b = value[bl]!;
    blLast = b;

    let change = -1;
    const st = s.subThresholdRebl !== 'none';
    for (let x = search; x < n; x++) {
      if (ev(value[x]!, b, CHANGE, st) && before[x]! >= toEvent[0] && after[x]! >= toEvent[1]) {
        change = x;
        break;
      }
    }
    let skipRest = false;
    if (change < 0) {
      proceed = false;
    } else if (s.relapseRebl && irel >= 0 && irel < nrel && day[change]! > rel[irel]! + (s.event === 'firstPIRA' ? 0 : assoc[0])) {
      // The change crossed the next relapse: the post-relapse re-baseline below moves the baseline.
      search = change;
    } else {
      let conf: number[] = [];
      const confT = new Map<number, number[]>();
      if (change < n - 1) {
        windows.forEach(([lo, hi], w) => {
          const m: number[] = [];
          for (let x = change + 1; x < n; x++) {
            const dt = day[x]! - day[change]!;
            if (dt >= lo && dt <= hi && before[x]! >= toConf[0] && after[x]! >= toConf[1]) m.push(x);
          }
          confT.set(s.confDays[w]!, m);
          for (const x of m) if (!conf.includes(x)) conf.push(x);
        });
      }
      const x0 = value[change]!;
      const fixedForCdw =
        (s.event === 'firstCDW' || s.event === 'firstPIRA' || s.event === 'firstRAW') && (s.baseline === 'fixed' || s.baseline === 'roving_wors');
      if (ev(x0, b, IMPR) && conf.length > 0 && holds(change + 1, conf[0]!, b, IMPR) && !fixedForCdw) {
        const nn = conf[0] === n - 1 ? -1 : nonSustained(conf[0]!, b, IMPR);
        if (nn >= 0) conf = conf.filter((c) => c < nn);
        const valid = retained(change, nn, b, IMPR);
        if (valid) {
          const e: ScanEvent = {
            type: 'CDI',
            baselineIndex: bl,
            baselineValue: b,
            eventIndex: change,
            confirmationIndex: conf[0]!,
            confirmedAt: perWindow(confT, conf, true),
            piraConfirmedAt: [],
            lastDeltaIndex: lastDelta(change, change === n - 1 ? null : conf),
            sustainedIndex: nn < 0 ? n - 1 : nn - 1,
            imputed: false,
          };
          events.push(e);
          types.push('CDI');
        } else unconfirmed.push({ index: change, baselineIndex: bl });
        const firsts = perWindow(confT, conf, false).map((c) => c.index);
        let newref: number;
        if (s.baseline === 'roving' || s.baseline === 'roving_impr') {
          newref = s.proceedFrom === 'firstconf' ? firsts[0]! : change;
          bl = newref;
        } else newref = valid && s.proceedFrom === 'firstconf' ? firsts[0]! : change;
        search = newref + 1;
      } else if (
        conf.length > 0 &&
        ev(x0, b, IMPR, true) &&
        holds(change + 1, conf[0]!, b, IMPR, true) &&
        (s.baseline === 'roving' || s.baseline === 'roving_impr') &&
        (s.subThresholdRebl === 'event' || s.subThresholdRebl === 'improvement')
      ) {
        const newref = s.proceedFrom === 'firstconf' ? conf[0]! : change;
        bl = newref;
        search = newref + 1;
      } else if (
        ev(x0, b, WORS) &&
        ((conf.length > 0 && holds(change + 1, conf[0]!, b, WORS)) || (day[change]! - day[0]! <= imputeMaxFu && imputeOn && change === n - 1))
      ) {
        const imputed = change === n - 1;
        if (imputed) conf = [n - 1];
        const nn = conf[0] === n - 1 ? -1 : nonSustained(conf[0]!, b, WORS);
        if (nn >= 0) conf = conf.filter((c) => c < nn);
        const valid = retained(change, nn, b, WORS);
        let type: ScanEvent['type'] = 'CDW';
        if (valid) {
          const ld = lastDelta(change, imputed ? null : conf);
          let pira: { days: number; index: number }[] = [];
          if (before[change]! <= assoc[0] || after[change]! <= assoc[1]) {
            if (s.event === 'firstPIRA' && (s.baseline === 'fixed' || s.baseline === 'roving_impr')) {
              search = change + 1;
              skipRest = true;
            }
            type = 'RAW';
          } else {
            if (s.event === 'firstRAW' && (s.baseline === 'fixed' || s.baseline === 'roving_impr')) {
              search = change + 1;
              skipRest = true;
            }
            const ri = s.relapseIndep;
            const precDay = ri.precType === 'baseline' ? day[bl]! : ri.precType === 'last' ? day[change - 1]! : day[ld]!;
            const pconf = conf.filter((ic) => {
              const points = [precDay, day[change]!, day[ic]!];
              const bounds = [ri.prec, ri.event, ri.conf];
              let t0 = points[0]!;
              for (let p = 0; p < 3; p++) {
                const [lo, hi] = bounds[p]!;
                const t = points[p]!;
                if (lo !== null) t0 = t - lo;
                if (hi !== null) {
                  const t1 = t + hi;
                  if (t1 > t0) for (const r of rel) if (t0 <= r && r <= t1) return false;
                }
              }
              return true;
            });
            if (pconf.length > 0) {
              type = 'PIRA';
              const pt = new Map([...confT].map(([k, v]) => [k, v]));
              pira = perWindow(pt, pconf, true);
            }
          }
          if (!skipRest) {
            events.push({
              type,
              baselineIndex: bl,
              baselineValue: b,
              eventIndex: change,
              confirmationIndex: conf[0]!,
              confirmedAt: perWindow(confT, conf, true),
              piraConfirmedAt: pira,
              lastDeltaIndex: ld,
              sustainedIndex: nn < 0 ? n - 1 : nn - 1,
              imputed,
            });
            types.push(type);
          }
        } else {
          perWindow(confT, conf, true);
          unconfirmed.push({ index: change, baselineIndex: bl });
        }
        if (!skipRest) {
          if (confT.size > 0) {
            const firsts = perWindow(confT, conf, false).map((c) => c.index);
            let newref: number;
            if (s.baseline === 'roving' || s.baseline === 'roving_wors') {
              newref = s.proceedFrom === 'firstconf' ? firsts[0]! : change;
              bl = newref;
            } else if (!valid || (type !== 'PIRA' && s.event === 'firstPIRA') || (type !== 'RAW' && s.event === 'firstRAW')) {
              newref = change;
            } else newref = s.proceedFrom === 'firstconf' ? firsts[0]! : change;
            search = newref + 1;
          } else search = change + 1;
        }
      } else if (
        conf.length > 0 &&
        ev(x0, b, WORS, true) &&
        holds(change + 1, conf[0]!, b, WORS, true) &&
        (s.baseline === 'roving' || s.baseline === 'roving_wors') &&
        (s.subThresholdRebl === 'event' || s.subThresholdRebl === 'worsening')
      ) {
        const newref = s.proceedFrom === 'firstconf' ? conf[0]! : change;
        bl = newref;
        search = newref + 1;
      } else {
        search = change + 1;
        unconfirmed.push({ index: change, baselineIndex: bl });
      }
    }
    if (skipRest) continue;

    // Post-relapse re-baseline: when the search has passed a relapse, the baseline moves after it
    // (unless the search is still within relapse_assoc days of it: the change could be a RAW).
    if (s.relapseRebl && proceed && search <= n - 1) {
      const lag = s.event === 'firstPIRA' ? 0 : assoc[0];
      let crossed = false;
      for (const r of rel) if (day[bl]! < r && r + lag < day[search]!) crossed = true;
      if (crossed) {
        let moved = -1;
        if (bl <= n - 1 && irel >= 0 && irel < nrel) {
          for (let x = bl; x < n; x++) {
            if (rel[irel]! <= day[x]!) {
              moved = x;
              break;
            }
          }
        }
        if (moved >= 0) {
          bl = moved;
          search = bl + 1;
        }
        if (moved < 0 || bl > n - 2) proceed = false;
      }
    }
    if (proceed) {
      const has = (t: ScanEvent['type']) => types.includes(t);
      if (
        (s.event === 'first' && events.length > 1) ||
        (s.event === 'firstCDI' && has('CDI')) ||
        (s.event === 'firstCDW' && (has('RAW') || has('PIRA') || has('CDW'))) ||
        (s.event === 'firstPIRA' && has('PIRA')) ||
        (s.event === 'firstRAW' && has('RAW'))
      )
        proceed = false;
    }
  }
  return { events: selectEvents(events, s), unconfirmed };
}

/**
 * msprog's last step: with post-relapse re-baselining the same onset can be found twice (the last
 * detection is kept); events are ordered by onset; a "first..." setting keeps the first of its kind.
 */
function selectEvents(found: ScanEvent[], s: ScanSettings): ScanEvent[] {
  if (found.length === 0) return found;
  const lastOf = new Map<number, number>();
  found.forEach((e, i) => lastOf.set(e.eventIndex, i));
  const kept = found.filter((e, i) => lastOf.get(e.eventIndex) === i);
  const ordered = kept
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.eventIndex - b.e.eventIndex || a.i - b.i)
    .map((x) => x.e);
  if (!s.event.startsWith('first')) return ordered;
  if (s.event === 'first') return ordered.slice(0, 1);
  const want = (e: ScanEvent) =>
    s.event === 'firstCDI' ? e.type === 'CDI' : s.event === 'firstCDW' ? e.type !== 'CDI' : s.event === 'firstPIRA' ? e.type === 'PIRA' : e.type === 'RAW';
  const hit = ordered.find(want);
  return hit ? [hit] : [];
}
