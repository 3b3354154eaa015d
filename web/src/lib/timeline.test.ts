import { describe, expect, it } from 'vitest';
import type { CourseResult, History } from '../api/types.js';
import { buildTimeline, toTime } from './timeline.js';

const history: History = {
  formatVersion: 1,
  id: 't1',
  msOnset: '2008',
  msDiagnosis: '2010-03',
  edss: [
    { date: '2015-01-10', score: 4 },
    { date: '2012-05-01', score: 2 },
  ],
  relapses: [{ onset: '2013-02-01', disabling: true, recovery: 'partial' }],
  mri: [{ date: '2014-01-01', region: 'brain', gadoliniumEnhancingLesions: 2, newOrEnlargingT2Lesions: 3 }],
  therapies: [
    { drug: 'interferon-beta', start: '2010-06-01', end: '2013-06-01', stopReason: 'inefficacy' },
    {
      drug: 'alemtuzumab',
      start: '2014-03-01',
      doses: [
        { date: '2014-03-01', amount: 12, unit: 'mg' },
        { date: '2014-03-02', amount: 12, unit: 'mg' },
      ],
    },
  ],
};

describe('the timeline puts the whole history on one time axis', () => {
  const m = buildTimeline(history, '2016-01-01');
  it('an onset recorded as a year is drawn as that whole year, not a made-up day', () => {
    expect(m.onset).toEqual({ from: '2008-01-01', to: '2008-12-31', recorded: '2008', exact: false });
  });
  it('a diagnosis recorded as a month spans the month', () => {
    expect(m.diagnosis).toMatchObject({ from: '2010-03-01', to: '2010-03-31', exact: false });
  });
  it('a full date is an exact point', () => {
    expect(buildTimeline({ ...history, msOnset: '2008-04-02' }, '2016-01-01').onset?.exact).toBe(true);
  });
  it('EDSS visits are drawn in date order', () => {
    expect(m.edss.map((e) => e.score)).toEqual([2, 4]);
  });
  it('an ongoing therapy runs to the as-of date and is marked ongoing', () => {
    const alem = m.therapies.find((t) => t.drug === 'alemtuzumab');
    expect(alem).toMatchObject({ end: '2016-01-01', ongoing: true });
    expect(m.therapies[0]).toMatchObject({ drug: 'interferon-beta', ongoing: false, stopReason: 'inefficacy' });
  });
  it('a therapy stopped on a day not recorded is never drawn as ongoing: it ends at its start and says so', () => {
    const t = buildTimeline({ ...history, therapies: [{ drug: 'natalizumab', start: '2012-01-01', endUnknown: true }] }, '2016-01-01').therapies[0];
    expect(t).toMatchObject({ end: '2012-01-01', ongoing: false, endUnknown: true });
  });
  it('infusion days are marks on their own dates', () => {
    expect(m.doses.map((d) => d.date)).toEqual(['2014-03-01', '2014-03-02']);
    expect(m.lanes).toEqual(['interferon-beta', 'alemtuzumab']);
  });
  it('the axis covers the onset span and the as-of date with a margin', () => {
    expect(m.from < '2008-01-01').toBe(true);
    expect(m.to > '2016-01-01').toBe(true);
  });
  it('objective SPMS is shown where the course engine found it met', () => {
    const course = { objectiveSpms: { status: 'met', date: '2015-01-10', edss: 4, basis: [], detail: 'met' } } as unknown as CourseResult;
    expect(buildTimeline(history, '2016-01-01', course).spms).toEqual({ status: 'met', date: '2015-01-10', edss: 4, detail: 'met' });
  });
  it('a history with no course result draws no SPMS point rather than guessing', () => {
    expect(m.spms).toBeUndefined();
  });
  it('an empty record still has an axis around the as-of date', () => {
    const e = buildTimeline({ formatVersion: 1, id: 'e' }, '2020-06-01');
    expect(e.from < '2020-06-01' && e.to > '2020-06-01').toBe(true);
  });
  it('times are UTC days', () => {
    expect(toTime('1970-01-02')).toBe(86_400_000);
  });
});
