import { describe, expect, it } from 'vitest';
import { parseDay } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { computeCourse } from './index.js';
import { edss, history, relapse } from './fixture.js';

const course = (parts: Partial<History>, asOf = '2024-06-15') => computeCourse(history(parts), parseDay(asOf)!);

describe('the disability EDSS', () => {
  it('is the most recent score', () => {
    expect(course({ edss: [edss('2024-01-01', 3), edss('2023-01-01', 2)], relapses: [] }).disabilityEdss).toEqual({
      score: 3,
      date: '2024-01-01',
      recent: true,
      excludedNearRelapse: [],
      relapsesRecorded: true,
    });
  });

  it('leaves out a score 29 days after a relapse onset and keeps one 30 days after', () => {
    const visits = [edss('2023-01-01', 2), edss('2024-01-30', 4)];
    const near = course({ edss: visits, relapses: [relapse('2024-01-01')] }).disabilityEdss!;
    expect(near).toMatchObject({ score: 2, date: '2023-01-01', excludedNearRelapse: [{ date: '2024-01-30', score: 4 }] });
    const after = course({ edss: [edss('2023-01-01', 2), edss('2024-01-31', 4)], relapses: [relapse('2024-01-01')] }).disabilityEdss!;
    expect(after).toMatchObject({ score: 4, excludedNearRelapse: [] });
  });

  it('a score on the day of a relapse onset reflects the relapse', () => {
    expect(course({ edss: [edss('2023-01-01', 2), edss('2024-01-01', 4)], relapses: [relapse('2024-01-01')] }).disabilityEdss?.score).toBe(2);
  });

  it('a score taken before a relapse is not affected by it', () => {
    expect(course({ edss: [edss('2024-01-01', 4)], relapses: [relapse('2024-01-02')] }).disabilityEdss?.score).toBe(4);
  });

  it('is recent when taken within 12 months of the assessment date, to the day', () => {
    expect(course({ edss: [edss('2023-06-15', 3)] }).disabilityEdss?.recent).toBe(true);
    expect(course({ edss: [edss('2023-06-14', 3)] }).disabilityEdss?.recent).toBe(false);
  });

  it('says when the relapse record is absent, and is absent without any EDSS', () => {
    expect(course({ edss: [edss('2024-01-01', 3)] }).disabilityEdss?.relapsesRecorded).toBe(false);
    expect(course({}).disabilityEdss).toBeUndefined();
    expect(course({ edss: [] }).disabilityEdss).toBeUndefined();
  });

  it('12 months before 29 February is 28 February of the previous year', () => {
    expect(course({ edss: [edss('2023-02-28', 3)] }, '2024-02-29').disabilityEdss?.recent).toBe(true);
    expect(course({ edss: [edss('2023-02-27', 3)] }, '2024-02-29').disabilityEdss?.recent).toBe(false);
  });
});
