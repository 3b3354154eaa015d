import { describe, expect, it } from 'vitest';
import { dueDate, itemLabel, monthGrid, planMonths } from './calendar.js';

describe('the monitoring plan as a calendar', () => {
  it('February of a leap year has 29 days and weeks start on Monday', () => {
    const g = monthGrid(2024, 2, []);
    const inMonth = g.weeks.flat().filter((d) => d.inMonth);
    expect(inMonth).toHaveLength(29);
    // 2024-02-01 was a Thursday: the first week starts Monday 29 January.
    expect(g.weeks[0]![0]!.date).toBe('2024-01-29');
    expect(g.weeks.every((w) => w.length === 7)).toBe(true);
  });
  it('an item is placed on its due date whatever the engine calls the field', () => {
    const g = monthGrid(2025, 1, [
      { due: '2025-01-15', test: 'cbc' },
      { dueDate: '2025-01-15', tests: ['tsh', 'creatinine'] },
    ]);
    const day = g.weeks.flat().find((d) => d.date === '2025-01-15')!;
    expect(day.items.map(itemLabel)).toEqual(['cbc', 'tsh, creatinine']);
  });
  it('an item without a usable date is not placed on any day', () => {
    expect(dueDate({ test: 'x', due: '2025-02-30' })).toBeUndefined();
  });
  it('the plan spans the months from the first to the last due date, across a year end', () => {
    expect(planMonths([{ due: '2024-11-30' }, { due: '2025-02-01' }], '2024-01-01')).toEqual([
      { year: 2024, month: 11 },
      { year: 2024, month: 12 },
      { year: 2025, month: 1 },
      { year: 2025, month: 2 },
    ]);
    expect(planMonths([], '2024-05-09')).toEqual([{ year: 2024, month: 5 }]);
  });
});
