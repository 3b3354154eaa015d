// The course settings a researcher brings from msprog (Montobbio 2024): one JSON object whose names and
// values are msprog 1.x's own arguments, validated here (unknown names and values are errors naming
// the field), plus the few settings of the Bern annotator (Bsteh 2025) and MSoutcomes' spmsDx that
// msprog lacks. Settings left out take Fulcrum's documented defaults (docs/course-settings.md).

import { z } from 'zod';
import { BERN_DEFAULTS, type BernSettings } from './bern-scan.js';

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

// JSON has no Infinity: msprog's Inf is written "Inf" (or "Infinity").
const days = z.union([z.number().min(0), z.enum(['Inf', 'Infinity']).transform(() => Infinity)]);
const finiteDays = z.number().min(0);
const pair = z.union([finiteDays.transform((x) => [x, 0] as [number, number]), z.tuple([finiteDays, finiteDays])]);
const bound = finiteDays.nullable();

const deltaSchema = z.union([
  z.enum(['msprog', 'lorscheider', 'kappos2020']),
  z.strictObject({ points: z.number().positive() }),
  z.strictObject({ percent: z.number().positive().max(100), max_points: z.number().positive().optional() }),
]);

// The Bern/Vienna annotator's options (Bsteh 2025) that msprog lacks, read only with "scan": "bern".
// Spans are days after the event; "next" is the annotator's 0.5 (the next assessment).
const span = z.union([z.number().positive(), z.literal('next')]);
const tolerance = z.tuple([finiteDays, days]);
const BERN_SETTINGS = {
  scan: z.enum(['msprog', 'bern']).optional(),
  bern_roving_confirmation_days: z.union([span, z.literal('none')]).optional(),
  bern_roving_confirmation_values: z.enum(['all', 'last']).optional(),
  bern_roving_confirmation_tol_days: tolerance.optional(),
  bern_confirmation_days: z.union([span, z.enum(['sustained', 'none'])]).optional(),
  bern_confirmation_type: z.enum(['minimum', 'monotonic']).optional(),
  bern_confirmation_values: z.enum(['all', 'last']).optional(),
  bern_confirmation_tol_days: tolerance.optional(),
  bern_sustained_min_days: finiteDays.optional(),
  bern_confirm_last_visit: z.boolean().optional(),
  bern_pira_allow_relapses_before_confirmation: z.boolean().optional(),
  bern_plus_one_up_to: z.number().min(-1).max(10).optional(),
  bern_plus_one_and_half_from_zero: z.boolean().optional(),
  bern_min_distance_days: finiteDays.optional(),
  bern_min_distance_from: z.enum(['reference', 'previous']).optional(),
  bern_min_distance_backtrack: z.boolean().optional(),
  bern_undefined: z.enum(['rebaseline', 'never', 'all', 'end']).optional(),
  bern_undefined_vs_raw_pira_reference: z.enum(['any', 'equal_or_greater', 'greater']).optional(),
  bern_merge: z.boolean().optional(),
  bern_merge_repeat_days: finiteDays.optional(),
  bern_merge_max_gap_days: days.optional(),
};

/** The settings object as JSON, in msprog's names (plus the product's own, marked in the docs). */
export const CourseSettingsSchema = z
  .strictObject({
    outcome: z.enum(['edss', 'nhpt', 't25fw', 'sdmt', 'custom']).optional(),
    worsening: z.enum(['increase', 'decrease']).optional(),
    delta_fun: deltaSchema.optional(),
    event: z.enum(['firstCDW', 'firstCDI', 'multiple', 'firstPIRA', 'firstRAW', 'first']).optional(),
    baseline: z.enum(['fixed', 'roving', 'roving_impr', 'roving_wors']).optional(),
    proceed_from: z.enum(['firstconf', 'event']).optional(),
    sub_threshold_rebl: z.enum(['none', 'event', 'improvement', 'worsening']).optional(),
    bl_geq: z.boolean().optional(),
    relapse_rebl: z.boolean().optional(),
    skip_local_extrema: z.enum(['none', 'strict', 'all']).optional(),
    conf_days: z.union([z.number().positive(), z.array(z.number().positive()).min(1)]).optional(),
    conf_tol_days: z.union([finiteDays, z.tuple([finiteDays, days])]).optional(),
    require_sust_days: days.optional(),
    check_intermediate: z.boolean().optional(),
    relapse_to_bl: pair.optional(),
    relapse_to_event: pair.optional(),
    relapse_to_conf: pair.optional(),
    relapse_assoc: pair.optional(),
    relapse_indep: z
      .strictObject({
        prec: z.tuple([finiteDays, bound]),
        event: z.tuple([bound, bound]),
        conf: z.tuple([bound, finiteDays]),
        prec_type: z.enum(['baseline', 'last', 'last_delta']).optional(),
      })
      .optional(),
    impute_last_visit: z
      .number()
      .min(0)
      .refine((x) => x === 0 || x >= 1, {
        message:
          'must be 0 (never), 1 (always) or a number of days > 1; a probability between 0 and 1 would make the result random, which the course engine never is',
      })
      .optional(),
    // Fulcrum's own (not msprog's): objective SPMS as spmsDx computes it, or without its quirk.
    spmsdx_flag_baseline_visit: z.boolean().optional(),
    ...BERN_SETTINGS,
  })
  .superRefine((s, ctx) => {
    checkBernCombination(s, ctx);
    if (s.outcome === 'custom' && (s.delta_fun === undefined || s.worsening === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'outcome "custom" needs delta_fun and worsening, as in msprog' });
    }
    if (s.worsening !== undefined && s.outcome !== 'custom') {
      ctx.addIssue({
        code: 'custom',
        path: ['worsening'],
        message: 'is only read with outcome "custom": msprog sets it from the outcome (increase for edss, nhpt, t25fw; decrease for sdmt)',
      });
    }
    if (typeof s.delta_fun === 'string' && (s.outcome ?? 'edss') !== 'edss') {
      ctx.addIssue({
        code: 'custom',
        path: ['delta_fun'],
        message: `"${s.delta_fun}" is an EDSS rule; outcome ${s.outcome} takes {"percent": p} or {"points": x}`,
      });
    }
  });

export type CourseSettingsJson = z.input<typeof CourseSettingsSchema>;

export interface SettingsIssue {
  path: string;
  message: string;
}

export class CourseSettingsError extends Error {
  constructor(readonly issues: SettingsIssue[]) {
    super(`invalid course settings: ${issues.map((i) => `${i.path || '(settings)'}: ${i.message}`).join('; ')}`);
    this.name = 'CourseSettingsError';
  }
}

/** Parses a settings object in msprog's names; every problem is collected before it throws. */
export function parseCourseSettings(input: unknown): ScanSettings {
  const r = CourseSettingsSchema.safeParse(input);
  if (!r.success) {
    throw new CourseSettingsError(r.error.issues.map((i) => ({ path: i.path.join('.'), message: describeIssue(i) })));
  }
  const j = r.data;
  const d = DEFAULT_SCAN_SETTINGS;
  const outcome = j.outcome ?? d.outcome;
  const s: ScanSettings = {
    ...d,
    outcome,
    worsening: outcome === 'sdmt' ? 'decrease' : outcome === 'custom' ? j.worsening! : 'increase',
    delta: j.delta_fun === undefined ? defaultDelta(outcome) : deltaOf(j.delta_fun),
  };
  if (j.event) s.event = j.event;
  if (j.baseline) s.baseline = j.baseline;
  if (j.proceed_from) s.proceedFrom = j.proceed_from;
  if (j.sub_threshold_rebl) s.subThresholdRebl = j.sub_threshold_rebl;
  if (j.bl_geq !== undefined) s.blGeq = j.bl_geq;
  if (j.relapse_rebl !== undefined) s.relapseRebl = j.relapse_rebl;
  if (j.skip_local_extrema) s.skipLocalExtrema = j.skip_local_extrema;
  if (j.conf_days !== undefined) s.confDays = Array.isArray(j.conf_days) ? j.conf_days : [j.conf_days];
  if (j.conf_tol_days !== undefined) s.confTolDays = Array.isArray(j.conf_tol_days) ? j.conf_tol_days : [j.conf_tol_days, j.conf_tol_days];
  if (j.require_sust_days !== undefined) s.requireSustDays = j.require_sust_days;
  if (j.check_intermediate !== undefined) s.checkIntermediate = j.check_intermediate;
  if (j.relapse_to_bl) s.relapseToBl = j.relapse_to_bl;
  if (j.relapse_to_event) s.relapseToEvent = j.relapse_to_event;
  if (j.relapse_to_conf) s.relapseToConf = j.relapse_to_conf;
  if (j.relapse_assoc) s.relapseAssoc = j.relapse_assoc;
  if (j.relapse_indep) {
    const ri = j.relapse_indep;
    s.relapseIndep = { prec: ri.prec, event: ri.event, conf: ri.conf, precType: ri.prec_type ?? 'baseline' };
  }
  if (j.impute_last_visit !== undefined) s.imputeLastVisit = j.impute_last_visit;
  if (j.spmsdx_flag_baseline_visit !== undefined) s.spmsFlagBaselineVisit = j.spmsdx_flag_baseline_visit;
  if (j.scan === 'bern') s.bern = bernSettingsOf(j);
  return s;
}

/** msprog settings that also mean something to the Bern scan (the rest are refused with it). */
const SHARED_WITH_BERN = new Set(['scan', 'outcome', 'baseline', 'event', 'relapse_assoc']);

function checkBernCombination(s: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const keys = Object.keys(s).filter((k) => s[k] !== undefined);
  if (s.scan !== 'bern') {
    for (const k of keys.filter((k) => k.startsWith('bern_')))
      ctx.addIssue({ code: 'custom', path: [k], message: 'is a setting of the Bern scan: it needs "scan": "bern"' });
    return;
  }
  for (const k of keys.filter((k) => !k.startsWith('bern_') && !SHARED_WITH_BERN.has(k)))
    ctx.addIssue({ code: 'custom', path: [k], message: 'is msprog\'s and has no meaning in the Bern scan ("scan": "bern"); see docs/course-settings.md' });
  if (s.outcome !== undefined && s.outcome !== 'edss') ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'the Bern scan reads the EDSS only' });
  if (s.baseline !== undefined && s.baseline !== 'fixed' && s.baseline !== 'roving')
    ctx.addIssue({ code: 'custom', path: ['baseline'], message: 'the Bern scan takes "fixed" or "roving"' });
  if (s.event !== undefined && s.event !== 'multiple' && s.event !== 'first')
    ctx.addIssue({ code: 'custom', path: ['event'], message: 'the Bern scan takes "multiple" (its default) or "first"' });
  if (s.event === 'first' && s.bern_undefined === 'end')
    ctx.addIssue({ code: 'custom', path: ['bern_undefined'], message: '"end" looks after the last event, so it cannot go with event "first"' });
  if (s.bern_confirmation_days === 'sustained' && s.bern_confirmation_values === 'last')
    ctx.addIssue({ code: 'custom', path: ['bern_confirmation_values'], message: 'sustained worsening is confirmed by all later scores, not the last' });
}

function bernSettingsOf(j: z.output<typeof CourseSettingsSchema>): BernSettings {
  const d = BERN_DEFAULTS;
  const assoc = j.relapse_assoc;
  const orDefault = <T>(x: T | undefined, dflt: T): T => (x === undefined ? dflt : x);
  return {
    baseline: j.baseline === 'fixed' ? 'fixed' : d.baseline,
    rovingConfirmation: j.bern_roving_confirmation_days === 'none' ? null : orDefault(j.bern_roving_confirmation_days, d.rovingConfirmation),
    rovingConfirmationValues: orDefault(j.bern_roving_confirmation_values, d.rovingConfirmationValues),
    rovingConfirmationTol: orDefault(j.bern_roving_confirmation_tol_days, d.rovingConfirmationTol),
    confirmation: j.bern_confirmation_days === 'none' ? null : orDefault(j.bern_confirmation_days, d.confirmation),
    confirmationType: orDefault(j.bern_confirmation_type, d.confirmationType),
    confirmationValues: orDefault(j.bern_confirmation_values, d.confirmationValues),
    confirmationTol: orDefault(j.bern_confirmation_tol_days, d.confirmationTol),
    sustainedMinDays: orDefault(j.bern_sustained_min_days, d.sustainedMinDays),
    confirmLastVisit: orDefault(j.bern_confirm_last_visit, d.confirmLastVisit),
    rawAfterRelapse: assoc ? assoc[0] : d.rawAfterRelapse,
    rawBeforeRelapse: assoc ? assoc[1] : d.rawBeforeRelapse,
    piraAllowRelapsesBeforeConfirmation: orDefault(j.bern_pira_allow_relapses_before_confirmation, d.piraAllowRelapsesBeforeConfirmation),
    plusOneUpTo: orDefault(j.bern_plus_one_up_to, d.plusOneUpTo),
    plusOneHalfFromZero: orDefault(j.bern_plus_one_and_half_from_zero, d.plusOneHalfFromZero),
    minDistanceDays: orDefault(j.bern_min_distance_days, d.minDistanceDays),
    minDistanceFrom: orDefault(j.bern_min_distance_from, d.minDistanceFrom),
    minDistanceBacktrack: orDefault(j.bern_min_distance_backtrack, d.minDistanceBacktrack),
    undefinedWorsening: orDefault(j.bern_undefined, d.undefinedWorsening),
    undefinedVsRawPiraReference: orDefault(j.bern_undefined_vs_raw_pira_reference, d.undefinedVsRawPiraReference),
    merge: orDefault(j.bern_merge, d.merge),
    mergeRepeatDays: orDefault(j.bern_merge_repeat_days, d.mergeRepeatDays),
    mergeMaxGapDays: orDefault(j.bern_merge_max_gap_days, d.mergeMaxGapDays),
    firstOnly: j.event === 'first',
  };
}

function deltaOf(j: z.output<typeof deltaSchema>): DeltaRule {
  if (j === 'msprog') return MSPROG_EDSS_DELTA;
  if (typeof j === 'string') return LORSCHEIDER_DELTA;
  if ('points' in j) return { kind: 'points', points: j.points };
  return j.max_points === undefined ? { kind: 'relative', percent: j.percent } : { kind: 'relative', percent: j.percent, maxPoints: j.max_points };
}

/** msprog arguments that are not settings here, and where they go instead. */
const ELSEWHERE: Record<string, string> = {
  subj_col: 'a column name: it goes in the cohort --columns file',
  value_col: 'a column name: it goes in the cohort --columns file',
  date_col: 'a column name: it goes in the cohort --columns file',
  rsubj_col: 'a column name: it goes in the cohort --columns file',
  rdate_col: 'a column name: it goes in the cohort --columns file',
  date_format: 'a table format: it goes in the cohort --columns file',
  include_dates: 'an output option: it goes in the cohort --columns file',
  include_values: 'an output option: it goes in the cohort --columns file',
  include_stable: 'an output option: it goes in the cohort --columns file',
  renddate_col: 'not offered: relapse end dates are not recorded',
  validconf_col: 'not offered: the history does not mark visits unfit for confirmation',
  subjects: 'not offered: choose the subjects in the table',
  verbose: 'not offered: the result holds every event, and `unconfirmed` changes in the library',
  RAW_PIRA: 'not needed: CDW events are always classified PIRA, RAW or undefined',
};

function describeIssue(i: z.core.$ZodIssue): string {
  if (i.code === 'unrecognized_keys') {
    const unknown = i.keys.filter((k) => !(k in ELSEWHERE));
    const parts = i.keys.filter((k) => k in ELSEWHERE).map((k) => `"${k}" is msprog's, but ${ELSEWHERE[k]}`);
    if (unknown.length > 0)
      parts.unshift(
        `unknown setting${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} (settings use msprog's argument names; see docs/course-settings.md)`,
      );
    return parts.join('; ');
  }
  return i.message;
}
