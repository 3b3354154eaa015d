import { describe, expect, it } from 'vitest';
import type { History } from '../history/schema.js';
import type { CourseResult } from '../course/types.js';
import { assess } from './index.js';
import type { Assessment } from './schema.js';
import { AS_OF, baseCourse, baseHistory, edss, finding } from './fixtures.js';

// Ocrelizumab: the baseline is the fixtures' early, active RRMS (inside OPERA I and II). The PPMS
// patient departs from it with a recorded PPMS course; each test changes the datum its rule reads.

type Label = 'eu' | 'us';
function run(h: Partial<History> = {}, c: Partial<CourseResult> = {}, label: Label = 'eu'): Assessment {
  return assess(baseHistory(h), { drug: 'ocrelizumab', asOf: AS_OF, label, course: baseCourse(c) });
}
const reason = (a: Assessment, code: string) => a.reasons.find((r) => r.code === `ocrelizumab.${code}`);
const box = (a: Assessment, study: string) => a.evidenceBase.find((e) => e.study === study)!;

const PPMS_COURSE: Partial<CourseResult> = {
  phenotype: { recorded: 'PPMS', objective: 'not-SPMS', disagreement: false, detail: 'fixture: recorded PPMS' },
  activity: finding('unmet', 'fixture: no relapse, no MRI activity'),
  highlyActiveDespiteTreatment: finding('unmet'),
};
/** PPMS at `score`, onset on `onset`, with (or without) a Gd+ lesion on the last scan. */
function ppms(score: number, onset: string, gd = 1, label: Label = 'eu'): Assessment {
  return run(
    {
      birthDate: '1980-05-10',
      msOnset: onset,
      msDiagnosis: '2017-03-01',
      course: { phenotype: 'PPMS' },
      relapses: [],
      therapies: [],
      mri: [{ date: '2026-05-01', region: 'brain', gadoliniumEnhancingLesions: gd, newOrEnlargingT2Lesions: 0 }],
    },
    { ...PPMS_COURSE, disabilityEdss: edss(score) },
    label,
  );
}

describe('ocrelizumab: the baseline patient', () => {
  it('early active RRMS is an offer, inside OPERA I and II and outside ORATORIO', () => {
    const a = run();
    expect(a.verdict).toBe('offer');
    expect(box(a, 'OPERA I and II').fit).toBe('inside');
    expect(box(a, 'ORATORIO').fit).toBe('outside');
    expect(a.evidenceBase.map((e) => e.study)).toEqual(['OPERA I and II', 'ORATORIO']);
  });
});

describe('ocrelizumab in PPMS: inside ORATORIO only up to its EDSS and duration limits', () => {
  it('EDSS 6.5 with onset 15 years ago to the day is inside; 7.0 is not', () => {
    expect(box(ppms(6.5, '2011-11-01'), 'ORATORIO').fit).toBe('inside');
    expect(box(ppms(7.0, '2011-11-01'), 'ORATORIO').fit).toBe('outside');
  });
  it('at EDSS 5.5 or more the limit is 15 years: one day more is outside', () => {
    expect(box(ppms(5.5, '2011-11-01'), 'ORATORIO').fit).toBe('inside');
    expect(box(ppms(5.5, '2011-10-31'), 'ORATORIO').fit).toBe('outside');
  });
  it('at EDSS 5.0 or less the limit is 10 years: exactly 10 inside, one day more outside', () => {
    expect(box(ppms(5.0, '2016-11-01'), 'ORATORIO').fit).toBe('inside');
    expect(box(ppms(5.0, '2016-10-31'), 'ORATORIO').fit).toBe('outside');
    expect(box(ppms(3.0, '2016-10-31'), 'ORATORIO').fit).toBe('outside');
  });
  it('a recorded PPMS course stays PPMS when the EDSS record meets the objective SPMS definition', () => {
    const a = run(
      { course: { phenotype: 'PPMS' }, msOnset: '2020-01-01', relapses: [] },
      { ...PPMS_COURSE, disabilityEdss: edss(4.0), objectiveSpms: { status: 'met', basis: [], detail: 'fixture: progression without relapses' } },
    );
    expect(box(a, 'ORATORIO').fit).toBe('inside');
  });
  it('below EDSS 3.0 is outside the box', () => {
    expect(box(ppms(3.0, '2020-01-01'), 'ORATORIO').fit).toBe('inside');
    expect(box(ppms(2.5, '2020-01-01'), 'ORATORIO').fit).toBe('outside');
  });
  it('an onset known only as a year straddling the 10-year mark leaves the box uncertain', () => {
    expect(box(ppms(4.0, '2016'), 'ORATORIO').fit).toBe('uncertain');
  });
  it('outside the box the benefit is extrapolated (caution); inside it counts for the drug', () => {
    expect(reason(ppms(6.5, '2011-11-01'), 'inside-evidence')?.effect).toBe('for');
    expect(reason(ppms(7.0, '2011-11-01'), 'outside-evidence')?.effect).toBe('caution');
  });
});

describe('ocrelizumab.outside-license: EU early, inflammatory PPMS; US any PPMS', () => {
  it('EU: PPMS within the ORATORIO limits with a Gd+ lesion in the last 12 months is in the indication', () => {
    expect(reason(ppms(6.0, '2014-01-01'), 'outside-license')).toBeUndefined();
  });
  it('EU: the same PPMS without imaging activity is outside the indication (advise-against); US: inside', () => {
    const eu = ppms(6.0, '2014-01-01', 0);
    expect(reason(eu, 'outside-license')?.effect).toBe('against');
    expect(eu.verdict).toBe('advise-against');
    expect(reason(ppms(6.0, '2014-01-01', 0, 'us'), 'outside-license')).toBeUndefined();
  });
  it('EU: PPMS past the duration limit is not early, even with a Gd+ lesion', () => {
    expect(reason(ppms(6.0, '2011-10-31'), 'outside-license')?.effect).toBe('against');
    expect(reason(ppms(6.0, '2011-11-01'), 'outside-license')).toBeUndefined();
  });
  it('EU: relapsing MS must be active; US: relapsing-remitting MS needs no recent activity', () => {
    const quiet: Partial<CourseResult> = { activity: finding('unmet') };
    expect(reason(run({}, quiet), 'outside-license')?.effect).toBe('against');
    expect(reason(run({}, quiet, 'us'), 'outside-license')).toBeUndefined();
  });
  it('SPMS without activity is outside both labels; with activity inside both', () => {
    const spms: Partial<History> = { course: { phenotype: 'SPMS' } };
    const recordedSpms = { phenotype: { recorded: 'SPMS', objective: 'SPMS', disagreement: false, detail: 'fixture' } } as const;
    for (const label of ['eu', 'us'] as const) {
      expect(reason(run(spms, { ...recordedSpms, activity: finding('unmet') }, label), 'outside-license')?.effect).toBe('against');
      expect(reason(run(spms, recordedSpms, label), 'outside-license')).toBeUndefined();
    }
  });
  it('CIS is on the US label only', () => {
    const cis: Partial<History> = { course: { phenotype: 'CIS' } };
    expect(reason(run(cis, {}, 'us'), 'outside-license')).toBeUndefined();
    expect(reason(run(cis, {}, 'eu'), 'outside-license')?.effect).toBe('against');
  });
  it('unknown activity leaves the EU indication undecided: insufficient-data with what to record, never an offer', () => {
    const a = run({ mri: undefined }, { activity: finding('unknown') });
    expect(a.verdict).toBe('insufficient-data');
    expect(a.missing.map((m) => m.field)).toContain('mri');
  });
  it('a patient of 17 is outside the label; 18 is inside', () => {
    expect(reason(run({ birthDate: '2008-11-02' }), 'outside-license')?.effect).toBe('against');
    expect(reason(run({ birthDate: '2008-11-01' }), 'outside-license')).toBeUndefined();
  });
});

describe('ocrelizumab: advanced disease, beyond every trial', () => {
  it('EDSS 7.0 more than 15 years from onset is advised against, as alemtuzumab is', () => {
    const a = ppms(7.0, '2008-01-01');
    expect(reason(a, 'advanced-disease')?.effect).toBe('against');
    expect(a.verdict).toBe('advise-against');
  });
  it('EDSS 6.5 (the ORATORIO ceiling) is not beyond it; 7.0 is', () => {
    expect(reason(ppms(6.5, '2008-01-01'), 'disability-beyond-evidence')).toBeUndefined();
    expect(reason(ppms(6.5, '2008-01-01'), 'advanced-disease')).toBeUndefined();
    expect(reason(ppms(7.0, '2008-01-01'), 'disability-beyond-evidence')?.effect).toBe('caution');
  });
  it('age 55 is inside the trials; 56 is beyond them', () => {
    expect(reason(run({ birthDate: '1971-11-01' }), 'age-beyond-evidence')).toBeUndefined();
    expect(reason(run({ birthDate: '1970-11-01' }), 'age-beyond-evidence')?.effect).toBe('caution');
  });
});

describe('ocrelizumab: hepatitis B, infection, immunodeficiency, malignancy', () => {
  it('a positive HBsAg is active hepatitis B: contraindicated under both labels', () => {
    for (const label of ['eu', 'us'] as const) {
      const a = run({ labs: [{ date: '2026-10-01', test: 'hbsag', value: 'positive' }] }, {}, label);
      expect(a.verdict).toBe('contraindicated');
      expect(a.tipping.map((t) => t.code)).toEqual(['ocrelizumab.contraindication.active-hepatitis-b']);
    }
  });
  it('HBsAg negative with anti-HBc positive fails the screen: caution, consult a liver specialist', () => {
    const a = run({
      labs: [
        { date: '2026-10-01', test: 'hbsag', value: 'negative' },
        { date: '2026-10-01', test: 'anti-hbc', value: 'positive' },
      ],
    });
    expect(a.checks.find((c) => c.id === 'hepatitis-b-core-antibody')?.status).toBe('failed');
    expect(a.checks.find((c) => c.id === 'hepatitis-b-surface-antigen')?.status).toBe('done');
    expect(a.verdict).toBe('offer-with-caution');
    expect(reason(a, 'check.hepatitis-b-core-antibody')?.message).toContain('liver specialist');
  });
  it('no HBV results leave the screens outstanding and the verdict alone', () => {
    const a = run();
    expect(a.checks.find((c) => c.id === 'hepatitis-b-surface-antigen')?.status).toBe('outstanding');
    expect(a.verdict).toBe('offer');
  });
  it('an active infection is a contraindication in the EU and a reason to wait (against) in the US', () => {
    const h: Partial<History> = { conditions: [{ code: 'active-infection', status: 'active' }] };
    expect(run(h).verdict).toBe('contraindicated');
    expect(run(h, {}, 'us').verdict).toBe('advise-against');
    expect(run({ conditions: [{ code: 'active-infection', status: 'resolved' }] }).verdict).toBe('offer');
  });
  it('an active malignancy is an EU contraindication and a US caution', () => {
    const h: Partial<History> = { conditions: [{ code: 'malignancy', status: 'active' }] };
    expect(run(h).verdict).toBe('contraindicated');
    expect(run(h, {}, 'us').verdict).toBe('offer-with-caution');
  });
  it('a severe immunodeficiency is an EU contraindication', () => {
    expect(run({ conditions: [{ code: 'immunodeficiency', status: 'active' }] }).verdict).toBe('contraindicated');
  });
  it('pregnancy is advised against; planning within 6 months is a caution, in 7 months nothing', () => {
    expect(run({ pregnancy: { pregnant: true } }).verdict).toBe('advise-against');
    expect(reason(run({ pregnancy: { planningWithinMonths: 6 } }), 'pregnancy')?.effect).toBe('caution');
    expect(reason(run({ pregnancy: { planningWithinMonths: 7 } }), 'pregnancy')).toBeUndefined();
  });
});

describe('ocrelizumab: what goes on the scale', () => {
  it('the burden is the monitoring plan (HBV and IgG before, IgG every 6 months) and the risks carry their sources', () => {
    const a = run();
    expect(a.weights.monitoring.tests).toBeGreaterThan(0);
    expect(a.weights.monitoring.detail).toContain('IgG');
    expect(a.weights.risks.find((r) => r.id === 'malignancy')?.frequency).toContain('2.3%');
  });
});
