import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDay, type Day } from '../history/dates.js';
import type { History } from '../history/schema.js';
import testsJson from '../../knowledge/monitoring/tests.json' with { type: 'json' };
import schedulesJson from '../../knowledge/monitoring/schedules.json' with { type: 'json' };
import settingsJson from '../../knowledge/monitoring/settings.json' with { type: 'json' };
import alertsJson from '../../knowledge/monitoring/alerts.json' with { type: 'json' };
import missedJson from '../../knowledge/monitoring/missed.json' with { type: 'json' };
import { monitoringBurden } from './burden.js';
import { day } from './fixtures.js';
import { ASSESSABLE_DRUGS } from '../drugs/index.js';
import { loadMonitoringKnowledge, MONITORED_DRUGS, monitoringOf, type DrugMonitoring, type MonitoredDrug, type Schedule } from './knowledge.js';
import { derivePlan } from './plan.js';
import { defaultSettings } from './settings.js';
import { treatmentFromHistory, type DrugTreatment } from './treatment.js';

// The continuous pattern (a start day, treatment ongoing) that no drug of the registry uses yet. The
// entry and the schedules below are made up to exercise the planner, not any label's monitoring.
const DRUG = 'fingolimod' as MonitoredDrug;
const ENTRY: DrugMonitoring = {
  kind: 'continuous',
  burden: { treatedMonths: 24, detail: '{treatedMonths} months of treatment: {tests} tests at {visits} visits over {months} months.' },
  why: 'made up for the test',
  sources: ['seed-clinicspeak'],
};
const schedule = (id: string, group: string, timing: Schedule['timing']): Schedule => ({
  id: `test.${id}`,
  drug: DRUG,
  group,
  timing,
  sources: ['seed-clinicspeak'],
});
const SCHEDULES: Schedule[] = [
  schedule('baseline.liver', 'liver', { kind: 'before-start', windowSetting: 'baselineWindowDays' }),
  schedule('6-monthly.cbc', 'cbc', { kind: 'after-start', everyMonths: 6 }),
  schedule('first-year.liver', 'liver', { kind: 'after-start', everyMonths: 3, forMonths: 12 }),
  schedule('early.skin', 'skin', { kind: 'at-months', months: [3] }),
];
const settings = defaultSettings();
const f = (d: Day) => formatDay(d);
const monitoring = (drug: MonitoredDrug) => (drug === DRUG ? ENTRY : monitoringOf(drug));
const history = (therapies: { start: string; end?: string }[]): History => ({
  formatVersion: 1,
  id: 'p-cont',
  sex: 'female',
  therapies: therapies.map((t) => ({ drug: 'fingolimod', ...t })),
});
const treatment = (h: History) => treatmentFromHistory(h, monitoring, [DRUG]);
const plan = (t: DrugTreatment, asOf: string) => derivePlan({ treatments: [t], sex: 'female' }, { settings, asOf: day(asOf), schedules: SCHEDULES });

describe('a continuously taken drug: the current treatment period', () => {
  it('starts on the therapy start; overlapping or adjoining therapies make one period, a restart after a gap a new one', () => {
    expect(treatment(history([{ start: '2024-01-10' }])).drugs).toEqual([{ drug: DRUG, kind: 'continuous', start: day('2024-01-10') }]);
    expect(
      treatment(
        history([
          { start: '2022-01-10', end: '2023-01-09' },
          { start: '2023-01-10', end: '2024-05-01' },
        ]),
      ).drugs[0],
    ).toMatchObject({ start: day('2022-01-10'), stopped: day('2024-05-01') });
    expect(treatment(history([{ start: '2019-01-10', end: '2020-06-30' }, { start: '2022-03-01' }])).drugs[0]).toEqual({
      drug: DRUG,
      kind: 'continuous',
      start: day('2022-03-01'),
    });
  });

  it('a therapy without an exact start day is reported missing, not dated from a guess', () => {
    const t = treatment(history([{ start: '2024-03' }]));
    expect(t.drugs).toEqual([]);
    expect(t.missing).toEqual([{ field: '$.therapies[0].start', why: expect.stringContaining('no exact start day') }]);
  });
});

describe('the continuous planner', () => {
  const ongoing: DrugTreatment = { drug: DRUG, kind: 'continuous', start: day('2024-01-31') };

  it('a baseline test is due on the start day, counting results from the baseline window before', () => {
    const base = plan(ongoing, '2024-01-01').find((i) => i.scheduleId === 'test.baseline.liver')!;
    expect([f(base.due), f(base.from), f(base.to)]).toEqual(['2024-01-31', f(day('2024-01-31') - settings.numbers.baselineWindowDays), '2024-01-31']);
  });

  it('an open-ended series runs every N months from the start (month ends clamped), up to the next one due after the as-of day', () => {
    const cbc = plan(ongoing, '2025-03-01').filter((i) => i.scheduleId === 'test.6-monthly.cbc');
    expect(cbc.map((i) => f(i.due))).toEqual(['2024-07-31', '2025-01-31', '2025-07-31']);
  });

  it('a series with forMonths ends there; stopping the drug ends every series on the stop day', () => {
    const liver = plan(ongoing, '2030-01-01').filter((i) => i.scheduleId === 'test.first-year.liver');
    expect(liver.map((i) => f(i.due))).toEqual(['2024-04-30', '2024-07-31', '2024-10-31', '2025-01-31']);
    const stopped = plan({ ...ongoing, stopped: day('2024-09-15') }, '2030-01-01');
    expect(stopped.filter((i) => i.scheduleId !== 'test.baseline.liver').map((i) => `${i.group} ${f(i.due)}`)).toEqual([
      'skin 2024-04-30',
      'liver 2024-04-30',
      'cbc 2024-07-31',
      'liver 2024-07-31',
    ]);
    expect(stopped.every((i) => i.to <= day('2024-09-15'))).toBe(true);
  });

  it('a single test at 3 months counts results from 1.5 to 4.5 months after the start (at-months), and none after a stop before it', () => {
    const eye = plan(ongoing, '2030-01-01').filter((i) => i.scheduleId === 'test.early.skin');
    expect(eye.map((i) => [i.id, f(i.due), f(i.from), f(i.to)])).toEqual([['test.early.skin#m3', '2024-04-30', '2024-03-16', '2024-06-13']]);
    expect(plan({ ...ongoing, stopped: day('2024-04-29') }, '2030-01-01').some((i) => i.scheduleId === 'test.early.skin')).toBe(false);
  });

  it('the open-window plan is exactly the full plan filtered to the windows overlapping lookback start..as-of day (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1500 }),
        fc.option(fc.integer({ min: 0, max: 1500 })),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 400 }),
        (start, length, asOfOffset, back) => {
          const t: DrugTreatment = {
            drug: DRUG,
            kind: 'continuous',
            start: day('2020-01-31') + start,
            ...(length === null ? {} : { stopped: day('2020-01-31') + start + length }),
          };
          const asOf = day('2020-01-01') + asOfOffset;
          const closedSince = asOf - back;
          const opts = { settings, asOf, schedules: SCHEDULES };
          const full = derivePlan({ treatments: [t] }, opts).filter((i) => i.from <= asOf && closedSince <= i.to);
          const open = derivePlan({ treatments: [t] }, { ...opts, openOnly: true, closedSince });
          return JSON.stringify(open) === JSON.stringify(full);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the burden of a continuously taken drug', () => {
  it('counts the plan over the treated months of the entry', () => {
    const b = monitoringBurden(DRUG, { monitoring: ENTRY, schedules: SCHEDULES });
    // Baseline liver, cbc at 6/12/18/24 months, liver at 3/6/9/12 months, the skin examination at 3 months.
    expect([b.tests, b.visits, b.months]).toEqual([10, 7, 24]);
    expect(b.detail).toBe('24 months of treatment: 10 tests at 7 visits over 24 months.');
    expect(() => monitoringBurden(DRUG, { monitoring: ENTRY, schedules: SCHEDULES, courses: 2 })).toThrow(/continuously/);
  });
});

describe('the monitoring files accept a continuous drug', () => {
  const files = () =>
    structuredClone({ tests: testsJson, schedules: schedulesJson, settings: settingsJson, alerts: alertsJson, missed: missedJson }) as {
      tests: unknown;
      settings: unknown;
      alerts: unknown;
      missed: unknown;
      schedules: { drugs: Record<string, unknown>; schedules: unknown[] };
    };

  it('with its schedules, when the registry lists the drug; a course timing for it fails', () => {
    const x = files();
    x.schedules.drugs[DRUG] = ENTRY;
    x.schedules.schedules.push(...SCHEDULES);
    const k = loadMonitoringKnowledge(x, [...ASSESSABLE_DRUGS, DRUG]);
    expect(k.monitoredDrugs).toEqual([...MONITORED_DRUGS, DRUG]);
    expect(() => loadMonitoringKnowledge(x)).toThrow(/drugs\.fingolimod: not a drug of the registry/);
    x.schedules.schedules.push(schedule('pre-course.cbc', 'cbc', { kind: 'before-course', courses: 'later', windowSetting: 'preCourseWindowDays' }));
    expect(() => loadMonitoringKnowledge(x, [...ASSESSABLE_DRUGS, DRUG])).toThrow(/"before-course" does not fit fingolimod's treatment pattern "continuous"/);
  });
});
