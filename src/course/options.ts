import type { ScanSettings } from './scan-settings.js';
import type { ProgressionOptions } from './types.js';

/**
 * msprog's defaults (Montobbio 2024, `MSprog()` 1.0.1), camelCased: confirmation at 12 weeks with a
 * -7/+730.5-day tolerance, fixed baseline, baseline and confirmation visits at least 30 days after a
 * relapse onset, RAW within 90 days after a relapse, PIRA relapse-free from 90 days before to 30 days
 * after both the event and the confirmation (Müller 2023). One deliberate difference: the minimum
 * change from a baseline of 5.5 is 1.0 (Kappos 2020, as the issue and knowledge/definitions state),
 * where msprog's `compute_delta` asks 0.5; `deltaScheme: 'msprog'` restores msprog's table.
 */
export const DEFAULT_PROGRESSION_OPTIONS: ProgressionOptions = {
  confDays: 84,
  confTolDays: [7, 730.5],
  baseline: 'fixed',
  relapseToBl: 30,
  relapseToEvent: 0,
  relapseToConf: 30,
  checkIntermediate: true,
  event: 'firstCDW',
  requireSustDays: 0,
  relapseAssoc: 90,
  relapseIndep: [0, 0, 90, 30, 90, 30],
  deltaScheme: 'kappos2020',
};

export interface CourseOptions {
  progression: ProgressionOptions;
  /** Researcher settings (msprog's names, parsed by parseCourseSettings): they replace `progression`. */
  settings?: ScanSettings;
}

export function resolveOptions(options?: Partial<CourseOptions> | undefined): CourseOptions {
  if (options?.settings !== undefined) {
    return { progression: { ...DEFAULT_PROGRESSION_OPTIONS, ...options.progression }, settings: options.settings };
  }
  if (options?.progression === undefined) {
    // The common case, copied field by field (in the defaults' key order) rather than spread.
    const d = DEFAULT_PROGRESSION_OPTIONS;
    return {
      progression: {
        confDays: d.confDays,
        confTolDays: d.confTolDays,
        baseline: d.baseline,
        relapseToBl: d.relapseToBl,
        relapseToEvent: d.relapseToEvent,
        relapseToConf: d.relapseToConf,
        checkIntermediate: d.checkIntermediate,
        event: d.event,
        requireSustDays: d.requireSustDays,
        relapseAssoc: d.relapseAssoc,
        relapseIndep: d.relapseIndep,
        deltaScheme: d.deltaScheme,
      },
    };
  }
  return { progression: { ...DEFAULT_PROGRESSION_OPTIONS, ...options.progression } };
}
