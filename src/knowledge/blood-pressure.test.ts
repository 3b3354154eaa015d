import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import sourcesJson from '../../knowledge/sources.json' with { type: 'json' };
import { assess } from '../assess/assess.js';
import { AS_OF, baseHistory } from '../assess/fixtures.js';
import { parseDay } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { resultsFromHistory } from '../monitor/results.js';
import { BLOOD_PRESSURE, bloodPressureGrade, checkBloodPressure } from './blood-pressure.js';

const FILE = { note: 'n', unit: 'mm[Hg]', sources: ['esc-esh-2018'], grades: [{ name: 'g1', systolic: 140, diastolic: 90 }] };

describe('the blood-pressure grades: one definition, checked at load', () => {
  it('cite sources the product knows, and rise from grade to grade', () => {
    for (const s of BLOOD_PRESSURE.sources) expect(Object.keys(sourcesJson.sources)).toContain(s);
    BLOOD_PRESSURE.grades.forEach((g, i) => {
      if (i > 0) expect(g.systolic).toBeGreaterThan(BLOOD_PRESSURE.grades[i - 1]!.systolic);
    });
  });
  it('a wrong file is refused naming the field', () => {
    expect(() => checkBloodPressure({ ...FILE, grades: [] })).toThrow(/grades must list at least one grade/);
    expect(() => checkBloodPressure({ ...FILE, grades: [{ name: 'g1', systolic: 140 }] })).toThrow(/grades\.0\.diastolic must be a positive number/);
    expect(() => checkBloodPressure({ ...FILE, grades: [FILE.grades[0], { name: 'g2', systolic: 160, diastolic: 90 }] })).toThrow(
      /grades\.1 must have bounds above the grade before it/,
    );
    expect(() => checkBloodPressure({ ...FILE, threshold: 140 })).toThrow(/threshold is not a field of the file/);
    expect(checkBloodPressure(FILE).grades).toEqual(FILE.grades);
  });
  it('a reading is in the highest grade either value reaches; at the first bound it counts, one below it not', () => {
    const [g1] = BLOOD_PRESSURE.grades;
    expect(bloodPressureGrade(g1!.systolic, undefined)).toBe(0);
    expect(bloodPressureGrade(undefined, g1!.diastolic)).toBe(0);
    expect(bloodPressureGrade(g1!.systolic - 1, g1!.diastolic - 1)).toBe(-1);
    expect(bloodPressureGrade(undefined, undefined)).toBe(-1);
  });
});

describe('every consumer reads a reading as the definition does (property)', () => {
  const reading = (date: string, systolic?: number, diastolic?: number): NonNullable<History['labs']> => [
    ...(systolic !== undefined ? [{ date, test: 'systolic-bp' as const, value: systolic, unit: 'mm[Hg]' }] : []),
    ...(diastolic !== undefined ? [{ date, test: 'diastolic-bp' as const, value: diastolic, unit: 'mm[Hg]' }] : []),
  ];
  it("alemtuzumab's and siponimod's blood-pressure rules fire, and monitoring's blood-pressure check is positive, exactly when the reading is in a grade", () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 90, max: 200 }), { nil: undefined }),
        fc.option(fc.integer({ min: 50, max: 125 }), { nil: undefined }),
        (systolic, diastolic) => {
          fc.pre(systolic !== undefined || diastolic !== undefined);
          const base = baseHistory();
          const history: History = { ...base, labs: [...(base.labs ?? []), ...reading('2026-10-01', systolic, diastolic)] };
          const raised = bloodPressureGrade(systolic, diastolic) >= 0;
          for (const drug of ['alemtuzumab', 'siponimod'] as const) {
            const fired = assess(history, { drug, asOf: AS_OF }).reasons.some((r) => r.code === `${drug}.blood-pressure-raised`);
            expect(fired, `${drug} at ${systolic}/${diastolic}`).toBe(raised);
          }
          const check = resultsFromHistory(history).find((r) => r.test === 'blood-pressure' && r.day === parseDay('2026-10-01'));
          expect(check?.value).toBe(raised ? 'positive' : 'negative');
        },
      ),
      { numRuns: 150 },
    );
  });
});
