import { describe, expect, it } from 'vitest';
import { parseDay } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { validateHistory } from '../history/validate.js';
import { edss, history, relapse } from './fixture.js';
import { computeCourse } from './index.js';
import { parseCourseSettings } from './settings-json.js';

const ASOF = parseDay('2030-01-01')!;
const test = (date: string, t: 't25fw' | 'nhpt' | 'sdmt', value: number) => ({ date, test: t, value });
const run = (h: History, json: object) => {
  expect(validateHistory(h, { asOf: ASOF }).ok).toBe(true);
  return computeCourse(h, ASOF, { settings: parseCourseSettings(json) }).progression;
};

describe('the course under researcher settings', () => {
  const sdmt = history({
    relapses: [],
    performanceTests: [test('2020-01-01', 'sdmt', 55), test('2020-07-01', 'sdmt', 50), test('2021-01-01', 'sdmt', 50), test('2021-07-01', 'sdmt', 49)],
  });

  it('an SDMT fall of 5 points from 55 (over the 4-point threshold), confirmed, is a worsening of that outcome', () => {
    const p = run(sdmt, { outcome: 'sdmt' });
    expect(p.status).toBe('met');
    expect(p.events[0]).toMatchObject({ type: 'PIRA', baselineScore: 55, eventScore: 50, eventDate: '2020-07-01', confirmationDate: '2021-01-01' });
    expect(p.detail).toMatch(/^Confirmed SDMT worsening \(84 days, fixed baseline\): 55 on 2020-01-01 to 50/);
  });

  it('a 6-point threshold in points does not count the same fall', () => {
    expect(run(sdmt, { outcome: 'sdmt', delta_fun: { points: 6 } }).status).toBe('unmet');
  });

  it('a timed walk 20% slower, confirmed, is a worsening; the EDSS record is not read', () => {
    const h = history({
      relapses: [],
      edss: [edss('2020-01-01', 2)],
      performanceTests: [test('2020-01-01', 't25fw', 5), test('2020-06-01', 't25fw', 6), test('2020-10-01', 't25fw', 6.1)],
    });
    expect(run(h, { outcome: 't25fw' }).events.map((e) => e.eventDate)).toEqual(['2020-06-01']);
    expect(run(h, { outcome: 'nhpt' })).toMatchObject({ status: 'unknown', detail: 'Cannot tell: no nine-hole peg test record.' });
  });

  it('a relapse 20 days before the worsening makes it RAW; settings echo in the result', () => {
    const h = history({ edss: [edss('2020-01-01', 2), edss('2020-07-01', 3.5), edss('2021-01-01', 3.5)], relapses: [relapse('2020-06-11')] });
    const p = run(h, { event: 'multiple', conf_days: [84, 168] });
    expect(p.events[0]).toMatchObject({ type: 'RAW' });
    expect(p.settings).toMatchObject({ event: 'multiple', confDays: [84, 168] });
    // Without settings the result carries no settings field (the default output is unchanged).
    expect(computeCourse(h, ASOF).progression.settings).toBeUndefined();
  });

  it('without a relapse list the worsening stays unclassified (absent is not "none")', () => {
    const h = history({ edss: [edss('2020-01-01', 2), edss('2020-07-01', 3.5), edss('2021-01-01', 3.5)] });
    expect(run(h, {}).events[0]!.type).toBe('CDW');
  });
});
