import { describe, expect, it } from 'vitest';
import { formatDay, type Day } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { monitoringBurden } from './burden.js';
import { day } from './fixtures.js';
import { derivePlan } from './plan.js';
import { resultsFromHistory } from './results.js';
import { defaultSettings } from './settings.js';
import { planStates } from './status.js';
import { treatmentFromHistory } from './treatment.js';

// The label schedules of siponimod (a daily tablet: continuous) and the post-transplant follow-up of
// aHSCT (one re-infusion day: a single course), as knowledge/monitoring/schedules.json gives them.

const settings = defaultSettings();
const f = (d: Day) => formatDay(d);
function planOf(h: History, asOf: string) {
  const t = treatmentFromHistory(h);
  return derivePlan({ treatments: t.drugs, sex: h.sex ?? 'unknown' }, { settings, asOf: day(asOf) });
}
const patient = (therapies: History['therapies']): History => ({ formatVersion: 1, id: 'p-mon', sex: 'female', therapies });
const dues = (items: ReturnType<typeof planOf>, scheduleId: string) => items.filter((i) => i.scheduleId === scheduleId).map((i) => f(i.due));

describe('siponimod monitoring (continuous from the first dose)', () => {
  const plan = planOf(patient([{ drug: 'siponimod', start: '2026-01-15' }]), '2026-12-01');
  it('baseline blood count, liver tests and eye examination are due on the start day, counting results from 6 months before', () => {
    for (const id of ['siponimod.baseline.cbc', 'siponimod.baseline.liver-panel', 'siponimod.baseline.eye']) {
      const item = plan.find((i) => i.scheduleId === id)!;
      expect([f(item.due), f(item.from)], id).toEqual(['2026-01-15', f(day('2026-01-15') - settings.numbers.siponimodBaselineWindowDays)]);
    }
  });
  it('heart rate and ECG are due on the first day itself', () => {
    const item = plan.find((i) => i.scheduleId === 'siponimod.first-dose.heart')!;
    expect([f(item.from), f(item.due), f(item.to)]).toEqual(['2026-01-15', '2026-01-15', '2026-01-15']);
  });
  it('the macular examination falls 3 months after the start, its window covering 3 to 4 months', () => {
    const eye = plan.find((i) => i.scheduleId === 'siponimod.3-months.eye')!;
    expect(f(eye.due)).toBe('2026-04-15');
    expect(eye.from <= day('2026-04-15') && eye.to >= day('2026-05-15')).toBe(true);
  });
  it('blood pressure every 3 months while taken (a clinic setting)', () => {
    expect(dues(plan, 'siponimod.periodic.blood-pressure')).toEqual(['2026-04-15', '2026-07-15', '2026-10-15', '2027-01-15']);
  });
  it('blood-pressure readings in the history complete the blood-pressure checks: raised (positive) from 140 systolic or 90 diastolic, whatever the other value', () => {
    const reading = (date: string, s: number, dia: number) => [
      { date, test: 'systolic-bp' as const, value: s, unit: 'mm[Hg]' },
      { date, test: 'diastolic-bp' as const, value: dia, unit: 'mm[Hg]' },
    ];
    const h: History = {
      ...patient([{ drug: 'siponimod', start: '2026-01-15' }]),
      labs: [...reading('2026-04-15', 139, 89), ...reading('2026-07-16', 128, 90)],
    };
    const results = resultsFromHistory(h).filter((r) => r.test === 'blood-pressure');
    expect(results.map((r) => [f(r.day), r.value])).toEqual([
      ['2026-04-15', 'negative'],
      ['2026-07-16', 'positive'],
    ]);
    const states = planStates(plan, resultsFromHistory(h), day('2026-12-01')).filter((s) => s.item.scheduleId === 'siponimod.periodic.blood-pressure');
    expect(states.map((s) => s.status)).toEqual(['done', 'done', 'missed', 'due']);
  });
  it('siponimod stopped on a day not recorded: monitored as ended on its start (the earliest it can have ended), and the plan says the end is missing', () => {
    const t = treatmentFromHistory(patient([{ drug: 'siponimod', start: '2026-01-15', endUnknown: true }]));
    expect(t.missing).toContainEqual(expect.objectContaining({ field: '$.therapies[0].end', why: expect.stringContaining('stopped on a day not recorded') }));
    const stopped = planOf(patient([{ drug: 'siponimod', start: '2026-01-15', endUnknown: true }]), '2026-12-01');
    expect(dues(stopped, 'siponimod.periodic.blood-pressure')).toEqual([]);
  });
  it('the burden counts 12 months of treatment', () => {
    const b = monitoringBurden('siponimod');
    expect(b.detail).toContain('12 months counted');
    expect(b.tests).toBeGreaterThan(5);
  });
});

describe('aHSCT follow-up (one transplant, dated by the re-infusion)', () => {
  const h = patient([{ drug: 'ahsct', start: '2025-03-10', end: '2025-03-10', doses: [{ date: '2025-03-10', amount: 1, unit: 'mg' }] }]);
  const plan = planOf(h, '2031-01-01');
  it('blood counts at 1, 3, 6 and 12 months, and joint follow-up visits at 3, 6, 12 months then yearly to 5 years', () => {
    expect(dues(plan, 'ahsct.recovery.cbc')).toEqual(['2025-04-10', '2025-06-10', '2025-09-10', '2026-03-10']);
    expect(dues(plan, 'ahsct.follow-up.visit')).toEqual(['2025-06-10', '2025-09-10', '2026-03-10', '2027-03-10', '2028-03-10', '2029-03-10', '2030-03-10']);
  });
  it('baseline screening is due on the transplant day', () => {
    expect(dues(plan, 'ahsct.baseline.hiv')).toEqual(['2025-03-10']);
  });
  it('a transplant recorded without its re-infusion day is reported missing, not dated from a guess', () => {
    const h = patient([{ drug: 'ahsct', start: '2025-03-10' }]);
    expect(
      treatmentFromHistory(h)
        .missing.map((m) => m.why)
        .join(' '),
    ).toMatch(/re-infusion/);
    expect(planOf(h, '2031-01-01')).toEqual([]);
  });
});
