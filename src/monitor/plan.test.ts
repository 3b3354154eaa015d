import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, formatDay, type Day } from '../history/dates.js';
import { day } from './fixtures.js';
import { derivePlan, followUpEnd, type PlanItem, type PlanOptions } from './plan.js';
import { defaultSettings } from './settings.js';
import { monitoringOf, type Schedule } from './knowledge.js';
import { coursesFromDays as coursesFromDaysGap, treatmentFromHistory, treatmentOf, type Course, type DrugTreatment, type Treatment } from './treatment.js';
import { alemtuzumabHistory, mitoxantroneHistory } from './fixtures.js';

const settings = defaultSettings();
const f = (d: Day) => formatDay(d);
const alemData = monitoringOf('alemtuzumab');
const coursesFromDays = (days: Day[]) => coursesFromDaysGap(days, alemData.kind === 'courses' ? alemData.courseGapDays : NaN);
/** The record's alemtuzumab courses, and its mitoxantrone doses. */
const alemOf = (t: Treatment): Course[] => {
  const x = treatmentOf(t, 'alemtuzumab');
  return x?.kind === 'courses' ? x.courses : [];
};
type Doses = Extract<DrugTreatment, { kind: 'doses' }>;
const mitoOf = (t: Treatment) => treatmentOf(t, 'mitoxantrone') as Doses | undefined;
const alemTreatment = (courses: Course[]): DrugTreatment => ({ drug: 'alemtuzumab', kind: 'courses', courses });
const mitoTreatment = (m: Omit<Doses, 'drug' | 'kind'>): DrugTreatment => ({ drug: 'mitoxantrone', kind: 'doses', ...m });

function alemPlan(starts: string[], sex: 'female' | 'male' = 'female'): PlanItem[] {
  const t = treatmentFromHistory(alemtuzumabHistory(starts, { sex }));
  return derivePlan({ treatments: [alemTreatment(alemOf(t))], sex }, { settings, asOf: day('2030-01-01') });
}
const ofSchedule = (plan: PlanItem[], id: string) => plan.filter((i) => i.scheduleId === id);

describe('courses are runs of consecutive infusion days', () => {
  it('5 consecutive days then 3 days a year later make two courses', () => {
    const h = alemtuzumabHistory(['2024-01-15', '2025-01-15']);
    const alemtuzumab = alemOf(treatmentFromHistory(h));
    expect(alemtuzumab.map((c) => [f(c.start), f(c.end)])).toEqual([
      ['2024-01-15', '2024-01-19'],
      ['2025-01-15', '2025-01-17'],
    ]);
  });
  it('a course spanning a month end and a leap day stays one course', () => {
    const cs = coursesFromDays([day('2024-02-27'), day('2024-02-28'), day('2024-02-29'), day('2024-03-01'), day('2024-03-02')]);
    expect(cs).toHaveLength(1);
    expect(f(cs[0]!.end)).toBe('2024-03-02');
  });
  it('a day missed inside a course (gap of 2 days) starts a new course', () => {
    expect(coursesFromDays([day('2024-01-01'), day('2024-01-03')])).toHaveLength(2);
  });
  it('an alemtuzumab therapy without infusion days is reported missing, not planned from a guess', () => {
    const t = treatmentFromHistory({ formatVersion: 1, id: 'x', therapies: [{ drug: 'alemtuzumab', start: '2024-01-01' }] });
    expect(alemOf(t)).toEqual([]);
    expect(t.missing[0]!.field).toBe('$.therapies[0].doses');
  });
});

describe('alemtuzumab plan', () => {
  it('monthly blood counts run from 1 to 48 months after the last infusion of a single course', () => {
    const cbc = ofSchedule(alemPlan(['2024-03-04']), 'alemtuzumab.monthly.cbc');
    expect(cbc).toHaveLength(48);
    expect(f(cbc[0]!.due)).toBe('2024-04-08');
    expect(f(cbc[47]!.due)).toBe('2028-03-08');
    expect(cbc[47]!.to).toBe(cbc[47]!.due);
  });

  it('TSH is due every 3 months: 16 tests to month 48', () => {
    const tsh = ofSchedule(alemPlan(['2024-03-04']), 'alemtuzumab.3-monthly.tsh');
    expect(tsh.map((i) => f(i.due)).slice(0, 3)).toEqual(['2024-06-08', '2024-09-08', '2024-12-08']);
    expect(tsh).toHaveLength(16);
  });

  it('a course ending on January 31 has its monthly tests on the last day of shorter months, then back on the 31st', () => {
    // Course 27-31 January 2023: Feb 28 (common year), Mar 31, Apr 30...
    const cbc = ofSchedule(alemPlan(['2023-01-27']), 'alemtuzumab.monthly.cbc');
    expect(cbc.slice(0, 4).map((i) => f(i.due))).toEqual(['2023-02-28', '2023-03-31', '2023-04-30', '2023-05-31']);
    // February 2024 is a leap month: due on the 29th.
    expect(f(cbc[12]!.due)).toBe('2024-02-29');
  });

  it('a course ending on a leap day has its anniversary tests on February 28 in common years', () => {
    // 25-29 February 2024.
    const plan = alemPlan(['2024-02-25']);
    const skin = ofSchedule(plan, 'alemtuzumab.yearly.skin');
    expect(skin.map((i) => f(i.due))).toEqual(['2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29']);
    expect(f(followUpEnd(treatmentOf(treatmentFromHistory(alemtuzumabHistory(['2024-02-25'])), 'alemtuzumab')!)!)).toBe('2028-02-29');
  });

  it('monthly windows partition the calendar: each day belongs to exactly one month of a series', () => {
    const cbc = ofSchedule(alemPlan(['2023-01-27']), 'alemtuzumab.monthly.cbc');
    for (let k = 1; k < cbc.length; k++) expect(cbc[k]!.from).toBe(cbc[k - 1]!.to + 1);
    for (const i of cbc) expect(i.from <= i.due && i.due <= i.to).toBe(true);
  });

  it('baseline tests are due on the first infusion day and count from 90 days before', () => {
    const base = alemPlan(['2024-03-04']).filter((i) => i.scheduleId.startsWith('alemtuzumab.baseline.'));
    expect(base.map((i) => i.group).sort()).toEqual(['cbc', 'cervical', 'creatinine', 'hiv', 'liver', 'skin', 'tb', 'tsh', 'urinalysis', 'vzv']);
    const cbc = base.find((i) => i.group === 'cbc')!;
    expect([f(cbc.from), f(cbc.due), f(cbc.to)]).toEqual(['2023-12-05', '2024-03-04', '2024-03-04']);
  });

  it('cervical screening is planned for women and not for men', () => {
    expect(alemPlan(['2024-03-04'], 'male').some((i) => i.group === 'cervical')).toBe(false);
    expect(alemPlan(['2024-03-04'], 'female').some((i) => i.group === 'cervical')).toBe(true);
  });

  it('a second course ends the first series before it, adds pre-course tests and restarts the 48 months', () => {
    const plan = alemPlan(['2024-01-15', '2025-01-15']);
    const cbc = ofSchedule(plan, 'alemtuzumab.monthly.cbc');
    const c1 = cbc.filter((i) => i.course === 1);
    const c2 = cbc.filter((i) => i.course === 2);
    // Course 1 ended 2024-01-19: months 1..11 fall before course 2 starts on 2025-01-15.
    expect(c1).toHaveLength(11);
    expect(c1.every((i) => i.to < day('2025-01-15'))).toBe(true);
    expect(c2).toHaveLength(48);
    expect(f(c2[47]!.due)).toBe('2029-01-17');
    const pre = plan.filter((i) => i.scheduleId.startsWith('alemtuzumab.pre-course.'));
    expect(pre.map((i) => [i.group, f(i.due), i.course])).toEqual(
      expect.arrayContaining([
        ['cbc', '2025-01-15', 2],
        ['creatinine', '2025-01-15', 2],
        ['urinalysis', '2025-01-15', 2],
        ['tsh', '2025-01-15', 2],
      ]),
    );
  });

  it('a third course extends the plan to 48 months after its last infusion and keeps the earlier items', () => {
    const two = alemPlan(['2024-01-15', '2025-01-15']);
    const three = alemPlan(['2024-01-15', '2025-01-15', '2026-06-01']);
    const lastDue = Math.max(...three.map((i) => i.due));
    expect(f(lastDue)).toBe('2030-06-03');
    // Everything due before the third course is planned exactly as before.
    const before = (p: PlanItem[]) => p.filter((i) => i.due < day('2026-06-01')).map((i) => `${i.id} ${f(i.due)} ${f(i.from)}`);
    expect(before(three)).toEqual(before(two));
    expect(three.filter((i) => i.scheduleId === 'alemtuzumab.pre-course.cbc').map((i) => i.course)).toEqual([2, 3]);
  });

  it('every plan item lies within 48 months after the last infusion, whatever the courses (property)', () => {
    const courseArb = fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 4 }).map((offsets) => {
      const days: Day[] = [];
      let start = day('2019-01-01');
      offsets.forEach((gap, i) => {
        start += (i === 0 ? 0 : 365) + gap;
        for (let d = 0; d < (i === 0 ? 5 : 3); d++) days.push(start + d);
        start += 5;
      });
      return days;
    });
    fc.assert(
      fc.property(courseArb, (days) => {
        const courses = coursesFromDays(days);
        const end = addMonths(Math.max(...days), 48);
        const plan = derivePlan({ treatments: [alemTreatment(courses)], sex: 'female' }, { settings, asOf: day('2040-01-01') });
        return plan.every((i) => i.due <= end && i.to <= end && i.from <= i.due && i.due <= i.to);
      }),
    );
  });

  it('the plan is the same when derived twice (re-deriving is deterministic)', () => {
    expect(alemPlan(['2024-01-15', '2025-01-15'])).toEqual(alemPlan(['2024-01-15', '2025-01-15']));
  });
});

describe('mitoxantrone plan', () => {
  it('LVEF, blood count and liver tests are due on every dose day; LVEF counts from 30 days before', () => {
    const t = treatmentFromHistory(mitoxantroneHistory(['2024-01-10', '2024-04-10']));
    const plan = derivePlan({ treatments: [mitoOf(t)!], sex: 'male' }, { settings, asOf: day('2024-05-01') });
    expect(plan.map((i) => `${i.group} ${f(i.due)}`)).toEqual([
      'cbc 2024-01-10',
      'liver 2024-01-10',
      'lvef 2024-01-10',
      'cbc 2024-04-10',
      'liver 2024-04-10',
      'lvef 2024-04-10',
    ]);
    const lvef = plan.find((i) => i.group === 'lvef')!;
    expect(f(lvef.from)).toBe('2023-12-11');
    const cbc = plan.find((i) => i.group === 'cbc')!;
    expect(f(cbc.from)).toBe('2024-01-03');
  });

  it('after stopping, LVEF is due every year, up to the next one after the as-of date', () => {
    const t = treatmentFromHistory(mitoxantroneHistory(['2020-01-10', '2020-04-10'], '2020-04-10'));
    const plan = derivePlan({ treatments: [mitoOf(t)!], sex: 'male' }, { settings, asOf: day('2023-06-01') });
    expect(plan.filter((i) => i.scheduleId === 'mitoxantrone.yearly.lvef').map((i) => f(i.due))).toEqual([
      '2021-04-10',
      '2022-04-10',
      '2023-04-10',
      '2024-04-10',
    ]);
  });

  it('while mitoxantrone is ongoing there is no after-stopping series', () => {
    const t = treatmentFromHistory(mitoxantroneHistory(['2020-01-10']));
    expect(mitoOf(t)!.stopped).toBeUndefined();
    const plan = derivePlan({ treatments: [mitoOf(t)!], sex: 'male' }, { settings, asOf: day('2023-06-01') });
    expect(plan.some((i) => i.scheduleId === 'mitoxantrone.yearly.lvef')).toBe(false);
  });
});

describe('the open-window plan (what the worklist reads)', () => {
  it('is exactly the full plan filtered to items whose window contains the as-of day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 2400 }), fc.boolean(), (gap, asOfOffset, mito) => {
        const days = [0, 1, 2, 3, 4, 365 + gap, 366 + gap, 367 + gap].map((d) => day('2020-01-31') + d);
        const asOf = day('2019-12-01') + asOfOffset;
        const input = {
          treatments: [
            alemTreatment(coursesFromDays(days)),
            ...(mito ? [mitoTreatment({ doses: [day('2020-03-01'), day('2020-06-01')], stopped: day('2020-06-01') })] : []),
          ],
          sex: 'female' as const,
        };
        const full = derivePlan(input, { settings, asOf }).filter((i) => i.from <= asOf && asOf <= i.to);
        const open = derivePlan(input, { settings, asOf, openOnly: true });
        return JSON.stringify(open) === JSON.stringify(full);
      }),
      { numRuns: 200 },
    );
  });

  it('with a lookback, is exactly the full plan filtered to items whose window overlaps lookback start..as-of day (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 2400 }),
        fc.integer({ min: 0, max: 800 }),
        fc.boolean(),
        (gap, asOfOffset, back, mito) => {
          const days = [0, 1, 2, 3, 4, 365 + gap, 366 + gap, 367 + gap].map((d) => day('2020-01-31') + d);
          const asOf = day('2019-12-01') + asOfOffset;
          const closedSince = asOf - back;
          const input = {
            treatments: [
              alemTreatment(coursesFromDays(days)),
              ...(mito ? [mitoTreatment({ doses: [day('2020-03-01'), day('2020-06-01')], stopped: day('2020-06-01') })] : []),
            ],
            sex: 'female' as const,
          };
          const full = derivePlan(input, { settings, asOf }).filter((i) => i.from <= asOf && closedSince <= i.to);
          const open = derivePlan(input, { settings, asOf, openOnly: true, closedSince });
          return JSON.stringify(open) === JSON.stringify(full);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('single tests months after each course starts (at-months)', () => {
  // A made-up schedule on alemtuzumab's courses, to exercise the timing (cladribine's lymphocyte counts 2 and 6 months after each course starts will use it).
  const counts: Schedule = {
    id: 'test.lymphocytes',
    drug: 'alemtuzumab',
    group: 'cbc',
    timing: { kind: 'at-months', months: [2, 6] },
    sources: ['seed-clinicspeak'],
  };
  const planOf = (starts: string[], asOf = '2040-01-01', o: Partial<PlanOptions> = {}) =>
    derivePlan(
      { treatments: [alemTreatment(alemOf(treatmentFromHistory(alemtuzumabHistory(starts))))] },
      { settings, asOf: day(asOf), schedules: [counts], ...o },
    );

  it('are due 2 and 6 months after each course start, windows split at the midpoints', () => {
    expect(planOf(['2024-01-15', '2025-01-15']).map((i) => [i.id, f(i.due), f(i.from), f(i.to)])).toEqual([
      // 60 days from the start to month 2 (59 in a common year), 122 to month 6: half each side.
      ['test.lymphocytes#c1.m2', '2024-03-15', '2024-02-14', '2024-05-14'],
      ['test.lymphocytes#c1.m6', '2024-07-15', '2024-05-15', '2024-09-13'],
      ['test.lymphocytes#c2.m2', '2025-03-15', '2025-02-14', '2025-05-14'],
      ['test.lymphocytes#c2.m6', '2025-07-15', '2025-05-15', '2025-09-13'],
    ]);
  });

  it("a course starting early cuts the earlier course's tests off the day before", () => {
    const plan = planOf(['2024-01-15', '2024-06-01']);
    expect(plan.filter((i) => i.course === 1).map((i) => f(i.due))).toEqual(['2024-03-15']);
    expect(plan.every((i) => i.course !== 1 || i.to < day('2024-06-01'))).toBe(true);
  });

  it('the open-window plan is the full plan filtered to the windows overlapping lookback start..as-of day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 1200 }), fc.integer({ min: 0, max: 400 }), (gap, asOfOffset, back) => {
        const starts = [day('2020-01-31'), day('2020-01-31') + 60 + gap].map(f);
        const asOf = day('2020-01-01') + asOfOffset;
        const closedSince = asOf - back;
        const full = planOf(starts, f(asOf)).filter((i) => i.from <= asOf && closedSince <= i.to);
        const open = planOf(starts, f(asOf), { openOnly: true, closedSince });
        return JSON.stringify(open) === JSON.stringify(full);
      }),
      { numRuns: 200 },
    );
  });
});
