import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CourseResult } from '../course/types.js';
import type { History } from '../history/schema.js';
import { assess } from './index.js';
import type { Assessment } from './schema.js';
import { AS_OF, baseCourse, baseHistory, edss, finding } from './fixtures.js';
import { normaliseDiplotype } from './rules.js';

// The siponimod baseline: active SPMS (a relapse and a Gd+ scan within the year) inside EXPAND (age 46,
// EDSS 5.0), genotyped *1/*1, VZV immune, recent blood count and liver tests: an offer under both labels.
function sipoHistory(overrides: Partial<History> = {}): History {
  return baseHistory({
    birthDate: '1980-01-15',
    msOnset: '2009-04-01',
    msDiagnosis: '2010-01-20',
    course: { phenotype: 'SPMS', since: '2025-06' },
    edss: [
      { date: '2025-03-01', score: 4.0 },
      { date: '2026-09-01', score: 5.0 },
    ],
    therapies: [{ drug: 'interferon-beta', start: '2010-03-01', end: '2016-05-01', stopReason: 'inefficacy' }],
    labs: [
      { date: '2026-10-15', test: 'cyp2c9', value: '*1/*1' },
      { date: '2026-10-15', test: 'vzv-igg', value: 'positive' },
      { date: '2026-10-15', test: 'lymphocytes', value: 1.8, unit: '10^9/L' },
      { date: '2026-10-15', test: 'neutrophils', value: 3.2, unit: '10^9/L' },
      { date: '2026-10-15', test: 'platelets', value: 260, unit: '10^9/L' },
      { date: '2026-10-15', test: 'alt', value: 18, unit: 'U/L' },
      { date: '2026-10-15', test: 'bilirubin', value: 9, unit: 'umol/L' },
    ],
    ...overrides,
  });
}
const SPMS_COURSE: Partial<CourseResult> = {
  disabilityEdss: edss(5.0, '2026-09-01'),
  phenotype: { recorded: 'SPMS', objective: 'SPMS', disagreement: false, detail: 'fixture: recorded SPMS' },
};

function run(h: Partial<History> = {}, c: Partial<CourseResult> = {}, label: 'eu' | 'us' = 'eu'): Assessment {
  return assess(sipoHistory(h), { drug: 'siponimod', asOf: AS_OF, label, course: baseCourse({ ...SPMS_COURSE, ...c }) });
}
const reason = (a: Assessment, code: string) => a.reasons.find((r) => r.code === `siponimod.${code}`);
const withGenotype = (value: string): Partial<History> => ({
  labs: sipoHistory().labs!.map((l) => (l.test === 'cyp2c9' ? { ...l, value } : l)),
});

describe('siponimod: the baseline patient', () => {
  it('active SPMS inside EXPAND, genotyped *1/*1, is an offer under both labels with every check done but the examinations', () => {
    for (const label of ['eu', 'us'] as const) {
      const a = run({}, {}, label);
      expect(a.verdict, label).toBe('offer');
      expect(a.evidenceBase.map((e) => [e.study, e.fit])).toEqual([['EXPAND', 'inside']]);
      expect(reason(a, 'inside-evidence')?.effect).toBe('for');
    }
    const checks = Object.fromEntries(run().checks.map((c) => [c.id, c.status]));
    expect(checks).toEqual({
      'cyp2c9-genotype': 'done',
      'vzv-immunity': 'done',
      'baseline-blood-count': 'done',
      'baseline-liver': 'done',
      'baseline-ecg': 'outstanding',
      'fundus-examination': 'outstanding',
      'pregnancy-test': 'done',
    });
  });
});

describe('siponimod CYP2C9 genotype (a genotype in a set)', () => {
  it('*3/*3 is a contraindication under both labels, and tips the scale', () => {
    for (const label of ['eu', 'us'] as const) {
      const a = run(withGenotype('*3/*3'), {}, label);
      expect(a.verdict).toBe('contraindicated');
      expect(a.tipping.map((t) => t.code)).toEqual(['siponimod.contraindication.cyp2c9-3-3']);
    }
  });
  it('*1/*3 and *2/*3 (in either order) take the 1 mg maintenance dose: a caution, not a contraindication', () => {
    for (const g of ['*1/*3', '*3/*1', '*2/*3', '*3/*2']) {
      const a = run(withGenotype(g));
      expect(a.verdict, g).toBe('offer-with-caution');
      expect(reason(a, 'reduced-dose')?.message).toContain('1 mg');
      expect(reason(a, 'contraindication.cyp2c9-3-3')).toBeUndefined();
    }
  });
  it('*1/*1, *1/*2 and *2/*2 take the standard dose: nothing fires', () => {
    for (const g of ['*1/*1', '*1/*2', '*2/*2']) expect(run(withGenotype(g)).verdict, g).toBe('offer');
  });
  it('no genotype recorded is a missing datum (insufficient data) and an outstanding check, never an offer', () => {
    const a = run({ labs: sipoHistory().labs!.filter((l) => l.test !== 'cyp2c9') });
    expect(a.verdict).toBe('insufficient-data');
    expect(a.missing.map((m) => m.field)).toContain('labs.cyp2c9');
    expect(a.checks.find((c) => c.id === 'cyp2c9-genotype')?.status).toBe('outstanding');
  });
  it('the diplotype is read the same whatever the order of its alleles', () => {
    fc.assert(
      fc.property(fc.constantFrom('*1', '*2', '*3', '*5', '*11'), fc.constantFrom('*1', '*2', '*3', '*5', '*11'), (x, y) => {
        expect(normaliseDiplotype(`${x}/${y}`)).toBe(normaliseDiplotype(`${y}/${x}`));
        expect(run(withGenotype(`${x}/${y}`)).verdict).toBe(run(withGenotype(`${y}/${x}`)).verdict);
      }),
      { numRuns: 25 },
    );
  });
});

describe('siponimod.recent-cardiovascular-event: within the previous 6 months', () => {
  // The window runs from the day after 2026-05-01 to 2026-11-01 inclusive.
  it('a myocardial infarction on the first day of the window is a contraindication; the day before is not', () => {
    const at = run({ conditions: [{ code: 'myocardial-infarction', status: 'resolved', onset: '2026-05-02' }] });
    expect(at.verdict).toBe('contraindicated');
    expect(reason(at, 'recent-cardiovascular-event')?.effect).toBe('contraindication');
    const before = run({ conditions: [{ code: 'myocardial-infarction', status: 'resolved', onset: '2026-05-01' }] });
    expect(reason(before, 'recent-cardiovascular-event')).toBeUndefined();
    // An older infarction still asks for first-dose monitoring.
    expect(before.verdict).toBe('offer-with-caution');
    expect(reason(before, 'cardiac-history')?.effect).toBe('caution');
  });
  for (const code of ['unstable-angina', 'stroke', 'transient-ischaemic-attack', 'heart-failure'] as const) {
    it(`${code} in the window is a contraindication under both labels`, () => {
      for (const label of ['eu', 'us'] as const)
        expect(run({ conditions: [{ code, status: 'active', onset: '2026-09' }] }, {}, label).verdict).toBe('contraindicated');
    });
  }
  it('a partial onset straddling the start of the window, or no onset, cannot be judged: insufficient data, not an offer', () => {
    const straddle = run({ conditions: [{ code: 'stroke', status: 'resolved', onset: '2026-05' }] });
    expect(straddle.verdict).toBe('insufficient-data');
    expect(straddle.missing.map((m) => m.field)).toContain('conditions[].onset');
    expect(run({ conditions: [{ code: 'stroke', status: 'resolved' }] }).verdict).toBe('insufficient-data');
    expect(run({ conditions: [{ code: 'stroke', status: 'resolved', onset: '2026-04' }] }).verdict).toBe('offer-with-caution');
  });
});

describe('siponimod contraindications and warnings from the conditions', () => {
  it('a conduction disorder (Mobitz II, third-degree block, sick sinus) is a contraindication; resolved, it is not', () => {
    expect(run({ conditions: [{ code: 'cardiac-conduction-disorder', status: 'active' }] }).verdict).toBe('contraindicated');
    expect(run({ conditions: [{ code: 'cardiac-conduction-disorder', status: 'resolved' }] }).verdict).toBe('offer');
  });
  it('active macular oedema advises against starting until it resolves', () => {
    const a = run({ conditions: [{ code: 'macular-oedema', status: 'active' }] });
    expect(a.verdict).toBe('advise-against');
    expect(a.tipping.map((t) => t.code)).toEqual(['siponimod.macular-oedema']);
    expect(run({ conditions: [{ code: 'macular-oedema', status: 'resolved' }] }).verdict).toBe('offer');
  });
  it('immunodeficiency, a history of PML and an active malignancy are EU contraindications and US cautions', () => {
    for (const c of [
      { code: 'immunodeficiency', status: 'active' },
      { code: 'pml', status: 'resolved' },
      { code: 'malignancy', status: 'active' },
    ] as const) {
      expect(run({ conditions: [c] }, {}, 'eu').verdict, c.code).toBe('contraindicated');
      expect(run({ conditions: [c] }, {}, 'us').verdict, c.code).toBe('offer-with-caution');
    }
  });
  it('pregnancy is an EU contraindication and advised against under the US label; planning one asks for caution', () => {
    const pregnant = { pregnancy: { pregnant: true, breastfeeding: false } };
    expect(run(pregnant, {}, 'eu').verdict).toBe('contraindicated');
    expect(run(pregnant, {}, 'us').verdict).toBe('advise-against');
    expect(run({ pregnancy: { pregnant: false, breastfeeding: false, planningWithinMonths: 12 } }).verdict).toBe('offer-with-caution');
    expect(run({ pregnancy: { pregnant: false, breastfeeding: false, planningWithinMonths: 13 } }).verdict).toBe('offer');
  });
  it('a VZV-negative patient is vaccinated first: a failed check and a caution', () => {
    const a = run({ labs: sipoHistory().labs!.map((l) => (l.test === 'vzv-igg' ? { ...l, value: 'negative' as const } : l)) });
    expect(a.verdict).toBe('offer-with-caution');
    expect(a.checks.find((c) => c.id === 'vzv-immunity')?.status).toBe('failed');
  });
});

describe('siponimod.outside-license: EU active SPMS; US relapsing forms and active SPMS', () => {
  const inactive: Partial<CourseResult> = { activity: finding('unmet', 'fixture: no relapse, no active MRI in 12 months') };
  it('SPMS without relapses or MRI activity is outside the EU indication (and the US one): advise against', () => {
    for (const label of ['eu', 'us'] as const) {
      const a = run(
        { relapses: [], mri: [{ date: '2026-05-01', region: 'brain', gadoliniumEnhancingLesions: 0, newOrEnlargingT2Lesions: 0 }] },
        inactive,
        label,
      );
      expect(a.verdict, label).toBe('advise-against');
      expect(a.tipping.map((t) => t.code)).toEqual(['siponimod.outside-license']);
      expect(reason(a, 'outside-license')?.message).toContain(`${label.toUpperCase()} label`);
    }
  });
  it('activity that cannot be judged leaves the indication unknown: insufficient data', () => {
    expect(run({}, { activity: finding('unknown', 'fixture: no MRI in 12 months') }).verdict).toBe('insufficient-data');
  });
  it('RRMS is outside the EU indication but inside the US one; CIS likewise; PPMS is outside both', () => {
    const rrms: Partial<CourseResult> = { phenotype: { recorded: 'RRMS', objective: 'not-SPMS', disagreement: false, detail: 'fixture' } };
    expect(reason(run({ course: { phenotype: 'RRMS' } }, rrms, 'eu'), 'outside-license')?.effect).toBe('against');
    expect(reason(run({ course: { phenotype: 'RRMS' } }, rrms, 'us'), 'outside-license')).toBeUndefined();
    expect(reason(run({ course: { phenotype: 'CIS' } }, rrms, 'us'), 'outside-license')).toBeUndefined();
    for (const label of ['eu', 'us'] as const) expect(reason(run({ course: { phenotype: 'PPMS' } }, {}, label), 'outside-license')?.effect).toBe('against');
  });
  it('a minor is outside the label', () => {
    expect(reason(run({ birthDate: '2010-01-01' }), 'outside-license')?.message).toContain('adults');
  });
});

describe('siponimod against the EXPAND box (age 18-60, SPMS, EDSS 3.0-6.5)', () => {
  it('EDSS 6.5 is inside, 7.0 outside; 3.0 inside, 2.5 outside', () => {
    const boxFit = (score: number) => run({}, { disabilityEdss: edss(score, '2026-09-01') }).evidenceBase[0]!.fit;
    expect([boxFit(6.5), boxFit(7.0), boxFit(3.0), boxFit(2.5)]).toEqual(['inside', 'outside', 'inside', 'outside']);
    expect(reason(run({}, { disabilityEdss: edss(7.0, '2026-09-01') }), 'outside-evidence')?.effect).toBe('caution');
  });
  it('age 60 is inside, 61 outside (birthdays on either side of the assessment date)', () => {
    const boxFit = (birthDate: string) => run({ birthDate }).evidenceBase[0]!.fit;
    expect(boxFit('1966-11-01')).toBe('inside');
    expect(boxFit('1965-11-01')).toBe('outside');
    expect(boxFit('1965-11-02')).toBe('inside');
  });
});

describe('siponimod.blood-pressure-raised: siponimod raises blood pressure; a recent raised reading is shown', () => {
  const labs = (s: number, dia: number, date = '2026-10-15') => ({
    labs: [
      ...sipoHistory().labs!,
      { date, test: 'systolic-bp' as const, value: s, unit: 'mm[Hg]' },
      { date, test: 'diastolic-bp' as const, value: dia, unit: 'mm[Hg]' },
    ],
  });
  it('139/89 is silent; 140.4/89 is a caution with the reading (not rounded onto its bound), its date and grade, under both labels; 139.6/90 is not written as 140', () => {
    expect(reason(run(labs(139.6, 90)), 'blood-pressure-raised')?.message).toContain('139.6/90 mm[Hg]');
    expect(reason(run(labs(139, 89)), 'blood-pressure-raised')).toBeUndefined();
    expect(run(labs(139, 89)).verdict).toBe('offer');
    for (const label of ['eu', 'us'] as const) {
      const a = run(labs(140.4, 89), {}, label);
      expect(reason(a, 'blood-pressure-raised')?.message).toContain('140.4/89 mm[Hg] on 2026-10-15: grade 1 hypertension range');
      expect(a.verdict).toBe('offer-with-caution');
    }
  });
});
