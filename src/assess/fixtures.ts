import { parseDay, type Day } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { DEFAULT_PROGRESSION_OPTIONS } from '../course/index.js';
import type { CourseResult, Finding, Tri } from '../course/types.js';

// Small made-up histories and hand-built course results for the assessment tests: each test changes
// only the datum its rule reads, so a failure points at that rule.

export const AS_OF_TEXT = '2026-11-01';
export const AS_OF: Day = parseDay(AS_OF_TEXT)!;

export function d(text: string): Day {
  const v = parseDay(text);
  if (v === undefined) throw new Error(`bad date ${text}`);
  return v;
}

/** Early, active RRMS inside CARE-MS II: the baseline every test departs from (an alemtuzumab offer). */
export function baseHistory(overrides: Partial<History> = {}): History {
  return {
    formatVersion: 1,
    id: 'fixture',
    birthDate: '1990-05-10',
    sex: 'female',
    msOnset: '2020-02-01',
    msDiagnosis: '2020-06-01',
    course: { phenotype: 'RRMS' },
    edss: [{ date: '2026-06-01', score: 2.0 }],
    relapses: [
      { onset: '2025-03-01', disabling: true, recovery: 'complete' },
      { onset: '2026-04-01', disabling: true, recovery: 'partial' },
    ],
    mri: [{ date: '2026-05-01', region: 'brain', gadoliniumEnhancingLesions: 2, newOrEnlargingT2Lesions: 3 }],
    therapies: [{ drug: 'interferon-beta', start: '2020-08-01' }],
    conditions: [],
    labs: [
      { date: '2026-10-01', test: 'hiv-test', value: 'negative' },
      { date: '2026-10-01', test: 'vzv-igg', value: 'positive' },
      { date: '2026-10-01', test: 'tb-test', value: 'negative' },
    ],
    body: { heightCm: 170, weightKg: 65 },
    pregnancy: { pregnant: false, breastfeeding: false },
    ...overrides,
  };
}

export function finding(status: Tri, detail = `fixture ${status}`): Finding {
  return { status, detail, basis: [] };
}

/** A course result as the course engine would give for an active, recently examined RRMS patient. */
export function baseCourse(overrides: Partial<CourseResult> = {}): CourseResult {
  const window = { from: '2025-11-02', to: AS_OF_TEXT };
  return {
    asOf: AS_OF_TEXT,
    relapseRate: { last1y: { rate: 1, count: 1, windowYears: 1, window }, last2y: { rate: 1, count: 2, windowYears: 2, window } },
    activity: finding('met', 'fixture: 1 relapse and 1 active MRI in the last 12 months'),
    highlyActiveDespiteTreatment: finding('met', 'fixture: active despite interferon-beta'),
    rapidlyEvolvingSevere: finding('unmet'),
    disabilityEdss: edss(2.0),
    progression: {
      options: DEFAULT_PROGRESSION_OPTIONS,
      events: [],
      status: 'unmet',
      detail: 'fixture: no worsening',
      improvements: [],
      followUpDays: 0,
      assessments: 1,
    },
    objectiveSpms: { status: 'unmet', basis: [], detail: 'fixture: not SPMS' },
    phenotype: { recorded: 'RRMS', objective: 'not-SPMS', disagreement: false, detail: 'fixture: recorded RRMS' },
    ...overrides,
  };
}

export function edss(score: number, date = '2026-06-01', recent = true): CourseResult['disabilityEdss'] {
  return { score, date, recent, excludedNearRelapse: [], relapsesRecorded: true };
}
