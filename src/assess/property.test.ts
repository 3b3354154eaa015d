import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSESSABLE_DRUGS } from '../drugs/index.js';
import type { History } from '../history/schema.js';
import { validateHistory } from '../history/validate.js';
import { synthHistory } from '../synth/index.js';
import { assess, AssessmentSchema, decideCodes, isScaleVerdict, KNOWLEDGE, NOT_APPLICABLE_CODE, VERDICT_RANK } from './index.js';
import { AS_OF } from './fixtures.js';
import { decideCodesForEach, type DecisionCodes } from './fast/decide-codes.js';

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
    const neverFail = new Set(['labs-recent', 'body', 'manual', 'concurrent-therapy']);
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

// The label-complete rules (issue 11) read conditions, therapies, labs, sex and age that the synthetic
// cohort rarely holds: the same property over synthetic histories given some of them at random.
const NEW_RULE_CONDITIONS = [
  'hepatic-impairment',
  'malignancy',
  'immunodeficiency',
  'hiv',
  'myocardial-infarction',
  'angina',
  'cardiovascular-disease',
  'pml',
  'opportunistic-infection',
  'itp',
  'anti-gbm-disease',
  'autoimmune-hepatitis',
  'hlh',
  'pressure-ulcer',
  'recurrent-uti',
] as const;
const NEW_RULE_THERAPIES = ['natalizumab', 'azathioprine', 'mitoxantrone', 'ocrelizumab', 'fingolimod', 'alemtuzumab'] as const;

const augmented = fc.record({
  base: arbitraryCase,
  conditions: fc.subarray([...NEW_RULE_CONDITIONS], { maxLength: 3 }),
  resolved: fc.boolean(),
  therapy: fc.option(fc.constantFrom(...NEW_RULE_THERAPIES), { nil: undefined }),
  therapyEnd: fc.option(fc.constantFrom('2025-01-01', '2026-06-01'), { nil: undefined }),
  alt: fc.option(fc.constantFrom(100, 121, 280), { nil: undefined }),
  hbsag: fc.option(fc.constantFrom('positive' as const, 'negative' as const), { nil: undefined }),
  young: fc.boolean(),
  father: fc.boolean(),
});

type Augmentation = typeof augmented extends fc.Arbitrary<infer T> ? T : never;

function withNewRuleData(h: History, x: Augmentation): History {
  const out: History = { ...h };
  if (x.conditions.length > 0)
    out.conditions = [...(h.conditions ?? []), ...x.conditions.map((code) => ({ code, status: x.resolved ? ('resolved' as const) : ('active' as const) }))];
  if (x.therapy) {
    const t = { drug: x.therapy, start: '2024-01-01', ...(x.therapyEnd ? { end: x.therapyEnd, stopReason: 'inefficacy' as const } : {}) };
    out.therapies = [...(h.therapies ?? []), t];
  }
  const labs = [...(h.labs ?? [])];
  if (x.alt !== undefined) labs.push({ date: '2026-10-01', test: 'alt', value: x.alt, unit: 'U/L' });
  if (x.hbsag) labs.push({ date: '2026-10-01', test: 'hbsag', value: x.hbsag });
  if (labs.length > 0) out.labs = labs;
  if (x.young) out.birthDate = '2010-05-01';
  if (x.father) {
    out.sex = 'male';
    out.pregnancy = { planningWithinMonths: 2 };
  }
  return out;
}

describe('the label-complete rules: removing a decision field never yields a more permissive verdict', () => {
  const FIELDS = [...DECISION_FIELDS, 'conditions', 'sex'] as const;
  it('a non-offer never becomes an offer, nor an offer-with-caution an offer, after deleting any subset of the decision fields', () => {
    let nonOffers = 0;
    fc.assert(
      fc.property(augmented, fc.subarray([...FIELDS], { minLength: 1 }), (x, deleted) => {
        const { seed, index, drug, label } = x.base;
        const h = withNewRuleData(synthHistory(seed, index, AS_OF), x);
        if (!validateHistory(h, { asOf: AS_OF }).ok) return;
        const before = assess(h, { drug, asOf: AS_OF, label });
        const after = assess(without(h, deleted), { drug, asOf: AS_OF, label });
        const why = `${before.verdict} -> ${after.verdict} after deleting ${deleted.join(', ')}`;
        if (!OFFERS.has(before.verdict)) {
          nonOffers++;
          expect(OFFERS.has(after.verdict), why).toBe(false);
        }
        if (before.verdict === 'offer-with-caution') expect(after.verdict, why).not.toBe('offer');
      }),
      { numRuns: 400 },
    );
    expect(nonOffers).toBeGreaterThan(100);
  });
});

/** The history with every ended therapy stopped on a day not recorded (`endUnknown`), as a stopped order without an end reads. */
function endsUnknown(h: History): History {
  if (!h.therapies) return h;
  return {
    ...h,
    therapies: h.therapies.map((t) => {
      if (t.end === undefined) return t;
      const { end: _end, ...rest } = t;
      return { ...rest, endUnknown: true };
    }),
  };
}

describe('decideCodesForEach is decideCodes for each drug', () => {
  // The drugs share the course view, the reads of the history and the trial criteria judged so far:
  // each drug's decision must be the one it gets alone, whatever the other drugs read first.
  const codesOf = (c: DecisionCodes) => ({
    verdict: c.verdict,
    reasons: c.reasons.map((r) => [r.code, r.effect]),
    missing: c.missing.map((m) => [m.field, m.effect]),
    checks: c.checks.map((x) => [x.id, x.status]),
    tipping: c.tipping.map((t) => [t.code, t.effect]),
  });
  it('gives every drug the codes, effects, fields and failed checks it gets alone, in any order of the drugs', () => {
    fc.assert(
      fc.property(augmented, fc.shuffledSubarray([...ASSESSABLE_DRUGS], { minLength: 1 }), fc.boolean(), (x, drugs, msInSource) => {
        const { seed, index, label, deleted } = x.base;
        const h = withNewRuleData(synthHistory(seed, index, AS_OF), x);
        for (const record of [h, without(h, deleted), endsUnknown(h)]) {
          const each = decideCodesForEach(record, drugs, { asOf: AS_OF, label, msInSource });
          expect(each.map(codesOf)).toStrictEqual(drugs.map((drug) => codesOf(decideCodes(record, { drug, asOf: AS_OF, label, msInSource }))));
        }
      }),
      { numRuns: 300 },
    );
  });
});
