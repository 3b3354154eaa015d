import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from '../history/dates.js';
import { validateHistory, type History } from '../history/index.js';
import { EDSS_SCORES } from '../history/vocabularies.js';
import { synthCohort } from '../synth/index.js';
import { edssInconsistencies } from './edss-consistency.js';
import { asDecisionCourse, computeCourse, courseWithRecordChecks, decisionCourse, disabilityProgression, shownCourseAndView } from './index.js';

const ASOF = parseDay('2025-01-01')!;
const START = parseDay('2005-01-01')!;
const date = fc.integer({ min: START, max: ASOF }).map(formatDay);
const fsScore = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: undefined });

const edssVisit = fc
  .record({
    date,
    score: fc.constantFrom(...EDSS_SCORES),
    fs: fc.option(fc.record({ pyramidal: fsScore(6), cerebellar: fsScore(5), sensory: fsScore(6) }), { nil: undefined }),
  })
  .map(({ date, score, fs }) => {
    const functionalSystems = fs ? Object.fromEntries(Object.entries(fs).filter(([, v]) => v !== undefined)) : undefined;
    return functionalSystems && Object.keys(functionalSystems).length ? { date, score, functionalSystems } : { date, score };
  });
const relapse = fc.record({
  onset: date,
  disabling: fc.boolean(),
  recovery: fc.constantFrom('complete', 'partial', 'none') as fc.Arbitrary<'complete' | 'partial' | 'none'>,
});
const scan = fc.record({
  date,
  region: fc.constantFrom('brain', 'spine') as fc.Arbitrary<'brain' | 'spine'>,
  gadoliniumEnhancingLesions: fc.integer({ min: 0, max: 3 }),
  newOrEnlargingT2Lesions: fc.integer({ min: 0, max: 4 }),
});
const therapy = fc
  .record({
    drug: fc.constantFrom('interferon-beta', 'fingolimod', 'natalizumab') as fc.Arbitrary<'interferon-beta' | 'fingolimod' | 'natalizumab'>,
    a: date,
    b: fc.option(date, { nil: undefined }),
  })
  .map(({ drug, a, b }) => (b === undefined ? { drug, start: a } : { drug, start: a < b ? a : b, end: a < b ? b : a }));

const historyArb: fc.Arbitrary<History> = fc
  .record({
    msOnset: fc.option(fc.constantFrom('2004', '2006-05', '2007-03-02'), { nil: undefined }),
    birthDate: fc.option(fc.constantFrom('1970', '1980-02-29'), { nil: undefined }),
    edss: fc.option(fc.array(edssVisit, { maxLength: 14 }), { nil: undefined }),
    relapses: fc.option(fc.array(relapse, { maxLength: 6 }), { nil: undefined }),
    mri: fc.option(fc.array(scan, { maxLength: 5 }), { nil: undefined }),
    therapies: fc.option(fc.array(therapy, { maxLength: 3 }), { nil: undefined }),
  })
  .map((parts) => {
    const h: History = { formatVersion: 1, id: 'prop' };
    for (const [k, v] of Object.entries(parts)) if (v !== undefined) (h as Record<string, unknown>)[k] = v;
    return h;
  });

function permute<T>(list: readonly T[] | undefined, keys: number[]): T[] | undefined {
  if (!list) return undefined;
  return list
    .map((x, i) => ({ x, k: keys[i % keys.length]! * 1000 + i }))
    .sort((a, b) => a.k - b.k)
    .map((e) => e.x);
}

describe('the course engine', () => {
  it('gives the same result whatever the order of list entries (property)', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 20 }),
        fc.constantFrom('fixed', 'roving') as fc.Arbitrary<'fixed' | 'roving'>,
        (h, keys, baseline) => {
          const shuffled: History = { ...h };
          for (const k of ['edss', 'relapses', 'mri', 'therapies'] as const) {
            const p = permute(h[k] as unknown[] | undefined, keys);
            if (p) (shuffled as Record<string, unknown>)[k] = p;
          }
          const o = { progression: { baseline, event: 'multiple' as const } };
          expect(computeCourse(shuffled, ASOF, o as never)).toEqual(computeCourse(h, ASOF, o as never));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('generated histories are valid documents, so the property covers real input', () => {
    fc.assert(
      fc.property(historyArb, (h) => validateHistory(h, { asOf: ASOF }).ok),
      { numRuns: 100 },
    );
  });

  it('never reports a status outside met / unmet / unknown, and basis dates are real dates (property)', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const c = computeCourse(h, ASOF);
        for (const f of [c.activity, c.highlyActiveDespiteTreatment, c.rapidlyEvolvingSevere, c.progression, c.objectiveSpms]) {
          expect(['met', 'unmet', 'unknown']).toContain(f.status);
        }
        for (const f of [c.activity, c.highlyActiveDespiteTreatment, c.rapidlyEvolvingSevere, c.objectiveSpms]) {
          for (const b of f.basis) expect(parseDay(b.date)).toBeDefined();
        }
        expect(JSON.parse(JSON.stringify(c))).toEqual(c);
      }),
      { numRuns: 200 },
    );
  });
});

describe("the decision's view of the course", () => {
  it('holds exactly the fields of computeCourse, computed on its own or taken from a course (property)', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const full = computeCourse(h, ASOF);
        const onDisabilityScores = disabilityProgression(h, ASOF);
        // The worsening counted on disability scores only is disabilityProgression's, whichever the view.
        expect(decisionCourse(h, ASOF, false).disabilityProgression()).toStrictEqual(onDisabilityScores);
        const shown = shownCourseAndView(h, ASOF);
        expect(shown.course).toStrictEqual(courseWithRecordChecks(h, ASOF));
        for (const view of [decisionCourse(h, ASOF), asDecisionCourse(full, h, ASOF), shown.view]) {
          const { progression, disabilityProgression: onDisability, ...fields } = view;
          expect(onDisability()).toStrictEqual(onDisabilityScores);
          expect(fields).toStrictEqual({
            asOf: full.asOf,
            activity: full.activity,
            highlyActiveDespiteTreatment: full.highlyActiveDespiteTreatment,
            rapidlyEvolvingSevere: full.rapidlyEvolvingSevere,
            objectiveSpms: full.objectiveSpms,
            phenotype: full.phenotype,
            disabilityEdss: full.disabilityEdss,
          });
          expect(progression()).toStrictEqual(full.progression);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('without texts, every status and value is the same: only details and data points may be left out (property)', () => {
    // Texts and the data points that show a finding, blanked: what remains must not move.
    const blank = (x: unknown): unknown => {
      if (Array.isArray(x)) return x.map(blank);
      if (x === null || typeof x !== 'object') return x;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(x)) if (k !== 'detail' && k !== 'basis' && typeof v !== 'function') out[k] = blank(v);
      return out;
    };
    fc.assert(
      fc.property(historyArb, (h) => {
        const bare = decisionCourse(h, ASOF, false);
        expect(blank(bare)).toStrictEqual(blank(decisionCourse(h, ASOF)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the EDSS inconsistencies of a shown course', () => {
  const asOf = parseDay('2026-11-01')!;
  const cohort = [...synthCohort(300, 20261101, asOf)];
  it('are every inconsistency of the history, last in the result, absent when there is none, and the course otherwise computeCourse', () => {
    let listed = 0;
    for (const h of cohort) {
      const all = edssInconsistencies(h);
      const shown = courseWithRecordChecks(h, asOf);
      const bare = computeCourse(h, asOf);
      expect('edssInconsistencies' in bare).toBe(false);
      const { edssInconsistencies: list, ...rest } = shown;
      expect(rest).toStrictEqual(bare);
      if (all.length === 0) {
        expect('edssInconsistencies' in shown).toBe(false);
        continue;
      }
      listed++;
      expect(Object.keys(shown).at(-1)).toBe('edssInconsistencies');
      expect(list).toStrictEqual(all);
      expect(JSON.parse(JSON.stringify(shown)).edssInconsistencies).toEqual(all);
    }
    // The synthetic cohort records scores that disagree with the EDSS for most patients.
    expect(listed).toBeGreaterThan(cohort.length / 2);
  });
});
