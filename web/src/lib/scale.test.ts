import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess } from '../../../src/assess/index.js';
import { parseDay } from '../../../src/history/dates.js';
import type { History } from '../../../src/history/schema.js';
import type { Assessment, Reason, Weights } from '../api/types.js';
import { TILT, TILT_RULE, WEIGHT, orderReasons, weigh, weightText, type FactorItem, type LabelRiskItem, type TrialItem } from './scale.js';

// The picture is derived from what the engine returns: the examples' real assessments, and small
// hand-built ones for the edges of the rule.

function assessed(example: string, drug: 'alemtuzumab' | 'mitoxantrone'): Assessment {
  const h = JSON.parse(readFileSync(new URL(`../../../examples/${example}.json`, import.meta.url), 'utf8')) as History;
  return JSON.parse(JSON.stringify(assess(h, { drug, asOf: parseDay('2026-11-01')! }))) as Assessment;
}

const r = (code: string, effect: Reason['effect'], message = code): Reason => ({ code, effect, message, sources: [] });
const risk = (id: string, low?: number, high?: number, patientFactors: string[] = []): Weights['risks'][number] => ({
  id,
  name: id,
  frequency: 'words',
  ...(low !== undefined ? { low } : {}),
  ...(high !== undefined ? { high } : {}),
  patientFactors,
  sources: [],
  confidence: 'test',
});
const benefit = (trial: string, applies: 'inside' | 'outside' | 'uncertain'): Weights['benefits'][number] => ({
  id: `${trial}.x`,
  trial,
  outcome: 'o',
  detail: 'd',
  applies,
  sources: [],
  confidence: 'test',
});
const weights = (benefits: Weights['benefits'], risks: Weights['risks']): Weights => ({
  benefits,
  risks,
  monitoring: { months: 0, tests: 0, visits: 0, detail: '', sources: [] },
  cost: { configured: false, detail: '' },
});
const base: Assessment = {
  drug: 'mitoxantrone',
  asOf: '2024-01-01',
  rulesetVersion: 't',
  verdict: 'offer',
  reasons: [r('active', 'for')],
  evidenceBase: [
    { study: 'Trial A', trial: 'a', fit: 'inside', criteria: [] },
    { study: 'Trial B', trial: 'b', fit: 'outside', criteria: [] },
  ],
  missing: [],
  checks: [],
  tipping: [],
  weights: weights([benefit('a', 'inside'), benefit('a', 'inside'), benefit('b', 'outside')], [risk('r1', 0.3, 0.4), risk('r2')]),
};

describe("a good alemtuzumab candidate: the drug's own risks are on the scale, and it still tips to benefit", () => {
  const a = assessed('early-active-rrms', 'alemtuzumab');
  const s = weigh(a);
  it('every label risk of the assessment is on the risk pan, with its frequency', () => {
    expect(a.verdict).toBe('offer');
    const label = s.risks.filter((x): x is LabelRiskItem => x.kind === 'label-risk');
    expect(label.map((x) => x.name)).toEqual(a.weights!.risks.map((w) => w.name));
    expect(label.length).toBeGreaterThan(0);
    expect(s.riskWeight).toBeGreaterThan(0);
    const thyroid = label.find((x) => x.key === 'risk:thyroid')!;
    expect(thyroid.frequency?.text).toBe('about 35 in 100 (30 to 40 in 100)');
  });
  it("each trial is on the benefit pan, marked inside or outside the patient's evidence box; only CARE-MS II weighs", () => {
    const trials = s.benefits.filter((x): x is TrialItem => x.kind === 'trial');
    expect(trials.map((t) => [t.name, t.fit])).toEqual(
      expect.arrayContaining([
        ['CARE-MS II', 'inside'],
        ['CARE-MS I', 'outside'],
        ['CAMMS223', 'outside'],
      ]),
    );
    expect(trials.find((t) => t.name === 'CARE-MS II')!.results.map((b) => b.id)).toEqual(['care-ms-2.relapses', 'care-ms-2.disability']);
    for (const t of trials) expect(t.weight).toBe(t.fit === 'inside' ? 1 : 0);
  });
  it('the tilt comes from the weights: benefits heavier than risks, the beam down on the benefit side', () => {
    expect(s.rule).toBe('weights');
    expect(s.benefitWeight).toBeGreaterThan(s.riskWeight);
    expect(s.tilt).toBeLessThan(0);
    expect(s.tilt).toBeCloseTo((-TILT.weighed * (s.benefitWeight - s.riskWeight)) / (s.benefitWeight + s.riskWeight), 1);
    expect(s.applied).toContain(`benefits weigh ${weightText(s.benefitWeight)} and the risks ${weightText(s.riskWeight)}`);
  });
});

describe('advanced SPMS under alemtuzumab: tipped against', () => {
  const s = weigh(assessed('advanced-spms', 'alemtuzumab'));
  it('the reasons against sit on the risk pan beside the label risks and hold the beam down there', () => {
    expect(s.rule).toBe('against');
    expect(s.tilt).toBe(TILT.against);
    const factors = s.risks.filter((x): x is FactorItem => x.kind === 'patient-factor');
    expect(factors.map((f) => f.reason.code)).toContain('alemtuzumab.progressive-course');
    expect(factors.filter((f) => f.reason.effect === 'against').every((f) => f.weight === null)).toBe(true);
    expect(s.risks.some((x) => x.kind === 'label-risk')).toBe(true);
  });
  it('no trial box holds this patient, so the trials weigh nothing', () => {
    const trials = s.benefits.filter((x): x is TrialItem => x.kind === 'trial');
    expect(trials.filter((t) => t.fit !== 'no-box').every((t) => t.fit === 'outside' && t.weight === 0)).toBe(true);
  });
});

describe('the catheter patient under mitoxantrone: the catheter on the risk side', () => {
  const s = weigh(assessed('catheter-mitoxantrone', 'mitoxantrone'));
  it('the catheter reason is a patient factor on the risk pan, tipping, and linked to the infection risk it raises', () => {
    const cath = s.risks.find((x): x is FactorItem => x.kind === 'patient-factor' && /catheter/.test(x.reason.message))!;
    expect(cath.reason.code).toBe('mitoxantrone.infection-risk');
    expect(cath.tipping).toBe(true);
    expect(cath.raises.join(' ')).toMatch(/infection at the neutrophil nadir/);
    const infection = s.risks.find((x): x is LabelRiskItem => x.key === 'risk:neutropenic-infection')!;
    expect(infection.raisedBy).toEqual(['mitoxantrone.infection-risk']);
  });
  it('the beam is down on the risk side though the patient is inside both trial boxes', () => {
    expect(s.benefits.filter((x) => x.kind === 'trial').every((t) => (t as TrialItem).fit === 'inside')).toBe(true);
    expect(s.benefitWeight).toBeGreaterThan(s.riskWeight);
    expect(s.tilt).toBeGreaterThan(0);
  });
});

describe('the tilt rule at its edges', () => {
  it('the weights: trials by their fit, reasons for, label risks at a quarter, cautions', () => {
    const s = weigh(base);
    // Trial A inside (1) + a reason for (1); two label risks at 1/4.
    expect(s.benefitWeight).toBe(WEIGHT.trial.inside + WEIGHT.reasonFor);
    expect(s.riskWeight).toBe(2 * WEIGHT.labelRisk);
    expect(s.tilt).toBeCloseTo((-TILT.weighed * (2 - 0.5)) / 2.5, 1);
    const withCaution = weigh({ ...base, verdict: 'offer-with-caution', reasons: [...base.reasons, r('c', 'caution')] });
    expect(withCaution.riskWeight).toBe(2 * WEIGHT.labelRisk + WEIGHT.caution);
    expect(withCaution.tilt).toBeGreaterThan(weigh(base).tilt);
  });
  it('risks weighing as much as the benefits or more leave the beam level, never tipped against without a reason against', () => {
    const s = weigh({ ...base, verdict: 'offer-with-caution', reasons: [r('c1', 'caution'), r('c2', 'caution')] });
    expect(s.riskWeight).toBeGreaterThan(s.benefitWeight);
    expect(s.tilt).toBe(0);
    expect(s.applied).toMatch(/stays level/);
  });
  it('one contraindication holds the beam fully down whatever the benefits; a trial uncertain for the patient weighs half', () => {
    const s = weigh({
      ...base,
      verdict: 'contraindicated',
      evidenceBase: [{ study: 'Trial A', trial: 'a', fit: 'uncertain', criteria: [] }],
      reasons: [r('active', 'for'), r('x', 'for'), r('y', 'for'), r('catheter', 'contraindication')],
    });
    expect(s.tilt).toBe(TILT.contraindication);
    expect(s.rule).toBe('contraindication');
    expect(s.benefits.find((x) => x.kind === 'trial' && x.name === 'Trial A')!.weight).toBe(WEIGHT.trial.uncertain);
  });
  it('insufficient data leaves the beam level and undecided', () => {
    const u = weigh({ ...base, verdict: 'insufficient-data' });
    expect(u.tilt).toBe(0);
    expect(u.undecided).toBe(true);
  });
  it('a finding without an eligibility box (Coles 2006) is shown but not weighed', () => {
    const s = weigh({ ...base, weights: weights([benefit('coles', 'inside')], []) });
    const coles = s.benefits.find((x) => x.kind === 'trial')!;
    expect(coles).toMatchObject({ fit: 'no-box', weight: 0, name: 'coles' });
  });
  it('an assessment stored without weights still shows its reasons', () => {
    const { weights: _, ...old } = base;
    const s = weigh({ ...old, verdict: 'advise-against', reasons: [r('a', 'for'), r('b', 'against')] });
    expect(s.benefits.map((x) => x.key)).toEqual(['reason:a']);
    expect(s.risks.map((x) => x.key)).toEqual(['reason:b']);
  });
  it('the beam never tips against the verdict: down on the risk side exactly when a reason against or a contraindication is given', () => {
    const effects = fc.constantFrom<Reason['effect']>('for', 'caution', 'against', 'contraindication');
    fc.assert(
      fc.property(
        fc.array(effects, { maxLength: 6 }),
        fc.array(fc.constantFrom('inside', 'outside', 'uncertain'), { maxLength: 4 }),
        fc.nat(10),
        (fx, fits, nRisks) => {
          const reasons = fx.map((e, i) => r(`r${i}`, e));
          const verdict = fx.includes('contraindication')
            ? 'contraindicated'
            : fx.includes('against')
              ? 'advise-against'
              : fx.includes('caution')
                ? 'offer-with-caution'
                : 'offer';
          const evidenceBase = fits.map((fit, i) => ({ study: `T${i}`, trial: `t${i}`, fit, criteria: [] }));
          const a: Assessment = {
            ...base,
            verdict,
            reasons,
            evidenceBase,
            weights: weights(
              fits.map((f, i) => benefit(`t${i}`, f)),
              Array.from({ length: nRisks }, (_, i) => risk(`k${i}`)),
            ),
          };
          const s = weigh(a);
          expect(s.tilt > 0).toBe(verdict === 'contraindicated' || verdict === 'advise-against');
          expect(s.tilt).toBeGreaterThanOrEqual(-TILT.weighed);
          expect(s.tilt).toBeLessThanOrEqual(TILT.contraindication);
          expect(s.risks.filter((x) => x.kind === 'label-risk')).toHaveLength(nRisks);
        },
      ),
    );
  });
  it('the rule written under the picture states the weights the code uses', () => {
    expect(TILT_RULE).toContain(`each label risk weighs ${weightText(WEIGHT.labelRisk)}`);
    expect(TILT_RULE).toContain(`${TILT.weighed}°`);
    expect(weightText(2.25)).toBe('2¼');
    expect(weightText(0.5)).toBe('½');
    expect(weightText(0)).toBe('0');
  });
});

describe('reasons are read in order', () => {
  it('tipping reasons first, then the strictest', () => {
    const reasons = [r('active-disease', 'for'), r('urinary-catheter', 'contraindication'), r('age', 'caution')];
    expect(orderReasons(reasons, new Set(['age'])).map((x) => x.code)).toEqual(['age', 'urinary-catheter', 'active-disease']);
  });
  it("the engine's own tipping list is used when present", () => {
    expect([...weigh({ ...base, tipping: [{ code: 'active', effect: 'caution', message: '' }] }).tipping]).toEqual(['active']);
    const { tipping: _, ...noTipping } = base;
    expect([...weigh({ ...noTipping, verdict: 'advise-against', reasons: [r('z', 'against')] }).tipping]).toEqual(['z']);
  });
});
