import { describe, expect, it } from 'vitest';
import type { Dose, History } from '../history/schema.js';
import type { CourseResult } from '../course/types.js';
import { assess } from './index.js';
import type { Assessment } from './schema.js';
import { AS_OF, baseCourse, baseHistory, edss, finding } from './fixtures.js';

// The mitoxantrone baseline: worsening SPMS inside MIMS (EDSS 4.0 -> 5.0 within 18 months, no score
// within 30 days after a relapse), active, after interferon and natalizumab (so an alternative was
// tried, as the EU wording asks), normal heart, liver and blood counts, no portal of infection.
function mitoHistory(overrides: Partial<History> = {}): History {
  return baseHistory({
    birthDate: '1980-01-15',
    msOnset: '2009-04-01',
    msDiagnosis: '2010-01-20',
    course: { phenotype: 'SPMS', since: '2025-06' },
    edss: [
      { date: '2025-02-01', score: 4.0 },
      { date: '2025-10-01', score: 5.0 },
      { date: '2026-09-01', score: 5.0 },
    ],
    therapies: [
      { drug: 'interferon-beta', start: '2010-03-01', end: '2016-05-01', stopReason: 'inefficacy' },
      { drug: 'natalizumab', start: '2016-06-01', end: '2018-06-01', stopReason: 'adverse-event' },
    ],
    labs: [
      { date: '2026-10-15', test: 'lvef', value: 62, unit: '%' },
      { date: '2026-10-15', test: 'neutrophils', value: 3.2, unit: '10^9/L' },
    ],
    ...overrides,
  });
}

function run(h: Partial<History> = {}, c: Partial<CourseResult> = {}, label: 'eu' | 'us' = 'eu'): Assessment {
  return assess(mitoHistory(h), { drug: 'mitoxantrone', asOf: AS_OF, label, course: baseCourse({ disabilityEdss: edss(5.0, '2026-09-01'), ...c }) });
}
const reason = (a: Assessment, code: string) => a.reasons.find((r) => r.code === `mitoxantrone.${code}`);

function mitoTherapy(doses: Dose[]): NonNullable<History['therapies']>[number] {
  return { drug: 'mitoxantrone', start: doses[0]!.date, end: doses[doses.length - 1]!.date, stopReason: 'other', doses };
}
const mgM2 = (amount: number, date = '2018-01-10'): Dose => ({ date, amount, unit: 'mg/m2' });

describe('mitoxantrone: the baseline patient', () => {
  it('worsening active SPMS inside MIMS is an offer, with the MIMS protocol recommended', () => {
    const a = run();
    expect(a.verdict).toBe('offer');
    expect(a.protocol?.recommended).toBe('mims');
    expect(a.evidenceBase.map((e) => e.study)).toEqual(['Edan 1997', 'MIMS (Hartung 2002)']);
  });
});

describe('mitoxantrone.infection-risk: a standing portal of infection (the catheter lesson)', () => {
  for (const code of ['urinary-catheter', 'recurrent-uti', 'pressure-ulcer'] as const) {
    it(`an active ${code} alone turns an offer into advise-against, and tips the scale`, () => {
      const a = run({ conditions: [{ code, status: 'active' }] });
      expect(a.verdict).toBe('advise-against');
      expect(a.tipping.map((t) => t.code)).toEqual(['mitoxantrone.infection-risk']);
      expect(reason(a, 'infection-risk')?.sources).toContain('seed-clinicspeak');
      expect(reason(a, 'infection-risk')?.message).toContain(code);
    });
  }
  it('a catheter removed for good (resolved) no longer counts', () => {
    expect(reason(run({ conditions: [{ code: 'urinary-catheter', status: 'resolved' }] }), 'infection-risk')).toBeUndefined();
  });
  it("the risk weight names the catheter as this patient's factor", () => {
    const a = run({ conditions: [{ code: 'urinary-catheter', status: 'active' }] });
    expect(a.weights.risks.find((r) => r.id === 'neutropenic-infection')?.patientFactors).toHaveLength(1);
  });
});

describe('mitoxantrone.lvef: LVEF below 50%', () => {
  it('LVEF 50% is allowed', () => expect(reason(run({ labs: [{ date: '2026-10-15', test: 'lvef', value: 50, unit: '%' }] }), 'lvef')).toBeUndefined());
  it('LVEF 49% is a contraindication naming the value and date', () => {
    const a = run({ labs: [{ date: '2026-10-15', test: 'lvef', value: 49, unit: '%' }] });
    expect(reason(a, 'lvef')?.message).toContain('LVEF 49% on 2026-10-15');
    expect(a.verdict).toBe('contraindicated');
  });
  it('the latest LVEF decides', () => {
    const a = run({
      labs: [
        { date: '2026-01-15', test: 'lvef', value: 45, unit: '%' },
        { date: '2026-10-15', test: 'lvef', value: 58, unit: '%' },
      ],
    });
    expect(reason(a, 'lvef')).toBeUndefined();
  });
  it('no LVEF is an outstanding check, not a verdict', () => {
    const a = run({ labs: [] });
    expect(a.checks.find((c) => c.id === 'lvef')?.status).toBe('outstanding');
    expect(a.verdict).toBe('offer');
  });
});

describe('mitoxantrone.lvef-decline: a fall of 10 points or more (recalled reading of "clinically significant")', () => {
  it('62% to 53% (9 points) is no reason', () => {
    expect(
      reason(
        run({
          labs: [
            { date: '2025-10-15', test: 'lvef', value: 62, unit: '%' },
            { date: '2026-10-15', test: 'lvef', value: 53, unit: '%' },
          ],
        }),
        'lvef-decline',
      ),
    ).toBeUndefined();
  });
  it('62% to 52% (10 points) is against, though still above 50%', () => {
    const a = run({
      labs: [
        { date: '2025-10-15', test: 'lvef', value: 62, unit: '%' },
        { date: '2026-10-15', test: 'lvef', value: 52, unit: '%' },
      ],
    });
    expect(reason(a, 'lvef-decline')?.message).toContain('from 62% on 2025-10-15 to 52% on 2026-10-15');
    expect(reason(a, 'lvef')).toBeUndefined();
    expect(a.verdict).toBe('advise-against');
  });
});

describe('mitoxantrone.neutropenia: neutrophils below 1.5 x 10^9/L', () => {
  it('1.5 is allowed', () =>
    expect(reason(run({ labs: [{ date: '2026-10-15', test: 'neutrophils', value: 1.5, unit: '10^9/L' }] }), 'neutropenia')).toBeUndefined());
  it('1.4 is a contraindication', () =>
    expect(reason(run({ labs: [{ date: '2026-10-15', test: 'neutrophils', value: 1.4, unit: '10^9/L' }] }), 'neutropenia')?.effect).toBe('contraindication'));
});

describe('mitoxantrone.cumulative-dose: the next 12 mg/m2 must not pass the lifetime limit', () => {
  it('US: 128 mg/m2 given leaves room for one more dose (128 + 12 = 140, not past 140)', () => {
    const a = run({ therapies: [mitoTherapy([mgM2(128)])] }, {}, 'us');
    expect(reason(a, 'cumulative-dose')).toBeUndefined();
    expect(a.protocol?.allowanceLeftMgM2).toBe(12);
  });
  it('US: 128.5 mg/m2 given is a contraindication: the next dose would pass 140', () => {
    const a = run({ therapies: [mitoTherapy([mgM2(128.5)])] }, {}, 'us');
    expect(reason(a, 'cumulative-dose')?.message).toContain('140.5 mg/m2, past the US lifetime limit of 140 mg/m2');
    expect(a.verdict).toBe('contraindicated');
  });
  it('EU: the limit is 72 mg/m2 (60 + 12 is allowed by the dose rule, 61 + 12 is not)', () => {
    expect(reason(run({ therapies: [mitoTherapy([mgM2(60)])] }), 'cumulative-dose')).toBeUndefined();
    expect(reason(run({ therapies: [mitoTherapy([mgM2(61)])] }), 'cumulative-dose')?.message).toContain('EU lifetime limit of 72');
  });
  it('EU: any previous mitoxantrone is a contraindication of its own; not under the US label', () => {
    expect(reason(run({ therapies: [mitoTherapy([mgM2(12)])] }), 'prior-treatment')?.effect).toBe('contraindication');
    expect(reason(run({ therapies: [mitoTherapy([mgM2(12)])] }, {}, 'us'), 'prior-treatment')).toBeUndefined();
  });
  it('doses in mg are converted with the Mosteller body surface area', () => {
    // 170 cm, 65 kg: BSA sqrt(170*65/3600) = 1.752 m2; 224 mg = 127.9 mg/m2; +12 = 139.9, inside 140.
    const inside = run({ therapies: [mitoTherapy([{ date: '2018-01-10', amount: 224, unit: 'mg' }])] }, {}, 'us');
    expect(reason(inside, 'cumulative-dose')).toBeUndefined();
    expect(inside.protocol?.cumulativeMgM2).toBeCloseTo(127.9, 1);
    const past = run({ therapies: [mitoTherapy([{ date: '2018-01-10', amount: 226, unit: 'mg' }])] }, {}, 'us');
    expect(reason(past, 'cumulative-dose')?.effect).toBe('contraindication');
  });
  it('doses in mg without height and weight leave the dose unknown: insufficient-data asking for the body', () => {
    const h = mitoHistory({ therapies: [mitoTherapy([{ date: '2018-01-10', amount: 20, unit: 'mg' }])] });
    delete h.body;
    const a = assess(h, { drug: 'mitoxantrone', asOf: AS_OF, label: 'us', course: baseCourse({ disabilityEdss: edss(5.0, '2026-09-01') }) });
    expect(a.verdict).toBe('insufficient-data');
    expect(a.missing).toContainEqual(expect.objectContaining({ field: 'body', effect: 'insufficient-data' }));
  });
  it('a previous mitoxantrone therapy without doses leaves the dose unknown', () => {
    const a = run({ therapies: [{ drug: 'mitoxantrone', start: '2018-01-10', end: '2019-01-10', stopReason: 'other' }] }, {}, 'us');
    expect(a.verdict).toBe('insufficient-data');
    expect(a.missing.map((m) => m.field)).toContain('therapies[0].doses');
  });
});

describe('mitoxantrone.pregnancy', () => {
  it('pregnant or breastfeeding is a contraindication', () => {
    expect(run({ pregnancy: { pregnant: true } }).verdict).toBe('contraindicated');
    expect(run({ pregnancy: { breastfeeding: true } }).verdict).toBe('contraindicated');
  });
});

describe('mitoxantrone.not-indicated', () => {
  it('PPMS is not indicated', () => {
    const a = run({ course: { phenotype: 'PPMS' } });
    expect(reason(a, 'not-indicated')?.message).toContain('PPMS');
    expect(a.verdict).toBe('advise-against');
  });
  it('a clinically isolated syndrome is not indicated', () => {
    expect(reason(run({ course: { phenotype: 'CIS' } }), 'not-indicated')?.message).toContain('CIS');
  });
  it('neither active nor worsening is not indicated', () => {
    const a = run(
      {
        edss: [
          { date: '2025-02-01', score: 5.0 },
          { date: '2026-09-01', score: 5.0 },
        ],
      },
      { activity: finding('unmet', 'quiet year') },
    );
    expect(reason(a, 'not-indicated')?.message).toContain('quiet year');
  });
  it('worsening by 1 EDSS point within 18 months is enough without activity', () => {
    const a = run({}, { activity: finding('unmet', 'quiet year') });
    expect(reason(a, 'not-indicated')).toBeUndefined();
    expect(reason(a, 'active-or-worsening')?.message).toContain('EDSS 4.0 on 2025-02-01 rose to 5.0 on 2025-10-01');
  });
  it('activity and worsening that cannot be judged give insufficient-data', () => {
    const a = run({ edss: [{ date: '2026-09-01', score: 5.0 }] }, { activity: finding('unknown') });
    expect(a.verdict).toBe('insufficient-data');
  });
});

describe('mitoxantrone.cardiac-risk', () => {
  for (const code of ['prior-anthracycline', 'mediastinal-radiotherapy', 'heart-failure'] as const) {
    it(`${code}, even resolved, is a caution`, () => {
      const a = run({ conditions: [{ code, status: 'resolved' }] });
      expect(reason(a, 'cardiac-risk')?.effect).toBe('caution');
      expect(a.verdict).toBe('offer-with-caution');
    });
  }
});

describe('mitoxantrone protocol fit and allowance', () => {
  it('highly active disease failing first-line therapy fits Edan (2 relapses with sequelae in 12 months, Gd+ lesion)', () => {
    const a = run({
      relapses: [
        { onset: '2026-01-10', disabling: true, recovery: 'partial' },
        { onset: '2026-07-01', disabling: true, recovery: 'none' },
      ],
      mri: [{ date: '2026-07-20', region: 'brain', gadoliniumEnhancingLesions: 3, newOrEnlargingT2Lesions: 2 }],
    });
    expect(a.evidenceBase[0]!.fit).toBe('inside');
    expect(a.protocol?.recommended).toBe('edan');
    // Edan gives 20 mg x 6; at BSA 1.752 m2 that is 68.5 mg/m2, leaving 3.5 of the EU 72.
    expect(a.protocol?.options.find((o) => o.id === 'edan')?.totalMgM2).toBeCloseTo(68.5, 1);
    expect(a.protocol?.options.find((o) => o.id === 'edan')?.allowanceAfterMgM2).toBeCloseTo(3.5, 1);
  });
  it('under the EU limit of 72 mg/m2 only 6 of the 8 MIMS doses fit; under the US limit all 8 do', () => {
    expect(run().protocol?.options.find((o) => o.id === 'mims')).toMatchObject({ totalMgM2: 96, dosesWithinLimit: 6, allowanceAfterMgM2: -24 });
    expect(run({}, {}, 'us').protocol?.options.find((o) => o.id === 'mims')).toMatchObject({ dosesWithinLimit: 8, allowanceAfterMgM2: 44 });
  });
  it('no protocol is recommended when no dose fits in the allowance left', () => {
    const a = run({ therapies: [mitoTherapy([mgM2(72)])] });
    expect(a.protocol?.recommended).toBeUndefined();
    expect(a.protocol?.detail).toContain('no dose fits');
    expect(a.protocol?.allowanceLeftMgM2).toBe(0);
  });
  it('EDSS 6.5 is outside MIMS (3.0 to 6.0) and, with Edan not met, outside both: a caution', () => {
    const a = run({}, { disabilityEdss: edss(6.5, '2026-09-01') });
    expect(a.evidenceBase[1]!.criteria.find((c) => c.id === 'edss')?.status).toBe('unmet');
    expect(reason(a, 'outside-evidence')?.effect).toBe('caution');
  });
  it('EDSS 3.0 and 6.0 are inside MIMS', () => {
    expect(run({}, { disabilityEdss: edss(6.0, '2026-09-01') }).evidenceBase[1]!.criteria.find((c) => c.id === 'edss')?.status).toBe('met');
    expect(run({}, { disabilityEdss: edss(3.0, '2026-09-01') }).evidenceBase[1]!.criteria.find((c) => c.id === 'edss')?.status).toBe('met');
  });
});

describe('mitoxantrone.not-indicated: worsening RRMS means disability worsening between relapses (US label)', () => {
  const rrms = (edssScores: { date: string; score: number }[]) => ({ course: { phenotype: 'RRMS' as const }, edss: edssScores });
  it('mild active RRMS with stable disability is not indicated, though active', () => {
    const a = run(
      rrms([
        { date: '2025-02-01', score: 2.0 },
        { date: '2026-09-01', score: 2.0 },
      ]),
      { disabilityEdss: edss(2.0, '2026-09-01') },
    );
    expect(reason(a, 'not-indicated')?.message).toContain('Recorded RRMS without worsening disability between relapses');
    expect(reason(a, 'not-indicated')?.message).toContain('activity alone');
    expect(a.verdict).toBe('advise-against');
  });
  it('RRMS worsening by 1.0 point between relapses is indicated; 0.5 is not', () => {
    const worse = run(
      rrms([
        { date: '2025-02-01', score: 3.0 },
        { date: '2026-09-01', score: 4.0 },
      ]),
      { disabilityEdss: edss(4.0, '2026-09-01') },
    );
    expect(reason(worse, 'not-indicated')).toBeUndefined();
    const slight = run(
      rrms([
        { date: '2025-02-01', score: 3.0 },
        { date: '2026-09-01', score: 3.5 },
      ]),
      { disabilityEdss: edss(3.5, '2026-09-01') },
    );
    expect(reason(slight, 'not-indicated')?.effect).toBe('against');
  });
  it('RRMS whose worsening cannot be judged gives insufficient-data, whatever the activity', () => {
    const a = run(rrms([{ date: '2026-09-01', score: 4.0 }]), { disabilityEdss: edss(4.0, '2026-09-01') });
    expect(a.verdict).toBe('insufficient-data');
    expect(a.missing).toContainEqual(expect.objectContaining({ field: 'edss', effect: 'insufficient-data' }));
  });
});

describe('worsening counts only disability scores: none within 30 days after a relapse (knowledge/definitions/course.json)', () => {
  // Relapses of the baseline: 2025-03-01 and 2026-04-01. A rise to 5.0 measured during the April relapse.
  const during = (date: string) =>
    run({
      course: { phenotype: 'RRMS' },
      edss: [
        { date: '2025-02-01', score: 4.0 },
        { date: '2025-10-01', score: 4.0 },
        { date, score: 5.0 },
      ],
    });
  it('a score 14 or 22 days after the relapse onset (and on the onset day, and day 29) is not worsening', () => {
    for (const date of ['2026-04-01', '2026-04-15', '2026-04-23', '2026-04-30']) expect(reason(during(date), 'not-indicated'), date).toBeDefined();
  });
  it('a score 30 days after the onset is a disability score: worsening', () => {
    expect(reason(during('2026-05-01'), 'not-indicated')).toBeUndefined();
  });
  it('the MIMS worsening criterion reads the same scores', () => {
    expect(during('2026-04-23').evidenceBase[1]!.criteria.find((c) => c.id === 'worsening')?.status).not.toBe('met');
    expect(during('2026-05-01').evidenceBase[1]!.criteria.find((c) => c.id === 'worsening')?.status).toBe('met');
  });
});

describe('mitoxantrone.alternatives-untried: EU national wording, no alternative therapeutic option', () => {
  const firstLineOnly = { therapies: [{ drug: 'interferon-beta' as const, start: '2010-03-01', end: '2016-05-01', stopReason: 'inefficacy' as const }] };
  it('a patient who never tried a high-efficacy therapy is outside the EU indication', () => {
    const a = run(firstLineOnly);
    expect(reason(a, 'alternatives-untried')?.effect).toBe('against');
    expect(a.verdict).toBe('advise-against');
  });
  it('not a rule under the US label', () => expect(reason(run(firstLineOnly, {}, 'us'), 'alternatives-untried')).toBeUndefined());
  for (const drug of ['natalizumab', 'ocrelizumab', 'alemtuzumab', 'cladribine', 'fingolimod'] as const) {
    it(`previous ${drug} counts as an alternative tried`, () => {
      expect(reason(run({ therapies: [{ drug, start: '2018-01-01', end: '2020-01-01', stopReason: 'inefficacy' }] }), 'alternatives-untried')).toBeUndefined();
    });
  }
  it('no therapy record: cannot be told (insufficient-data)', () => {
    const h = mitoHistory();
    delete h.therapies;
    const a = assess(h, { drug: 'mitoxantrone', asOf: AS_OF, label: 'eu', course: baseCourse({ disabilityEdss: edss(5.0, '2026-09-01') }) });
    expect(a.missing).toContainEqual(expect.objectContaining({ field: 'therapies', effect: 'insufficient-data' }));
  });
});

describe('mitoxantrone hepatic impairment: the condition, or ALT or bilirubin above 3 x the upper limit of normal', () => {
  const alt = (value: number) => run({ labs: [{ date: '2026-10-15', test: 'alt', value, unit: 'U/L' }] });
  it('ALT 120 U/L (3 x 40) is not above; 121 is against; 280 is against', () => {
    expect(reason(alt(120), 'liver-tests')).toBeUndefined();
    expect(reason(alt(121), 'liver-tests')?.effect).toBe('against');
    expect(alt(280).verdict).toBe('advise-against');
    expect(reason(alt(280), 'liver-tests')?.message).toContain('ALT 280 U/L on 2026-10-15');
  });
  it('bilirubin 63 umol/L (3 x 21) is not above; 64 is against', () => {
    const bili = (value: number) => run({ labs: [{ date: '2026-10-15', test: 'bilirubin', value, unit: 'umol/L' }] });
    expect(reason(bili(63), 'bilirubin')).toBeUndefined();
    expect(reason(bili(64), 'bilirubin')?.effect).toBe('against');
  });
  it('a recorded hepatic impairment is against; a resolved one is not', () => {
    expect(reason(run({ conditions: [{ code: 'hepatic-impairment', status: 'active' }] }), 'hepatic-impairment')?.effect).toBe('against');
    expect(reason(run({ conditions: [{ code: 'hepatic-impairment', status: 'resolved' }] }), 'hepatic-impairment')).toBeUndefined();
  });
});

describe('mitoxantrone.under-18: paediatric use not established', () => {
  it('17 is against, 18 is not; the Edan box is adult too', () => {
    // Born 2008-11-02: 17 on 2026-11-01; born 2008-11-01: 18 that day.
    const young = run({ birthDate: '2008-11-02' });
    expect(reason(young, 'under-18')?.effect).toBe('against');
    expect(young.evidenceBase[0]!.criteria.find((c) => c.id === 'adult')?.status).toBe('unmet');
    expect(reason(run({ birthDate: '2008-11-01' }), 'under-18')).toBeUndefined();
  });
  it('a 15-year-old who would otherwise fit Edan is not offered it', () => {
    const a = run({
      birthDate: '2011-03-01',
      relapses: [
        { onset: '2026-01-10', disabling: true, recovery: 'partial' },
        { onset: '2026-07-01', disabling: true, recovery: 'none' },
      ],
      mri: [{ date: '2026-07-20', region: 'brain', gadoliniumEnhancingLesions: 3, newOrEnlargingT2Lesions: 2 }],
    });
    expect(a.verdict).toBe('advise-against');
    expect(a.protocol?.recommended).not.toBe('edan');
  });
  it('a birth year that straddles 18 is uncertain', () => {
    expect(reason(run({ birthDate: '2008' }), 'under-18')).toBeUndefined();
    expect(run({ birthDate: '2008' }).missing).toContainEqual(expect.objectContaining({ field: 'birthDate' }));
  });
});

describe('mitoxantrone: cardiovascular history, malignancy, HIV and immunodeficiency', () => {
  for (const code of ['myocardial-infarction', 'angina', 'cardiovascular-disease', 'cardiac-conduction-disorder'] as const) {
    it(`${code}, even resolved, is a cardiac-risk caution`, () => {
      const a = run({ conditions: [{ code, status: 'resolved' }] });
      expect(reason(a, 'cardiac-risk')?.effect).toBe('caution');
      expect(a.verdict).toBe('offer-with-caution');
    });
  }
  it('an active malignancy is against; a resolved one is not this rule', () => {
    expect(reason(run({ conditions: [{ code: 'malignancy', status: 'active' }] }), 'malignancy')?.effect).toBe('against');
    expect(reason(run({ conditions: [{ code: 'malignancy', status: 'resolved' }] }), 'malignancy')).toBeUndefined();
  });
  for (const code of ['hiv', 'immunodeficiency'] as const) {
    it(`${code} is against`, () => expect(run({ conditions: [{ code, status: 'active' }] }).verdict).toBe('advise-against'));
  }
});

describe('mitoxantrone: the words fit the patient', () => {
  it('a man planning to father a child is told about fathering, not pregnancy', () => {
    const a = run({ sex: 'male', pregnancy: { planningWithinMonths: 3 } });
    expect(reason(a, 'pregnancy')?.message).toContain('Planning to father a child within 3 months');
    expect(reason(a, 'pregnancy')?.message).not.toContain('pregnancy');
    expect(run({ sex: 'female', pregnancy: { planningWithinMonths: 3 } }).reasons.find((r) => r.code === 'mitoxantrone.pregnancy')?.message).toContain(
      'Planning a pregnancy',
    );
  });
  it('each standing portal of infection is explained in its own words', () => {
    const words = (code: 'urinary-catheter' | 'recurrent-uti' | 'pressure-ulcer') =>
      reason(run({ conditions: [{ code, status: 'active' }] }), 'infection-risk')!.message;
    expect(words('urinary-catheter')).toContain('catheter-borne');
    expect(words('pressure-ulcer')).toContain('pressure ulcer');
    expect(words('pressure-ulcer')).not.toContain('catheter');
    expect(words('recurrent-uti')).toContain('keep coming back');
    expect(words('recurrent-uti')).not.toContain('catheter');
  });
  it('the monitoring line follows the protocol assessed: monthly for Edan, every 3 months for MIMS', () => {
    const edan = run({
      relapses: [
        { onset: '2026-01-10', disabling: true, recovery: 'partial' },
        { onset: '2026-07-01', disabling: true, recovery: 'none' },
      ],
      mri: [{ date: '2026-07-20', region: 'brain', gadoliniumEnhancingLesions: 3, newOrEnlargingT2Lesions: 2 }],
    });
    expect(edan.protocol?.recommended).toBe('edan');
    expect(edan.weights.monitoring.detail).toContain('6 doses every month');
    expect(edan.weights.monitoring.detail).not.toContain('every 3 months');
    const mims = run();
    expect(mims.protocol?.recommended).toBe('mims');
    expect(mims.weights.monitoring.detail).toContain('every 3 months');
  });
});
