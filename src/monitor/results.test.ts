import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { day } from './fixtures.js';
import { LAB_IDS } from '../history/vocabularies.js';
import { mergeResults, recordResults, resultKey, type MonitoringResult } from './results.js';
import { validateResults } from './results-validate.js';

const asOf = day('2025-06-01');

describe('validating results', () => {
  it('converts units as the history format does (creatinine in mg/dL to umol/L)', () => {
    const v = validateResults([{ date: '2025-01-10', test: 'creatinine', value: 1, unit: 'mg/dL' }], { asOf });
    expect(v.ok && v.results[0]).toEqual({ day: day('2025-01-10'), test: 'creatinine', value: 88.42, unit: 'umol/L' });
  });

  it('names the field of every problem at once', () => {
    const v = validateResults(
      [
        { date: '2025-01-10', test: 'platelets', value: 120 },
        { date: '2025-02-30', test: 'tsh', value: 2, unit: 'mIU/L' },
        { date: '2025-01-10', test: 'platelet', value: 120, unit: '10^9/L' },
        { date: '2025-01-10', test: 'creatinine', value: 80, unit: 'furlongs' },
        { date: '2025-07-01', test: 'tsh', value: 2, unit: 'mIU/L' },
        { date: '2025-01-10', test: 'skin-examination', value: 3 },
      ],
      { asOf },
    );
    expect(v.ok).toBe(false);
    const paths = v.ok ? [] : v.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['$.results[0].unit', '$.results[1].date', '$.results[2].test', '$.results[3].unit', '$.results[4].date', '$.results[5].value']),
    );
  });

  it('a result list that is not a list is an error, not an empty list', () => {
    const v = validateResults({ date: '2025-01-10' }, { asOf });
    expect(v.ok).toBe(false);
  });

  it('examinations are recorded as negative (nothing found) or positive', () => {
    const v = validateResults([{ date: '2025-01-10', test: 'skin-examination', value: 'negative' }], { asOf });
    expect(v.ok).toBe(true);
  });
});

describe('recording results', () => {
  const r = (date: string, test: MonitoringResult['test'], value: MonitoringResult['value']): MonitoringResult => ({
    day: day(date),
    test,
    value,
    unit: '10^9/L',
  });

  it('the same result sent twice is a duplicate and kept once', () => {
    const first = recordResults([], [r('2025-01-10', 'platelets', 200)]);
    const second = recordResults(first.results, [r('2025-01-10', 'platelets', 200), r('2025-02-10', 'platelets', 190)]);
    expect(second.recorded).toHaveLength(1);
    expect(second.duplicates).toHaveLength(1);
    expect(second.results).toHaveLength(2);
  });

  it('two different values for one test on one day are both kept (neither is known to be wrong)', () => {
    const rec = recordResults([r('2025-01-10', 'platelets', 200)], [r('2025-01-10', 'platelets', 20)]);
    expect(rec.results.map((x) => x.value)).toEqual([20, 200]);
  });

  it('results arriving out of order are held in date order', () => {
    const rec = recordResults([r('2025-03-10', 'platelets', 200)], [r('2025-01-10', 'platelets', 210), r('2025-02-10', 'platelets', 190)]);
    expect(rec.results.map((x) => x.day)).toEqual([day('2025-01-10'), day('2025-02-10'), day('2025-03-10')]);
  });

  const resultArb = fc.record({
    day: fc.integer({ min: day('2020-01-01'), max: day('2025-01-01') }),
    test: fc.constantFrom(...LAB_IDS),
    value: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constantFrom('positive' as const, 'negative' as const)),
  });

  it('recording a result never loses another (property)', () => {
    fc.assert(
      fc.property(fc.array(resultArb, { maxLength: 40 }), fc.array(resultArb, { maxLength: 40 }), (existing, incoming) => {
        const held = mergeResults(existing);
        const rec = recordResults(held, incoming);
        const keys = new Set(rec.results.map(resultKey));
        return (
          [...held, ...incoming].every((x) => keys.has(resultKey(x))) &&
          rec.recorded.length + rec.duplicates.length === incoming.length &&
          rec.results.length === held.length + rec.recorded.length
        );
      }),
    );
  });

  it('the order in which batches arrive does not change what is held (property)', () => {
    fc.assert(
      fc.property(fc.array(resultArb, { maxLength: 30 }), fc.array(resultArb, { maxLength: 30 }), (a, b) => {
        const ab = recordResults(recordResults([], a).results, b).results.map(resultKey);
        const ba = recordResults(recordResults([], b).results, a).results.map(resultKey);
        return JSON.stringify(ab) === JSON.stringify(ba);
      }),
    );
  });
});
