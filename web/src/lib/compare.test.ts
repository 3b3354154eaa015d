import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTherapies } from '../../../src/assess/compare.js';
import { parseDay } from '../../../src/history/dates.js';
import type { History } from '../../../src/history/schema.js';
import { comparisonRows, perThousand, type ComparisonRecord } from './compare.js';

// The rows are derived from what the server returns: the comparison of real examples.

const asOf = parseDay('2026-11-01')!;
function compared(example: string): ComparisonRecord {
  const h = JSON.parse(readFileSync(new URL(`../../../examples/${example}.json`, import.meta.url), 'utf8')) as History;
  return { patientId: h.id, historyVersion: 1, ...JSON.parse(JSON.stringify(compareTherapies(h, { asOf, label: 'eu' }))) } as ComparisonRecord;
}

describe('the comparison view rows', () => {
  it('keep the server order and each therapy’s own verdict, trial fits and monitoring', () => {
    for (const ex of ['early-active-rrms', 'advanced-spms', 'hiv-positive', 'catheter-mitoxantrone']) {
      const c = compared(ex);
      const rows = comparisonRows(c);
      expect(rows.map((r) => r.drug)).toEqual(c.order);
      rows.forEach((r, i) => {
        const a = c.assessments[i]!;
        expect(r.rank).toBe(i + 1);
        expect(r.verdict).toBe(a.verdict);
        expect(r.trials.map((t) => t.study).sort()).toEqual(a.evidenceBase.map((e) => e.study).sort());
        expect(r.monitoring).toBe(a.weights.monitoring.detail);
        expect(r.reasons.length).toBeLessThanOrEqual(3);
        for (const m of r.reasons) expect(a.reasons.map((x) => x.message).concat(a.tipping.map((t) => t.message))).toContain(m);
      });
    }
  });

  it('draws every risk over the same 1,000 people, most frequent first', () => {
    const rows = comparisonRows(compared('early-active-rrms'));
    for (const r of rows) {
      expect(r.risks.length).toBeGreaterThan(0);
      for (const k of r.risks) expect(k.perThousand.denominator).toBe(1000);
      for (let i = 1; i < r.risks.length; i++) expect(r.risks[i - 1]!.perThousand.count).toBeGreaterThanOrEqual(r.risks[i]!.perThousand.count);
    }
  });

  it('per 1,000: the midpoint, its range, and never outside 0..1,000 (property)', () => {
    expect(perThousand(0.3, 0.4)).toMatchObject({ count: 350, low: 300, high: 400, text: 'about 350 in 1,000 (300 to 400 in 1,000)' });
    expect(perThousand(0.0002, 0.0002)).toMatchObject({ count: 0, text: 'fewer than 1 in 1,000' });
    expect(perThousand(undefined, undefined)).toBeUndefined();
    expect(perThousand(-0.1, 0.2)).toBeUndefined();
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const f = perThousand(a, b)!;
        expect(f.low).toBeLessThanOrEqual(f.count);
        expect(f.count).toBeLessThanOrEqual(f.high);
        expect(f.high).toBeLessThanOrEqual(1000);
      }),
    );
  });
});
