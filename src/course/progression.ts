// Confirmed disability worsening (CDW) and improvement (CDI) from a series of EDSS assessments, with
// each CDW classified as RAW or PIRA (Kappos 2020). The scan reproduces msprog's `MSprog()`
// (Montobbio 2024) for the options it shares with the product: the same baseline moves, confirmation
// windows, relapse exclusions and classification, so results compare row by row with the reference.

import type { Day } from '../history/dates.js';
import type { ProgressionOptions } from './types.js';

export interface ScoreVisit {
  day: Day;
  score: number;
}

export interface DetectedEvent {
  kind: 'CDW' | 'CDI';
  /** For CDW: PIRA, RAW or undefined ('CDW'). */
  type: 'PIRA' | 'RAW' | 'CDW' | 'CDI';
  baselineIndex: number;
  eventIndex: number;
  confirmationIndex: number;
  sustainedIndex: number;
  /** The relapse onset that makes a CDW relapse-associated. */
  relapseDay?: Day;
}

export interface DetectionResult {
  events: DetectedEvent[];
}

/** Minimum EDSS change from a baseline score. */
export function edssDelta(baseline: number, scheme: ProgressionOptions['deltaScheme']): number {
  if (baseline < 0.5) return 1.5;
  // Kappos 2020 and Lorscheider 2016 ask 1.0 up to 5.5; msprog's compute_delta switches to 0.5 at 5.5.
  return baseline < (scheme === 'msprog' ? 5.5 : 6) ? 1.0 : 0.5;
}

const EPS = 1e-9;

/**
 * Scans visits (sorted by day, one per day) and relapse onsets (sorted) for confirmed events.
 * Faithful to msprog's loop: a baseline within `relapseToBl` days after a relapse moves to the next
 * visit; a change is any visit differing from baseline by at least the delta; it is confirmed by a
 * visit `confDays` (-tol, +tol) later that is not within `relapseToConf` days after a relapse, with
 * every visit in between still changed when `checkIntermediate`.
 */
export function detectEvents(visits: readonly ScoreVisit[], relapses: readonly Day[], o: ProgressionOptions): DetectionResult {
  const n = visits.length;
  const events: DetectedEvent[] = [];
  if (n < 2) return { events };
  const first = visits[0]!.day;
  // msprog ignores relapses more than relapse_to_bl days before the first visit.
  const rel = relapses.filter((r) => r >= first - o.relapseToBl);
  const before = new Array<number>(n);
  const lastBefore = new Array<number | undefined>(n);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const d = visits[i]!.day;
    while (j < rel.length && rel[j]! <= d) j++;
    // rel[j-1] is the latest onset on or before the visit. msprog's bounds on the *next* relapse
    // default to 0 and are not offered here, so only the distance from the last onset matters.
    const prev = j > 0 ? rel[j - 1] : undefined;
    before[i] = prev === undefined ? Infinity : d - prev;
    lastBefore[i] = prev;
  }
  const delta = (b: number) => edssDelta(b, o.deltaScheme);
  const isWors = (x: number, b: number) => x - b >= delta(b) - EPS;
  const isImpr = (x: number, b: number) => x - b <= -delta(b) + EPS;
  const isChange = (x: number, b: number) => Math.abs(x - b) >= delta(b) - EPS;
  const lower = Math.trunc(o.confDays) - o.confTolDays[0];
  const upper = Math.trunc(o.confDays) + o.confTolDays[1];
  const fixedFirstCdw = o.event === 'firstCDW' && o.baseline === 'fixed';

  let bl = 0;
  let search = 1;
  let proceed = true;
  while (proceed) {
    while (proceed && before[bl]! < o.relapseToBl) {
      bl++;
      search++;
      if (bl >= n - 1) proceed = false;
    }
    if (bl > n - 1) {
      bl = n - 1;
      proceed = false;
    }
    const b = visits[bl]!.score;
    let change = -1;
    for (let x = search; x < n; x++) {
      if (isChange(visits[x]!.score, b) && before[x]! >= o.relapseToEvent) {
        change = x;
        break;
      }
    }
    if (change < 0) {
      proceed = false;
    } else {
      const ev = visits[change]!;
      let conf: number[] = [];
      for (let x = change + 1; x < n; x++) {
        const dt = visits[x]!.day - ev.day;
        if (dt >= lower && dt <= upper && before[x]! >= o.relapseToConf) conf.push(x);
      }
      const confirmedBy = (test: (x: number, b: number) => boolean): boolean => {
        if (conf.length === 0) return false;
        const c0 = conf[0]!;
        if (!o.checkIntermediate) return test(visits[c0]!.score, b);
        for (let x = change + 1; x <= c0; x++) if (!test(visits[x]!.score, b)) return false;
        return true;
      };
      const sustain = (test: (x: number, b: number) => boolean) => {
        const c0 = conf[0]!;
        let nonSust = -1;
        for (let x = c0 + 1; x < n; x++) {
          if (!test(visits[x]!.score, b)) {
            nonSust = x;
            break;
          }
        }
        if (nonSust >= 0) conf = conf.filter((c) => c < nonSust);
        let valid = true;
        if (o.requireSustDays > 0) {
          if (o.checkIntermediate) {
            valid = nonSust < 0 || visits[nonSust]!.day - ev.day > o.requireSustDays;
          } else {
            let sv = n - 1;
            if (visits[n - 1]!.day - ev.day >= o.requireSustDays) {
              for (let x = change + 1; x < n; x++) {
                if (visits[x]!.day - ev.day >= o.requireSustDays) {
                  sv = x;
                  break;
                }
              }
            }
            valid = test(visits[sv]!.score, b);
          }
        }
        return { nonSust, valid, sustIdx: nonSust < 0 ? n - 1 : nonSust - 1 };
      };
      const nextChangeFrom = (from: number): number => {
        const ref = visits[bl]!.score;
        for (let x = from + 1; x < n; x++) if (isChange(visits[x]!.score, ref)) return x;
        return n;
      };

      if (isImpr(ev.score, b) && confirmedBy(isImpr) && !fixedFirstCdw) {
        const s = sustain(isImpr);
        if (s.valid) {
          events.push({ kind: 'CDI', type: 'CDI', baselineIndex: bl, eventIndex: change, confirmationIndex: conf[0]!, sustainedIndex: s.sustIdx });
        }
        const c0 = conf[0]!;
        let newref: number;
        if (o.baseline === 'roving') {
          newref = c0;
          bl = c0;
        } else newref = s.valid ? c0 : change;
        search = nextChangeFrom(newref);
      } else if (isWors(ev.score, b) && confirmedBy(isWors)) {
        const s = sustain(isWors);
        if (s.valid) {
          const e: DetectedEvent = { kind: 'CDW', type: 'CDW', baselineIndex: bl, eventIndex: change, confirmationIndex: conf[0]!, sustainedIndex: s.sustIdx };
          if (before[change]! <= o.relapseAssoc) {
            e.type = 'RAW';
            e.relapseDay = lastBefore[change];
          } else if (relapseFreeConfirmation(visits, rel, bl, change, conf, o)) {
            e.type = 'PIRA';
          }
          events.push(e);
        }
        const c0 = conf[0]!;
        let newref: number;
        if (o.baseline === 'roving') {
          newref = c0;
          bl = c0;
        } else newref = s.valid ? c0 : change;
        search = nextChangeFrom(newref);
      } else {
        search = change + 1;
      }
    }
    if (proceed && ((o.event === 'first' && events.length > 0) || (o.event === 'firstCDW' && events.some((e) => e.kind === 'CDW')))) {
      proceed = false;
    }
  }
  return { events };
}

/**
 * PIRA needs, for at least one confirmation visit, no relapse onset inside the intervals msprog's
 * `relapse_indep_from_bounds(b0, b1, e0, e1, c0, c1)` defines around baseline, event and confirmation.
 * A null left bound carries the previous one over, so (0, null, null, null, null, 0) is "no relapse
 * from baseline to confirmation".
 */
function relapseFreeConfirmation(
  visits: readonly ScoreVisit[], rel: readonly Day[], bl: number, change: number, conf: readonly number[], o: ProgressionOptions,
): boolean {
  const [b0, b1, e0, e1, c0, c1] = o.relapseIndep;
  const bounds: [number | null, number | null][] = [[b0, b1], [e0, e1], [c0, c1]];
  for (const ic of conf) {
    const points = [visits[bl]!.day, visits[change]!.day, visits[ic]!.day];
    let t0 = points[0]!;
    let clash = false;
    for (let p = 0; p < 3 && !clash; p++) {
      const [lo, hi] = bounds[p]!;
      const t = points[p]!;
      if (lo !== null) t0 = t - lo;
      if (hi !== null) {
        const t1 = t + hi;
        if (t1 > t0 && rel.some((r) => t0 <= r && r <= t1)) clash = true;
      }
    }
    if (!clash) return true;
  }
  return false;
}
