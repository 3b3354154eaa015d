import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { History, Lab } from '../history/schema.js';
import type { CourseResult } from '../course/types.js';
import { assess } from './index.js';
import { synthHistory } from '../synth/index.js';
import type { Assessment } from './schema.js';
import { AS_OF, baseCourse, baseHistory, edss, finding } from './fixtures.js';

// Cladribine tablets: the baseline is highly active RRMS (two relapses this year, interferon stopped
// for inefficacy more than 3 months ago), inside CLARITY, with the screening done and lymphocytes
// normal. Each test changes the datum its rule reads.

type Label = 'eu' | 'us';
const LABS: Lab[] = [
  { date: '2026-10-01', test: 'lymphocytes', value: 1.6, unit: '10^9/L' },
  { date: '2026-10-01', test: 'creatinine-clearance', value: 98, unit: 'mL/min' },
  { date: '2026-10-01', test: 'hiv-test', value: 'negative' },
  { date: '2026-10-01', test: 'vzv-igg', value: 'positive' },
  { date: '2026-10-01', test: 'tb-test', value: 'negative' },
];
const lymphocytes = (value: number, date = '2026-10-01'): Lab[] => [{ date, test: 'lymphocytes', value, unit: '10^9/L' }, ...LABS.slice(1)];
function cladHistory(h: Partial<History> = {}): Partial<History> {
  return {
    relapses: [
      { onset: '2025-12-01', disabling: true, recovery: 'complete' },
      { onset: '2026-04-01', disabling: true, recovery: 'partial' },
    ],
    therapies: [{ drug: 'interferon-beta', start: '2020-08-01', end: '2026-05-01', stopReason: 'inefficacy' }],
    labs: LABS,
    ...h,
  };
}
function run(h: Partial<History> = {}, c: Partial<CourseResult> = {}, label: Label = 'eu'): Assessment {
  return assess(baseHistory(cladHistory(h)), { drug: 'cladribine', asOf: AS_OF, label, course: baseCourse(c) });
}
const reason = (a: Assessment, code: string) => a.reasons.find((r) => r.code === `cladribine.${code}`);
/** A yearly course recorded as tablet days: week 1 and week 5 from `start`. */
function course(start: string, second: string): NonNullable<History['therapies']>[number] {
  const doses = [start, second].map((date) => ({ date, amount: 10, unit: 'mg' as const }));
  return { drug: 'cladribine', start, end: second, doses };
}
const IFN = { drug: 'interferon-beta' as const, start: '2020-08-01', end: '2025-05-01', stopReason: 'inefficacy' as const };

describe('cladribine: the baseline patient', () => {
  it('highly active RRMS inside CLARITY with normal lymphocytes is an offer', () => {
    const a = run();
    expect(a.verdict).toBe('offer');
    expect(a.evidenceBase.map((e) => [e.study, e.fit])).toEqual([['CLARITY', 'inside']]);
  });
});

describe('cladribine.lymphocytes-before-course: at or above the floor before each yearly course', () => {
  it('before the first course the floor is the lower limit of normal (1.0 x 10^9/L): 1.0 passes, 0.99 does not', () => {
    expect(reason(run({ labs: lymphocytes(1.0) }), 'lymphocytes-before-course')).toBeUndefined();
    const a = run({ labs: lymphocytes(0.99) });
    expect(a.verdict).toBe('contraindicated');
    expect(reason(a, 'lymphocytes-before-course')?.message).toContain('first course');
  });
  it('before the second course the floor is 800 cells/mm3: 0.8 passes, 0.79 does not', () => {
    const therapies = [IFN, course('2025-11-03', '2025-12-01')];
    expect(reason(run({ therapies, labs: lymphocytes(0.8) }), 'lymphocytes-before-course')).toBeUndefined();
    const a = run({ therapies, labs: lymphocytes(0.79) });
    expect(reason(a, 'lymphocytes-before-course')?.message).toContain('second course');
    expect(a.verdict).toBe('contraindicated');
  });
  it('a count older than 3 months does not count: the verdict waits for one (insufficient-data), never an offer', () => {
    expect(reason(run({ labs: lymphocytes(1.6, '2026-08-02') }), 'lymphocytes-before-course')).toBeUndefined();
    const a = run({ labs: lymphocytes(1.6, '2026-08-01') });
    expect(a.verdict).toBe('insufficient-data');
    expect(a.missing.map((m) => m.field)).toContain('labs.lymphocytes');
    expect(run({ labs: LABS.slice(1) }).verdict).toBe('insufficient-data');
  });
  it('tablet days up to 60 days apart are one course; further apart they start the next', () => {
    const oneCourse = [IFN, course('2025-11-03', '2026-01-02')];
    const twoCourses = [IFN, course('2025-11-03', '2026-01-03')];
    expect(reason(run({ therapies: oneCourse, labs: lymphocytes(0.9) }), 'lymphocytes-before-course')).toBeUndefined();
    expect(reason(run({ therapies: twoCourses, labs: lymphocytes(0.9) }), 'courses-complete')?.effect).toBe('against');
  });
});

describe('cladribine.courses-complete: two yearly courses are the whole treatment', () => {
  it('after one course nothing; after two, a further course is advised against', () => {
    expect(reason(run({ therapies: [IFN, course('2025-11-03', '2025-12-01')], labs: lymphocytes(1.2) }), 'courses-complete')).toBeUndefined();
    const a = run({ therapies: [IFN, course('2024-10-01', '2024-10-29'), course('2025-10-06', '2025-11-03')], labs: lymphocytes(1.2) });
    expect(reason(a, 'courses-complete')?.effect).toBe('against');
    expect(a.verdict).toBe('advise-against');
  });
});

describe('cladribine.outside-license', () => {
  it('EU: one relapse this year and no activity on a DMT is not highly active; two relapses are', () => {
    const one = { relapses: [{ onset: '2026-04-01', disabling: true, recovery: 'partial' as const }] };
    expect(reason(run(one, { highlyActiveDespiteTreatment: finding('unmet') }), 'outside-license')?.effect).toBe('against');
    expect(reason(run(one, { highlyActiveDespiteTreatment: finding('met') }), 'outside-license')).toBeUndefined();
    expect(reason(run({}, { highlyActiveDespiteTreatment: finding('unmet') }), 'outside-license')).toBeUndefined();
  });
  it('US: a later line: after a drug failed or was not tolerated; not as a first drug; an ending without a reason is uncertain', () => {
    expect(reason(run({}, {}, 'us'), 'outside-license')).toBeUndefined();
    expect(reason(run({ therapies: [] }, {}, 'us'), 'outside-license')?.effect).toBe('against');
    const tolerated = [{ ...IFN, stopReason: 'adverse-event' as const }];
    expect(reason(run({ therapies: tolerated }, {}, 'us'), 'outside-license')).toBeUndefined();
    const noReason = [{ drug: 'interferon-beta' as const, start: '2020-08-01', end: '2025-05-01' }];
    const a = run({ therapies: noReason }, {}, 'us');
    expect(a.verdict).toBe('insufficient-data');
    expect(a.missing.map((m) => m.field)).toContain('therapies[].stopReason');
  });
  it('CIS is outside the US label (and out of scope without an MS diagnosis)', () => {
    expect(reason(run({ course: { phenotype: 'CIS' } }, {}, 'us'), 'outside-license')?.effect).toBe('against');
  });
});

describe('cladribine: contraindications and the evidence limits', () => {
  it('HIV is a contraindication (a positive test too)', () => {
    expect(run({ conditions: [{ code: 'hiv', status: 'active' }] }).verdict).toBe('contraindicated');
    expect(run({ labs: [...LABS.slice(0, 2), { date: '2026-10-01', test: 'hiv-test', value: 'positive' }] }).verdict).toBe('contraindicated');
  });
  it('an active chronic infection (hepatitis C) is a contraindication', () => {
    expect(run({ conditions: [{ code: 'hepatitis-c', status: 'active' }] }).verdict).toBe('contraindicated');
  });
  it('creatinine clearance 60 mL/min is allowed; 59 is moderate renal impairment, an EU contraindication', () => {
    const cc = (value: number): Lab[] => [LABS[0]!, { date: '2026-10-01', test: 'creatinine-clearance', value, unit: 'mL/min' }, ...LABS.slice(2)];
    expect(reason(run({ labs: cc(60) }), 'contraindication.renal-impairment')).toBeUndefined();
    expect(run({ labs: cc(59) }).verdict).toBe('contraindicated');
    expect(run({ labs: cc(59) }, {}, 'us').verdict).toBe('advise-against');
  });
  it('an eGFR is not a creatinine clearance: below 60 without a clearance as recent leaves the renal limit unknown (insufficient data, never an offer); 60 stays silent', () => {
    const noClearance = LABS.filter((l) => l.test !== 'creatinine-clearance');
    const egfr = (value: number, date = '2026-10-15'): Lab => ({ date, test: 'egfr', value, unit: 'mL/min/1.73m2' });
    // No clearance, eGFR 60: as today, the renal check is outstanding and the verdict is unchanged.
    const at60 = run({ labs: [...noClearance, egfr(60)] });
    expect(reason(at60, 'renal-impairment.egfr-without-clearance')).toBeUndefined();
    expect(at60.verdict).toBe('offer');
    expect(at60.checks.find((c) => c.id === 'baseline-renal')?.status).toBe('outstanding');
    // eGFR 59.9: the clearance is what the label limits, and it is unknown.
    for (const label of ['eu', 'us'] as const) {
      const a = run({ labs: [...noClearance, egfr(59.9)] }, {}, label);
      expect(a.verdict).toBe('insufficient-data');
      expect(a.reasons.some((r) => r.code.includes('renal-impairment') && r.effect === 'contraindication')).toBe(false);
      const m = a.missing.find((x) => x.field === 'labs.creatinine-clearance');
      expect(m?.why).toContain('59.9 mL/min/1.73m2 on 2026-10-15');
    }
    // A clearance as recent as the eGFR decides through its own rule: 98 mL/min clears it, 59 contraindicates.
    expect(run({ labs: [...LABS, egfr(45, '2026-10-01')] }).verdict).toBe('offer');
    expect(
      run({
        labs: [
          ...LABS.filter((l) => l.test !== 'creatinine-clearance'),
          egfr(45, '2026-10-01'),
          { date: '2026-10-01', test: 'creatinine-clearance', value: 59, unit: 'mL/min' },
        ],
      }).verdict,
    ).toBe('contraindicated');
    // An older clearance of 98 does not answer a newer eGFR of 45.
    const older = run({ labs: [...LABS, egfr(45, '2026-10-20')] });
    expect(older.verdict).toBe('insufficient-data');
    expect(older.missing.find((x) => x.field === 'labs.creatinine-clearance')?.why).toContain('45 mL/min/1.73m2');
  });
  it('property: an eGFR result never makes a verdict more permissive than the same record without it', () => {
    const RANK = { offer: 0, 'offer-with-caution': 1, 'insufficient-data': 2, 'advise-against': 3, contraindicated: 4 } as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 150 }), fc.boolean(), fc.boolean(), (value, withClearance, newer) => {
        const base = withClearance ? LABS : LABS.filter((l) => l.test !== 'creatinine-clearance');
        const without = run({ labs: base });
        const withEgfr = run({ labs: [...base, { date: newer ? '2026-10-20' : '2026-09-20', test: 'egfr', value, unit: 'mL/min/1.73m2' }] });
        expect(RANK[withEgfr.verdict as keyof typeof RANK]).toBeGreaterThanOrEqual(RANK[without.verdict as keyof typeof RANK]);
        if (value < 60 && !(withClearance && !newer)) expect(withEgfr.verdict).not.toMatch(/^offer/);
      }),
      { numRuns: 60 },
    );
  });
  it('pregnancy is a contraindication; planning within 6 months is advised against', () => {
    expect(run({ pregnancy: { pregnant: true } }).verdict).toBe('contraindicated');
    expect(reason(run({ pregnancy: { planningWithinMonths: 6 } }), 'pregnancy')?.effect).toBe('against');
    expect(reason(run({ pregnancy: { planningWithinMonths: 7 } }), 'pregnancy')).toBeUndefined();
  });
  it('CLARITY took ages up to 65 and EDSS up to 5.5', () => {
    expect(reason(run({ birthDate: '1961-11-01' }), 'age-beyond-evidence')).toBeUndefined();
    expect(reason(run({ birthDate: '1960-11-01' }), 'age-beyond-evidence')?.effect).toBe('caution');
    expect(reason(run({}, { disabilityEdss: edss(5.5) }), 'disability-beyond-evidence')).toBeUndefined();
    expect(reason(run({}, { disabilityEdss: edss(6.0) }), 'disability-beyond-evidence')?.effect).toBe('caution');
  });
  it('a DMT stopped within 3 months puts the patient outside CLARITY', () => {
    const recent = [{ ...IFN, end: '2026-08-02' }];
    expect(run({ therapies: recent }).evidenceBase[0]!.fit).toBe('outside');
    expect(run({ therapies: [{ ...IFN, end: '2026-08-01' }] }).evidenceBase[0]!.fit).toBe('inside');
  });
});

describe('cladribine: an unknown lymphocyte count never yields an offer', () => {
  it('without a lymphocyte result within 3 months, no generated patient is offered cladribine', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.constantFrom('eu' as const, 'us' as const),
        (seed, index, label) => {
          const h = synthHistory(seed, index, AS_OF);
          const without = { ...h, labs: (h.labs ?? []).filter((l) => l.test !== 'lymphocytes') };
          const a = assess(without, { drug: 'cladribine', asOf: AS_OF, label });
          expect(['offer', 'offer-with-caution']).not.toContain(a.verdict);
        },
      ),
      { numRuns: 150 },
    );
  });
});
