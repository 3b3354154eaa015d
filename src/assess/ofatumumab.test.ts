import { describe, expect, it } from 'vitest';
import type { History } from '../history/schema.js';
import type { CourseResult } from '../course/types.js';
import { assess } from './index.js';
import type { Assessment } from './schema.js';
import { AS_OF, baseCourse, baseHistory, edss, finding } from './fixtures.js';

// Ofatumumab: the fixtures' early, active RRMS is inside ASCLEPIOS I and II; each test changes the
// datum its rule reads. The anti-CD20 rules it shares with ocrelizumab are its own rule codes.

type Label = 'eu' | 'us';
function run(h: Partial<History> = {}, c: Partial<CourseResult> = {}, label: Label = 'eu'): Assessment {
  return assess(baseHistory(h), { drug: 'ofatumumab', asOf: AS_OF, label, course: baseCourse(c) });
}
const reason = (a: Assessment, code: string) => a.reasons.find((r) => r.code === `ofatumumab.${code}`);
const asclepios = (a: Assessment) => a.evidenceBase.find((e) => e.study === 'ASCLEPIOS I and II')!;

describe('ofatumumab: the baseline patient', () => {
  it('early active RRMS is an offer inside ASCLEPIOS I and II', () => {
    const a = run();
    expect(a.verdict).toBe('offer');
    expect(asclepios(a).fit).toBe('inside');
  });
});

describe('ASCLEPIOS: the box criterion by criterion', () => {
  it('EDSS 5.5 is inside; 6.0 is outside, and beyond the trials (caution)', () => {
    expect(asclepios(run({}, { disabilityEdss: edss(5.5) })).fit).toBe('inside');
    const a = run({}, { disabilityEdss: edss(6.0) });
    expect(asclepios(a).fit).toBe('outside');
    expect(reason(a, 'disability-beyond-evidence')?.effect).toBe('caution');
    expect(a.verdict).toBe('offer-with-caution');
  });
  it('more than 10 years from onset at EDSS 2.0 or less was excluded; exactly 10 years, or EDSS 2.5, is inside', () => {
    expect(asclepios(run({ msOnset: '2016-10-31', msDiagnosis: '2017-01-01' }, { disabilityEdss: edss(2.0) })).fit).toBe('outside');
    expect(asclepios(run({ msOnset: '2016-11-01', msDiagnosis: '2017-01-01' }, { disabilityEdss: edss(2.0) })).fit).toBe('inside');
    expect(asclepios(run({ msOnset: '2016-10-31', msDiagnosis: '2017-01-01' }, { disabilityEdss: edss(2.5) })).fit).toBe('inside');
  });
  it('a Gd+ lesion in the last year is activity enough without a relapse in it', () => {
    const a = run({ relapses: [{ onset: '2024-01-10', disabling: true, recovery: 'complete' }] });
    expect(asclepios(a).fit).toBe('inside');
  });
  it('age 55 is inside the box and the trials; 56 is not', () => {
    expect(asclepios(run({ birthDate: '1971-11-01' })).fit).toBe('inside');
    const older = run({ birthDate: '1970-11-01' });
    expect(asclepios(older).fit).toBe('outside');
    expect(reason(older, 'age-beyond-evidence')?.effect).toBe('caution');
  });
});

describe('ofatumumab.outside-license: relapsing forms only', () => {
  it('PPMS is outside both labels', () => {
    const ppms: Partial<History> = { course: { phenotype: 'PPMS' } };
    const recorded = { phenotype: { recorded: 'PPMS', objective: 'not-SPMS', disagreement: false, detail: 'fixture' } } as const;
    for (const label of ['eu', 'us'] as const) expect(reason(run(ppms, recorded, label), 'outside-license')?.effect).toBe('against');
  });
  it('EU needs active disease; the US label takes relapsing-remitting MS and CIS without it', () => {
    const quiet: Partial<CourseResult> = { activity: finding('unmet') };
    expect(run({}, quiet).verdict).toBe('advise-against');
    expect(reason(run({}, quiet, 'us'), 'outside-license')).toBeUndefined();
    expect(reason(run({ course: { phenotype: 'CIS' } }, quiet, 'us'), 'outside-license')).toBeUndefined();
  });
});

describe('ofatumumab: contraindications', () => {
  it('a positive HBsAg is active hepatitis B: contraindicated', () => {
    expect(run({ labs: [{ date: '2026-10-01', test: 'hbsag', value: 'positive' }] }).verdict).toBe('contraindicated');
  });
  it('a severe active infection is an EU contraindication until resolved', () => {
    expect(run({ conditions: [{ code: 'active-infection', status: 'active' }] }).verdict).toBe('contraindicated');
    expect(run({ conditions: [{ code: 'active-infection', status: 'resolved' }] }).verdict).toBe('offer');
  });
});
