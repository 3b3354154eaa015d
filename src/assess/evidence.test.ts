import { describe, expect, it } from 'vitest';
import type { History } from '../history/schema.js';
import type { CourseResult } from '../course/types.js';
import { parseDay } from '../history/dates.js';
import { synthCohort } from '../synth/index.js';
import { asDecisionCourse, computeCourse } from '../course/index.js';
import type { Trial } from './knowledge.js';
import { evaluateTrial as evaluateLazily, resolveEvidence, type EvidenceContext } from './evidence.js';

// The boxes as an assessment shows them, texts built.
const evaluateTrial = (trial: Trial, ctx: Omit<EvidenceContext, 'course'> & { course: CourseResult }) =>
  resolveEvidence(evaluateLazily(trial, { ...ctx, course: asDecisionCourse(ctx.course, ctx.history, ctx.asOf) }));
import { KNOWLEDGE } from './knowledge.js';
import { EVIDENCE_TRIALS } from './loaded-knowledge.js';
import { AS_OF, baseCourse, baseHistory, edss } from './fixtures.js';

function box(trial: string, h: Partial<History> = {}, c: Partial<CourseResult> = {}) {
  const e = evaluateTrial(KNOWLEDGE.trials[trial]!, { history: baseHistory(h), asOf: AS_OF, course: baseCourse(c) });
  return {
    fit: e.fit,
    status: (id: string) => e.criteria.find((x) => x.id === id)?.status,
    detail: (id: string) => e.criteria.find((x) => x.id === id)?.detail,
  };
}

describe('the CARE-MS II box, criterion by criterion', () => {
  it('the baseline patient is inside', () => expect(box('care-ms-2').fit).toBe('inside'));
  it('onset exactly 10 years ago is within 10 years; one day more is not', () => {
    expect(box('care-ms-2', { msOnset: '2016-11-01', msDiagnosis: '2017-01-01' }).status('onset')).toBe('met');
    expect(box('care-ms-2', { msOnset: '2016-10-31', msDiagnosis: '2017-01-01' }).status('onset')).toBe('unmet');
  });
  it('an onset year straddling 10 years is unknown, and the box uncertain', () => {
    const b = box('care-ms-2', { msOnset: '2016', msDiagnosis: '2017-06-01' });
    expect(b.status('onset')).toBe('unknown');
    expect(b.fit).toBe('uncertain');
  });
  it('EDSS 5.0 is inside, 5.5 is not, and an old EDSS cannot tell', () => {
    expect(box('care-ms-2', {}, { disabilityEdss: edss(5.0) }).status('edss')).toBe('met');
    expect(box('care-ms-2', {}, { disabilityEdss: edss(5.5) }).status('edss')).toBe('unmet');
    expect(box('care-ms-2', {}, { disabilityEdss: edss(2.0, '2025-01-01', false) }).status('edss')).toBe('unknown');
  });
  it('age 55 is inside, 56 is not', () => {
    expect(box('care-ms-2', { birthDate: '1970-11-02' }).status('age')).toBe('met');
    expect(box('care-ms-2', { birthDate: '1970-11-01' }).status('age')).toBe('unmet');
  });
  it('a relapse in the first 6 months of interferon does not count as a relapse on therapy; one after 6 months does', () => {
    const therapies: History['therapies'] = [{ drug: 'interferon-beta', start: '2025-10-01' }];
    expect(
      box('care-ms-2', {
        therapies,
        relapses: [
          { onset: '2026-03-31', disabling: true, recovery: 'complete' },
          { onset: '2025-06-01', disabling: true, recovery: 'complete' },
        ],
      }).status('relapse-on-therapy'),
    ).toBe('unmet');
    expect(
      box('care-ms-2', {
        therapies,
        relapses: [
          { onset: '2026-04-01', disabling: true, recovery: 'complete' },
          { onset: '2025-06-01', disabling: true, recovery: 'complete' },
        ],
      }).status('relapse-on-therapy'),
    ).toBe('met');
  });
  it('natalizumab stopped more than 6 months ago is allowed; within 6 months it is not; mitoxantrone ever is not', () => {
    const nat = (end: string): History['therapies'] => [
      { drug: 'interferon-beta', start: '2020-08-01', end: '2023-01-01', stopReason: 'inefficacy' },
      { drug: 'natalizumab', start: '2023-02-01', end, stopReason: 'other' },
    ];
    expect(box('care-ms-2', { therapies: nat('2026-05-01') }).status('no-recent-immunosuppressant')).toBe('met');
    expect(box('care-ms-2', { therapies: nat('2026-05-02') }).status('no-recent-immunosuppressant')).toBe('unmet');
    expect(
      box('care-ms-2', { therapies: [{ drug: 'mitoxantrone', start: '2012-01-01', end: '2013-01-01', stopReason: 'other' }] }).status('no-cytotoxic'),
    ).toBe('unmet');
  });
  it('at least 2 relapses in 2 years and 1 in the last year, counted in the window up to the assessment date', () => {
    const b = box('care-ms-2', {
      relapses: [
        { onset: '2024-11-02', disabling: true, recovery: 'complete' },
        { onset: '2025-11-01', disabling: true, recovery: 'complete' },
      ],
    });
    expect(b.status('relapses-2y')).toBe('met');
    expect(b.status('relapses-1y')).toBe('unmet');
    expect(
      box('care-ms-2', {
        relapses: [
          { onset: '2024-11-01', disabling: true, recovery: 'complete' },
          { onset: '2025-11-02', disabling: true, recovery: 'complete' },
        ],
      }).status('relapses-2y'),
    ).toBe('unmet');
  });
  it('a progressive course is outside, recorded or objective', () => {
    expect(box('care-ms-2', { course: { phenotype: 'SPMS' } }).status('phenotype')).toBe('unmet');
    expect(box('care-ms-2', {}, { objectiveSpms: { status: 'met', date: '2026-01-01', basis: [], detail: 'fixture' } }).status('phenotype')).toBe('unmet');
  });
  it('without a relapse record the relapse criteria are unknown, not unmet', () => {
    const h = baseHistory();
    delete h.relapses;
    const e = evaluateTrial(KNOWLEDGE.trials['care-ms-2']!, { history: h, asOf: AS_OF, course: baseCourse() });
    expect(e.criteria.find((c) => c.id === 'relapses-2y')?.status).toBe('unknown');
  });
});

describe('CARE-MS I and CAMMS223 take only treatment-naive, early patients', () => {
  it('previous interferon puts the patient outside both', () => {
    expect(box('care-ms-1').status('treatment-naive')).toBe('unmet');
    expect(box('camms223').status('treatment-naive')).toBe('unmet');
  });
  it('CAMMS223: onset within 36 months and EDSS up to 3.0', () => {
    expect(box('camms223', { msOnset: '2023-11-01', msDiagnosis: '2024-01-01' }).status('onset')).toBe('met');
    expect(box('camms223', { msOnset: '2023-10-31', msDiagnosis: '2024-01-01' }).status('onset')).toBe('unmet');
    expect(box('camms223', {}, { disabilityEdss: edss(3.0) }).status('edss')).toBe('met');
    expect(box('camms223', {}, { disabilityEdss: edss(3.5) }).status('edss')).toBe('unmet');
  });
});

describe('the Edan 1997 box', () => {
  it('2 relapses with sequelae in 12 months count; completely recovered relapses do not', () => {
    const rel = (recovery: 'complete' | 'partial'): History['relapses'] => [
      { onset: '2026-01-01', disabling: true, recovery },
      { onset: '2026-06-01', disabling: true, recovery },
    ];
    expect(box('edan-1997', { relapses: rel('partial') }).status('very-active')).toBe('met');
    expect(box('edan-1997', { relapses: rel('complete'), edss: [{ date: '2026-06-01', score: 2.0 }] }).status('very-active')).toBe('unknown');
  });
  it('an EDSS rise of 2 points in 12 months is very active too', () => {
    const b = box('edan-1997', {
      relapses: [],
      edss: [
        { date: '2025-12-01', score: 2.0 },
        { date: '2026-09-01', score: 4.0 },
      ],
    });
    expect(b.status('very-active')).toBe('met');
  });
});

describe('criteria shared between trial boxes are judged once per assessment', () => {
  it('judging the alemtuzumab boxes with one shared list of judgements gives the same boxes as judging each alone', () => {
    const asOf = parseDay('2026-11-01')!;
    for (const h of synthCohort(150, 7, asOf)) {
      const course = computeCourse(h, asOf);
      const shared = { history: h, asOf, course, judged: [] };
      for (const id of EVIDENCE_TRIALS.alemtuzumab) {
        expect(evaluateTrial(KNOWLEDGE.trials[id]!, shared)).toEqual(evaluateTrial(KNOWLEDGE.trials[id]!, { history: h, asOf, course }));
      }
    }
  });

  it('age boxes with other limits are judged apart: a 60-year-old is outside "age 18 to 55" and inside "age 18 or over"', () => {
    const h = baseHistory({ birthDate: '1966-01-01' });
    const ctx = { history: h, asOf: AS_OF, course: baseCourse(), judged: [] };
    expect(evaluateTrial(KNOWLEDGE.trials['care-ms-2']!, ctx).criteria.find((c) => c.id === 'age')?.status).toBe('unmet');
    expect(evaluateTrial(KNOWLEDGE.trials.camms223!, ctx).criteria.find((c) => c.id === 'age')?.status).toBe('met');
  });
});
