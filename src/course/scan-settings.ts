// The course settings a researcher brings from msprog (Montobbio 2024): one JSON object whose names and
// values are msprog 1.x's own arguments, validated by settings-json.ts (unknown names and values are
// errors naming the field), plus the few settings of the Bern annotator (Bsteh 2025) and MSoutcomes' spmsDx that
// msprog lacks. Settings left out take Fulcrum's documented defaults (docs/course-settings.md).

import type { BernSettings } from './bern-scan.js';

export type Outcome = 'edss' | 'nhpt' | 't25fw' | 'sdmt' | 'custom';

/** The minimum meaningful change from a reference value (msprog's `delta_fun`, as data). */
export type DeltaRule =
  /** EDSS: 1.5 from 0, 1.0 up to `upTo`, 0.5 above (msprog: upTo 5.0; Lorscheider 2016 and Kappos 2020: 5.5). */
  | { kind: 'edss'; upTo: 5 | 5.5 }
  /** A share of the reference, optionally capped in points (SDMT: 20% or 4 points, whichever is less). */
  | { kind: 'relative'; percent: number; maxPoints?: number }
  | { kind: 'points'; points: number };

export interface ScanSettings {
  outcome: Outcome;
  worsening: 'increase' | 'decrease';
  delta: DeltaRule;
  event: 'firstCDW' | 'firstCDI' | 'multiple' | 'firstPIRA' | 'firstRAW' | 'first';
  baseline: 'fixed' | 'roving' | 'roving_impr' | 'roving_wors';
  proceedFrom: 'firstconf' | 'event';
  subThresholdRebl: 'none' | 'event' | 'improvement' | 'worsening';
  blGeq: boolean;
  relapseRebl: boolean;
  skipLocalExtrema: 'none' | 'strict' | 'all';
  confDays: number[];
  confTolDays: [number, number];
  requireSustDays: number;
  checkIntermediate: boolean;
  /** [days after the last relapse onset, days before the next one]. */
  relapseToBl: [number, number];
  relapseToEvent: [number, number];
  relapseToConf: [number, number];
  relapseAssoc: [number, number];
  relapseIndep: {
    prec: [number, number | null];
    event: [number | null, number | null];
    conf: [number | null, number];
    precType: 'baseline' | 'last' | 'last_delta';
  };
  /** 0: never; 1: always; N > 1: when the worsening falls within N days of follow-up. */
  imputeLastVisit: number;
  /** Objective SPMS: spmsDx's flagging of a lone baseline visit before a progression (SpmsOptions.flagBaselineVisit). */
  spmsFlagBaselineVisit: boolean;
  /** Set with `"scan": "bern"`: the Bern/Vienna annotator's scan (bern-scan.ts) replaces msprog's. */
  bern?: BernSettings;
}

/** The EDSS rule the product uses by default (Lorscheider 2016, Kappos 2020, MSoutcomes). */
export const LORSCHEIDER_DELTA: DeltaRule = { kind: 'edss', upTo: 5.5 };
export const MSPROG_EDSS_DELTA: DeltaRule = { kind: 'edss', upTo: 5 };

/** msprog's compute_delta for the other outcomes: 20% for the timed tests, 20% or 4 points for SDMT. */
export function defaultDelta(outcome: Outcome): DeltaRule {
  switch (outcome) {
    case 'nhpt':
    case 't25fw':
      return { kind: 'relative', percent: 20 };
    case 'sdmt':
      return { kind: 'relative', percent: 20, maxPoints: 4 };
    default:
      return LORSCHEIDER_DELTA;
  }
}

/** Fulcrum's defaults: msprog's, except the EDSS delta (1.0 up to 5.5; see docs/course-settings.md). */
export const DEFAULT_SCAN_SETTINGS: ScanSettings = {
  outcome: 'edss',
  worsening: 'increase',
  delta: LORSCHEIDER_DELTA,
  event: 'firstCDW',
  baseline: 'fixed',
  proceedFrom: 'firstconf',
  subThresholdRebl: 'none',
  blGeq: false,
  relapseRebl: false,
  skipLocalExtrema: 'none',
  confDays: [84],
  confTolDays: [7, 730.5],
  requireSustDays: 0,
  checkIntermediate: true,
  relapseToBl: [30, 0],
  relapseToEvent: [0, 0],
  relapseToConf: [30, 0],
  relapseAssoc: [90, 0],
  relapseIndep: { prec: [0, 0], event: [90, 30], conf: [90, 30], precType: 'baseline' },
  imputeLastVisit: 0,
  spmsFlagBaselineVisit: true,
};
