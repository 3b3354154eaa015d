// The disease-course engine: everything that can be said of a patient's MS before any drug is
// considered. Pure: the history and the assessment date in, a JSON-ready result out.

import type { Day } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { activity, highlyActiveDespiteTreatment, rapidlyEvolvingSevere, relapseRates } from './activity.js';
import { disabilityEdss } from './disability.js';
import { collectFacts, dateText } from './facts.js';
import { resolveOptions, type CourseOptions } from './options.js';
import { phenotype } from './phenotype.js';
import { progression } from './progression-finding.js';
import { objectiveSpms } from './spms-finding.js';
import type { CourseResult } from './types.js';
import { yearsRange } from './years.js';

export type * from './types.js';
export { DEFAULT_PROGRESSION_OPTIONS, type CourseOptions } from './options.js';
export { exceedsYears, atLeastYears, yearsRange } from './years.js';
export { edssDelta, detectEvents, type ScoreVisit } from './progression.js';
export { spmsDx, SPMS_DEFAULTS, SPMS_FS, type SpmsVisit, type SpmsOptions } from './spms.js';
export { DEFINITIONS } from './definitions.js';

export function computeCourse(history: History, asOf: Day, options?: Partial<CourseOptions>): CourseResult {
  const o = resolveOptions(options);
  const f = collectFacts(history, asOf);
  const spms = objectiveSpms(f);
  const result: CourseResult = {
    asOf: dateText(asOf),
    relapseRate: relapseRates(f),
    activity: activity(f),
    highlyActiveDespiteTreatment: highlyActiveDespiteTreatment(f),
    rapidlyEvolvingSevere: rapidlyEvolvingSevere(f),
    progression: progression(f, o.progression),
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
export { sustainedWorsening, SUSTAINED_DEFAULTS, type SustainedVisit, type SustainedOptions, type SustainedEvent } from './sustained.js';
export { formatCourse } from './report.js';
