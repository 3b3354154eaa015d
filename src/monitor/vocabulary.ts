// The monitoring vocabulary that both the checker of the monitoring files (knowledge-files.ts) and
// the engine read, without the schema library.

import testsJson from '../../knowledge/monitoring/tests.json' with { type: 'json' };
import { LAB_IDS } from '../history/vocabularies.js';
import type { TimingKind, TreatmentKind } from './knowledge-files.js';

/**
 * Examinations the labels ask for that are not lab tests, recorded as monitoring results: the keys of
 * tests.json `examinations` (a new one is a data change).
 */
export type ExamId = keyof typeof testsJson.examinations;
export const EXAM_IDS = Object.keys(testsJson.examinations) as ExamId[];
/** What each examination is and what its negative and positive results mean (tests.json `examinations`). */
export const EXAM_DESCRIPTIONS: Record<ExamId, string> = testsJson.examinations;
export type MonitoringTestId = (typeof LAB_IDS)[number] | ExamId;
export const MONITORING_TEST_IDS = [...LAB_IDS, ...EXAM_IDS] as [MonitoringTestId, ...MonitoringTestId[]];

export const URGENCIES = ['emergency', 'urgent', 'soon'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Which timing kinds each treatment pattern can date. */
export const TIMINGS_OF: Record<TreatmentKind, readonly TimingKind[]> = {
  courses: ['before-course', 'after-each-course', 'at-months'],
  doses: ['before-each-dose', 'after-stop'],
  continuous: ['before-start', 'after-start', 'at-months'],
};
