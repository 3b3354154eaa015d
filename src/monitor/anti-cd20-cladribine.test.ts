import { describe, expect, it } from 'vitest';
import { formatDay } from '../history/dates.js';
import type { History, Lab } from '../history/schema.js';
import { day } from './fixtures.js';
import { monitorPatient } from './monitoring.js';

// Anti-CD20 and cladribine monitoring (knowledge/monitoring). Anti-CD20: hepatitis B screening and IgG
// before the start, IgG every 6 months while treated (a clinic setting), alerts on a low IgG and a
// positive HBsAg. Cladribine: lymphocytes before each yearly course and 2 and 6 months after its start.

const history = (labs: Lab[] = [], start = '2024-03-04', end?: string): History => ({
  formatVersion: 1,
  id: 'p-cd20',
  sex: 'female',
  therapies: [{ drug: 'ocrelizumab', start, ...(end ? { end } : {}) }],
  labs,
});
const ids = (h: History, asOf: string) =>
  monitorPatient({ history: h, asOf: day(asOf) })
    .states.map((s) => `${s.item.scheduleId}@${formatDay(s.item.due)}`)
    .sort();

describe('ocrelizumab monitoring plan', () => {
  it('HBV screening and IgG are due on the first day; IgG then every 6 months while treated', () => {
    const plan = ids(history(), '2025-04-01');
    expect(plan).toContain('ocrelizumab.baseline.hbv@2024-03-04');
    expect(plan).toContain('ocrelizumab.baseline.igg@2024-03-04');
    expect(plan).toContain('ocrelizumab.periodic.igg@2024-09-04');
    expect(plan).toContain('ocrelizumab.periodic.igg@2025-03-04');
    expect(plan.filter((p) => p.startsWith('ocrelizumab.periodic.igg')).length).toBeGreaterThanOrEqual(2);
  });
  it('the IgG series stops with the treatment', () => {
    const plan = ids(history([], '2024-03-04', '2024-10-01'), '2026-04-01');
    expect(plan.filter((p) => p.startsWith('ocrelizumab.periodic.igg'))).toEqual(['ocrelizumab.periodic.igg@2024-09-04']);
  });
  it('HBsAg and anti-HBc in the screening window complete the baseline screen', () => {
    const h = history([
      { date: '2024-02-01', test: 'hbsag', value: 'negative' },
      { date: '2024-02-01', test: 'anti-hbc', value: 'negative' },
    ]);
    const m = monitorPatient({ history: h, asOf: day('2024-03-10') });
    expect(m.states.find((s) => s.item.scheduleId === 'ocrelizumab.baseline.hbv')?.status).toBe('done');
  });
});

describe('anti-CD20 alerts', () => {
  const igg = (value: number): Lab => ({ date: '2024-09-01', test: 'igg', value, unit: 'g/L' });
  const alertIds = (labs: Lab[]) => monitorPatient({ history: history(labs), asOf: day('2024-09-10') }).alerts.map((a) => a.ruleId);
  it('IgG at the lower limit (7 g/L by default) raises nothing; below it, an alert to consult an immunologist', () => {
    expect(alertIds([igg(7)])).toEqual([]);
    expect(alertIds([igg(6.9)])).toEqual(['anti-cd20.igg-low']);
  });
  it('a positive HBsAg during treatment is urgent', () => {
    const a = monitorPatient({ history: history([{ date: '2024-09-01', test: 'hbsag', value: 'positive' }]), asOf: day('2024-09-10') }).alerts;
    expect(a.map((x) => [x.ruleId, x.urgency])).toEqual([['anti-cd20.hbsag-positive', 'urgent']]);
  });
});

describe('ofatumumab monitoring plan', () => {
  it('the same anti-CD20 plan: HBV and IgG before the first injection, IgG every 6 months', () => {
    const h: History = { formatVersion: 1, id: 'p-ofa', sex: 'male', therapies: [{ drug: 'ofatumumab', start: '2025-01-15' }] };
    const plan = ids(h, '2025-08-01');
    expect(plan).toEqual(
      expect.arrayContaining(['ofatumumab.baseline.hbv@2025-01-15', 'ofatumumab.baseline.igg@2025-01-15', 'ofatumumab.periodic.igg@2025-07-15']),
    );
  });
});

describe('cladribine monitoring plan', () => {
  // Year 1: tablet days 3-7 November and 1-5 December 2025 (one course); year 2 from 2 November 2026.
  const days = (from: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      date: `${from.slice(0, 8)}${String(Number(from.slice(8)) + i).padStart(2, '0')}`,
      amount: 10,
      unit: 'mg' as const,
    }));
  const clad = (doses: ReturnType<typeof days>, labs: Lab[] = []): History => ({
    formatVersion: 1,
    id: 'p-clad',
    sex: 'female',
    therapies: [{ drug: 'cladribine', start: doses[0]!.date, doses }],
    labs,
  });
  it('lymphocytes 2 and 6 months after the start of each yearly course, and a blood count before each course', () => {
    const year1 = [...days('2025-11-03', 5), ...days('2025-12-01', 5)];
    const plan = ids(clad(year1), '2026-06-01');
    expect(plan).toEqual(
      expect.arrayContaining(['cladribine.baseline.cbc@2025-11-03', 'cladribine.lymphocytes.cbc@2026-01-03', 'cladribine.lymphocytes.cbc@2026-05-03']),
    );
    expect(plan.filter((p) => p.startsWith('cladribine.lymphocytes.cbc'))).toHaveLength(2);
    const both = ids(clad([...year1, ...days('2026-11-02', 5)]), '2026-11-10');
    expect(both).toEqual(
      expect.arrayContaining(['cladribine.pre-course.cbc@2026-11-02', 'cladribine.lymphocytes.cbc@2027-01-02', 'cladribine.lymphocytes.cbc@2027-05-02']),
    );
  });
  it('lymphocytes below 500 cells/mm3 are raised soon, below 200 urgently; 0.5 itself raises nothing', () => {
    const year1 = [...days('2025-11-03', 5), ...days('2025-12-01', 5)];
    const alertsAt = (value: number) =>
      monitorPatient({ history: clad(year1, [{ date: '2026-01-05', test: 'lymphocytes', value, unit: '10^9/L' }]), asOf: day('2026-01-10') }).alerts.map(
        (a) => a.ruleId,
      );
    expect(alertsAt(0.5)).toEqual([]);
    expect(alertsAt(0.49)).toEqual(['cladribine.lymphocytes-low']);
    expect(alertsAt(0.19)).toEqual(['cladribine.lymphocytes-severe']);
  });
});
