import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import natalizumabRisks from '../../knowledge/risks/natalizumab.json' with { type: 'json' };
import { formatDay } from '../history/dates.js';
import type { History, Lab } from '../history/schema.js';
import { day } from './fixtures.js';
import { monitorPatient } from './monitoring.js';
import type { MonitoringResult } from './results.js';
import { defaultSettings, resolveSettings } from './settings.js';

// The alert rules of natalizumab and siponimod (knowledge/monitoring/alerts.json), at and around each
// threshold: anti-JCV seroconversion and a high anti-JCV index (the PML risk has changed), a macular
// oedema on the eye examination, raised transaminases on siponimod.

const settings = defaultSettings();
const natalizumab = (labs: Lab[], extra: Partial<History> = {}): History => ({
  formatVersion: 1,
  id: 'p-ntz',
  therapies: [{ drug: 'natalizumab', start: '2024-01-10' }],
  labs,
  ...extra,
});
const jcv = (date: string, value: 'positive' | 'negative'): Lab => ({ date, test: 'jcv-antibody', value });
const index = (date: string, value: number): Lab => ({ date, test: 'jcv-index', value, unit: 'index' });
const alertsOf = (h: History, asOf = '2025-06-01', opts: { results?: MonitoringResult[]; settings?: ReturnType<typeof resolveSettings> } = {}) =>
  monitorPatient({ history: h, asOf: day(asOf), ...opts }).alerts;
const ruleIds = (h: History, asOf?: string, opts?: Parameters<typeof alertsOf>[2]) => alertsOf(h, asOf, opts).map((a) => a.ruleId);

describe('natalizumab: anti-JCV seroconversion', () => {
  it('negative before the start, positive at the 6-month retest: an alert at the next contact, with the negative it turned from', () => {
    const a = alertsOf(natalizumab([jcv('2024-01-02', 'negative'), jcv('2024-07-10', 'positive')]));
    expect(a.map((x) => [x.ruleId, x.urgency, x.date, x.condition])).toEqual([['natalizumab.jcv-seroconversion', 'soon', '2024-07-10', 'pml-risk']]);
    expect(a[0]!.values.map((v) => [v.date, v.value, v.role])).toEqual([
      ['2024-07-10', 'positive', 'result'],
      ['2024-01-02', 'negative', 'previous'],
    ]);
    expect(a[0]!.sources).toEqual(['eu-smpc-tysabri', 'us-pi-tysabri']);
  });
  it('positive from the first test on is a known status, not a change: no alert; nor a positive after a positive', () => {
    expect(ruleIds(natalizumab([jcv('2024-01-02', 'positive')]))).toEqual([]);
    expect(ruleIds(natalizumab([jcv('2024-01-02', 'positive'), jcv('2024-07-10', 'positive')]))).toEqual([]);
  });
  it('negative staying negative raises nothing; turning positive again after a negative does', () => {
    expect(ruleIds(natalizumab([jcv('2024-01-02', 'negative'), jcv('2024-07-10', 'negative')]))).toEqual([]);
    const flip = natalizumab([jcv('2024-01-02', 'positive'), jcv('2024-07-10', 'negative'), jcv('2025-01-10', 'positive')]);
    expect(alertsOf(flip).map((a) => [a.ruleId, a.date])).toEqual([['natalizumab.jcv-seroconversion', '2025-01-10']]);
  });
  it('a seroconversion before the first infusion is not monitored as an alert (the assessment judges it)', () => {
    expect(ruleIds(natalizumab([jcv('2023-06-01', 'negative'), jcv('2023-12-01', 'positive')]))).toEqual([]);
  });
  it('the rule belongs to natalizumab: a patient on another therapy gets no such alert', () => {
    const h = natalizumab([jcv('2024-01-02', 'negative'), jcv('2024-07-10', 'positive')], { therapies: [{ drug: 'ocrelizumab', start: '2024-01-10' }] });
    expect(ruleIds(h)).not.toContain('natalizumab.jcv-seroconversion');
  });
  it('property: an alert on exactly the positive results after the first infusion whose previous result was negative', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (seq) => {
        // One result every 100 days from 2023-12-01: the first ones fall before the start (2024-01-10).
        const dates = seq.map((_, i) => formatDay(day('2023-12-01') + 100 * i));
        const labs = seq.map((pos, i) => jcv(dates[i]!, pos ? 'positive' : 'negative'));
        const expected = seq.flatMap((pos, i) => (pos && i > 0 && !seq[i - 1] && dates[i]! >= '2024-01-10' ? [dates[i]!] : []));
        const got = alertsOf(natalizumab(labs), '2026-06-01')
          .filter((a) => a.ruleId === 'natalizumab.jcv-seroconversion')
          .map((a) => a.date)
          .sort();
        expect(got).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});

describe('natalizumab: a high anti-JCV index', () => {
  it("the clinic default is the cut-off of the assessment's PML risk table (one meaning of a high index)", () => {
    // Every index bound the table's strata use (knowledge/risks/natalizumab.json): one cut-off, the monitoring default.
    const bounds = new Set<number>();
    for (const e of natalizumabRisks.estimates)
      for (const row of e.strata) {
        const index = (row.when as { index?: { atMost?: number; above?: number } }).index;
        if (index?.atMost !== undefined) bounds.add(index.atMost);
        if (index?.above !== undefined) bounds.add(index.above);
      }
    for (const e of natalizumabRisks.estimates)
      for (const w of e.whatWouldChange) if (w.change.kind === 'index' && 'value' in w.change) bounds.add(w.change.value as number);
    expect([...bounds]).toEqual([settings.numbers.jcvIndexHigh]);
  });
  it(`index ${settings.numbers.jcvIndexHigh} (the cut-off) raises nothing; just above it, an alert that the PML risk has changed`, () => {
    expect(ruleIds(natalizumab([jcv('2024-07-10', 'positive'), index('2024-07-10', 1.5)]))).toEqual([]);
    const a = alertsOf(natalizumab([jcv('2024-07-10', 'positive'), index('2024-07-10', 1.51)]));
    expect(a.map((x) => [x.ruleId, x.urgency])).toEqual([['natalizumab.jcv-index-high', 'soon']]);
    expect(a[0]!.threshold).toEqual({ setting: 'jcvIndexHigh', value: 1.5, unit: 'index' });
    expect(a[0]!.action).toMatch(/MRI every 3-6 months/);
  });
  it('a seroconversion with a high index raises both: the change of status and the high index', () => {
    const h = natalizumab([jcv('2024-01-02', 'negative'), jcv('2024-07-10', 'positive'), index('2024-07-10', 2.4)]);
    expect(ruleIds(h).sort()).toEqual(['natalizumab.jcv-index-high', 'natalizumab.jcv-seroconversion']);
  });
  it("a clinic's own cut-off moves the alert and the schedules together (one setting)", () => {
    const clinic = resolveSettings({ numbers: { jcvIndexHigh: 2 } });
    const h = natalizumab([jcv('2025-01-05', 'positive'), index('2025-01-05', 1.8)]);
    expect(ruleIds(h, '2025-06-01', { settings: clinic })).toEqual([]);
    const scheduled = (s: typeof clinic) => new Set(monitorPatient({ history: h, asOf: day('2025-06-01'), settings: s }).states.map((x) => x.item.scheduleId));
    expect(scheduled(clinic).has('natalizumab.6-monthly.jcv')).toBe(true);
    expect(scheduled(clinic).has('natalizumab.pml-risk.brain-mri')).toBe(false);
    expect(scheduled(settings).has('natalizumab.6-monthly.jcv')).toBe(false);
    expect(scheduled(settings).has('natalizumab.pml-risk.brain-mri')).toBe(true);
    expect(ruleIds(h)).toEqual(['natalizumab.jcv-index-high']);
  });
});

describe('siponimod alerts', () => {
  const siponimod = (labs: Lab[] = []): History => ({ formatVersion: 1, id: 'p-sip', therapies: [{ drug: 'siponimod', start: '2026-01-15' }], labs });
  const eye = (value: 'positive' | 'negative'): MonitoringResult => ({ day: day('2026-04-20'), test: 'macular-examination', value });
  it('a macular examination recorded positive (macular oedema) is urgent; negative raises nothing', () => {
    expect(ruleIds(siponimod(), '2026-05-01', { results: [eye('negative')] })).toEqual([]);
    const a = alertsOf(siponimod(), '2026-05-01', { results: [eye('positive')] });
    expect(a.map((x) => [x.ruleId, x.urgency, x.test, x.date])).toEqual([['siponimod.macular-oedema', 'urgent', 'macular-examination', '2026-04-20']]);
    expect(a[0]!.sources).toEqual(['eu-smpc-mayzent', 'us-pi-mayzent', 'eu-pil-mayzent']);
    expect(a[0]!.action).toMatch(/if macular oedema is confirmed, weigh stopping siponimod/);
  });
  it('an eye examination before the first dose is the baseline, not an alert', () => {
    const before: MonitoringResult = { day: day('2026-01-05'), test: 'macular-examination', value: 'positive' };
    expect(ruleIds(siponimod(), '2026-05-01', { results: [before] })).toEqual([]);
  });
  const lft = (test: 'alt' | 'ast', value: number): Lab => ({ date: '2026-03-01', test, value, unit: 'U/L' });
  it(`ALT at the clinic limit (${settings.numbers.altHigh} U/L) raises nothing; above it, an urgent alert citing the label's stop rule`, () => {
    expect(ruleIds(siponimod([lft('alt', 120)]), '2026-03-10')).toEqual([]);
    const a = alertsOf(siponimod([lft('alt', 121)]), '2026-03-10');
    expect(a.map((x) => [x.ruleId, x.urgency])).toEqual([['siponimod.alt-high', 'urgent']]);
    expect(a[0]!.action).toMatch(/stop siponimod if significant liver injury is confirmed/);
  });
  it(`AST at the clinic limit (${settings.numbers.astHigh} U/L) raises nothing; above it, an urgent alert`, () => {
    expect(ruleIds(siponimod([lft('ast', 120)]), '2026-03-10')).toEqual([]);
    expect(ruleIds(siponimod([lft('ast', 121)]), '2026-03-10')).toEqual(['siponimod.ast-high']);
  });
  it('the liver rules of alemtuzumab and mitoxantrone do not fire for siponimod, nor siponimod rules for them', () => {
    const ids = ruleIds(siponimod([lft('alt', 300)]), '2026-03-10');
    expect(ids).toEqual(['siponimod.alt-high']);
  });
});
