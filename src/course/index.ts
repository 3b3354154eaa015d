// The disease-course engine: everything that can be said of a patient's MS before any drug is
// considered. Pure: the history and the assessment date in, a JSON-ready result out.

import type { Day } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { activity, highlyActiveDespiteTreatment, rapidlyEvolvingSevere, relapseRates } from './activity.js';
import { disabilityEdss, nearRelapse } from './disability.js';
import { withEdssInconsistencies } from './edss-consistency.js';
import { collectFacts, dateText, type Facts } from './facts.js';
import { resolveOptions, type CourseOptions } from './options.js';
import { phenotype } from './phenotype.js';
import { progression } from './progression-finding.js';
import { progressionWithSettings } from './progression-settings.js';
import { objectiveSpms } from './spms-finding.js';
import { SPMS_DEFAULTS } from './spms.js';
import type { CourseResult } from './types.js';
import { yearsRange } from './years.js';

export type * from './types.js';
export { DEFAULT_PROGRESSION_OPTIONS, type CourseOptions } from './options.js';
export { exceedsYears, atLeastYears, yearsRange } from './years.js';
export { edssDelta, detectEvents, type ScoreVisit } from './progression.js';
export { spmsDx, SPMS_DEFAULTS, SPMS_FS, type SpmsVisit, type SpmsOptions } from './spms.js';
export { DEFINITIONS } from './definitions.js';

/**
 * Confirmed worsening (the default CDW options) counted on disability scores only: no EDSS within the
 * relapse exclusion window (disability.ts). The decision reads worsening between relapses from it.
 */
export function disabilityProgression(history: History, asOf: Day): CourseResult['progression'] {
  return progressionOnDisabilityScores(collectFacts(history, asOf, false));
}

/** disabilityProgression on facts already collected (their texts flag aside: its events carry no text the rules read). */
function progressionOnDisabilityScores(f: Facts): CourseResult['progression'] {
  const edss = f.edss?.filter((e) => !nearRelapse(e.day, f.relapseDays));
  return progression({ ...f, texts: false, edss }, resolveOptions(undefined).progression);
}

export function computeCourse(history: History, asOf: Day, options?: Partial<CourseOptions>): CourseResult {
  return courseOfFacts(collectFacts(history, asOf), history, resolveOptions(options));
}

function courseOfFacts(f: Facts, history: History, o: ReturnType<typeof resolveOptions>): CourseResult {
  const asOf = f.asOf;
  const spms = o.settings && !o.settings.spmsFlagBaselineVisit ? objectiveSpms(f, { ...SPMS_DEFAULTS, flagBaselineVisit: false }) : objectiveSpms(f);
  const result: CourseResult = {
    asOf: dateText(asOf),
    relapseRate: relapseRates(f),
    activity: activity(f),
    highlyActiveDespiteTreatment: highlyActiveDespiteTreatment(f),
    rapidlyEvolvingSevere: rapidlyEvolvingSevere(f),
    progression: o.settings ? progressionWithSettings(f, o.settings) : progression(f, o.progression),
    objectiveSpms: spms,
    phenotype: phenotype(history, spms),
  };
  if (f.birth) result.age = yearsRange(f.birth, asOf);
  if (f.onset) result.durationFromOnset = yearsRange(f.onset, asOf);
  if (f.diagnosis) result.durationFromDiagnosis = yearsRange(f.diagnosis, asOf);
  const edss = disabilityEdss(f);
  if (edss) result.disabilityEdss = edss;
  return result;
}

/**
 * The course as the product shows it: computeCourse with the check of each recorded EDSS against its
 * functional-system scores (`edssInconsistencies`, last, when there are any).
 */
export function courseWithRecordChecks(history: History, asOf: Day, options?: Partial<CourseOptions>): CourseResult {
  return withEdssInconsistencies(computeCourse(history, asOf, options), history);
}

/**
 * courseWithRecordChecks (default options) and the decision's view of that course, from one reading of
 * the history: the view's worsening on disability scores, when a rule asks, reads the course's facts
 * instead of collecting them again (an assessment shows the course and decides on it).
 */
export function shownCourseAndView(history: History, asOf: Day): { course: CourseResult; view: DecisionCourse } {
  const f = collectFacts(history, asOf);
  const course = withEdssInconsistencies(courseOfFacts(f, history, resolveOptions(undefined)), history);
  return { course, view: asDecisionCourse(course, history, asOf, f) };
}

/**
 * What the decision rules read of the course. The CDW/PIRA analysis is computed on request: the
 * alemtuzumab rules never ask and the mitoxantrone rules only when the EDSS alone cannot show
 * worsening, and with the relapse rates it was a sixth of the course's cost in a cohort screening.
 */
export interface DecisionCourse {
  asOf: string;
  activity: CourseResult['activity'];
  highlyActiveDespiteTreatment: CourseResult['highlyActiveDespiteTreatment'];
  rapidlyEvolvingSevere: CourseResult['rapidlyEvolvingSevere'];
  objectiveSpms: CourseResult['objectiveSpms'];
  phenotype: CourseResult['phenotype'];
  disabilityEdss: CourseResult['disabilityEdss'];
  progression(): CourseResult['progression'];
  /** disabilityProgression of the same history: computed on first call, from the facts already collected where there are some. */
  disabilityProgression(): CourseResult['progression'];
}

/**
 * The decision's view of the course, computed on its own: each field as computeCourse gives it, or
 * with `texts` false, each status and value without the details and data points that show them.
 */
export function decisionCourse(history: History, asOf: Day, texts = true): DecisionCourse {
  const f = collectFacts(history, asOf, texts);
  const spms = objectiveSpms(f);
  let worsening: CourseResult['progression'] | undefined;
  let onDisabilityScores: CourseResult['progression'] | undefined;
  return {
    asOf: dateText(asOf),
    activity: activity(f),
    highlyActiveDespiteTreatment: highlyActiveDespiteTreatment(f),
    rapidlyEvolvingSevere: rapidlyEvolvingSevere(f),
    objectiveSpms: spms,
    phenotype: phenotype(history, spms, texts),
    disabilityEdss: disabilityEdss(f),
    progression: () => (worsening ??= progression(f, resolveOptions(undefined).progression)),
    disabilityProgression: () => (onDisabilityScores ??= progressionOnDisabilityScores(f)),
  };
}

/** The decision's view of a course already computed from `history` as of `asOf` (from `facts`, when given, the facts it was computed from). */
export function asDecisionCourse(c: CourseResult, history: History, asOf: Day, facts?: Facts): DecisionCourse {
  let onDisabilityScores: CourseResult['progression'] | undefined;
  return {
    asOf: c.asOf,
    activity: c.activity,
    highlyActiveDespiteTreatment: c.highlyActiveDespiteTreatment,
    rapidlyEvolvingSevere: c.rapidlyEvolvingSevere,
    objectiveSpms: c.objectiveSpms,
    phenotype: c.phenotype,
    disabilityEdss: c.disabilityEdss,
    progression: () => c.progression,
    disabilityProgression: () => (onDisabilityScores ??= facts ? progressionOnDisabilityScores(facts) : disabilityProgression(history, asOf)),
  };
}

export { sustainedWorsening, SUSTAINED_DEFAULTS, type SustainedVisit, type SustainedOptions, type SustainedEvent } from './sustained.js';
export { formatCourse } from './report.js';
export { scanEvents, scanDelta, isEvent, type ValueVisit, type ScanEvent, type ScanResult, type UnconfirmedChange } from './scan.js';
// parseCourseSettings, CourseSettingsSchema and CourseSettingsError are imported from settings-json.ts
// itself: they load the schema library, which a course with the default settings never needs.
export type { CourseSettingsJson, SettingsIssue } from './settings-json.js';
export {
  DEFAULT_SCAN_SETTINGS,
  defaultDelta,
  LORSCHEIDER_DELTA,
  MSPROG_EDSS_DELTA,
  type ScanSettings,
  type DeltaRule,
  type Outcome,
} from './scan-settings.js';
export { msprogRows, type MsprogRow, type RowOptions } from './msprog-rows.js';
export { bernScan, bernWorsening, BERN_DEFAULTS, type BernSettings, type BernEvent, type BernResult, type BernType } from './bern-scan.js';
export {
  edssFromFunctionalSystems,
  edssInconsistency,
  ambulationFromMsoutcomes,
  ambulationToMsoutcomes,
  KURTZKE_SYSTEMS,
  type ImpliedEdss,
} from './edss-from-fs.js';
