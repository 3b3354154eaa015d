import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDay } from '../history/dates.js';
import type { Lab } from '../history/schema.js';
import { alemtuzumabHistory, day, normalPanel } from './fixtures.js';
import { monitorPatient } from './monitoring.js';
import { clinicWorklist, worklist, worklistJson, worklistText } from './worklist.js';

const asOf = day('2024-04-15');
// Course 4-8 March 2024: the first monthly tests were due 2024-04-08, so on 04-15 they are overdue.
const patient = (id: string, labs: Lab[]) => monitorPatient({ history: alemtuzumabHistory(['2024-03-04'], { id, sex: 'male', labs: [...normalPanel('2024-02-20'), ...labs] }), asOf });
const plt = (value: number): Lab => ({ date: '2024-04-08', test: 'platelets', value, unit: '10^9/L' });

describe('clinic worklist', () => {
  it('lists patients with an open alert or an overdue test, emergencies first, then urgent, then overdue only', () => {
    const list = worklist([
      patient('overdue-only', []),
      patient('up-to-date', normalPanel('2024-04-08', false)),
      patient('itp-emergency', [...normalPanel('2024-04-08', false).filter((l) => l.test !== 'platelets'), plt(20)]),
      patient('itp-low', [...normalPanel('2024-04-08', false).filter((l) => l.test !== 'platelets'), plt(120)]),
    ]);
    expect(list.map((e) => [e.patientId, e.urgency])).toEqual([['itp-emergency', 'emergency'], ['itp-low', 'urgent'], ['overdue-only', 'routine']]);
    expect(list[2]!.overdue.map((s) => s.item.group).sort()).toEqual(['cbc', 'creatinine', 'urinalysis']);
  });

  it('an acknowledged alert takes the patient off the worklist when nothing is overdue', () => {
    const labs = [...normalPanel('2024-04-08', false).filter((l) => l.test !== 'platelets'), plt(120)];
    const h = alemtuzumabHistory(['2024-03-04'], { id: 'p1', sex: 'male', labs: [...normalPanel('2024-02-20'), ...labs] });
    const open = monitorPatient({ history: h, asOf });
    expect(worklist([open])).toHaveLength(1);
    const acked = monitorPatient({ history: h, asOf, acknowledgements: [{ alertId: open.alerts[0]!.id, at: '2024-04-10T09:00:00Z', by: 'nurse-b' }] });
    expect(worklist([acked])).toEqual([]);
  });

  it('among patients with only overdue tests, the one waiting longest comes first', () => {
    const older = monitorPatient({ history: alemtuzumabHistory(['2024-03-01'], { id: 'b-later-id', sex: 'male' }), asOf });
    const newer = monitorPatient({ history: alemtuzumabHistory(['2024-03-04'], { id: 'a-earlier-id', sex: 'male' }), asOf });
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

describe('the fast worklist path gives the same answers as the full monitoring view', () => {
  it('clinicWorklist equals worklist(monitorPatient) for varied patients and days (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 1600 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 10, max: 300 })), { maxLength: 12 }),
        (startOffset, asOfOffset, counts) => {
          const start = day('2021-01-01') + startOffset;
          const asOfDay = start + asOfOffset;
          const labs: Lab[] = [...normalPanel(formatDay(start - 10)), ...counts.filter(([o]) => start + o <= asOfDay).flatMap(([o, v]) => [...normalPanel(formatDay(start + o)).filter((l) => l.test !== 'platelets'), { date: formatDay(start + o), test: 'platelets' as const, value: v, unit: '10^9/L' }])];
          const history = alemtuzumabHistory([formatDay(start)], { id: 'prop', labs });
          const input = { history, asOf: asOfDay };
          const slow = worklist([monitorPatient(input)]);
          const fast = clinicWorklist([input]);
          return JSON.stringify(worklistJson(slow)) === JSON.stringify(worklistJson(fast));
        },
      ),
      { numRuns: 60 },
    );
  });
});
