import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CourseResult } from '../course/types.js';
import type { History } from '../history/schema.js';
import { KNOWLEDGE } from './knowledge.js';
import { assess } from './index.js';
import type { Assessment } from './schema.js';
import { AS_OF, baseCourse, baseHistory, edss, finding } from './fixtures.js';

// The aHSCT baseline: highly active RRMS relapsing twice in the year on natalizumab, EDSS 3.5, age 32,
// onset 5 years ago: inside MIST and the guidelines' profile, an offer under either label.
function hsctHistory(overrides: Partial<History> = {}): History {
  return baseHistory({
    birthDate: '1994-06-12',
    msOnset: '2021-03-01',
    msDiagnosis: '2021-09-20',
    relapses: [
      { onset: '2026-01-12', disabling: true, recovery: 'partial' },
      { onset: '2026-07-20', disabling: true, recovery: 'partial' },
    ],
    therapies: [
      { drug: 'interferon-beta', start: '2021-11-01', end: '2025-03-01', stopReason: 'inefficacy' },
      { drug: 'natalizumab', start: '2025-04-01' },
    ],
    edss: [{ date: '2026-09-15', score: 3.5 }],
    ...overrides,
  });
}
function run(h: Partial<History> = {}, c: Partial<CourseResult> = {}, label: 'eu' | 'us' = 'eu'): Assessment {
  return assess(hsctHistory(h), { drug: 'ahsct', asOf: AS_OF, label, course: baseCourse({ disabilityEdss: edss(3.5, '2026-09-15'), ...c }) });
}
const reason = (a: Assessment, code: string) => a.reasons.find((r) => r.code === `ahsct.${code}`);
const codes = (a: Assessment) => a.reasons.map((r) => r.code);

describe('aHSCT: the baseline patient', () => {
  it('highly active RRMS relapsing on natalizumab, inside MIST, is an offer', () => {
    const a = run();
    expect(a.verdict).toBe('offer');
    expect(a.evidenceBase.map((e) => [e.study, e.fit])).toEqual([['MIST', 'inside']]);
    expect(codes(a)).toEqual(['ahsct.active-disease', 'ahsct.highly-active', 'ahsct.inside-evidence']);
  });
});

describe('aHSCT has no product label: --label eu and --label us read the same guideline rules', () => {
  it('the indication rule admits the same courses with the same needs under both labels, and says why', () => {
    const rule = KNOWLEDGE.rules.ahsct.rules.find((r) => r.code === 'ahsct.outside-indication');
    expect(rule?.kind).toBe('phenotype-indication');
    if (rule?.kind !== 'phenotype-indication') return;
    expect(rule.byLabel.eu).toEqual(rule.byLabel.us);
    expect(rule.why).toMatch(/no product label/);
    expect(KNOWLEDGE.rules.ahsct.rules.every((r) => r.effectByLabel === undefined)).toBe(true);
  });
  it('every history gets the same verdict and reasons under both labels', () => {
    const variants: Partial<CourseResult>[] = [
      {},
      { activity: finding('unmet') },
      { highlyActiveDespiteTreatment: finding('unmet'), rapidlyEvolvingSevere: finding('unmet') },
      { disabilityEdss: edss(6.5, '2026-09-15') },
    ];
    fc.assert(
      fc.property(fc.constantFrom(...variants), fc.constantFrom('RRMS', 'SPMS', 'PPMS', 'CIS') as fc.Arbitrary<'RRMS'>, (c, phenotype) => {
        const eu = run({ course: { phenotype } }, c, 'eu');
        const us = run({ course: { phenotype } }, c, 'us');
        expect([us.verdict, codes(us)]).toEqual([eu.verdict, codes(eu)]);
      }),
      { numRuns: 30 },
    );
  });
});

describe('ahsct.advanced-disease: the same rule kinds and definitions as alemtuzumab advanced-disease', () => {
  const advanced = (h: Partial<History>, score: number) => run(h, { disabilityEdss: edss(score, '2026-09-15') });
  it('combines a duration and a disability rule of the same kinds as alemtuzumab', () => {
    const kinds = (drug: 'ahsct' | 'alemtuzumab') => {
      const rules = KNOWLEDGE.rules[drug].rules;
      const all = rules.find((r) => r.code === `${drug}.advanced-disease`);
      if (all?.kind !== 'all-of') throw new Error(`${drug}.advanced-disease is not all-of`);
      return [all.effect, ...all.allOf.map((code) => rules.find((r) => r.code === code)?.kind)];
    };
    expect(kinds('ahsct')).toEqual(kinds('alemtuzumab'));
    expect(kinds('ahsct')).toEqual(['against', 'onset-duration-above', 'edss-above']);
  });
  it('EDSS 6.0 more than 10 years from onset is advanced; EDSS 5.5 is not (guidelines: below 6.0)', () => {
    const long = { msOnset: '2010-01-01' };
    expect(reason(advanced(long, 6.0), 'advanced-disease')?.effect).toBe('against');
    expect(reason(advanced(long, 5.5), 'advanced-disease')).toBeUndefined();
    expect(reason(advanced(long, 5.5), 'duration-beyond-evidence')?.effect).toBe('caution');
  });
  it('the 10th anniversary of onset is inside; the day after is beyond (as for alemtuzumab)', () => {
    expect(reason(advanced({ msOnset: '2016-11-01', msDiagnosis: '2017-01-01' }, 6.5), 'advanced-disease')).toBeUndefined();
    expect(reason(advanced({ msOnset: '2016-10-31', msDiagnosis: '2017-01-01' }, 6.5), 'advanced-disease')?.effect).toBe('against');
  });
  it('an onset year straddling the mark leaves it possible: insufficient data, not an offer', () => {
    const a = advanced({ msOnset: '2016', msDiagnosis: '2017-01-01' }, 6.5);
    expect(a.verdict).toBe('insufficient-data');
    expect(a.missing.map((m) => m.field)).toContain('msOnset');
  });
});

describe('aHSCT at EDSS 6.5 after 20 years of progressive disease is advised against for the same reasons as alemtuzumab', () => {
  const spms: Partial<History> = {
    birthDate: '1974-02',
    msOnset: '2006',
    msDiagnosis: '2008-05-14',
    course: { phenotype: 'SPMS', since: '2022-09' },
    relapses: [{ onset: '2013-10-12', disabling: true, recovery: 'partial' }],
    mri: [{ date: '2026-05-02', region: 'brain', gadoliniumEnhancingLesions: 0, newOrEnlargingT2Lesions: 0 }],
  };
  const course: Partial<CourseResult> = {
    disabilityEdss: edss(6.5, '2026-05-20'),
    activity: finding('unmet', 'fixture: no relapse, no active MRI in 12 months'),
    highlyActiveDespiteTreatment: finding('unmet'),
  };
  it('advise-against, tipped by advanced disease, inactive disease and the guideline indication, under either label', () => {
    for (const label of ['eu', 'us'] as const) {
      const h = run(spms, course, label);
      const alem = assess(hsctHistory(spms), { drug: 'alemtuzumab', asOf: AS_OF, label, course: baseCourse(course) });
      expect(h.verdict).toBe('advise-against');
      expect(alem.verdict).toBe('advise-against');
      const reasonsOf = (a: Assessment, drug: string) => a.tipping.map((t) => t.code.replace(`${drug}.`, ''));
      expect(reasonsOf(h, 'ahsct')).toEqual(['advanced-disease', 'inactive-disease', 'outside-indication']);
      // The two reasons alemtuzumab gives for the same patient with the same kinds and definitions.
      for (const shared of ['advanced-disease', 'inactive-disease']) expect(reasonsOf(alem, 'alemtuzumab')).toContain(shared);
      expect(reason(h, 'progressive-course')?.effect).toBe('caution');
    }
  });
});

describe('ahsct.outside-indication (guidelines)', () => {
  it('RRMS that is not highly active despite treatment nor rapidly evolving severe is outside', () => {
    const a = run({}, { highlyActiveDespiteTreatment: finding('unmet'), rapidlyEvolvingSevere: finding('unmet') });
    expect(a.verdict).toBe('advise-against');
    expect(a.tipping.map((t) => t.code)).toEqual(['ahsct.outside-indication']);
  });
  it('rapidly evolving severe RRMS is inside even without a failed therapy', () => {
    expect(reason(run({}, { highlyActiveDespiteTreatment: finding('unmet'), rapidlyEvolvingSevere: finding('met') }), 'outside-indication')).toBeUndefined();
  });
  it('progressive MS with activity is inside the guidelines, with the progressive evidence a caution', () => {
    const a = run({ course: { phenotype: 'SPMS' } });
    expect(reason(a, 'outside-indication')).toBeUndefined();
    expect(reason(a, 'progressive-course')?.effect).toBe('caution');
  });
  it('a clinically isolated syndrome is out of scope for aHSCT under both labels', () => {
    for (const label of ['eu', 'us'] as const)
      expect(run({ course: { phenotype: 'CIS' }, msOnset: undefined, msDiagnosis: undefined }, {}, label).verdict).toBe('not-applicable');
  });
});

describe('aHSCT thresholds', () => {
  it('age 44 is inside the ideal profile, 45 is beyond it (under 45)', () => {
    expect(reason(run({ birthDate: '1981-11-02' }), 'age-beyond-evidence')).toBeUndefined();
    expect(reason(run({ birthDate: '1981-11-01' }), 'age-beyond-evidence')?.effect).toBe('caution');
  });
  it('MIST: EDSS 2.0 and 6.0 inside, 1.5 and 6.5 outside; one relapse in the year is outside', () => {
    const boxFit = (score: number, h: Partial<History> = {}) => run(h, { disabilityEdss: edss(score, '2026-09-15') }).evidenceBase[0]!.fit;
    expect([boxFit(2.0), boxFit(6.0), boxFit(1.5), boxFit(6.5)]).toEqual(['inside', 'inside', 'outside', 'outside']);
    expect(boxFit(3.5, { relapses: [{ onset: '2026-07-20', disabling: true, recovery: 'partial' }] })).toBe('outside');
  });
  it('prior mitoxantrone is outside MIST', () => {
    const therapies = [...hsctHistory().therapies!, { drug: 'mitoxantrone' as const, start: '2019-01-01', end: '2019-06-01', stopReason: 'other' as const }];
    expect(run({ therapies }).evidenceBase[0]!.criteria.find((c) => c.id === 'no-mitoxantrone')?.status).toBe('unmet');
  });
  it('an active infection advises against until resolved; organ disease asks for caution; pregnancy advises against', () => {
    expect(run({ conditions: [{ code: 'active-infection', status: 'active' }] }).verdict).toBe('advise-against');
    expect(run({ conditions: [{ code: 'renal-impairment', status: 'active' }] }).verdict).toBe('offer-with-caution');
    expect(run({ pregnancy: { pregnant: true, breastfeeding: false } }).verdict).toBe('advise-against');
    expect(run({ pregnancy: { pregnant: false, breastfeeding: false, planningWithinMonths: 6 } }).verdict).toBe('offer-with-caution');
  });
});

describe('ahsct.reduced-egfr: an eGFR below 60 mL/min/1.73m2 is a comorbidity for the transplant team to weigh', () => {
  const egfr = (value: number) => ({ labs: [{ date: '2026-10-01', test: 'egfr' as const, value, unit: 'mL/min/1.73m2' }] });
  it('60 is silent; 59 is a caution naming the value and date', () => {
    expect(reason(run(egfr(60)), 'reduced-egfr')).toBeUndefined();
    const a = run(egfr(59));
    expect(reason(a, 'reduced-egfr')?.message).toContain('eGFR 59 mL/min/1.73m2 on 2026-10-01');
    expect(a.verdict).toBe('offer-with-caution');
  });
});
