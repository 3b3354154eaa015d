import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDay, wholeYearsBetween } from '../history/dates.js';
import type { History } from '../history/schema.js';
import type { CourseResult } from '../course/types.js';
import type { ConditionId } from '../history/vocabularies.js';
import { assess } from './index.js';
import type { Assessment } from './schema.js';
import { AS_OF, baseCourse, baseHistory, d, edss, finding } from './fixtures.js';

function run(h: Partial<History> = {}, c: Partial<CourseResult> = {}, opts: { asOf?: number; label?: 'eu' | 'us' } = {}): Assessment {
  const asOf = opts.asOf ?? AS_OF;
  return assess(baseHistory(h), { drug: 'alemtuzumab', asOf, course: baseCourse({ asOf: formatDay(asOf), ...c }), label: opts.label ?? 'eu' });
}
const reason = (a: Assessment, code: string) => a.reasons.find((r) => r.code === `alemtuzumab.${code}`);
const codes = (a: Assessment) => a.reasons.map((r) => r.code);

describe('alemtuzumab: the baseline patient', () => {
  it('early active RRMS inside CARE-MS II, highly active on interferon, is an offer with reasons for it', () => {
    const a = run();
    expect(a.verdict).toBe('offer');
    expect(codes(a)).toEqual(['alemtuzumab.active-disease', 'alemtuzumab.highly-active', 'alemtuzumab.inside-evidence']);
    expect(a.tipping).toEqual([]);
    expect(a.missing).toEqual([]);
  });
});

describe('alemtuzumab.duration-beyond-evidence: more than 10 years from symptom onset (CARE-MS II)', () => {
  it('exactly 10 years from a full onset date is inside', () => {
    const a = run({ msOnset: '2016-11-01', msDiagnosis: '2017-01-01' });
    expect(reason(a, 'duration-beyond-evidence')).toBeUndefined();
    expect(a.verdict).toBe('offer');
  });
  it('10 years and 1 day is outside: a caution naming the onset', () => {
    const a = run({ msOnset: '2016-10-31', msDiagnosis: '2017-01-01' });
    const r = reason(a, 'duration-beyond-evidence');
    expect(r?.effect).toBe('caution');
    expect(r?.message).toContain('2016-10-31');
    expect(r?.sources).toContain('care-ms-2');
    expect(a.verdict).toBe('offer-with-caution');
  });
  it('a partial onset year straddling the 10-year mark is unknown: an uncertain caution asking for the onset', () => {
    const a = run({ msOnset: '2016', msDiagnosis: '2017-03-01' });
    const r = reason(a, 'duration-beyond-evidence');
    expect(r?.effect).toBe('caution');
    expect(r?.message).toMatch(/^Uncertain/);
    expect(a.missing).toContainEqual(expect.objectContaining({ field: 'msOnset', effect: 'caution' }));
    expect(a.verdict).toBe('offer-with-caution');
  });
  it('onset is bounded by the diagnosis: onset "2016" with a diagnosis on 2016-06-01 is more than 10 years', () => {
    const a = run({ msOnset: '2016', msDiagnosis: '2016-06-01' });
    expect(reason(a, 'duration-beyond-evidence')?.message).not.toMatch(/^Uncertain/);
    expect(reason(a, 'duration-beyond-evidence')?.effect).toBe('caution');
  });
  it('without an onset, a diagnosis more than 10 years ago still proves more than 10 years', () => {
    const h = baseHistory({ msDiagnosis: '2014-01-01' });
    delete h.msOnset;
    const a = assess(h, { drug: 'alemtuzumab', asOf: AS_OF, course: baseCourse() });
    expect(reason(a, 'duration-beyond-evidence')?.effect).toBe('caution');
    expect(reason(a, 'duration-beyond-evidence')?.message).toContain('2014-01-01');
  });
});

describe('alemtuzumab.disability-beyond-evidence: EDSS above 5.0 (CARE-MS II ceiling)', () => {
  it('EDSS 5.0 is inside', () => {
    expect(reason(run({}, { disabilityEdss: edss(5.0) }), 'disability-beyond-evidence')).toBeUndefined();
  });
  it('EDSS 5.5 is outside: a caution naming the score, its date and the ceiling', () => {
    const r = reason(run({}, { disabilityEdss: edss(5.5, '2026-07-01') }), 'disability-beyond-evidence');
    expect(r?.effect).toBe('caution');
    expect(r?.message).toBe('EDSS 5.5 on 2026-07-01; the CARE-MS II ceiling was 5.0.');
  });
  it('no EDSS within 12 months gives insufficient-data (a recent EDSS is needed to decide)', () => {
    const a = run({}, { disabilityEdss: edss(2.0, '2025-06-01', false) });
    expect(a.verdict).toBe('insufficient-data');
    expect(a.missing).toContainEqual(expect.objectContaining({ field: 'edss', effect: 'insufficient-data' }));
    expect(a.missing.find((m) => m.field === 'edss')?.why).toContain('2025-06-01');
  });
});

describe('alemtuzumab.advanced-disease: both beyond the evidence', () => {
  it('more than 10 years and EDSS 5.5 together are "against", and that is what tipped the scale', () => {
    const a = run({ msOnset: '2012-03-01', msDiagnosis: '2013-01-01' }, { disabilityEdss: edss(5.5) });
    expect(reason(a, 'advanced-disease')?.effect).toBe('against');
    expect(a.verdict).toBe('advise-against');
    expect(a.tipping.map((t) => t.code)).toEqual(['alemtuzumab.advanced-disease']);
  });
  it('EDSS 5.0 with a long duration is only a caution', () => {
    const a = run({ msOnset: '2012-03-01', msDiagnosis: '2013-01-01' }, { disabilityEdss: edss(5.0) });
    expect(reason(a, 'advanced-disease')).toBeUndefined();
    expect(a.verdict).toBe('offer-with-caution');
  });
  it('EDSS 6.0 with an onset year straddling 10 years could be advanced: insufficient-data asking for the onset', () => {
    const a = run({ msOnset: '2016', msDiagnosis: '2017-03-01' }, { disabilityEdss: edss(6.0) });
    expect(a.verdict).toBe('insufficient-data');
    expect(a.missing).toContainEqual(expect.objectContaining({ field: 'msOnset', effect: 'insufficient-data' }));
    expect(a.tipping.map((t) => t.code)).toContain('alemtuzumab.advanced-disease');
  });
});

describe('alemtuzumab.age-beyond-evidence: over 55 (CARE-MS II upper age)', () => {
  it('age 55 (the day before the 56th birthday) is inside', () => {
    const a = run({ birthDate: '1970-11-02' });
    expect(reason(a, 'age-beyond-evidence')).toBeUndefined();
  });
  it('age 56 (on the 56th birthday) is a caution', () => {
    const a = run({ birthDate: '1970-11-01' });
    expect(reason(a, 'age-beyond-evidence')?.effect).toBe('caution');
    expect(reason(a, 'age-beyond-evidence')?.message).toContain('Age 56 (born 1970-11-01)');
  });
  it('a birth year that straddles 56 is an uncertain caution', () => {
    const a = run({ birthDate: '1970' });
    expect(reason(a, 'age-beyond-evidence')?.message).toMatch(/^Uncertain/);
    expect(a.verdict).toBe('offer-with-caution');
  });
});

describe('alemtuzumab.outside-license', () => {
  it('EU: neither highly active despite treatment nor rapidly evolving severe is against', () => {
    const a = run({}, { highlyActiveDespiteTreatment: finding('unmet'), rapidlyEvolvingSevere: finding('unmet') });
    expect(reason(a, 'outside-license')?.effect).toBe('against');
    expect(a.verdict).toBe('advise-against');
  });
  it('EU: rapidly evolving severe disease alone is within the license', () => {
    const a = run({}, { highlyActiveDespiteTreatment: finding('unmet'), rapidlyEvolvingSevere: finding('met') });
    expect(reason(a, 'outside-license')).toBeUndefined();
  });
  it('EU: an indication that cannot be judged gives insufficient-data', () => {
    const a = run({}, { highlyActiveDespiteTreatment: finding('unknown'), rapidlyEvolvingSevere: finding('unmet') });
    expect(a.verdict).toBe('insufficient-data');
  });
  it('under 18 is outside the license (adults only); the 18th birthday is inside', () => {
    expect(
      reason(
        run({ birthDate: '2008-11-02', msOnset: '2024-01-01', msDiagnosis: '2024-02-01', therapies: [{ drug: 'interferon-beta', start: '2024-03-01' }] }),
        'outside-license',
      )?.message,
    ).toContain('adults');
    expect(
      reason(
        run({ birthDate: '2008-11-01', msOnset: '2024-01-01', msDiagnosis: '2024-02-01', therapies: [{ drug: 'interferon-beta', start: '2024-03-01' }] }),
        'outside-license',
      ),
    ).toBeUndefined();
  });
  it('US: one failed therapy is outside the US label (reserved for two or more)', () => {
    const a = run({}, {}, { label: 'us' });
    expect(reason(a, 'outside-license')?.message).toContain('US label');
    expect(a.verdict).toBe('advise-against');
  });
  it('US: two drugs stopped for inefficacy meet the US label', () => {
    const a = run(
      {
        therapies: [
          { drug: 'interferon-beta', start: '2020-08-01', end: '2022-01-01', stopReason: 'inefficacy' },
          { drug: 'fingolimod', start: '2022-02-01', end: '2026-05-01', stopReason: 'inefficacy' },
        ],
      },
      {},
      { label: 'us' },
    );
    expect(reason(a, 'outside-license')).toBeUndefined();
    expect(a.verdict).toBe('offer');
  });
  it('US: a drug ended without a reason may or may not count: insufficient-data asking for the stop reason', () => {
    const a = run(
      {
        therapies: [
          { drug: 'interferon-beta', start: '2020-08-01', end: '2022-01-01', stopReason: 'inefficacy' },
          { drug: 'fingolimod', start: '2022-02-01', end: '2026-05-01' },
        ],
      },
      { highlyActiveDespiteTreatment: finding('met') },
      { label: 'us' },
    );
    expect(a.verdict).toBe('insufficient-data');
    expect(a.missing.map((m) => m.field)).toContain('therapies[].stopReason');
  });
});

describe('alemtuzumab.progressive-course', () => {
  it('recorded SPMS is against, and the message names the recorded course', () => {
    const a = run({ course: { phenotype: 'SPMS', since: '2024-05' } });
    expect(reason(a, 'progressive-course')?.message).toContain('SPMS since 2024-05');
    expect(a.verdict).toBe('advise-against');
  });
  it('recorded PPMS is against', () => {
    expect(reason(run({ course: { phenotype: 'PPMS' } }), 'progressive-course')?.effect).toBe('against');
  });
  it('objective SPMS (Lorscheider 2016) is against even when RRMS is recorded', () => {
    const a = run({}, { objectiveSpms: { status: 'met', date: '2026-02-01', edss: 4.5, basis: [], detail: 'EDSS 3.5 to 4.5 confirmed' } });
    expect(reason(a, 'progressive-course')?.message).toContain('Objective SPMS');
    expect(reason(a, 'progressive-course')?.message).toContain('2026-02-01');
  });
  it('US label: SPMS is still against, and the message says the label allows it and the evidence does not', () => {
    const a = run(
      {
        course: { phenotype: 'SPMS' },
        therapies: [
          { drug: 'interferon-beta', start: '2020-08-01', end: '2022-01-01', stopReason: 'inefficacy' },
          { drug: 'fingolimod', start: '2022-02-01', end: '2026-05-01', stopReason: 'inefficacy' },
        ],
      },
      {},
      { label: 'us' },
    );
    expect(reason(a, 'progressive-course')?.effect).toBe('against');
    expect(reason(a, 'progressive-course')?.message).toContain('US label admits active SPMS');
  });
  it('no recorded course gives insufficient-data with the objective classification to confirm', () => {
    const h = baseHistory();
    delete h.course;
    const a = assess(h, {
      drug: 'alemtuzumab',
      asOf: AS_OF,
      course: baseCourse({ phenotype: { objective: 'not-SPMS', disagreement: false, detail: 'No course is recorded' } }),
    });
    expect(a.verdict).toBe('insufficient-data');
    expect(a.missing.find((m) => m.field === 'course')?.why).toContain('not SPMS by the objective definition');
  });
});

describe('alemtuzumab.inactive-disease', () => {
  it('no relapse and no MRI activity in 12 months is against', () => {
    const a = run({}, { activity: finding('unmet', 'no relapse since 2025-11-02; 1 quiet MRI') });
    expect(reason(a, 'inactive-disease')?.message).toContain('no relapse since 2025-11-02');
    expect(a.verdict).toBe('advise-against');
  });
  it('activity that cannot be judged gives insufficient-data, asking for a scan within 12 months', () => {
    const a = run(
      { mri: [{ date: '2025-10-01', region: 'brain', gadoliniumEnhancingLesions: 0, newOrEnlargingT2Lesions: 0 }] },
      { activity: finding('unknown') },
    );
    expect(a.verdict).toBe('insufficient-data');
    expect(a.missing.find((m) => m.field === 'mri')?.why).toContain('no MRI since 2025-11-02');
    expect(a.missing.map((m) => m.field)).not.toContain('relapses');
  });
});

describe('alemtuzumab.pregnancy', () => {
  it('pregnant is against', () => expect(reason(run({ pregnancy: { pregnant: true } }), 'pregnancy')?.effect).toBe('against'));
  it('breastfeeding is against', () => expect(reason(run({ pregnancy: { breastfeeding: true } }), 'pregnancy')?.effect).toBe('against'));
  it('planning within 4 months is a caution; within 5 months is not', () => {
    expect(reason(run({ pregnancy: { planningWithinMonths: 4 } }), 'pregnancy')?.effect).toBe('caution');
    expect(reason(run({ pregnancy: { planningWithinMonths: 5 } }), 'pregnancy')).toBeUndefined();
  });
});

describe('alemtuzumab.contraindication.*: the label contraindications', () => {
  const historyOf: ConditionId[] = ['hiv', 'cervicocephalic-arterial-dissection', 'stroke', 'angina', 'myocardial-infarction'];
  const current: ConditionId[] = [
    'active-infection',
    'uncontrolled-hypertension',
    'coagulopathy',
    'anticoagulant-or-antiplatelet-therapy',
    'autoimmune-disease',
  ];
  for (const code of historyOf) {
    it(`${code} counts whatever its status (resolved included)`, () => {
      const a = run({ conditions: [{ code, status: 'resolved', onset: '2015' }] });
      expect(reason(a, `contraindication.${code}`)?.effect).toBe('contraindication');
      expect(reason(a, `contraindication.${code}`)?.message).toContain('resolved, since 2015');
      expect(a.verdict).toBe('contraindicated');
    });
  }
  it('an active HIV infection fails the HIV screen as well', () => {
    expect(run({ conditions: [{ code: 'hiv', status: 'active' }] }).checks.find((c) => c.id === 'hiv-screen')?.status).toBe('failed');
  });
  for (const code of current) {
    it(`${code} counts while active and not once resolved`, () => {
      expect(run({ conditions: [{ code, status: 'active' }] }).verdict).toBe('contraindicated');
      expect(reason(run({ conditions: [{ code, status: 'resolved' }] }), `contraindication.${code}`)).toBeUndefined();
    });
  }
  it('a positive HIV test is HIV', () => {
    const a = run({ labs: [{ date: '2026-10-01', test: 'hiv-test', value: 'positive' }] });
    expect(reason(a, 'contraindication.hiv')?.message).toContain('positive hiv-test on 2026-10-01');
    expect(a.checks.find((c) => c.id === 'hiv-screen')?.status).toBe('failed');
  });
  it('US label: stroke is a warning there, not a contraindication: its code and message do not say so, and it is still against', () => {
    const a = run(
      {
        conditions: [{ code: 'stroke', status: 'resolved' }],
        therapies: [
          { drug: 'interferon-beta', start: '2020-08-01', end: '2022-01-01', stopReason: 'inefficacy' },
          { drug: 'fingolimod', start: '2022-02-01', end: '2026-05-01', stopReason: 'inefficacy' },
        ],
      },
      {},
      { label: 'us' },
    );
    expect(reason(a, 'contraindication.stroke')).toBeUndefined();
    expect(reason(a, 'warning.stroke')?.effect).toBe('against');
    for (const r of a.reasons) if (r.effect !== 'contraindication') expect(`${r.code} ${r.message}`).not.toMatch(/contraindicat/i);
    expect(a.verdict).toBe('advise-against');
    expect(a.weights.risks.find((r) => r.id === 'infusion-events')?.patientFactors).toHaveLength(1);
    expect(reason(run({ conditions: [{ code: 'stroke', status: 'resolved' }] }), 'contraindication.stroke')?.effect).toBe('contraindication');
  });
  it('a contraindication outranks an against: the verdict is contraindicated and only the contraindication tips it', () => {
    const a = run({ course: { phenotype: 'SPMS' }, conditions: [{ code: 'hiv', status: 'active' }] });
    expect(a.verdict).toBe('contraindicated');
    expect(a.tipping.map((t) => t.code)).toEqual(['alemtuzumab.contraindication.hiv']);
    expect(a.reasons[0]?.effect).toBe('contraindication');
  });
  it('an absent condition list is not "none": insufficient-data', () => {
    const h = baseHistory();
    delete h.conditions;
    const a = assess(h, { drug: 'alemtuzumab', asOf: AS_OF, course: baseCourse() });
    expect(a.verdict).toBe('insufficient-data');
    expect(a.missing.map((m) => m.field)).toContain('conditions');
  });
});

describe('alemtuzumab pre-treatment checks', () => {
  it('a negative VZV antibody test is a failed check and a caution to vaccinate first', () => {
    const a = run({
      labs: [
        { date: '2026-10-01', test: 'hiv-test', value: 'negative' },
        { date: '2026-10-01', test: 'vzv-igg', value: 'negative' },
      ],
    });
    expect(a.checks.find((c) => c.id === 'vzv-immunity')?.status).toBe('failed');
    expect(reason(a, 'check.vzv-immunity')?.message).toContain('6 weeks');
    expect(a.verdict).toBe('offer-with-caution');
  });
  it('outstanding checks do not change the verdict', () => {
    const a = run({ labs: [] });
    expect(a.checks.find((c) => c.id === 'hiv-screen')?.status).toBe('outstanding');
    expect(a.verdict).toBe('offer');
  });
  it('baseline bloods count as done only within 3 months', () => {
    const labs = (date: string): History['labs'] => [
      { date, test: 'platelets', value: 250, unit: '10^9/L' },
      { date, test: 'neutrophils', value: 3, unit: '10^9/L' },
      { date, test: 'lymphocytes', value: 1.5, unit: '10^9/L' },
    ];
    expect(run({ labs: labs('2026-08-02') }).checks.find((c) => c.id === 'baseline-blood-count')?.status).toBe('done');
    expect(run({ labs: labs('2026-08-01') }).checks.find((c) => c.id === 'baseline-blood-count')?.status).toBe('outstanding');
  });
  it('the skin examination is asked for under the US label only; cervical screening for women only', () => {
    expect(run({}, {}, { label: 'us' }).checks.map((c) => c.id)).toContain('skin-examination');
    expect(run().checks.map((c) => c.id)).not.toContain('skin-examination');
    expect(run({ sex: 'male' }).checks.map((c) => c.id)).not.toContain('cervical-screening');
  });
});

describe('alemtuzumab: inputs', () => {
  it('refuses a course computed for another date rather than mixing two assessment dates', () => {
    expect(() => assess(baseHistory(), { drug: 'alemtuzumab', asOf: d('2026-12-01'), course: baseCourse() })).toThrow(/as of 2026-11-01/);
  });
  it('a clinically isolated syndrome is outside the license', () => {
    expect(reason(run({ course: { phenotype: 'CIS' } }), 'outside-license')?.message).toContain('CIS');
  });
});

describe('alemtuzumab evidence base and weights', () => {
  it('lists CAMMS223, CARE-MS I and CARE-MS II criterion by criterion', () => {
    const a = run();
    expect(a.evidenceBase.map((e) => [e.study, e.fit])).toEqual([
      ['CAMMS223', 'outside'],
      ['CARE-MS I', 'outside'],
      ['CARE-MS II', 'inside'],
    ]);
    const onset = a.evidenceBase[2]!.criteria.find((c) => c.id === 'onset');
    expect(onset?.status).toBe('met');
  });
  it('weighs the CARE-MS II benefit as applying to a patient inside its box, Coles 2006 as not', () => {
    const a = run();
    expect(a.weights.benefits.find((b) => b.id === 'care-ms-2.relapses')?.applies).toBe('inside');
    expect(a.weights.benefits.find((b) => b.id === 'coles-2006.progressive')?.applies).toBe('outside');
    expect(a.weights.risks.find((r) => r.id === 'thyroid')?.frequency).toContain('30-40%');
    expect(a.weights.monitoring.months).toBeGreaterThanOrEqual(48);
    expect(a.weights.cost.configured).toBe(false);
  });
  it('uses the configured cost', () => {
    const a = assess(baseHistory(), { drug: 'alemtuzumab', asOf: AS_OF, course: baseCourse(), cost: { alemtuzumab: { amount: 60000, currency: 'EUR' } } });
    expect(a.weights.cost).toMatchObject({ configured: true, amount: 60000, currency: 'EUR' });
  });
  it('records the patient factors that raise a risk', () => {
    const a = run({ conditions: [{ code: 'uncontrolled-hypertension', status: 'active' }] });
    expect(a.weights.risks.find((r) => r.id === 'infusion-events')?.patientFactors).toHaveLength(1);
  });
  it('the assessment date is a parameter: the same history later can cross the 10-year mark', () => {
    const h = { msOnset: '2016-11-01', msDiagnosis: '2017-01-01' };
    expect(reason(run(h, {}, { asOf: d('2026-11-01') }), 'duration-beyond-evidence')).toBeUndefined();
    expect(reason(run(h, {}, { asOf: d('2026-11-02') }), 'duration-beyond-evidence')).toBeDefined();
  });
});

describe('alemtuzumab: the label-complete rules (2026-12 review)', () => {
  const withCondition = (code: ConditionId, status: 'active' | 'resolved' = 'active', label: 'eu' | 'us' = 'eu') =>
    run({ conditions: [{ code, status }] }, {}, { label });
  it('an active malignancy is against; a resolved one a caution (past malignancy)', () => {
    expect(reason(withCondition('malignancy'), 'malignancy')?.effect).toBe('against');
    expect(reason(withCondition('malignancy'), 'past-malignancy')).toBeUndefined();
    const past = withCondition('malignancy', 'resolved');
    expect(reason(past, 'malignancy')).toBeUndefined();
    expect(reason(past, 'past-malignancy')?.effect).toBe('caution');
    expect(past.verdict).toBe('offer-with-caution');
  });
  it('immunodeficiency, even resolved, is against', () => {
    expect(withCondition('immunodeficiency').verdict).toBe('advise-against');
    expect(reason(withCondition('immunodeficiency', 'resolved'), 'immunodeficiency')?.effect).toBe('against');
  });
  it('a history of PML or of another opportunistic infection is a caution', () => {
    expect(reason(withCondition('pml', 'resolved'), 'pml-history')?.effect).toBe('caution');
    expect(reason(withCondition('opportunistic-infection', 'resolved'), 'pml-history')?.effect).toBe('caution');
  });
  for (const code of ['itp', 'anti-gbm-disease', 'autoimmune-hepatitis', 'hlh'] as const) {
    it(`a resolved ${code} counts before a further course: against (not only while active)`, () => {
      const a = run({
        conditions: [{ code, status: 'resolved' }],
        therapies: [
          { drug: 'interferon-beta', start: '2020-08-01', end: '2023-01-01', stopReason: 'inefficacy' },
          { drug: 'alemtuzumab', start: '2023-02-01', end: '2024-02-03', doses: [] },
        ],
      });
      expect(reason(a, 'prior-autoimmunity')?.effect).toBe('against');
      expect(a.verdict).toBe('advise-against');
    });
  }
  it('an active ITP, anti-GBM disease or autoimmune hepatitis is also an EU autoimmune contraindication', () => {
    expect(reason(withCondition('itp'), 'contraindication.autoimmune-disease')?.effect).toBe('contraindication');
    expect(reason(withCondition('itp', 'active', 'us'), 'warning.autoimmune-disease')?.effect).toBe('against');
  });
});

describe('alemtuzumab: other and recent therapies (EU: a single disease-modifying therapy)', () => {
  it('natalizumab ended 6 months ago (to the day after the window start) is a caution with the washout; 7 months ago is not', () => {
    // The 6-month window as of 2026-11-01 starts on 2026-05-02.
    const ended = (end: string) =>
      run({
        therapies: [
          { drug: 'interferon-beta', start: '2020-08-01', end: '2024-01-01', stopReason: 'inefficacy' },
          { drug: 'natalizumab', start: '2024-02-01', end, stopReason: 'adverse-event' },
        ],
      });
    expect(reason(ended('2026-05-02'), 'recent-immunosuppressant')?.effect).toBe('caution');
    expect(reason(ended('2026-05-02'), 'recent-immunosuppressant')?.message).toContain('6-month washout');
    expect(reason(ended('2026-05-01'), 'recent-immunosuppressant')).toBeUndefined();
  });
  it('natalizumab stopped on a day not recorded: started inside the 6-month window it ended inside it (a caution); started before, whether it did is unknown: an uncertain caution and a missing entry naming it, never silence', () => {
    const stopped = (start: string) =>
      run({
        therapies: [
          { drug: 'interferon-beta', start: '2020-08-01', end: '2024-01-01', stopReason: 'inefficacy' },
          { drug: 'natalizumab', start, endUnknown: true },
        ],
      });
    const inside = stopped('2026-05-02');
    expect(reason(inside, 'recent-immunosuppressant')?.message).toContain('natalizumab from 2026-05-02, stopped on a day not recorded');
    expect(inside.missing.some((m) => m.field.startsWith('therapies['))).toBe(false);
    const before = stopped('2026-05-01');
    const r = reason(before, 'recent-immunosuppressant');
    expect(r?.effect).toBe('caution');
    expect(r?.message).toMatch(/^Uncertain: .*natalizumab from 2026-05-01, stopped on a day not recorded.*unknown/);
    expect(before.missing).toContainEqual(expect.objectContaining({ field: 'therapies[1].end', why: expect.stringContaining('natalizumab from 2026-05-01') }));
    expect(before.verdict).not.toBe('offer');
    // CARE-MS II excluded natalizumab within 6 months: the box cannot say inside.
    expect(before.evidenceBase.find((e) => e.study === 'CARE-MS II')?.fit).not.toBe('inside');
    // Exposure still counts: an azathioprine stopped on an unknown day, years ago, is still a prior therapy.
    const old = run({ therapies: [{ drug: 'mitoxantrone', start: '2012-01-01', endUnknown: true }] });
    expect(reason(old, 'prior-cytotoxic')?.effect).toBe('caution');
  });
  it('property: a therapy end made unknown never turns a verdict into a plain offer', () => {
    const RANK = { offer: 0, 'offer-with-caution': 1, 'insufficient-data': 2, 'advise-against': 3, contraindicated: 4 } as const;
    const drugs = ['natalizumab', 'azathioprine', 'methotrexate', 'mitoxantrone', 'cladribine', 'fingolimod'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...drugs), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 400 }), (drug, startAgo, lasted) => {
        const start = formatDay(AS_OF - startAgo);
        const end = formatDay(Math.min(AS_OF, AS_OF - startAgo + lasted));
        const base = [{ drug: 'interferon-beta' as const, start: '2020-08-01', end: '2024-01-01', stopReason: 'inefficacy' as const }];
        const known = run({ therapies: [...base, { drug, start, end }] });
        const unknownEnd = run({ therapies: [...base, { drug, start, endUnknown: true }] });
        if (known.verdict !== 'offer') expect(unknownEnd.verdict).not.toBe('offer');
        expect(RANK[unknownEnd.verdict as keyof typeof RANK]).toBeGreaterThanOrEqual(Math.min(RANK[known.verdict as keyof typeof RANK], 1));
      }),
      { numRuns: 80 },
    );
  });
  it('an ongoing azathioprine is a caution', () => {
    expect(reason(run({ therapies: [{ drug: 'azathioprine', start: '2025-01-01' }] }), 'recent-immunosuppressant')?.effect).toBe('caution');
  });
  it('any earlier cytotoxic therapy (mitoxantrone) is a caution: CARE-MS II excluded it', () => {
    expect(reason(run({ therapies: [{ drug: 'mitoxantrone', start: '2012-01-01', end: '2013-01-01', stopReason: 'other' }] }), 'prior-cytotoxic')?.effect).toBe(
      'caution',
    );
  });
  it('an ongoing other DMT is an outstanding check (stop it, with its washout), not a verdict change', () => {
    const a = run();
    expect(a.verdict).toBe('offer');
    const check = a.checks.find((c) => c.id === 'single-therapy');
    expect(check?.status).toBe('outstanding');
    expect(check?.detail).toContain('interferon-beta ongoing since 2020-08-01');
    expect(
      run({ therapies: [{ drug: 'interferon-beta', start: '2020-08-01', end: '2026-10-01', stopReason: 'inefficacy' }] }).checks.find(
        (c) => c.id === 'single-therapy',
      )?.status,
    ).toBe('done');
  });
});

describe('alemtuzumab.fifth-course: at most 4 courses under the EU label', () => {
  const course = (start: string, days: number) => Array.from({ length: days }, (_, i) => ({ date: formatDay(d(start) + i), amount: 12, unit: 'mg' as const }));
  const courses = (n: number) => [
    { drug: 'interferon-beta' as const, start: '2014-08-01', end: '2015-01-01', stopReason: 'inefficacy' as const },
    {
      drug: 'alemtuzumab' as const,
      start: '2015-03-01',
      doses: [...course('2015-03-01', 5), ...course('2016-03-01', 3), ...course('2018-03-01', 3), ...course('2020-03-01', 3)].slice(0, [5, 8, 11, 14][n - 1]),
    },
  ];
  it('three courses given: a fourth is allowed', () => expect(reason(run({ therapies: courses(3) }), 'fifth-course')).toBeUndefined());
  it('four courses given: a fifth is against under the EU label, not a rule under the US label', () => {
    const a = run({ therapies: courses(4) });
    expect(reason(a, 'fifth-course')?.message).toContain('4 alemtuzumab courses recorded');
    expect(reason(a, 'fifth-course')?.effect).toBe('against');
    expect(reason(run({ therapies: courses(4) }, {}, { label: 'us' }), 'fifth-course')).toBeUndefined();
  });
  it('an alemtuzumab entry without infusion dates leaves the count unknown', () => {
    const a = run({ therapies: [{ drug: 'alemtuzumab', start: '2015-03-01' }] });
    expect(a.missing).toContainEqual(expect.objectContaining({ field: 'therapies[].doses' }));
  });
});

describe('alemtuzumab.outside-license: the age limit is per label (EU adults 18 and over; US labelling counts under 17 as paediatric, PI 8.4)', () => {
  // Inside both labels but for age: highly active (the EU indication) after two drugs stopped for inefficacy (the US one).
  const young = (birthDate: string) => ({
    birthDate,
    msOnset: '2021-01-01',
    msDiagnosis: '2021-02-01',
    therapies: [
      { drug: 'interferon-beta' as const, start: '2021-03-01', end: '2022-06-01', stopReason: 'inefficacy' as const },
      { drug: 'fingolimod' as const, start: '2022-07-01', end: '2026-05-01', stopReason: 'inefficacy' as const },
    ],
  });
  const licence = (birthDate: string, label: 'eu' | 'us') => reason(run(young(birthDate), {}, { label }), 'outside-license');
  it('EU: 16 and 17 are outside (aged 18 or over); the 18th birthday is inside', () => {
    expect(licence('2009-11-02', 'eu')?.message).toBe('Age 16 (born 2009-11-02): the label is for adults (aged 18 or over).');
    expect(licence('2009-11-01', 'eu')?.message).toContain('aged 18 or over');
    expect(licence('2008-11-02', 'eu')?.message).toContain('Age 17');
    expect(licence('2008-11-02', 'eu')?.effect).toBe('against');
    expect(licence('2008-11-01', 'eu')).toBeUndefined();
  });
  it('US: 16 is outside (aged 17 or over); the 17th birthday and 18 are inside', () => {
    expect(licence('2009-11-02', 'us')?.message).toBe('Age 16 (born 2009-11-02): the label is for adults (aged 17 or over).');
    expect(licence('2009-11-02', 'us')?.effect).toBe('against');
    expect(licence('2009-11-01', 'us')).toBeUndefined();
    expect(licence('2008-11-02', 'us')).toBeUndefined();
    expect(licence('2008-11-01', 'us')).toBeUndefined();
    expect(run(young('2009-11-01'), {}, { label: 'us' }).verdict).toBe('offer');
  });
  it('a birth year that straddles the limit is unknown under that label only: born 2009 is 16 or 17 on 2026-11-01', () => {
    const us = run(young('2009'), {}, { label: 'us' });
    expect(reason(us, 'outside-license')).toBeUndefined();
    expect(us.missing).toContainEqual({
      field: 'birthDate',
      why: 'the label is for adults (aged 17 or over); record the birth date',
      effect: 'insufficient-data',
    });
    expect(us.verdict).toBe('insufficient-data');
    expect(licence('2009', 'eu')?.message).toContain('aged 18 or over');
    expect(run(young('2009'), {}, { label: 'eu' }).verdict).toBe('advise-against');
  });
  it('for any birth day, the age part fires exactly below 17 under the US label and below 18 under the EU label (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 15 * 366, max: 20 * 366 }), (daysOld) => {
        const born = AS_OF - daysOld;
        const text = formatDay(born);
        const age = wholeYearsBetween(born, AS_OF);
        for (const [label, min] of [
          ['eu', 18],
          ['us', 17],
        ] as const) {
          const r = licence(text, label);
          expect(r !== undefined, `${label} born ${text} (age ${age})`).toBe(age < min);
          if (r) expect(r.message).toContain(`aged ${min} or over`);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('alemtuzumab.outside-license: the licence respects the phenotype', () => {
  it('EU: PPMS or SPMS is outside the licensed indication, and is never called "within" it', () => {
    for (const phenotype of ['PPMS', 'SPMS'] as const) {
      const a = run({ course: { phenotype } });
      expect(reason(a, 'outside-license')?.message).toContain(`Recorded course ${phenotype}: the EU label is for RRMS`);
      expect(reason(a, 'highly-active')).toBeUndefined();
      expect(a.reasons.map((r) => r.message).join(' ')).not.toContain('Within the licensed indication');
    }
  });
  it('US: active SPMS is within the relapsing forms; PPMS is not', () => {
    const us = (phenotype: 'SPMS' | 'PPMS') =>
      run(
        {
          course: { phenotype },
          therapies: [
            { drug: 'interferon-beta', start: '2020-08-01', end: '2022-01-01', stopReason: 'inefficacy' },
            { drug: 'fingolimod', start: '2022-02-01', end: '2026-05-01', stopReason: 'inefficacy' },
          ],
        },
        {},
        { label: 'us' },
      );
    expect(reason(us('SPMS'), 'outside-license')).toBeUndefined();
    expect(reason(us('PPMS'), 'outside-license')?.message).toContain('the US label is for RRMS or SPMS');
  });
});

describe('alemtuzumab hepatitis B and C screening reads the serology', () => {
  const labs = (extra: NonNullable<History['labs']>) => run({ labs: [...baseHistory().labs!, ...extra] });
  it('no serology: outstanding, naming the tests', () => {
    expect(run().checks.find((c) => c.id === 'hepatitis-b-screen')?.detail).toContain('no hbsag result');
    expect(run().checks.find((c) => c.id === 'hepatitis-b-screen')?.detail).not.toContain('no result field');
  });
  it('HBsAg and anti-HBc negative: done; anti-HBc positive: failed, a caution to consult a hepatologist', () => {
    const neg = labs([
      { date: '2026-10-01', test: 'hbsag', value: 'negative' },
      { date: '2026-10-01', test: 'anti-hbc', value: 'negative' },
    ]);
    expect(neg.checks.find((c) => c.id === 'hepatitis-b-screen')?.status).toBe('done');
    const pos = labs([
      { date: '2026-10-01', test: 'hbsag', value: 'negative' },
      { date: '2026-10-01', test: 'anti-hbc', value: 'positive' },
    ]);
    expect(pos.checks.find((c) => c.id === 'hepatitis-b-screen')?.status).toBe('failed');
    expect(reason(pos, 'check.hepatitis-b-screen')?.effect).toBe('caution');
  });
  it('HCV antibody positive fails the hepatitis C screen; negative completes it', () => {
    expect(labs([{ date: '2026-10-01', test: 'hcv-antibody', value: 'positive' }]).checks.find((c) => c.id === 'hepatitis-c-screen')?.status).toBe('failed');
    expect(labs([{ date: '2026-10-01', test: 'hcv-antibody', value: 'negative' }]).checks.find((c) => c.id === 'hepatitis-c-screen')?.status).toBe('done');
  });
});

describe('alemtuzumab.blood-pressure-raised: a reading in a hypertensive range within 12 months (ESC/ESH 2018 grades)', () => {
  const bp = (date: string, systolic?: number, diastolic?: number): NonNullable<History['labs']> => [
    ...(systolic !== undefined ? [{ date, test: 'systolic-bp' as const, value: systolic, unit: 'mm[Hg]' }] : []),
    ...(diastolic !== undefined ? [{ date, test: 'diastolic-bp' as const, value: diastolic, unit: 'mm[Hg]' }] : []),
  ];
  const labs = (...readings: NonNullable<History['labs']>[]) => ({ labs: [...(baseHistory().labs ?? []), ...readings.flat()] });
  it('139/89 is below grade 1: no reason; 140/80 and 120/90 are each grade 1: a caution naming the reading and its date', () => {
    expect(reason(run(labs(bp('2026-10-01', 139, 89))), 'blood-pressure-raised')).toBeUndefined();
    for (const [s, dia] of [
      [140, 80],
      [120, 90],
    ] as const) {
      const a = run(labs(bp('2026-10-01', s, dia)));
      const r = reason(a, 'blood-pressure-raised');
      expect(r?.effect).toBe('caution');
      expect(r?.message).toContain(`${s}/${dia} mm[Hg] on 2026-10-01: grade 1 hypertension range`);
      expect(r?.sources).toContain('esc-esh-2018');
      expect(a.verdict).toBe('offer-with-caution');
    }
  });
  it('names the grade: 160/99 grade 2, 179/109 grade 2, 180/70 grade 3', () => {
    expect(reason(run(labs(bp('2026-10-01', 160, 99))), 'blood-pressure-raised')?.message).toContain('grade 2');
    expect(reason(run(labs(bp('2026-10-01', 179, 109))), 'blood-pressure-raised')?.message).toContain('grade 2');
    expect(reason(run(labs(bp('2026-10-01', 180, 70))), 'blood-pressure-raised')?.message).toContain('grade 3');
  });
  it('one later normal reading does not make a raised one controlled; a reading older than 12 months is not recent', () => {
    const r = reason(run(labs(bp('2026-03-01', 165, 100), bp('2026-10-01', 122, 78))), 'blood-pressure-raised');
    expect(r?.message).toContain('165/100 mm[Hg] on 2026-03-01');
    expect(r?.message).toContain('122/78 mm[Hg] on 2026-10-01');
    expect(reason(run(labs(bp('2025-11-01', 165, 100))), 'blood-pressure-raised')).toBeUndefined();
    expect(reason(run(labs(bp('2025-11-02', 165, 100))), 'blood-pressure-raised')?.effect).toBe('caution');
    // A systolic reading alone counts too.
    expect(reason(run(labs(bp('2026-10-01', 150))), 'blood-pressure-raised')?.message).toContain('systolic 150 mm[Hg]');
  });
  it('a normal reading never lifts a recorded uncontrolled hypertension (property: readings never make a verdict more permissive)', () => {
    const RANK = { offer: 0, 'offer-with-caution': 1, 'insufficient-data': 2, 'advise-against': 3, contraindicated: 4 } as const;
    const uncontrolled = { code: 'uncontrolled-hypertension' as const, status: 'active' as const };
    fc.assert(
      fc.property(fc.integer({ min: 80, max: 220 }), fc.integer({ min: 40, max: 130 }), fc.boolean(), (s, dia, recorded) => {
        const conditions = recorded ? [uncontrolled] : [];
        const without = run({ conditions });
        const withReading = run({ conditions, ...labs(bp('2026-10-01', s, dia)) });
        expect(RANK[withReading.verdict as keyof typeof RANK]).toBeGreaterThanOrEqual(RANK[without.verdict as keyof typeof RANK]);
        if (recorded) expect(withReading.verdict).toBe('contraindicated');
      }),
      { numRuns: 60 },
    );
  });
});
