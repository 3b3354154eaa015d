import { describe, expect, it } from 'vitest';
import { formatDay } from '../history/dates.js';
import type { Lab } from '../history/schema.js';
import { alemtuzumabHistory, day, mitoxantroneHistory, normalPanel } from './fixtures.js';
import { monitorPatient, monitoringJson } from './monitoring.js';
import { validateResults } from './results-validate.js';
import { defaultSettings } from './settings.js';

// Course 1: 4-8 March 2024; monthly tests due on the 8th from April 2024.
const base = () => alemtuzumabHistory(['2024-03-04'], { sex: 'male', labs: normalPanel('2024-02-20') });
const stateOf = (m: ReturnType<typeof monitorPatient>, id: string) => m.states.find((s) => s.item.id === id)!;

describe('matching results to plan items', () => {
  it('before its window opens an item is upcoming, then due, then overdue after its due date, then missed', () => {
    const h = base();
    const id = 'alemtuzumab.monthly.cbc#c1.1'; // due 2024-04-08, window 2024-03-24..2024-04-22
    const at = (d: string) => stateOf(monitorPatient({ history: h, asOf: day(d) }), id).status;
    expect(at('2024-03-23')).toBe('upcoming');
    expect(at('2024-03-24')).toBe('due');
    expect(at('2024-04-08')).toBe('due');
    expect(at('2024-04-09')).toBe('overdue');
    expect(at('2024-04-22')).toBe('overdue');
    expect(at('2024-04-23')).toBe('missed');
  });

  it('a complete blood count in the window marks the item done; a partial one lists the missing tests', () => {
    const h = base();
    h.labs = [...h.labs!, ...normalPanel('2024-04-05', false).filter((l) => l.test !== 'lymphocytes')];
    const m = monitorPatient({ history: h, asOf: day('2024-04-10') });
    const cbc = stateOf(m, 'alemtuzumab.monthly.cbc#c1.1');
    expect(cbc.status).toBe('overdue');
    expect(cbc.missingTests).toEqual(['lymphocytes']);
    expect(stateOf(m, 'alemtuzumab.monthly.creatinine#c1.1').status).toBe('done');
  });

  it('a late result inside the window counts, marked late; one after the window counts for the next month', () => {
    const h = base();
    h.labs = [...h.labs!, ...normalPanel('2024-04-20', false), ...normalPanel('2024-04-23', false)];
    const m = monitorPatient({ history: h, asOf: day('2024-05-01') });
    const first = stateOf(m, 'alemtuzumab.monthly.creatinine#c1.1');
    expect(first.status).toBe('done');
    expect(first.late).toBe(true);
    expect(formatDay(first.completedOn!)).toBe('2024-04-20');
    const second = stateOf(m, 'alemtuzumab.monthly.creatinine#c1.2');
    expect(second.status).toBe('done');
    expect(second.late).toBe(false);
  });

  it('a result recorded after the as-of day does not count when looking back', () => {
    const h = base();
    const extra = validateResults(normalPanel('2024-04-08', false), { asOf: day('2024-06-01') });
    if (!extra.ok) throw new Error('fixture');
    expect(stateOf(monitorPatient({ history: h, asOf: day('2024-04-07'), results: extra.results }), 'alemtuzumab.monthly.cbc#c1.1').status).toBe('due');
    expect(stateOf(monitorPatient({ history: h, asOf: day('2024-04-08'), results: extra.results }), 'alemtuzumab.monthly.cbc#c1.1').status).toBe('done');
  });

  it('results recorded out of order and twice give the same plan as results recorded once in order', () => {
    const labs = [...normalPanel('2024-06-07', false), ...normalPanel('2024-04-08', false), ...normalPanel('2024-05-09', false)];
    const v = validateResults([...labs, ...labs], { asOf: day('2024-07-01') });
    const w = validateResults([...labs].reverse(), { asOf: day('2024-07-01') });
    if (!v.ok || !w.ok) throw new Error('fixture');
    const a = monitorPatient({ history: base(), asOf: day('2024-07-01'), results: v.results });
    const b = monitorPatient({ history: base(), asOf: day('2024-07-01'), results: w.results });
    expect(a.states.map((s) => s.status)).toEqual(b.states.map((s) => s.status));
    expect(a.results).toHaveLength(b.results.length);
    expect(stateOf(a, 'alemtuzumab.monthly.cbc#c1.3').status).toBe('done');
  });

  it('re-deriving after a second course keeps every recorded result and the statuses of earlier items', () => {
    const h1 = base();
    h1.labs = [...h1.labs!, ...normalPanel('2024-04-08'), ...normalPanel('2024-05-08', false)];
    const before = monitorPatient({ history: h1, asOf: day('2025-03-11') });
    const h2 = alemtuzumabHistory(['2024-03-04', '2025-03-04'], { sex: 'male', labs: h1.labs });
    const after = monitorPatient({ history: h2, asOf: day('2025-03-11') });
    expect(after.results).toEqual(before.results);
    const early = (m: typeof before) => m.states.filter((s) => s.item.due < day('2024-12-01')).map((s) => `${s.item.id}:${s.status}`);
    expect(early(after)).toEqual(early(before));
    expect(after.states.some((s) => s.item.scheduleId === 'alemtuzumab.pre-course.cbc')).toBe(true);
  });

  it('the patient with no monitored drug has no plan and status none', () => {
    const m = monitorPatient({ history: { formatVersion: 1, id: 'x', therapies: [{ drug: 'fingolimod', start: '2020-01-01' }] }, asOf: day('2024-01-01') });
    expect(m.states).toEqual([]);
    expect(m.summary.status).toBe('none');
  });

  it('the JSON view gives dates as YYYY-MM-DD, windows, statuses and the burden of the actual plan', () => {
    const j = monitoringJson(monitorPatient({ history: base(), asOf: day('2024-04-10') }));
    const item = j.plan.find((p) => p.id === 'alemtuzumab.monthly.cbc#c1.1')!;
    expect(item).toMatchObject({ due: '2024-04-08', window: { from: '2024-03-24', to: '2024-04-22' }, status: 'overdue' });
    expect(j.burden.planned).toBe(j.plan.length);
    expect(j.summary.status).toBe('overdue');
    expect(j.followUpEnd).toBe('2028-03-08');
  });
});

describe('alerts', () => {
  const withLabs = (labs: Lab[], asOf = '2024-12-01') => monitorPatient({ history: { ...base(), labs: [...base().labs!, ...labs] }, asOf: day(asOf) });
  const plt = (date: string, value: number): Lab => ({ date, test: 'platelets', value, unit: '10^9/L' });

  it('platelets of 150 raise nothing; 149 is below the lower limit of normal: urgent, possible ITP', () => {
    expect(withLabs([plt('2024-04-08', 150)]).alerts).toEqual([]);
    const [a] = withLabs([plt('2024-04-08', 149)]).alerts;
    expect(a).toMatchObject({ ruleId: 'itp.platelets-low', urgency: 'urgent', date: '2024-04-08', id: 'p-alem/itp.platelets-low/2024-04-08' });
    expect(a!.values[0]).toMatchObject({ test: 'platelets', value: 149, role: 'result' });
    expect(a!.sources).toContain('eu-smpc-lemtrada');
  });

  it('platelets of 30 are low; 29 is an emergency, raised once rather than as low and falling too', () => {
    expect(withLabs([plt('2024-04-08', 30)]).alerts.map((a) => a.ruleId)).toEqual(['itp.platelets-low']);
    const alerts = withLabs([plt('2024-04-08', 29)]).alerts;
    expect(alerts.map((a) => a.ruleId)).toEqual(['itp.platelets-critical']);
    expect(alerts[0]!.action).toMatch(/today/);
  });

  it('a fall of 30% from the previous count is "falling" even in the normal range; 29% is not', () => {
    // Baseline panel on 2024-02-20 has 180.
    expect(withLabs([plt('2024-04-08', 300), plt('2024-05-08', 210)]).alerts.map((a) => a.ruleId)).toEqual(['itp.platelets-falling']);
    expect(withLabs([plt('2024-04-08', 300), plt('2024-05-08', 213)]).alerts).toEqual([]);
    const a = withLabs([plt('2024-04-08', 300), plt('2024-05-08', 210)]).alerts[0]!;
    expect(a.values.map((v) => [v.role, v.value])).toEqual([
      ['result', 210],
      ['previous', 300],
    ]);
  });

  it('a creatinine 30% above the pre-treatment baseline raises a nephropathy alert naming both values', () => {
    const cr = (date: string, value: number): Lab => ({ date, test: 'creatinine', value, unit: 'umol/L' });
    expect(withLabs([cr('2024-04-08', 90)]).alerts).toEqual([]); // baseline 70: +28.6%
    const a = withLabs([cr('2024-04-08', 91)]).alerts[0]!;
    expect(a.ruleId).toBe('nephropathy.creatinine-rise');
    expect(a.values.map((v) => [v.role, v.date, v.value])).toEqual([
      ['result', '2024-04-08', 91],
      ['baseline', '2024-02-20', 70],
    ]);
  });

  it('without a baseline creatinine the rise cannot be judged and the plan says so', () => {
    const m = monitorPatient({ history: alemtuzumabHistory(['2024-03-04']), asOf: day('2024-05-01') });
    expect(m.missing.some((x) => x.field === 'labs.creatinine')).toBe(true);
  });

  it('haematuria of grade (+) or "positive" raises an alert; trace does not by default', () => {
    const ub = (value: number | 'positive'): Lab =>
      typeof value === 'number' ? { date: '2024-04-08', test: 'urine-blood', value, unit: 'grade' } : { date: '2024-04-08', test: 'urine-blood', value };
    expect(withLabs([ub(1)]).alerts).toEqual([]);
    expect(withLabs([ub(2)]).alerts.map((a) => a.ruleId)).toEqual(['nephropathy.haematuria']);
    expect(withLabs([ub('positive')]).alerts.map((a) => a.ruleId)).toEqual(['nephropathy.haematuria']);
  });

  it('TSH outside 0.4-4.0 raises a thyroid alert; the limits themselves do not', () => {
    const tsh = (value: number): Lab => ({ date: '2024-06-08', test: 'tsh', value, unit: 'mIU/L' });
    expect(withLabs([tsh(0.4), tsh(4.0)]).alerts).toEqual([]);
    expect(withLabs([tsh(0.39)]).alerts.map((a) => a.ruleId)).toEqual(['thyroid.tsh-low']);
    expect(withLabs([tsh(4.01)]).alerts.map((a) => a.ruleId)).toEqual(['thyroid.tsh-high']);
  });

  it('after alemtuzumab, neutrophils of 1.0 raise nothing, 0.99 are urgent and below 0.5 an emergency', () => {
    const n = (value: number): Lab => ({ date: '2024-04-08', test: 'neutrophils', value, unit: '10^9/L' });
    expect(withLabs([n(1.0)]).alerts).toEqual([]);
    expect(withLabs([n(0.99)]).alerts.map((a) => [a.ruleId, a.urgency])).toEqual([['neutropenia.low', 'urgent']]);
    expect(withLabs([n(0.49)]).alerts.map((a) => [a.ruleId, a.urgency])).toEqual([['neutropenia.severe', 'emergency']]);
  });

  it('ALT above 120 U/L (about 3 x the upper limit) raises a liver alert; 120 does not', () => {
    const alt = (value: number): Lab => ({ date: '2024-06-08', test: 'alt', value, unit: 'U/L' });
    expect(withLabs([alt(120)]).alerts).toEqual([]);
    expect(withLabs([alt(121)]).alerts.map((a) => a.ruleId)).toEqual(['liver.alt-high']);
  });

  it('proteinuria of grade (+) raises an alert separate from haematuria on the same day', () => {
    const labs: Lab[] = [
      { date: '2024-04-08', test: 'urine-protein', value: 2, unit: 'grade' },
      { date: '2024-04-08', test: 'urine-blood', value: 3, unit: 'grade' },
    ];
    expect(
      withLabs(labs)
        .alerts.map((a) => a.ruleId)
        .sort(),
    ).toEqual(['nephropathy.haematuria', 'nephropathy.proteinuria']);
  });

  it('two platelet counts on one day are not a fall from one to the other', () => {
    expect(withLabs([plt('2024-04-08', 300), plt('2024-04-08', 200)]).alerts).toEqual([]);
  });

  it('results before the first infusion raise no monitoring alert (they are the baseline)', () => {
    expect(withLabs([plt('2024-03-01', 100)]).alerts).toEqual([]);
  });

  it('an acknowledged alert stays listed with who acknowledged it, and no longer counts as open', () => {
    const id = 'p-alem/itp.platelets-low/2024-04-08';
    const m = monitorPatient({
      history: { ...base(), labs: [...base().labs!, plt('2024-04-08', 120)] },
      asOf: day('2024-04-10'),
      acknowledgements: [{ alertId: id, at: '2024-04-09T10:00:00Z', by: 'dr-a', note: 'repeat booked' }],
    });
    expect(m.alerts[0]!.acknowledged).toEqual({ at: '2024-04-09T10:00:00Z', by: 'dr-a', note: 'repeat booked' });
    expect(m.summary.openAlerts).toBe(0);
  });

  it('clinic settings change the thresholds', () => {
    const h = { ...base(), labs: [...base().labs!, plt('2024-04-08', 140)] };
    const settings = { timeZone: 'UTC', numbers: { ...monitorPatientDefaults(), plateletsLowerLimit: 130, plateletsFallPercent: 50 } };
    expect(monitorPatient({ history: h, asOf: day('2024-04-10'), settings }).alerts).toEqual([]);
  });

  describe('mitoxantrone', () => {
    const mito = (labs: Lab[]) => monitorPatient({ history: { ...mitoxantroneHistory(['2024-01-10', '2024-04-10']), labs }, asOf: day('2024-05-01') });
    const lvef = (date: string, value: number): Lab => ({ date, test: 'lvef', value, unit: '%' });
    const neut = (date: string, value: number): Lab => ({ date, test: 'neutrophils', value, unit: '10^9/L' });

    it('LVEF of 50% may be dosed; 49% may not', () => {
      expect(mito([lvef('2024-01-05', 62), lvef('2024-04-05', 54)]).alerts).toEqual([]);
      expect(mito([lvef('2024-01-05', 58), lvef('2024-04-05', 49)]).alerts.map((a) => a.ruleId)).toEqual(['cardiac.lvef-low']);
    });

    it('a 10-point LVEF fall from the pre-treatment baseline alerts even above 50%', () => {
      const a = mito([lvef('2024-01-05', 65), lvef('2024-04-05', 55)]).alerts;
      expect(a.map((x) => x.ruleId)).toEqual(['cardiac.lvef-fall']);
      expect(mito([lvef('2024-01-05', 65), lvef('2024-04-05', 56)]).alerts).toEqual([]);
    });

    it('neutrophils below 1.5 stop the next dose; below 0.5 are an emergency', () => {
      expect(mito([neut('2024-04-08', 1.5)]).alerts).toEqual([]);
      expect(mito([neut('2024-04-08', 1.4)]).alerts.map((a) => [a.ruleId, a.urgency])).toEqual([['neutropenia.mitoxantrone-dose', 'urgent']]);
      expect(mito([neut('2024-04-08', 0.4)]).alerts.map((a) => [a.ruleId, a.urgency])).toEqual([['neutropenia.severe', 'emergency']]);
    });

    it('a dose without an LVEF in the 30 days before it is missed', () => {
      const m = mito([lvef('2023-12-01', 60)]);
      expect(m.states.find((s) => s.item.id === 'mitoxantrone.pre-dose.lvef#d1')!.status).toBe('missed');
    });
  });
});

function monitorPatientDefaults() {
  return defaultSettings().numbers;
}
