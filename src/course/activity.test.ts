import { describe, expect, it } from 'vitest';
import { parseDay } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { computeCourse } from './index.js';
import { history, mri, relapse } from './fixture.js';

const ASOF = parseDay('2024-06-15')!;
const course = (parts: Partial<History>) => computeCourse(history(parts), ASOF);

describe('annualised relapse rate', () => {
  it('counts relapses in the last 1 and 2 years, windows ending on the assessment date', () => {
    const c = course({ msOnset: '2014-06-15', relapses: [relapse('2022-06-16'), relapse('2023-06-16'), relapse('2024-06-15'), relapse('2023-06-15')] });
    expect(c.relapseRate.last1y).toMatchObject({ count: 2, rate: 2, window: { from: '2023-06-16', to: '2024-06-15' } });
    expect(c.relapseRate.last2y).toMatchObject({ count: 4, rate: 2, window: { from: '2022-06-16' } });
    expect(c.relapseRate.sinceOnset?.count).toBe(4);
    expect(c.relapseRate.sinceOnset?.rate).toBeCloseTo(4 / ((ASOF - parseDay('2014-06-15')! + 1) / 365.25), 10);
  });

  it('no relapse list means no rate (not zero); an empty list means a rate of zero', () => {
    expect(course({}).relapseRate.last1y.rate).toBeUndefined();
    expect(course({ relapses: [] }).relapseRate.last1y).toMatchObject({ rate: 0, count: 0 });
  });
});

describe('activity in the last 12 months (Lublin 2014)', () => {
  it('a relapse on the first day of the 12-month window makes the disease active; one day earlier does not', () => {
    expect(course({ relapses: [relapse('2023-06-16')] }).activity.status).toBe('met');
    const before = course({ relapses: [relapse('2023-06-15')], mri: [mri('2024-01-01', 0, 0)] }).activity;
    expect(before.status).toBe('unmet');
  });

  it('a gadolinium-enhancing or a new/enlarging T2 lesion alone makes it active', () => {
    expect(course({ relapses: [], mri: [mri('2024-01-01', 1, 0)] }).activity.status).toBe('met');
    expect(course({ relapses: [], mri: [mri('2024-01-01', 0, 1)] }).activity.status).toBe('met');
    expect(course({ mri: [mri('2024-01-01', 1, 0)] }).activity.status).toBe('met');
  });

  it('not active needs a relapse record and a scan in the window', () => {
    const quiet = course({ relapses: [], mri: [mri('2024-01-01', 0, 0)] }).activity;
    expect(quiet.status).toBe('unmet');
    expect(quiet.basis).toEqual([{ kind: 'mri', date: '2024-01-01', summary: 'brain MRI: 0 Gd+ lesions, 0 new or enlarging T2' }]);
  });

  it('without a scan in the window, or without a relapse record, the record cannot tell', () => {
    const noScan = course({ relapses: [], mri: [mri('2023-06-15', 0, 0)] }).activity;
    expect(noScan).toMatchObject({ status: 'unknown', missing: ['mri'] });
    const noRelapses = course({ mri: [mri('2024-01-01', 0, 0)] }).activity;
    expect(noRelapses).toMatchObject({ status: 'unknown', missing: ['relapses'] });
    expect(course({}).activity).toMatchObject({ status: 'unknown', missing: ['relapses', 'mri'] });
  });
});

describe('highly active despite treatment', () => {
  const ifn = (start: string, end?: string): NonNullable<History['therapies']>[number] => ({ drug: 'interferon-beta', start, ...(end ? { end } : {}) });

  it('a relapse on the 6-month mark of a DMT is breakthrough activity and names the therapy', () => {
    const f = course({ relapses: [relapse('2023-07-01')], mri: [], therapies: [ifn('2023-01-01')] }).highlyActiveDespiteTreatment;
    expect(f.status).toBe('met');
    expect(f.therapies).toEqual(['interferon-beta']);
    expect(f.basis.map((b) => b.kind)).toEqual(['therapy', 'relapse']);
  });

  it('activity one day before the 6-month mark is not after a full course', () => {
    const f = course({ relapses: [relapse('2023-06-30')], mri: [mri('2024-05-01', 0, 0)], therapies: [ifn('2023-01-01')] }).highlyActiveDespiteTreatment;
    expect(f.status).toBe('unmet');
  });

  it('counts activity within 12 months after a full course ended, not later', () => {
    expect(course({ relapses: [relapse('2024-06-01')], therapies: [ifn('2022-01-01', '2023-06-01')] }).highlyActiveDespiteTreatment.status).toBe('met');
    expect(
      course({ relapses: [relapse('2024-06-03')], mri: [mri('2024-01-01', 0, 0)], therapies: [ifn('2022-01-01', '2023-06-01')] }).highlyActiveDespiteTreatment
        .status,
    ).toBe('unmet');
  });

  it('a therapy shorter than 6 months is not a full course', () => {
    const f = course({ relapses: [relapse('2024-06-01')], therapies: [ifn('2023-10-01', '2024-03-31')] }).highlyActiveDespiteTreatment;
    expect(f).toMatchObject({ status: 'unmet', detail: 'No disease-modifying therapy was taken for 6 months or more.' });
  });

  it('no treatment record is unknown; a full course without a scan or relapse record is unknown', () => {
    expect(course({ relapses: [relapse('2024-06-01')] }).highlyActiveDespiteTreatment).toMatchObject({ status: 'unknown', missing: ['therapies'] });
    expect(course({ therapies: [ifn('2020-01-01')] }).highlyActiveDespiteTreatment.status).toBe('unknown');
    expect(course({ therapies: [] }).highlyActiveDespiteTreatment.status).toBe('unmet');
  });
});

describe('rapidly evolving severe MS', () => {
  it('two disabling relapses 12 months apart, the later in the last year, with a Gd+ lesion', () => {
    const f = course({ relapses: [relapse('2023-03-01'), relapse('2024-03-01')], mri: [mri('2024-03-20', 1, 0)] }).rapidlyEvolvingSevere;
    expect(f.status).toBe('met');
    expect(f.basis.map((b) => b.date)).toEqual(['2023-03-01', '2024-03-01', '2024-03-20']);
  });

  it('two disabling relapses 12 months and a day apart are not within one year', () => {
    expect(course({ relapses: [relapse('2023-02-28'), relapse('2024-02-29')], mri: [mri('2024-03-20', 1, 0)] }).rapidlyEvolvingSevere.status).toBe('unmet');
  });

  it('a non-disabling relapse does not count', () => {
    expect(course({ relapses: [relapse('2023-09-01', false), relapse('2024-03-01')], mri: [mri('2024-03-20', 3, 5)] }).rapidlyEvolvingSevere.status).toBe(
      'unmet',
    );
  });

  it('1 new T2 lesion is not a significant rise; 2 are', () => {
    const rel = [relapse('2023-09-01'), relapse('2024-03-01')];
    expect(course({ relapses: rel, mri: [mri('2024-03-20', 0, 1)] }).rapidlyEvolvingSevere.status).toBe('unmet');
    expect(course({ relapses: rel, mri: [mri('2024-03-20', 0, 2)] }).rapidlyEvolvingSevere.status).toBe('met');
  });

  it('the relapse criterion met without a scan leaves it unknown; no relapse record is unknown', () => {
    expect(course({ relapses: [relapse('2023-09-01'), relapse('2024-03-01')] }).rapidlyEvolvingSevere).toMatchObject({ status: 'unknown', missing: ['mri'] });
    expect(course({ mri: [mri('2024-03-20', 1, 0)] }).rapidlyEvolvingSevere).toMatchObject({ status: 'unknown', missing: ['relapses'] });
  });

  it('a pair of relapses long ago is not rapidly evolving now', () => {
    expect(course({ relapses: [relapse('2019-01-01'), relapse('2019-05-01')], mri: [mri('2019-05-10', 2, 2)] }).rapidlyEvolvingSevere.status).toBe('unmet');
  });
});
