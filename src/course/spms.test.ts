import { describe, expect, it } from 'vitest';
import { parseDay } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { computeCourse } from './index.js';
import { edss, history, relapse } from './fixture.js';

const course = (parts: Partial<History>, asOf = '2024-06-15') => computeCourse(history(parts), parseDay(asOf)!);

/** EDSS 2.0 to 4.0 with pyramidal 1 to 3, confirmed and sustained over two years. */
const progressive = [edss('2019-01-10', 2, 1), edss('2020-01-10', 4, 3), edss('2020-06-10', 4, 3), edss('2021-01-10', 4.5, 3), edss('2022-01-10', 4.5, 3)];

describe('objective SPMS (Lorscheider 2016, spmsDx defaults)', () => {
  it('is met on the date of a confirmed, sustained progression to EDSS 4.0 with pyramidal 3, led by pyramidal', () => {
    const s = course({ edss: progressive, relapses: [] }).objectiveSpms;
    expect(s).toMatchObject({
      status: 'met',
      date: '2020-01-10',
      edss: 4,
      baselineDate: '2019-01-10',
      baselineEdss: 2,
      leadingFunctionalSystems: ['pyramidal'],
      edssBeforeDiagnosis: 2,
    });
    expect(s.basis.map((b) => b.summary)).toEqual([
      'baseline: EDSS 2.0 (pyramidal 1)',
      'progression: EDSS 4.0 (pyramidal 3)',
      'confirmation: EDSS 4.0 (pyramidal 3)',
    ]);
  });

  it('EDSS 3.5 is below the minimum of 4.0', () => {
    const low = progressive.map((v) => ({ ...v, score: Math.min(v.score, 3.5) }));
    expect(course({ edss: low, relapses: [] }).objectiveSpms.status).toBe('unmet');
  });

  it('a pyramidal score of 1 at the progression does not meet it', () => {
    const weak = progressive.map((v, i) => (i === 0 ? edss(v.date, v.score, 0) : edss(v.date, v.score, 1)));
    const s = course({ edss: weak, relapses: [] }).objectiveSpms;
    expect(s.status).toBe('unmet');
    expect(s.detail).toMatch(/pyramidal FS was below 2/);
  });

  it('spmsDx tolerates one lower score after the progression; two in a row mean it was not sustained', () => {
    const once = [...progressive, edss('2023-01-10', 2, 1)];
    expect(course({ edss: once, relapses: [] }).objectiveSpms.status).toBe('met');
    const twice = [...once, edss('2024-01-10', 2, 1)];
    expect(course({ edss: twice, relapses: [] }).objectiveSpms.status).toBe('unmet');
  });

  it('a relapse before the progression (since the previous visit) stops it', () => {
    const s = course({ edss: progressive, relapses: [relapse('2019-11-01')] }).objectiveSpms;
    expect(s.status).not.toBe('met');
  });

  it('cannot be judged without functional-system scores, or with fewer than 3 assessments', () => {
    const bare = progressive.map((v) => edss(v.date, v.score));
    expect(course({ edss: bare, relapses: [] }).objectiveSpms).toMatchObject({ status: 'unknown', missing: ['edss[].functionalSystems'] });
    expect(course({ edss: progressive.slice(0, 2), relapses: [] }).objectiveSpms).toMatchObject({ status: 'unknown', missing: ['edss'] });
    expect(course({}).objectiveSpms).toMatchObject({ status: 'unknown', missing: ['edss'] });
  });

  it('met on the EDSS record but without a relapse record is unknown: "without relapse" cannot be checked', () => {
    expect(course({ edss: progressive }).objectiveSpms).toMatchObject({ status: 'unknown', missing: ['relapses'], date: '2020-01-10' });
  });
});

describe('recorded and objective phenotype', () => {
  it('recorded RRMS while the record meets objective SPMS is a disagreement', () => {
    const p = course({ edss: progressive, relapses: [], course: { phenotype: 'RRMS' } }).phenotype;
    expect(p).toMatchObject({ recorded: 'RRMS', objective: 'SPMS', disagreement: true });
  });

  it('recorded SPMS without objective SPMS is a disagreement; recorded SPMS with it is not', () => {
    const flat = progressive.map((v) => edss(v.date, 2, 1));
    expect(course({ edss: flat, relapses: [], course: { phenotype: 'SPMS', since: '2020' } }).phenotype).toMatchObject({
      objective: 'not-SPMS',
      disagreement: true,
      recordedSince: '2020',
    });
    expect(course({ edss: progressive, relapses: [], course: { phenotype: 'SPMS' } }).phenotype.disagreement).toBe(false);
  });

  it('the objective definition says nothing against PPMS', () => {
    expect(course({ edss: progressive, relapses: [], course: { phenotype: 'PPMS' } }).phenotype.disagreement).toBe(false);
  });

  it('no recorded course: the objective classification is shown with a request to confirm', () => {
    const p = course({ edss: progressive, relapses: [] }).phenotype;
    expect(p.recorded).toBeUndefined();
    expect(p.disagreement).toBe(false);
    expect(p.detail).toMatch(/No course is recorded.*objective SPMS.*confirm/);
  });

  it('an unknown objective course is never a disagreement', () => {
    expect(course({ course: { phenotype: 'RRMS' } }).phenotype).toMatchObject({ objective: 'unknown', disagreement: false });
  });
});
