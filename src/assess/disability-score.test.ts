import fc from 'fast-check';
import { text, type Text } from './lazy-text.js';
import { describe, expect, it } from 'vitest';
import { formatDay } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { validateHistory } from '../history/validate.js';
import { synthHistory } from '../synth/index.js';
import { DEFINITIONS } from '../course/definitions.js';
import { computeCourse } from '../course/index.js';
import { assess, type Assessment } from './index.js';
import { day, disabilityScores, edssWorsening, relapseOnsetDays } from './facts.js';
import { nearRelapse } from '../course/disability.js';
import { AS_OF } from './fixtures.js';

// One definition of a disability score (knowledge/definitions/course.json relapseExclusionDays: no EDSS
// from a relapse onset to 29 days after it) for every consumer: the course engine's disability EDSS,
// the worsening read by rules and trial boxes, every rule, check, trial box and message. The property: a
// score taken during a relapse's exclusion window, whatever its value, changes nothing an assessment says.

const EXCLUSION = DEFINITIONS.relapseExclusionDays.value;

const arbitrary = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  index: fc.integer({ min: 0, max: 10_000 }),
  drug: fc.constantFrom('alemtuzumab' as const, 'mitoxantrone' as const),
  label: fc.constantFrom('eu' as const, 'us' as const),
  relapsePick: fc.nat(),
  daysAfter: fc.integer({ min: 0, max: EXCLUSION - 1 }),
  score: fc.constantFrom(0, 1, 2.5, 4, 5.5, 6.5, 8),
});

/** The history with one more EDSS score `daysAfter` days after one of its relapses, or none when that cannot be. */
function withScoreDuringRelapse(h: History, pick: number, daysAfter: number, score: number): History | undefined {
  const relapses = (h.relapses ?? []).filter((r) => day(r.onset) + daysAfter <= AS_OF);
  if (relapses.length === 0) return undefined;
  const date = formatDay(day(relapses[pick % relapses.length]!.onset) + daysAfter);
  if ((h.edss ?? []).some((e) => e.date === date)) return undefined;
  return { ...h, edss: [...(h.edss ?? []), { date, score }] };
}

/**
 * What an assessment decides and says, except the course section's own list of excluded scores. The
 * objective SPMS classification is Lorscheider 2016's published algorithm (spmsDx), with its own relapse
 * rule (confirmation at least 30 days after a relapse): its account of the assessments it counted is
 * replaced by a token, and histories where the added score moves its status, date or score are left out.
 */
function decided(h: History, drug: 'alemtuzumab' | 'mitoxantrone', label: 'eu' | 'us') {
  const a = JSON.parse(
    JSON.stringify(assess(h, { drug, asOf: AS_OF, label }))
      .split(a0(h))
      .join('<objective SPMS detail>'),
  ) as Assessment;
  return {
    verdict: a.verdict,
    reasons: a.reasons,
    tipping: a.tipping,
    missing: a.missing,
    checks: a.checks,
    evidence: a.evidenceBase.map((e) => ({ study: e.study, fit: e.fit, criteria: e.criteria })),
    protocol: a.protocol,
    monitoring: a.weights.monitoring,
  };
}

function a0(h: History): string {
  const detail = computeCourse(h, AS_OF).objectiveSpms.detail;
  return JSON.stringify(detail).slice(1, -1);
}

/** A worsening read with its detail built, so two reads compare by what they say. */
const shown = (w: { status: string; detail: Text }) => ({ status: w.status, detail: text(w.detail) });

describe('a disability score is never taken within 30 days after a relapse, for every consumer', () => {
  it('a score during a relapse changes no verdict, reason, message, trial box, check or gap', () => {
    let tried = 0;
    fc.assert(
      fc.property(arbitrary, ({ seed, index, drug, label, relapsePick, daysAfter, score }) => {
        const h = synthHistory(seed, index, AS_OF);
        const more = withScoreDuringRelapse(h, relapsePick, daysAfter, score);
        if (!more) return;
        // Lorscheider's algorithm is the one consumer with a relapse rule of its own (see decided()): it
        // is held to its reference implementation (test/oracles), not to this definition.
        const spms = (x: History) => {
          const o = computeCourse(x, AS_OF).objectiveSpms;
          return [o.status, o.date, o.edss];
        };
        if (JSON.stringify(spms(more)) !== JSON.stringify(spms(h))) return;
        tried++;
        expect(validateHistory(more, { asOf: AS_OF }).ok).toBe(true);
        expect(decided(more, drug, label)).toStrictEqual(decided(h, drug, label));
      }),
      { numRuns: 300 },
    );
    expect(tried).toBeGreaterThan(100);
  });

  it('the worsening read and the disability EDSS ignore it too; a score on the 30th day counts as one', () => {
    fc.assert(
      fc.property(arbitrary, ({ seed, index, relapsePick, daysAfter, score }) => {
        const h = synthHistory(seed, index, AS_OF);
        const more = withScoreDuringRelapse(h, relapsePick, daysAfter, score);
        if (!more) return;
        for (const [months, points] of [
          [18, 1],
          [12, 2],
        ] as const)
          expect(shown(edssWorsening(more, AS_OF, months, points))).toStrictEqual(shown(edssWorsening(h, AS_OF, months, points)));
        expect(disabilityScores(more)).toStrictEqual(disabilityScores(h));
        const { excludedNearRelapse: _a, ...before } = computeCourse(h, AS_OF).disabilityEdss ?? { excludedNearRelapse: [] };
        const { excludedNearRelapse: _b, ...after } = computeCourse(more, AS_OF).disabilityEdss ?? { excludedNearRelapse: [] };
        expect(after).toStrictEqual(before);
        const onDay30 = withScoreDuringRelapse(h, relapsePick, EXCLUSION, score);
        const added = onDay30?.edss?.at(-1);
        if (onDay30 && added && !nearRelapse(day(added.date), relapseOnsetDays(h)))
          expect(disabilityScores(onDay30).length).toBe(disabilityScores(h).length + 1);
      }),
      { numRuns: 200 },
    );
  });
});
