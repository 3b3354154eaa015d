import { addMonths, formatDay, type Day } from '../../src/history/dates.js';
import type { History } from '../../src/history/schema.js';

// Made-up histories for the browser tests and bench/web.ts, dated backwards from the day the test
// runs (the server refuses dates after its today).

const at = (asOf: Day, monthsBack: number, dayShift = 0) => formatDay(addMonths(asOf, -monthsBack) + dayShift);

/** Early active RRMS, failed a first-line oral, one alemtuzumab course 13 months ago. */
export function treatedWithAlemtuzumab(id: string, asOf: Day): History {
  const course = 13;
  return {
    formatVersion: 1,
    id,
    birthDate: '1991-04',
    sex: 'female',
    msOnset: at(asOf, 60).slice(0, 4),
    msDiagnosis: at(asOf, 52),
    course: { phenotype: 'RRMS', since: at(asOf, 52).slice(0, 7) },
    edss: [
      { date: at(asOf, 50), score: 1.5 },
      { date: at(asOf, 38), score: 2 },
      { date: at(asOf, 26), score: 2.5 },
      { date: at(asOf, 15), score: 3 },
      { date: at(asOf, 6), score: 2.5 },
    ],
    relapses: [
      { onset: at(asOf, 30), disabling: false, recovery: 'complete' },
      { onset: at(asOf, 17), disabling: true, recovery: 'partial' },
    ],
    mri: [
      { date: at(asOf, 51), region: 'brain', gadoliniumEnhancingLesions: 1, newOrEnlargingT2Lesions: 4 },
      { date: at(asOf, 27), region: 'brain', gadoliniumEnhancingLesions: 0, newOrEnlargingT2Lesions: 0 },
      { date: at(asOf, 16), region: 'brain', gadoliniumEnhancingLesions: 3, newOrEnlargingT2Lesions: 5 },
      { date: at(asOf, 16), region: 'spine', gadoliniumEnhancingLesions: 1, newOrEnlargingT2Lesions: 1 },
      { date: at(asOf, 5), region: 'brain', gadoliniumEnhancingLesions: 0, newOrEnlargingT2Lesions: 1 },
    ],
    therapies: [
      { drug: 'dimethyl-fumarate', start: at(asOf, 48), end: at(asOf, 15), stopReason: 'inefficacy' },
      {
        drug: 'alemtuzumab',
        start: at(asOf, course),
        end: at(asOf, course, 4),
        doses: [0, 1, 2, 3, 4].map((i) => ({ date: at(asOf, course, i), amount: 12, unit: 'mg' as const })),
      },
    ],
    labs: [
      { date: at(asOf, course, -10), test: 'platelets', value: 245, unit: '10^9/L' },
      { date: at(asOf, course, -10), test: 'creatinine', value: 70, unit: 'umol/L' },
      { date: at(asOf, course, -10), test: 'tsh', value: 1.9, unit: 'mIU/L' },
      { date: at(asOf, course, -10), test: 'hiv-test', value: 'negative' },
      { date: at(asOf, course, -10), test: 'vzv-igg', value: 'positive' },
      { date: at(asOf, course, -10), test: 'tb-test', value: 'negative' },
    ],
    conditions: [],
    body: { heightCm: 168, weightKg: 64 },
    pregnancy: { pregnant: false, breastfeeding: false },
  };
}

/** Very active MS with an indwelling urinary catheter: the story of why.md point 1. */
export function catheterPatient(id: string, asOf: Day): History {
  return {
    formatVersion: 1,
    id,
    birthDate: '1978',
    sex: 'male',
    msOnset: '2012',
    msDiagnosis: '2013-05',
    course: { phenotype: 'RRMS' },
    edss: [
      { date: at(asOf, 30), score: 4 },
      { date: at(asOf, 8), score: 6 },
      { date: at(asOf, 2), score: 6 },
    ],
    relapses: [
      { onset: at(asOf, 9), disabling: true, recovery: 'partial' },
      { onset: at(asOf, 4), disabling: true, recovery: 'none' },
    ],
    mri: [{ date: at(asOf, 3), region: 'spine', gadoliniumEnhancingLesions: 2, newOrEnlargingT2Lesions: 2 }],
    therapies: [{ drug: 'interferon-beta', start: at(asOf, 100), end: at(asOf, 10), stopReason: 'inefficacy' }],
    labs: [],
    conditions: [{ code: 'urinary-catheter', status: 'active', onset: at(asOf, 4).slice(0, 7), note: 'after the spinal relapse' }],
    body: { heightCm: 180, weightKg: 80 },
  };
}

/** A document with problems at known fields, for the import form. */
export function invalidHistoryText(id: string): string {
  return JSON.stringify(
    {
      formatVersion: 1,
      id,
      msOnset: '2010',
      edss: [
        { date: '2015-01-10', score: 3 },
        { date: '2016-01-10', score: 0.5 },
      ],
      relapses: [{ onset: '2015-13-01', disabling: true, recovery: 'complete' }],
    },
    null,
    2,
  );
}

/**
 * Twenty years of history: EDSS every 4 months with relapse bumps and slow progression, yearly MRI,
 * four therapies with escalation, two alemtuzumab courses and labs: the size of a long-followed
 * patient, deterministic for the bench.
 */
export function twentyYearHistory(id: string, asOf: Day): History {
  let seed = 20240601;
  const rnd = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const months = 240;
  const edss: History['edss'] = [];
  const relapses: NonNullable<History['relapses']> = [];
  const mri: NonNullable<History['mri']> = [];
  const labs: NonNullable<History['labs']> = [];
  let score = 1;
  for (let m = months - 2; m >= 1; m -= 4) {
    if (rnd() < 0.22) relapses.push({ onset: at(asOf, m + 2, 3), disabling: rnd() < 0.5, recovery: rnd() < 0.6 ? 'complete' : 'partial' });
    if (m < 120 && rnd() < 0.25) score = Math.min(7, score + 0.5);
    const s = Math.min(9.5, score + (rnd() < 0.15 ? 0.5 : 0));
    // Pyramidal function leads the worsening, as in most secondary progression.
    const pyramidal = Math.min(6, Math.max(0, Math.round(s - 1.5)));
    edss!.push({
      date: at(asOf, m),
      score: s === 0.5 ? 1 : s,
      functionalSystems: { pyramidal, sensory: Math.min(2, pyramidal), cerebellar: s >= 4 ? 2 : 1, bowelBladder: s >= 5 ? 2 : 0 },
    });
  }
  for (let m = months - 3; m >= 1; m -= 12) {
    const active = rnd() < 0.35;
    mri.push({
      date: at(asOf, m, 5),
      region: 'brain',
      gadoliniumEnhancingLesions: active ? 1 + Math.floor(rnd() * 3) : 0,
      newOrEnlargingT2Lesions: active ? 1 + Math.floor(rnd() * 4) : 0,
    });
    if (rnd() < 0.3) mri.push({ date: at(asOf, m, 6), region: 'spine', gadoliniumEnhancingLesions: 0, newOrEnlargingT2Lesions: rnd() < 0.3 ? 1 : 0 });
  }
  const course1 = 60;
  const course2 = 48;
  const infusions = (monthsBack: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({ date: at(asOf, monthsBack, i), amount: 12, unit: 'mg' as const }));
  for (let m = course1 + 2; m >= 1; m -= 1) {
    labs.push({ date: at(asOf, m, 7), test: 'platelets', value: 180 + Math.round(rnd() * 120), unit: '10^9/L' });
    labs.push({ date: at(asOf, m, 7), test: 'creatinine', value: 60 + Math.round(rnd() * 25), unit: 'umol/L' });
    if (m % 3 === 0) labs.push({ date: at(asOf, m, 7), test: 'tsh', value: Math.round((0.8 + rnd() * 2.5) * 10) / 10, unit: 'mIU/L' });
  }
  return {
    formatVersion: 1,
    id,
    birthDate: '1980-07',
    sex: 'female',
    msOnset: at(asOf, months + 10).slice(0, 4),
    msDiagnosis: at(asOf, months).slice(0, 7),
    course: { phenotype: 'RRMS' },
    edss,
    relapses,
    mri,
    therapies: [
      { drug: 'interferon-beta', start: at(asOf, months - 2), end: at(asOf, 168), stopReason: 'inefficacy' },
      { drug: 'glatiramer-acetate', start: at(asOf, 166), end: at(asOf, 120), stopReason: 'patient-choice' },
      { drug: 'fingolimod', start: at(asOf, 118), end: at(asOf, 64), stopReason: 'inefficacy' },
      { drug: 'alemtuzumab', start: at(asOf, course1), end: at(asOf, course2, 2), doses: [...infusions(course1, 5), ...infusions(course2, 3)] },
    ],
    labs,
    body: { heightCm: 165, weightKg: 61 },
  };
}

/** A FHIR R4 Bundle (product CodeSystem for EDSS) with one EDSS visit dated without a day. */
export function fhirBundleText(patientId: string, edssDate: string): string {
  const FUL = 'https://fulcrum.example/fhir/CodeSystem/fulcrum';
  const subject = { reference: `Patient/${patientId}` };
  return JSON.stringify(
    {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          fullUrl: `https://ehr.example/fhir/Patient/${patientId}`,
          resource: { resourceType: 'Patient', id: patientId, gender: 'female', birthDate: '1985-04-02' },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            subject,
            code: { coding: [{ system: FUL, code: 'edss' }] },
            effectiveDateTime: '2022-05-01',
            valueQuantity: { value: 3 },
          },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            subject,
            code: { coding: [{ system: FUL, code: 'edss' }] },
            effectiveDateTime: edssDate,
            valueQuantity: { value: 3.5 },
          },
        },
      ],
    },
    null,
    2,
  );
}
