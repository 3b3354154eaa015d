import type { History } from '../../src/history/schema.js';

/** A small made-up relapsing MS history; `overrides` change what a test is about. */
export function history(id: string, overrides: Partial<History> = {}): History {
  return {
    formatVersion: 1,
    id,
    birthDate: '1988-04',
    sex: 'female',
    msOnset: '2016-03',
    msDiagnosis: '2017-01-15',
    course: { phenotype: 'RRMS', since: '2017-01' },
    edss: [
      { date: '2023-05-10', score: 2.5 },
      { date: '2024-05-02', score: 3.0 },
      { date: '2025-03-20', score: 3.5 },
    ],
    relapses: [
      { onset: '2024-09-01', disabling: true, recovery: 'partial' },
      { onset: '2025-02-10', disabling: true, recovery: 'partial' },
    ],
    mri: [{ date: '2025-03-01', region: 'brain', gadoliniumEnhancingLesions: 2, newOrEnlargingT2Lesions: 3 }],
    therapies: [{ drug: 'fingolimod', start: '2022-01-10', end: '2024-12-01', stopReason: 'inefficacy' }],
    ...overrides,
  } as History;
}
