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
  const cutoff = first - o.relapseToBl;
  let allAfter = true;
  for (let i = 0; i < relapses.length && allAfter; i++) if (!(relapses[i]! >= cutoff)) allAfter = false;
  // Usually no onset is that early: the list is then read as it is (it is only read).
  const rel = allAfter ? relapses : relapses.filter((r) => r >= cutoff);
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
  const scheme = o.deltaScheme;
  // msprog: conf_window = as.integer(conf_days) - conf_tol_days[1] .. as.integer(conf_days) + conf_tol_days[2].
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
      if (isChange(visits[x]!.score, b, scheme) && before[x]! >= o.relapseToEvent) {
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
      let sustained: boolean | undefined;
      if (isImpr(ev.score, b, scheme) && confirmedBy(visits, change, conf, b, IMPR, scheme, o.checkIntermediate) && !fixedFirstCdw) {
        const s = sustain(visits, change, conf, b, IMPR, scheme, o);
        conf = s.conf;
        if (s.valid) {
          events.push({ kind: 'CDI', type: 'CDI', baselineIndex: bl, eventIndex: change, confirmationIndex: conf[0]!, sustainedIndex: s.sustIdx });
        }
        sustained = s.valid;
      } else if (isWors(ev.score, b, scheme) && confirmedBy(visits, change, conf, b, WORS, scheme, o.checkIntermediate)) {
        const s = sustain(visits, change, conf, b, WORS, scheme, o);
        conf = s.conf;
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
        sustained = s.valid;
      }
      if (sustained === undefined) {
        search = change + 1;
      } else {
        // After a confirmed change the search resumes from its confirmation (roving baseline moves
        // there too), or from the change itself when it was not sustained, as msprog does (oracle tests).
        const c0 = conf[0]!;
        let newref: number;
        if (o.baseline === 'roving') {
          newref = c0;
          bl = c0;
        } else newref = sustained ? c0 : change;
        search = nextChangeFrom(visits, newref, visits[bl]!.score, scheme);
      }
    }
    if (proceed && ((o.event === 'first' && events.length > 0) || (o.event === 'firstCDW' && foundCdw(events)))) {
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
  visits: readonly ScoreVisit[],
  rel: readonly Day[],
  bl: number,
  change: number,
  conf: readonly number[],
  o: ProgressionOptions,
): boolean {
  const [b0, b1, e0, e1, c0, c1] = o.relapseIndep;
  const bounds: [number | null, number | null][] = [
    [b0, b1],
    [e0, e1],
    [c0, c1],
  ];
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

function foundCdw(events: readonly DetectedEvent[]): boolean {
  for (const e of events) if (e.kind === 'CDW') return true;
  return false;
}

const EPSILON = 1e-9;
const WORS = 1;
const IMPR = -1;
type Direction = typeof WORS | typeof IMPR;

function isWors(x: number, b: number, scheme: ProgressionOptions['deltaScheme']): boolean {
  return x - b >= edssDelta(b, scheme) - EPSILON;
}
function isImpr(x: number, b: number, scheme: ProgressionOptions['deltaScheme']): boolean {
  return x - b <= -edssDelta(b, scheme) + EPSILON;
}
function isChange(x: number, b: number, scheme: ProgressionOptions['deltaScheme']): boolean {
  return Math.abs(x - b) >= edssDelta(b, scheme) - EPSILON;
}
function meets(x: number, b: number, dir: Direction, scheme: ProgressionOptions['deltaScheme']): boolean {
  return dir === WORS ? isWors(x, b, scheme) : isImpr(x, b, scheme);
}

/** The change holds at the first confirmation visit (and at every visit before it, if checkIntermediate). */
function confirmedBy(
  visits: readonly ScoreVisit[],
  change: number,
  conf: readonly number[],
  b: number,
  dir: Direction,
  scheme: ProgressionOptions['deltaScheme'],
  checkIntermediate: boolean,
): boolean {
  if (conf.length === 0) return false;
  const c0 = conf[0]!;
  if (!checkIntermediate) return meets(visits[c0]!.score, b, dir, scheme);
  for (let x = change + 1; x <= c0; x++) if (!meets(visits[x]!.score, b, dir, scheme)) return false;
  return true;
}

/** How long the confirmed change held; confirmation visits after it lapsed are dropped (msprog). */
function sustain(
  visits: readonly ScoreVisit[],
  change: number,
  conf: number[],
  b: number,
  dir: Direction,
  scheme: ProgressionOptions['deltaScheme'],
  o: ProgressionOptions,
) {
  const n = visits.length;
  const ev = visits[change]!;
  const c0 = conf[0]!;
  let nonSust = -1;
  for (let x = c0 + 1; x < n; x++) {
    if (!meets(visits[x]!.score, b, dir, scheme)) {
      nonSust = x;
      break;
    }
  }
  const kept = nonSust >= 0 ? conf.filter((c) => c < nonSust) : conf;
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
      valid = meets(visits[sv]!.score, b, dir, scheme);
    }
  }
  return { conf: kept, valid, sustIdx: nonSust < 0 ? n - 1 : nonSust - 1 };
}

/** The next visit after `from` that differs from the (possibly moved) baseline by a full delta. */
function nextChangeFrom(visits: readonly ScoreVisit[], from: number, ref: number, scheme: ProgressionOptions['deltaScheme']): number {
  for (let x = from + 1; x < visits.length; x++) if (isChange(visits[x]!.score, ref, scheme)) return x;
  return visits.length;
}
