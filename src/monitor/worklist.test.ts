import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, formatDay, type Day } from '../history/dates.js';
import type { History, Lab } from '../history/schema.js';
import { alemtuzumabHistory, day, mitoxantroneHistory, normalPanel, screeningLabs } from './fixtures.js';
import { MISSED_RULES } from './knowledge.js';
import { missedLookbackStart } from './missed.js';
import { monitorPatient, type MonitoringInput } from './monitoring.js';
import type { MonitoringResult } from './results.js';
import { resolveSettings } from './settings.js';
import { clinicWorklist, worklist, worklistJson, worklistText, type WorklistEntry } from './worklist.js';

const asOf = day('2024-04-15');
// Baseline blood, urine and thyroid tests and screening 2024-02-20, skin examination the same day.
const baseline = (): Lab[] => [...normalPanel('2024-02-20'), ...screeningLabs('2024-02-20')];
const skin = (date: string): MonitoringResult => ({ day: day(date), test: 'skin-examination', value: 'negative' });
// Course 4-8 March 2024: the first monthly tests were due 2024-04-08, so on 04-15 they are overdue.
const patient = (id: string, labs: Lab[]) =>
  monitorPatient({ history: alemtuzumabHistory(['2024-03-04'], { id, sex: 'male', labs: [...baseline(), ...labs] }), asOf, results: [skin('2024-02-20')] });
const plt = (value: number): Lab => ({ date: '2024-04-08', test: 'platelets', value, unit: '10^9/L' });

describe('clinic worklist', () => {
  it('lists patients with an open alert or an overdue test, emergencies first, then urgent, then overdue only', () => {
    const list = worklist([
      patient('overdue-only', []),
      patient('up-to-date', normalPanel('2024-04-08', false)),
      patient('itp-emergency', [...normalPanel('2024-04-08', false).filter((l) => l.test !== 'platelets'), plt(20)]),
      patient('itp-low', [...normalPanel('2024-04-08', false).filter((l) => l.test !== 'platelets'), plt(120)]),
    ]);
    expect(list.map((e) => [e.patientId, e.urgency])).toEqual([
      ['itp-emergency', 'emergency'],
      ['itp-low', 'urgent'],
      ['overdue-only', 'routine'],
    ]);
    expect(list[2]!.overdue.map((s) => s.item.group).sort()).toEqual(['cbc', 'creatinine', 'urinalysis']);
  });

  it('an acknowledged alert takes the patient off the worklist when nothing is overdue', () => {
    const labs = [...normalPanel('2024-04-08', false).filter((l) => l.test !== 'platelets'), plt(120)];
    const h = alemtuzumabHistory(['2024-03-04'], { id: 'p1', sex: 'male', labs: [...baseline(), ...labs] });
    const open = monitorPatient({ history: h, asOf, results: [skin('2024-02-20')] });
    expect(worklist([open])).toHaveLength(1);
    const acked = monitorPatient({
      history: h,
      asOf,
      results: [skin('2024-02-20')],
      acknowledgements: [{ alertId: open.alerts[0]!.id, at: '2024-04-10T09:00:00Z', by: 'nurse-b' }],
    });
    expect(worklist([acked])).toEqual([]);
  });

  it('among patients with only overdue tests, the one waiting longest comes first', () => {
    const older = monitorPatient({
      history: alemtuzumabHistory(['2024-03-01'], { id: 'b-later-id', sex: 'male', labs: baseline() }),
      asOf,
      results: [skin('2024-02-20')],
    });
    const newer = monitorPatient({
      history: alemtuzumabHistory(['2024-03-04'], { id: 'a-earlier-id', sex: 'male', labs: baseline() }),
      asOf,
      results: [skin('2024-02-20')],
    });
    expect(worklist([newer, older]).map((e) => e.patientId)).toEqual(['b-later-id', 'a-earlier-id']);
  });

  it('JSON and text views carry the patient, urgency, overdue items and alerts', () => {
    const list = worklist([patient('itp-low', [plt(120)])]);
    const j = worklistJson(list);
    expect(j.items[0]).toMatchObject({ patientId: 'itp-low', urgency: 'urgent' });
    expect(j.items[0]!.alerts[0]!.ruleId).toBe('itp.platelets-low');
    expect(worklistText(list)).toContain('itp-low');
    expect(worklistText([])).toMatch(/No patient/);
  });
});

// A male patient treated 4-8 March 2024 (monthly tests due on the 8th from 2024-04-08), with baseline
// tests and screening done, who had every monthly panel on its due day for months 1..lastMonth except
// those in `skip`; `late` are results recorded afterwards (the service's results table).
const END = day('2024-03-08');
const dueOfMonth = (k: number) => addMonths(END, k);
function attender(
  id: string,
  o: { lastMonth: number; skip?: number[]; late?: MonitoringResult[]; settings?: ReturnType<typeof resolveSettings> },
): (asOf: Day) => MonitoringInput {
  const labs = baseline();
  for (let k = 1; k <= o.lastMonth; k++) if (!(o.skip ?? []).includes(k)) labs.push(...normalPanel(formatDay(dueOfMonth(k))));
  const history: History = alemtuzumabHistory(['2024-03-04'], { id, sex: 'male', labs });
  return (asOf) => ({ history, asOf, results: [skin('2024-02-20'), ...(o.late ?? [])], ...(o.settings ? { settings: o.settings } : {}) });
}
const panelResults = (date: Day): MonitoringResult[] =>
  normalPanel(formatDay(date)).map((l) => ({ day: date, test: l.test, value: l.value, unit: l.unit }) as MonitoringResult);
/** Both paths, checked equal here too; the entries of the full one. */
function listFor(inputs: MonitoringInput[]): WorklistEntry[] {
  const full = worklist(inputs.map(monitorPatient));
  expect(worklistJson(clinicWorklist(inputs))).toEqual(worklistJson(full));
  return full;
}
const ids = (e: WorklistEntry | undefined) => e?.missed.map((s) => s.item.id) ?? [];
const windowEnd = (input: MonitoringInput, itemId: string) => monitorPatient(input).states.find((s) => s.item.id === itemId)!.item.to;
const SAFETY_MONTH_5 = ['alemtuzumab.monthly.cbc#c1.5', 'alemtuzumab.monthly.creatinine#c1.5', 'alemtuzumab.monthly.urinalysis#c1.5'];

describe('recently missed tests on the worklist', () => {
  it('a missed test stays on the worklist while its window closed within the lookback (6 months), and leaves it the day after; the plan keeps it', () => {
    const p = attender('edge', { lastMonth: 12, skip: [5] });
    const closed = windowEnd(p(asOf), 'alemtuzumab.monthly.cbc#c1.5');
    const edge = addMonths(closed, 6);
    expect(missedLookbackStart(edge, resolveSettings())).toBe(closed);
    const atEdge = listFor([p(edge)]);
    expect(atEdge.map((e) => [e.patientId, e.urgency])).toEqual([['edge', 'routine']]);
    expect(ids(atEdge[0]).sort()).toEqual([...SAFETY_MONTH_5].sort());
    expect(listFor([p(edge + 1)])).toEqual([]);
    expect(
      monitorPatient(p(edge + 1))
        .states.filter((s) => s.status === 'missed')
        .map((s) => s.item.id)
        .sort(),
    ).toEqual([...SAFETY_MONTH_5].sort());
  });

  it('one missed month with tests since stays routine; two consecutive missed months of blood count, creatinine and urinalysis rank soon', () => {
    const at = day('2024-10-20'); // month 7 (2024-10-08) done
    const one = listFor([attender('one', { lastMonth: 7, skip: [5] })(at)]);
    expect(one.map((e) => [e.urgency, e.escalations.length])).toEqual([['routine', 0]]);
    const apart = listFor([attender('apart', { lastMonth: 7, skip: [4, 6] })(at)]);
    expect(apart.map((e) => [e.urgency, e.escalations.length, e.missed.length])).toEqual([['routine', 0, 6]]);
    const two = listFor([attender('two', { lastMonth: 7, skip: [5, 6] })(at)]);
    expect(two[0]!.urgency).toBe('soon');
    expect(two[0]!.escalations.map((x) => x.ruleId)).toEqual(['missed.consecutive-safety-tests']);
    expect([...two[0]!.escalations[0]!.itemIds].sort()).toEqual([...SAFETY_MONTH_5, ...SAFETY_MONTH_5.map((i) => i.replace('#c1.5', '#c1.6'))].sort());
  });

  it('two consecutive misses of one test count even when the other tests were done', () => {
    const at = day('2024-10-20');
    const labs = baseline();
    for (let k = 1; k <= 7; k++) labs.push(...normalPanel(formatDay(dueOfMonth(k))).filter((l) => k < 5 || k > 6 || l.test !== 'platelets'));
    const input = { history: alemtuzumabHistory(['2024-03-04'], { id: 'no-platelets', sex: 'male', labs }), asOf: at, results: [skin('2024-02-20')] };
    const [e] = listFor([input]);
    expect(e!.urgency).toBe('soon');
    expect(e!.escalations[0]!.itemIds).toEqual(['alemtuzumab.monthly.cbc#c1.5', 'alemtuzumab.monthly.cbc#c1.6']);
  });

  it('a missed safety test with nothing since ranks soon from the day its window closes (overdue and routine the day before)', () => {
    const p = attender('gone', { lastMonth: 4 });
    const closed = windowEnd(p(asOf), 'alemtuzumab.monthly.cbc#c1.5');
    const before = listFor([p(closed)]);
    expect(before.map((e) => [e.urgency, e.overdue.length, e.missed.length])).toEqual([['routine', 3, 0]]);
    const after = listFor([p(closed + 1)]);
    expect(after.map((e) => [e.urgency, e.overdue.length])).toEqual([['soon', 0]]);
    expect(ids(after[0]).sort()).toEqual([...SAFETY_MONTH_5].sort());
    expect(after[0]!.escalations.map((x) => [x.ruleId, x.itemIds.length])).toEqual([['missed.nothing-since', 3]]);
  });

  it('a late result recorded inside the window clears the miss; one dated after the window closes leaves it missed but shows the patient is back', () => {
    const closed = windowEnd(attender('x', { lastMonth: 4 })(asOf), 'alemtuzumab.monthly.cbc#c1.5');
    const at = closed + 5; // month 6 (due 2024-09-08) not yet due
    expect(listFor([attender('in-window', { lastMonth: 4, late: panelResults(closed) })(at)])).toEqual([]);
    const after = listFor([attender('after-window', { lastMonth: 4, late: panelResults(closed + 1) })(at)]);
    expect(after.map((e) => [e.urgency, e.escalations.length])).toEqual([['routine', 0]]);
    expect(ids(after[0]).sort()).toEqual([...SAFETY_MONTH_5].sort());
  });

  it('the lookback is a clinic setting: 0 months keeps missed tests off the worklist, 12 months keeps older ones', () => {
    const p = (months: number) => attender('setting', { lastMonth: 12, skip: [5], settings: resolveSettings({ numbers: { missedLookbackMonths: months } }) });
    const closed = windowEnd(p(6)(asOf), 'alemtuzumab.monthly.cbc#c1.5');
    expect(ids(listFor([p(12)(addMonths(closed, 6) + 1)])[0]).sort()).toEqual([...SAFETY_MONTH_5].sort());
    expect(listFor([p(0)(closed + 1)])).toEqual([]);
    expect(() => resolveSettings({ numbers: { missedLookbackMonths: -1 } })).toThrow(/missedLookbackMonths/);
  });

  it('a mitoxantrone dose given without a recorded blood count is a missed safety test', () => {
    const h = mitoxantroneHistory(['2024-03-10'], undefined, { id: 'mito', labs: [{ date: '2024-03-09', test: 'lvef', value: 60, unit: '%' }] });
    const [e] = listFor([{ history: h, asOf: day('2024-04-01') }]);
    expect(e!.urgency).toBe('soon');
    expect(ids(e)).toEqual(['mitoxantrone.pre-dose.cbc#d1', 'mitoxantrone.pre-dose.liver#d1']);
    expect(e!.escalations[0]!.itemIds).toEqual(['mitoxantrone.pre-dose.cbc#d1']);
  });

  it('escalated missed tests rank below an urgent alert and above overdue-only and isolated missed tests, however long those waited', () => {
    const at = day('2024-10-20');
    const alert = attender('alert', { lastMonth: 7, late: [{ day: day('2024-10-15'), test: 'platelets', value: 120, unit: '10^9/L' }] });
    const list = listFor([attender('isolated', { lastMonth: 7, skip: [2] })(at), attender('two-missed', { lastMonth: 7, skip: [5, 6] })(at), alert(at)]);
    expect(list.map((e) => [e.patientId, e.urgency])).toEqual([
      ['alert', 'urgent'],
      ['two-missed', 'soon'],
      ['isolated', 'routine'],
    ]);
  });

  it('JSON adds missed items and escalations; the text names them', () => {
    const closed = windowEnd(attender('x', { lastMonth: 4 })(asOf), 'alemtuzumab.monthly.cbc#c1.5');
    const list = listFor([attender('gone', { lastMonth: 4 })(closed + 1)]);
    const j = worklistJson(list).items[0]!;
    expect(j.missed.map((m) => [m.group, m.status])).toEqual([
      ['cbc', 'missed'],
      ['creatinine', 'missed'],
      ['urinalysis', 'missed'],
    ]);
    expect(j.escalations[0]).toMatchObject({ ruleId: 'missed.nothing-since', urgency: 'soon', sources: expect.arrayContaining(['eu-smpc-lemtrada']) });
    expect(j.escalations[0]!.itemIds).toEqual(j.missed.map((m) => m.id));
    expect(worklistText(list)).toMatch(/SOON\s+gone .*3 missed recently: cbc due 2024-08-08.*SOON: A safety test was missed/);
  });

  it('every escalation rule is data with a reason and sources', () => {
    for (const r of MISSED_RULES) expect([r.id, r.why.length > 20, r.sources.length > 0]).toEqual([r.id, true, true]);
  });
});

describe('the fast worklist path gives the same answers as the full monitoring view', () => {
  // Patients who attend now and then (some panels partial, some recorded as results after the fact),
  // with or without a second course, seen on any day with any missed-test lookback.
  const clinicPatient = fc.record({
    startOffset: fc.integer({ min: 0, max: 900 }),
    asOfOffset: fc.integer({ min: 0, max: 1800 }),
    secondCourse: fc.option(fc.integer({ min: 365, max: 500 }), { nil: undefined }),
    visits: fc.array(
      fc.record({
        offset: fc.integer({ min: 0, max: 1700 }),
        platelets: fc.integer({ min: 10, max: 300 }),
        drop: fc.constantFrom('none', 'platelets', 'urine-blood', 'creatinine'),
        recorded: fc.boolean(),
      }),
      { maxLength: 40 },
    ),
    lookback: fc.integer({ min: 0, max: 12 }),
  });
  type ClinicPatient = typeof clinicPatient extends fc.Arbitrary<infer T> ? T : never;
  const inputOf = (p: ClinicPatient): MonitoringInput => {
    const start = day('2021-01-01') + p.startOffset;
    const asOfDay = start + p.asOfOffset;
    const labs: Lab[] = [...normalPanel(formatDay(start - 10)), ...screeningLabs(formatDay(start - 10))];
    const results: MonitoringResult[] = [];
    for (const v of p.visits) {
      const d = start + v.offset;
      const panel = normalPanel(formatDay(d))
        .filter((l) => l.test !== v.drop)
        .map((l) => (l.test === 'platelets' ? { ...l, value: v.platelets } : l));
      if (v.recorded) results.push(...panel.map((l) => ({ day: d, test: l.test, value: l.value, unit: l.unit }) as MonitoringResult));
      else labs.push(...panel);
    }
    const courses = [formatDay(start), ...(p.secondCourse !== undefined ? [formatDay(start + p.secondCourse)] : [])];
    const history = alemtuzumabHistory(courses, { id: 'prop', labs });
    return { history, asOf: asOfDay, results, settings: resolveSettings({ numbers: { missedLookbackMonths: p.lookback } }) };
  };

  it('clinicWorklist equals worklist(monitorPatient) for varied patients, days and lookbacks (property)', () => {
    fc.assert(
      fc.property(clinicPatient, (p) => {
        const input = inputOf(p);
        const slow = worklist([monitorPatient(input)]);
        const fast = clinicWorklist([input]);
        return JSON.stringify(worklistJson(slow)) === JSON.stringify(worklistJson(fast));
      }),
      { numRuns: 150 },
    );
  });

  it('the generated clinic exercises missed items, both escalation rules and routine entries (the property is not vacuous)', () => {
    const entries = fc.sample(clinicPatient, { numRuns: 200, seed: 7 }).flatMap((p) => clinicWorklist([inputOf(p)]));
    const rules = new Set(entries.flatMap((e) => e.escalations.map((x) => x.ruleId)));
    expect([...rules].sort()).toEqual(['missed.consecutive-safety-tests', 'missed.nothing-since']);
    expect(entries.some((e) => e.missed.length > 0 && e.urgency === 'routine')).toBe(true);
    expect(entries.some((e) => e.overdue.length > 0)).toBe(true);
  });
});
