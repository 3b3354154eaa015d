// The contract of the disease-course engine: what can be said of a patient's MS before any drug is
// considered. Every value is JSON-ready (dates as YYYY-MM-DD strings) because it is printed by
// `fulcrum course --json`, embedded in assessments and stored. Each fact carries the data points it
// rests on (`basis`) so that a reason can show them. The engine may add fields; it never removes any.

import type { Phenotype } from '../history/vocabularies.js';
import type { ScanSettings } from './scan-settings.js';

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
  /** The date the duration runs to (the assessment date). */
  asOf: string;
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
  /** The operational rule applied, with its window (the product states its own reading of a definition). */
  rule?: string;
  /** For treatment-related findings: the therapies that qualify (e.g. the DMT activity broke through). */
  therapies?: string[];
  /** Record fields whose absence made the finding `unknown`. */
  missing?: string[];
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
  /** False when the history has no relapse list: a score may then reflect an unrecorded relapse. */
  relapsesRecorded: boolean;
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
  /** `require_sust_days`: a confirmed change must also be sustained this long (Infinity: to the last visit). */
  requireSustDays: number;
  /** `relapse_assoc`: a CDW within this many days after a relapse onset is RAW. */
  relapseAssoc: number;
  /**
   * `relapse_indep` as `relapse_indep_from_bounds(b0, b1, e0, e1, c0, c1)`: relapse-free intervals around
   * baseline, event and confirmation that make a CDW PIRA; `null` carries the bound over as in msprog.
   */
  relapseIndep: [number | null, number | null, number | null, number | null, number | null, number | null];
  /**
   * Minimum EDSS change by baseline. 'kappos2020' (product default, Kappos 2020, Lorscheider 2016,
   * MSoutcomes): 1.5 from 0, 1.0 from 1.0-5.5, 0.5 from 6.0. 'msprog' (its `compute_delta`): 1.5 from 0,
   * 1.0 from 1.0-5.0, 0.5 from 5.5.
   */
  deltaScheme: 'kappos2020' | 'msprog';
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
  /** Days from the first assessment to the event (msprog's `time2event`). */
  timeToEventDays: number;
  /** Days from the event to the last visit that still met the change (msprog's `sust_days`). */
  sustainedDays: number;
  /** Sustained to the last assessment (msprog's `sust_last`). */
  sustainedToLast: boolean;
  /** A worsening at the last visit counted without confirmation (msprog's `impute_last_visit`). */
  imputed?: boolean;
  /** The Bern scan's own label (`"scan": "bern"`): its "PIRA with relapse during confirmation" and "undefined" are CDW in `type`. */
  bernType?: 'PIRA' | 'RAW' | 'PIRA with relapse during confirmation' | 'undefined';
  /** The Bern scan's event number; assessments merged into the event share it. */
  bernEventId?: number;
}

/** A confirmed disability improvement (msprog's CDI): it moves a roving baseline and is reported. */
export interface ImprovementEvent {
  type: 'CDI';
  baselineScore: number;
  baselineDate: string;
  eventScore: number;
  eventDate: string;
  confirmationDate: string;
  confirmationScore: number;
  baselineToEventDays: number;
  timeToEventDays: number;
  sustainedDays: number;
  sustainedToLast: boolean;
}

export interface ProgressionResult {
  options: ProgressionOptions;
  /** The full settings of a run with researcher settings (msprog's, see docs/course-settings.md). */
  settings?: ScanSettings;
  events: ProgressionEvent[];
  /** Any confirmed worsening in the record: met / unmet / unknown (too few scores to tell). */
  status: Tri;
  detail: string;
  /** Confirmed improvements found on the way (reported when `event` is 'first' or 'multiple'). */
  improvements: ImprovementEvent[];
  /** Days from the first to the last assessment used (msprog's `total_fu`). */
  followUpDays: number;
  /** Assessments used after same-day duplicates are merged. */
  assessments: number;
}

export interface ObjectiveSpms {
  /** Lorscheider 2016: met on `date`, unmet (with why), or unknown (why it cannot be judged). */
  status: Tri;
  date?: string;
  edss?: number;
  /** The scores that met it: the progression, its confirmation and the leading functional system. */
  basis: DataPoint[];
  detail: string;
  /** The reference score the progression counts from. */
  baselineDate?: string;
  baselineEdss?: number;
  /** The last EDSS before the date SPMS was met (MSoutcomes' `EDSS.preDxFinal`). */
  edssBeforeDiagnosis?: number;
  /** The functional systems that led the progression and were confirmed. */
  leadingFunctionalSystems?: string[];
  /** Fields whose absence made it `unknown`. */
  missing?: string[];
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

/** A recorded EDSS that its own functional-system scores contradict (the recorded score stands). */
export interface EdssInconsistency {
  date: string;
  recorded: number;
  /** The EDSS the scores imply (Neurostatus/Kurtzke rules), or with gaps the least they allow. */
  implied: number;
  /** Every system and the ambulation score recorded: `implied` is exact, not a lower bound. */
  complete: boolean;
  missing: string[];
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
  /** Present only when some recorded EDSS disagrees with its functional-system scores. */
  edssInconsistencies?: EdssInconsistency[];
}
