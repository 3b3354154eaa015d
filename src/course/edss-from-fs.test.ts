import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FunctionalSystems } from '../history/schema.js';
import { FUNCTIONAL_SYSTEM_MAX } from '../history/vocabularies.js';
import table from '../../knowledge/definitions/edss-from-fs.json' with { type: 'json' };
import { ambulationFromMsoutcomes, ambulationToMsoutcomes, edssFromFunctionalSystems, edssInconsistency, isEdssInconsistent } from './edss-from-fs.js';

const KEYS = Object.keys(FUNCTIONAL_SYSTEM_MAX) as (keyof typeof FUNCTIONAL_SYSTEM_MAX)[];
const scores = fc.record(
  Object.fromEntries(KEYS.map((k) => [k, fc.integer({ min: 0, max: FUNCTIONAL_SYSTEM_MAX[k] })])) as Record<keyof FunctionalSystems, fc.Arbitrary<number>>,
);

describe('EDSS implied by the functional systems', () => {
  it("the issue's example: pyramidal 5, cerebellar 5, visual 6 imply at least 5.0, so a recorded 0 is flagged", () => {
    const implied = edssInconsistency(0, { pyramidal: 5, cerebellar: 5, visual: 6 });
    expect(implied).toMatchObject({ edss: 5, complete: false });
    expect(implied!.missing).toEqual(['brainstem', 'sensory', 'bowelBladder', 'cerebral', 'ambulation']);
    // A recorded score at or above the least the scores allow is not contradicted by partial scores.
    expect(edssInconsistency(6.5, { pyramidal: 5, cerebellar: 5, visual: 6 })).toBeUndefined();
  });

  it('with every score recorded any difference is flagged, and agreement is not', () => {
    const all = { visual: 0, brainstem: 0, pyramidal: 2, cerebellar: 2, sensory: 0, bowelBladder: 0, cerebral: 0, ambulation: 0 };
    expect(edssInconsistency(2.5, all)).toBeUndefined();
    expect(edssInconsistency(3, all)).toMatchObject({ edss: 2.5, complete: true });
    expect(edssInconsistency(2, all)).toMatchObject({ edss: 2.5, complete: true });
  });

  it('no scores, no implied EDSS (unknown is not 0)', () => {
    expect(edssFromFunctionalSystems({})).toBeUndefined();
    expect(edssFromFunctionalSystems(undefined)).toBeUndefined();
  });

  it('never decreases when a score rises, so a partial record gives a lower bound', () => {
    fc.assert(
      fc.property(scores, fc.constantFrom(...KEYS), (fs, k) => {
        if (fs[k]! >= FUNCTIONAL_SYSTEM_MAX[k]) return;
        const higher = { ...fs, [k]: fs[k]! + 1 };
        expect(edssFromFunctionalSystems(higher)!.edss).toBeGreaterThanOrEqual(edssFromFunctionalSystems(fs)!.edss);
      }),
      { numRuns: 2000 },
    );
  });

  it('ambulation decides alone from 3 (5.0) to 16 (10.0)', () => {
    expect([3, 4, 5, 7, 8, 10, 11, 12, 16].map((a) => edssFromFunctionalSystems({ ambulation: a })!.edss)).toEqual([5, 5.5, 6, 6, 6.5, 7, 7.5, 8, 10]);
  });

  it("MSoutcomes' FSamb maps to the Neurostatus score and back unchanged", () => {
    for (let a = 0; a <= 11; a++) expect(ambulationToMsoutcomes(ambulationFromMsoutcomes(a)!)).toBe(a);
    // FSamb 5 is EDSS 6.0 in SampleData, and so is the Neurostatus score it maps to.
    expect(edssFromFunctionalSystems({ ambulation: ambulationFromMsoutcomes(5)! })!.edss).toBe(6);
  });
});

// The table read the plain way: each system by its key, every rule scanned in order. The engine reads
// the same table faster (named reads, a lookup table of matched rules); it must give the same answers.
function readingByScan(fs: Partial<FunctionalSystems>): { edss: number; complete: boolean; missing: string[] } | undefined {
  const systems = ['visual', 'brainstem', 'pyramidal', 'cerebellar', 'sensory', 'bowelBladder', 'cerebral'] as const;
  const missing = [...systems.filter((k) => fs[k] === undefined), ...(fs.ambulation === undefined ? ['ambulation'] : [])];
  if (missing.length === 8) return undefined;
  const converted = systems.map((k) => {
    const v = fs[k] ?? 0;
    return k === 'visual' ? table.conversions.visual.table[v]! : k === 'bowelBladder' ? table.conversions.bowelBladder.table[v]! : v;
  });
  const max = Math.max(...converted);
  const rest = converted.filter((s) => s < max);
  const second = rest.length ? Math.max(...rest) : -1;
  const count = (s: number) => converted.filter((x) => x === s).length;
  const amb = fs.ambulation ?? 0;
  const within = (x: number, b?: number[]) => b === undefined || (x >= b[0]! && x <= b[1]!);
  const byAmbulation = table.ambulationEdss.table[amb];
  const edss =
    byAmbulation ??
    table.combinationRules.rules.find(
      (r) =>
        within(max, r.max) &&
        within(count(max), r.maxCount) &&
        within(second, r.second) &&
        within(second < 0 ? 0 : count(second), r.secondCount) &&
        within(amb, r.ambulation),
    )!.edss;
  return { edss, complete: missing.length === 0, missing };
}

describe('the implied EDSS as the engine reads it', () => {
  const partial = fc.record(
    Object.fromEntries(KEYS.map((k) => [k, fc.integer({ min: 0, max: FUNCTIONAL_SYSTEM_MAX[k] })])) as Record<keyof FunctionalSystems, fc.Arbitrary<number>>,
    { requiredKeys: [] },
  );
  it('is what scanning the table gives, for any scores with or without gaps (property)', () => {
    fc.assert(
      fc.property(partial, (fs) => {
        expect(edssFromFunctionalSystems(fs)).toEqual(readingByScan(fs));
      }),
      { numRuns: 5000 },
    );
  });
  it('flags a visit exactly when it reports one (property)', () => {
    const recorded = fc.integer({ min: 0, max: 20 }).map((x) => x / 2);
    fc.assert(
      fc.property(recorded, partial, (score, fs) => {
        const implied = readingByScan(fs);
        const expected = implied && (implied.complete ? implied.edss !== score : score < implied.edss) ? implied : undefined;
        expect(edssInconsistency(score, fs)).toEqual(expected);
        expect(isEdssInconsistent(score, fs)).toBe(expected !== undefined);
      }),
      { numRuns: 5000 },
    );
  });
});
