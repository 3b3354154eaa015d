import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSESSABLE_DRUGS } from '../drugs/index.js';
import type { History } from '../history/schema.js';
import { validateHistory } from '../history/validate.js';
import { synthHistory } from '../synth/index.js';
import { assess, AssessmentSchema, decideCodes, isScaleVerdict, KNOWLEDGE, NOT_APPLICABLE_CODE, VERDICT_RANK } from './index.js';
import { AS_OF } from './fixtures.js';

// Spec (patient-history.md, "Assessment output"): deleting a whole decision field never turns a verdict
// that is not an offer into `offer` or `offer-with-caution`. Checked over synthetic histories (src/synth)
// and every deletion subset, for every assessable drug and both labels.

const DECISION_FIELDS = ['msOnset', 'msDiagnosis', 'course', 'edss', 'relapses', 'mri', 'therapies', 'birthDate'] as const;
const OFFERS = new Set(['offer', 'offer-with-caution']);

const arbitraryCase = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  index: fc.integer({ min: 0, max: 10_000 }),
  drug: fc.constantFrom(...ASSESSABLE_DRUGS),
  label: fc.constantFrom('eu' as const, 'us' as const),
  deleted: fc.subarray([...DECISION_FIELDS], { minLength: 1 }),
});

function without(h: History, fields: readonly string[]): History {
  const copy: Record<string, unknown> = { ...h };
  for (const f of fields) delete copy[f];
  return copy as History;
}

describe('unknowns are never the ground for an offer', () => {
  it('deleting any whole decision field never turns a non-offer into an offer or offer-with-caution', () => {
    let nonOffers = 0;
    fc.assert(
      fc.property(arbitraryCase, ({ seed, index, drug, label, deleted }) => {
        const h = synthHistory(seed, index, AS_OF);
        const before = assess(h, { drug, asOf: AS_OF, label });
        if (OFFERS.has(before.verdict)) return;
        nonOffers++;
        const reduced = without(h, deleted);
        expect(validateHistory(reduced, { asOf: AS_OF }).ok).toBe(true);
        const after = assess(reduced, { drug, asOf: AS_OF, label });
        expect(OFFERS.has(after.verdict), `${before.verdict} -> ${after.verdict} after deleting ${deleted.join(', ')}`).toBe(false);
      }),
      { numRuns: 400 },
    );
    // The property must actually have been exercised on non-offers.
    expect(nonOffers).toBeGreaterThan(50);
  });

  it('deleting a decision field from an offer gives at best the same offer, never a more permissive one', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ seed, index, drug, label, deleted }) => {
        const h = synthHistory(seed, index, AS_OF);
        const before = assess(h, { drug, asOf: AS_OF, label });
        const after = assess(without(h, deleted), { drug, asOf: AS_OF, label });
        if (before.verdict === 'offer-with-caution') expect(after.verdict).not.toBe('offer');
      }),
      { numRuns: 200 },
    );
  });
});

describe('every assessment is well formed', () => {
  it('matches the schema; the verdict is the strictest reason or gap; tipping is empty exactly for an offer', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ seed, index, drug, label }) => {
        const a = assess(synthHistory(seed, index, AS_OF), { drug, asOf: AS_OF, label });
        expect(AssessmentSchema.safeParse(JSON.parse(JSON.stringify(a))).success).toBe(true);
        if (!isScaleVerdict(a.verdict)) {
          // Outside scope (scope.ts): one reason, nothing weighed, nothing to check.
          expect(a.reasons.map((r) => [r.code, r.effect])).toEqual([[NOT_APPLICABLE_CODE, 'not-applicable']]);
          expect([a.checks, a.missing, a.tipping, a.evidenceBase]).toEqual([[], [], [], []]);
          return;
        }
        const verdict = a.verdict;
        const effectVerdict = { contraindication: 'contraindicated', against: 'advise-against', caution: 'offer-with-caution', for: 'offer' } as const;
        for (const r of a.reasons) expect(r.effect !== 'not-applicable' && VERDICT_RANK[effectVerdict[r.effect]] <= VERDICT_RANK[verdict]).toBe(true);
        expect(a.tipping.length === 0).toBe(verdict === 'offer');
        if (a.missing.some((m) => m.effect === 'insufficient-data')) expect(VERDICT_RANK[verdict]).toBeGreaterThanOrEqual(VERDICT_RANK['insufficient-data']);
      }),
      { numRuns: 200 },
    );
  });

  it('the result does not depend on the order of list entries', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ seed, index, drug, label }) => {
        const h = synthHistory(seed, index, AS_OF);
        const reversed: History = { ...h };
        for (const k of ['edss', 'relapses', 'mri', 'therapies', 'conditions', 'labs'] as const) {
          if (h[k]) (reversed as Record<string, unknown>)[k] = [...(h[k] as unknown[])].reverse();
        }
        const a = assess(h, { drug, asOf: AS_OF, label });
        const b = assess(reversed, { drug, asOf: AS_OF, label });
        expect(b.verdict).toBe(a.verdict);
        expect(b.reasons.map((r) => r.code).sort()).toEqual(a.reasons.map((r) => r.code).sort());
      }),
      { numRuns: 150 },
    );
  });
});

describe('assess builds every text it holds', () => {
  it('no message, detail or reason for missing data reaches the output unbuilt, and the output keeps its schema', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ seed, index, drug, label, deleted }) => {
        // Whole histories and histories with decision fields deleted (the unknown paths).
        for (const h of [synthHistory(seed, index, AS_OF), without(synthHistory(seed, index, AS_OF), deleted)]) {
          const a = assess(h, { drug, asOf: AS_OF, label });
          // Texts are built when read (lazy-text.ts): none may reach the output unbuilt.
          expect(JSON.stringify(a)).not.toMatch(/\(\) =>/);
          expect(AssessmentSchema.safeParse(a).success).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('decideCodes is the decision without its texts', () => {
  it('gives the codes, effects, fields and failed checks of assess; checks of the kinds it skips never fail', () => {
    const neverFail = new Set(['labs-recent', 'body', 'manual']);
    fc.assert(
      fc.property(arbitraryCase, ({ seed, index, drug, label, deleted }) => {
        for (const h of [synthHistory(seed, index, AS_OF), without(synthHistory(seed, index, AS_OF), deleted)]) {
          const a = assess(h, { drug, asOf: AS_OF, label });
          const c = decideCodes(h, { drug, asOf: AS_OF, label });
          expect(c.verdict).toBe(a.verdict);
          expect(c.reasons.map((r) => [r.code, r.effect])).toStrictEqual(a.reasons.map((r) => [r.code, r.effect]));
          expect(c.tipping.map((t) => [t.code, t.effect])).toStrictEqual(a.tipping.map((t) => [t.code, t.effect]));
          expect(c.missing.map((m) => [m.field, m.effect])).toStrictEqual(a.missing.map((m) => [m.field, m.effect]));
          expect(c.checks.map((x) => [x.id, x.status])).toStrictEqual(a.checks.filter((x) => x.status === 'failed').map((x) => [x.id, x.status]));
          const kinds = new Map(KNOWLEDGE.rules[drug].checks.map((k) => [k.id, k.kind]));
          for (const x of a.checks) if (neverFail.has(kinds.get(x.id)!)) expect(x.status).not.toBe('failed');
        }
      }),
      { numRuns: 300 },
    );
  });
});
