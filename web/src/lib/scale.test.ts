import { describe, expect, it } from 'vitest';
import type { Assessment, Reason } from '../api/types.js';
import { orderReasons, weigh } from './scale.js';

const r = (code: string, effect: Reason['effect']): Reason => ({ code, effect, message: code, sources: [] });
const base: Assessment = {
  drug: 'mitoxantrone', asOf: '2024-01-01', rulesetVersion: 't', verdict: 'contraindicated',
  reasons: [r('active-disease', 'for'), r('urinary-catheter', 'contraindication'), r('age', 'caution')],
  evidenceBase: [], missing: [], checks: [],
};

describe('the scale shows benefits against risks with the tipping reasons picked out', () => {
  it('one contraindication tips the scale fully to risk whatever the benefits', () => {
    const s = weigh(base);
    expect(s.tilt).toBeGreaterThan(0);
    expect(s.benefits.map((x) => x.code)).toEqual(['active-disease']);
    expect(s.risks.map((x) => x.code)).toEqual(['urinary-catheter', 'age']);
  });
  it('without an engine-reported tipping list, the reasons calling for the verdict are the tipping ones', () => {
    expect([...weigh(base).tipping]).toEqual(['urinary-catheter']);
  });
  it('the engine\'s own tipping list is used when present (codes or objects)', () => {
    expect([...weigh({ ...base, tipping: ['age'] }).tipping]).toEqual(['age']);
    expect([...weigh({ ...base, tipping: [{ code: 'urinary-catheter' }] }).tipping]).toEqual(['urinary-catheter']);
  });
  it('an offer tips to the benefit side; insufficient data leaves the beam level and undecided', () => {
    expect(weigh({ ...base, verdict: 'offer', reasons: [r('a', 'for')] }).tilt).toBeLessThan(0);
    const u = weigh({ ...base, verdict: 'insufficient-data' });
    expect(u.tilt).toBe(0);
    expect(u.undecided).toBe(true);
    expect(u.tipping.size).toBe(0);
  });
  it('tipping reasons are read first, then the strictest', () => {
    const s = weigh(base);
    expect(orderReasons(base.reasons, s.tipping).map((x) => x.code)).toEqual(['urinary-catheter', 'age', 'active-disease']);
  });
});
