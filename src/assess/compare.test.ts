import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ASSESSABLE_DRUGS } from '../drugs/index.js';
import type { History } from '../history/schema.js';
import { validateHistory } from '../history/validate.js';
import { synthHistory } from '../synth/index.js';
import { assess } from './assess.js';
import { betterFitting, compareTherapies, drugName, ORDERING_RULE, suitabilityKey } from './compare.js';
import { renderComparisonText } from './compare-text.js';
import { AS_OF } from './fixtures.js';

const example = (name: string): History => {
  const v = validateHistory(JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8')), { asOf: AS_OF });
  if (!v.ok) throw new Error(`examples/${name}.json is invalid`);
  return v.history;
};

const lexLeq = (x: number[], y: number[]) => {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return true;
};

describe('comparing every therapy for one patient', () => {
  it('each column is exactly the therapy’s own assessment, and every therapy appears once (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.constantFrom('eu' as const, 'us' as const), (index, label) => {
        const h = synthHistory(7, index, AS_OF);
        const c = compareTherapies(h, { asOf: AS_OF, label });
        expect([...c.order].sort()).toEqual([...ASSESSABLE_DRUGS].sort());
        c.assessments.forEach((a, i) => {
          expect(a.drug).toBe(c.order[i]);
          expect(a).toEqual(assess(h, { drug: a.drug, asOf: AS_OF, label }));
        });
      }),
      { numRuns: 40 },
    );
  });

  it('the order follows the stated rule: keys never decrease, ties keep the product list (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), (index) => {
        const c = compareTherapies(synthHistory(11, index, AS_OF), { asOf: AS_OF, label: 'eu' });
        for (let i = 1; i < c.assessments.length; i++) {
          const prev = suitabilityKey(c.assessments[i - 1]!);
          const next = suitabilityKey(c.assessments[i]!);
          expect(lexLeq(prev, next)).toBe(true);
          if (prev.join() === next.join()) expect(ASSESSABLE_DRUGS.indexOf(c.order[i - 1]!)).toBeLessThan(ASSESSABLE_DRUGS.indexOf(c.order[i]!));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('puts the offered therapy before one advised against or contraindicated', () => {
    const c = compareTherapies(example('hiv-positive'), { asOf: AS_OF, label: 'eu' });
    const alem = c.order.indexOf('alemtuzumab');
    expect(c.assessments[alem]!.verdict).toBe('contraindicated');
    for (const a of c.assessments.slice(0, alem)) expect(['offer', 'offer-with-caution', 'insufficient-data', 'advise-against']).toContain(a.verdict);
    expect(c.orderingRule).toBe(ORDERING_RULE);
  });

  it('names as better-fitting only therapies before it that can be offered', () => {
    let named = 0;
    for (const ex of ['hiv-positive', 'advanced-spms', 'catheter-mitoxantrone', 'early-active-rrms', 'jcv-positive-natalizumab']) {
      const c = compareTherapies(example(ex), { asOf: AS_OF, label: 'eu' });
      for (const drug of c.order) {
        const better = betterFitting(c, drug);
        named += better.length;
        for (const d of better) {
          expect(c.order.indexOf(d)).toBeLessThan(c.order.indexOf(drug));
          expect(['offer', 'offer-with-caution']).toContain(c.assessments[c.order.indexOf(d)]!.verdict);
        }
      }
      expect(betterFitting(c, c.order[0]!)).toEqual([]);
    }
    expect(named).toBeGreaterThan(0);
  });

  it('compares a chosen subset in the same way', () => {
    const h = example('early-active-rrms');
    const c = compareTherapies(h, { asOf: AS_OF, label: 'us', drugs: ['mitoxantrone'] });
    expect(c.order).toEqual(['mitoxantrone']);
    expect(c.assessments[0]).toEqual(assess(h, { drug: 'mitoxantrone', asOf: AS_OF, label: 'us' }));
  });

  it('the text lists each therapy with its verdict, trial boxes and monitoring, in order, and states the rule', () => {
    const c = compareTherapies(example('early-active-rrms'), { asOf: AS_OF, label: 'eu' });
    const text = renderComparisonText(c);
    expect(text).toContain(ORDERING_RULE);
    const positions = c.order.map((d) => text.indexOf(`. ${drugName(d)}:`));
    for (const p of positions) expect(p).toBeGreaterThan(0);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text.match(/ {3}Monitoring: /g)?.length).toBe(c.order.length);
  });

  it("states a therapy's own risk estimate for this patient with its figures now and in 12 months", () => {
    const c = compareTherapies(example('jcv-positive-natalizumab'), { asOf: AS_OF, label: 'eu' });
    const estimates = c.assessments.flatMap((a) => a.risks ?? []);
    expect(estimates.length).toBeGreaterThan(0);
    const text = renderComparisonText(c);
    for (const r of estimates)
      expect(text).toContain(`This patient's ${r.name} risk: ${r.perThousand.now} per 1,000 now, ${r.perThousand.in12Months} per 1,000 in 12 months`);
  });
});
