// The contract of the disease-course engine: what can be said of a patient's MS before any drug is
// considered. Every value is JSON-ready (dates as YYYY-MM-DD strings) because it is printed by
// `fulcrum course --json`, embedded in assessments and stored. Each fact carries the data points it
// rests on (`basis`) so that a reason can show them. The engine may add fields; it never removes any.

import type { Phenotype } from '../history/vocabularies.js';

/** Three-valued truth: a record that cannot tell is `unknown`, never `unmet`. */
export type Tri = 'met' | 'unmet' | 'unknown';

/** An inclusive interval of dates (a partial date, or one bounded by another date). */
export interface DateRange {
  from: string;
  to: string;
}

/** A duration in years as an interval, from partial dates; `min === max` for full dates. */
export interface YearsRange {
  /** Whole years completed, at the least and at the most. */
  minWholeYears: number;
  maxWholeYears: number;
  /** Exact years (days / 365.25) at the least and at the most. */
  minYears: number;
  maxYears: number;
  /** The start the duration counts from, as an interval. */
  from: DateRange;
}

export interface DataPoint {
  kind: 'edss' | 'relapse' | 'mri' | 'therapy' | 'birthDate' | 'msOnset' | 'msDiagnosis' | 'course';
  date: string;
  /** What the point says, e.g. "EDSS 6.0", "relapse (disabling)", "2 Gd+ lesions". */
  summary: string;
}

export interface Finding {
  status: Tri;
  /** One sentence naming the patient's own values, or why the record cannot tell. */
  detail: string;
  basis: DataPoint[];
}

export interface RelapseRate {
  /** Relapses per year over the window; undefined when the relapse record is absent. */
  rate?: number;
  count?: number;
  windowYears: number;
  window: DateRange;
}

export interface DisabilityEdss {
  score: number;
  date: string;
  /** Within 12 months of asOf. */
  recent: boolean;
  /** Later scores left out because they fell within 30 days after a relapse onset. */
  excludedNearRelapse: { date: string; score: number }[];
}

/** msprog-style options (Montobbio et al. 2024), named in camelCase after msprog's arguments. */
export interface ProgressionOptions {
  /** `conf_days`: 84 (12 weeks, 3 months) by default, or 168 (24 weeks, 6 months). */
  confDays: number;
  /** `conf_tol_days`: tolerance before and after the confirmation day. */
  confTolDays: [number, number];
  /** `baseline`: 'fixed' (first assessment) or 'roving'. */
  baseline: 'fixed' | 'roving';
  relapseToBl: number;
  relapseToEvent: number;
  relapseToConf: number;
  checkIntermediate: boolean;
  /** `event`: report the first event only or every event. */
  event: 'first' | 'firstCDW' | 'multiple';
}

export interface ProgressionEvent {
  /** CDW = confirmed disability worsening; PIRA/RAW classify it (Kappos 2020). */
  type: 'PIRA' | 'RAW' | 'CDW';
  baselineScore: number;
  baselineDate: string;
  eventScore: number;
  eventDate: string;
  confirmationDate: string;
  confirmationScore: number;
  /** Days from baseline to event (msprog's `bl2event`). */
  baselineToEventDays: number;
  /** The relapse that makes it relapse-associated, if any. */
  relapseOnset?: string;
}

export interface ProgressionResult {
  options: ProgressionOptions;
  events: ProgressionEvent[];
  /** Any confirmed worsening in the record: met / unmet / unknown (too few scores to tell). */
  status: Tri;
  detail: string;
}

export interface ObjectiveSpms {
  /** Lorscheider 2016: met on `date`, unmet (with why), or unknown (why it cannot be judged). */
  status: Tri;
  date?: string;
  edss?: number;
  /** The scores that met it: the progression, its confirmation and the leading functional system. */
  basis: DataPoint[];
  detail: string;
}

export interface PhenotypeFinding {
  recorded?: Phenotype;
  recordedSince?: string;
  /** The objective classification from the EDSS record. */
  objective: 'SPMS' | 'not-SPMS' | 'unknown';
  /** The recorded course and the objective one disagree: a finding in its own right. */
  disagreement: boolean;
  detail: string;
}

export interface CourseResult {
  asOf: string;
  age?: YearsRange;
  /** Onset, bounded above by the diagnosis date (onset is never later than diagnosis). */
  durationFromOnset?: YearsRange;
  durationFromDiagnosis?: YearsRange;
  relapseRate: { last1y: RelapseRate; last2y: RelapseRate; sinceOnset?: RelapseRate };
  /** Lublin 2014 activity over the last 12 months. */
  activity: Finding;
  /** Activity during or after a full course (>= 6 months) of a disease-modifying therapy. */
  highlyActiveDespiteTreatment: Finding;
  /** >= 2 disabling relapses within one year and >= 1 Gd+ lesion or a significant T2 rise. */
  rapidlyEvolvingSevere: Finding;
  disabilityEdss?: DisabilityEdss;
  progression: ProgressionResult;
  objectiveSpms: ObjectiveSpms;
  phenotype: PhenotypeFinding;
}
