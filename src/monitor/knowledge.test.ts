import { describe, expect, it } from 'vitest';
import { ASSESSABLE_DRUGS } from '../drugs/index.js';
import testsJson from '../../knowledge/monitoring/tests.json' with { type: 'json' };
import schedulesJson from '../../knowledge/monitoring/schedules.json' with { type: 'json' };
import settingsJson from '../../knowledge/monitoring/settings.json' with { type: 'json' };
import alertsJson from '../../knowledge/monitoring/alerts.json' with { type: 'json' };
import missedJson from '../../knowledge/monitoring/missed.json' with { type: 'json' };
import { ALERT_RULES, MISSED_RULES, MONITORED_DRUGS, SCHEDULES, SETTING_DOCS, TEST_GROUPS, type MonitoringFiles } from './knowledge.js';
import { loadMonitoringKnowledge } from './knowledge-files.js';
import { resolveSettings } from './settings.js';

// The source-id table of /shared/knowledge/README.md: rule data may cite only these.
const SOURCE_IDS = new Set([
  'eu-smpc-tysabri',
  'us-pi-tysabri',
  'eu-smpc-lemtrada',
  'us-pi-lemtrada',
  'us-pi-mitoxantrone',
  'camms223',
  'care-ms-1',
  'care-ms-2',
  'coles-2006',
  'edan-1997',
  'mims-2002',
  'lublin-2014',
  'lorscheider-2016',
  'kappos-2020',
  'montobbio-2024',
  'kurtzke-1983',
  'eu-smpc-ocrevus',
  'us-pi-ocrevus',
  'eu-smpc-kesimpta',
  'us-pi-kesimpta',
  'eu-smpc-mavenclad',
  'us-pi-mavenclad',
  'seed-clinicspeak',
  'eu-smpc-mayzent',
  'us-pi-mayzent',
  'ebmt-2019',
  'plavina-2014',
  'eu-pil-mayzent',
]);

describe('monitoring knowledge data', () => {
  it('every schedule, test group, alert rule, missed-test rule and setting cites only known source ids', () => {
    const cited = [
      ...SCHEDULES.flatMap((s) => s.sources),
      ...Object.values(TEST_GROUPS).flatMap((g) => g.sources),
      ...ALERT_RULES.flatMap((r) => r.sources),
      ...MISSED_RULES.flatMap((r) => r.sources),
      ...Object.values(SETTING_DOCS).flatMap((s) => s!.sources),
    ];
    expect(cited.filter((s) => !SOURCE_IDS.has(s))).toEqual([]);
  });

  it('schedule, alert rule and missed-test rule ids are unique', () => {
    expect(new Set(SCHEDULES.map((s) => s.id)).size).toBe(SCHEDULES.length);
    expect(new Set(ALERT_RULES.map((r) => r.id)).size).toBe(ALERT_RULES.length);
    expect(new Set(MISSED_RULES.map((r) => r.id)).size).toBe(MISSED_RULES.length);
  });

  it('the label monitoring is encoded: monthly blood count, creatinine, urinalysis and 3-monthly TSH after alemtuzumab', () => {
    const every = (group: string) => SCHEDULES.find((s) => s.drug === 'alemtuzumab' && s.group === group && s.timing.kind === 'after-each-course')?.timing;
    expect(every('cbc')).toMatchObject({ everyMonths: 1 });
    expect(every('creatinine')).toMatchObject({ everyMonths: 1 });
    expect(every('urinalysis')).toMatchObject({ everyMonths: 1 });
    expect(every('tsh')).toMatchObject({ everyMonths: 3 });
  });

  it('clinic settings reject unknown names and negative numbers, naming the setting', () => {
    expect(() => resolveSettings({ numbers: { plateletLowerLimit: 100 } })).toThrow(/numbers.plateletLowerLimit/);
    expect(() => resolveSettings({ numbers: { plateletsLowerLimit: -1 } })).toThrow(/plateletsLowerLimit/);
    expect(() => resolveSettings({ timeZone: 'Mars/Olympus' })).toThrow(/timeZone/);
    expect(resolveSettings({ timeZone: 'Europe/Berlin', numbers: { tshHigh: 4.5 } })).toMatchObject({
      timeZone: 'Europe/Berlin',
      numbers: { tshHigh: 4.5, tshLow: 0.4 },
    });
  });
});

describe('the monitoring files are checked when they load', () => {
  const files = (): MonitoringFiles =>
    structuredClone({ tests: testsJson, schedules: schedulesJson, settings: settingsJson, alerts: alertsJson, missed: missedJson });
  const schedules = (f: MonitoringFiles) => f.schedules as { drugs: Record<string, Record<string, unknown>>; schedules: Record<string, unknown>[] };

  it('the files as shipped load, and the monitored drugs are the registry drugs with a monitoring entry, in registry order', () => {
    expect(loadMonitoringKnowledge(files()).monitoredDrugs).toEqual(ASSESSABLE_DRUGS.filter((d) => d in schedulesJson.drugs));
    expect(MONITORED_DRUGS).toEqual(loadMonitoringKnowledge(files()).monitoredDrugs);
    expect(MONITORED_DRUGS).toContain('alemtuzumab');
  });

  it('a drug not in the registry fails loudly, in the drugs table, a schedule or an alert rule', () => {
    const f = files();
    schedules(f).drugs.notadrug = schedules(f).drugs.mitoxantrone!;
    expect(() => loadMonitoringKnowledge(f)).toThrow(/drugs\.notadrug/);
    const g = files();
    schedules(g).schedules[0]!.drug = 'notadrug';
    expect(() => loadMonitoringKnowledge(g)).toThrow(/schedules\.0\.drug/);
    const h = files();
    (h.alerts as { rules: { drugs: string[] }[] }).rules[0]!.drugs = ['notadrug'];
    expect(() => loadMonitoringKnowledge(h)).toThrow(/rules\.0\.drugs\.0/);
  });

  it('a registry drug without a monitoring entry is not monitored, and a schedule for it fails', () => {
    const f = files();
    delete schedules(f).drugs.mitoxantrone;
    expect(() => loadMonitoringKnowledge(f)).toThrow(/"mitoxantrone" has no monitoring entry/);
    // With its schedules and alert rules gone too, it loads without it.
    schedules(f).schedules = schedules(f).schedules.filter((s) => s.drug !== 'mitoxantrone');
    const alerts = f.alerts as { rules: { drugs: string[] }[] };
    alerts.rules = alerts.rules.filter((r) => !r.drugs.includes('mitoxantrone'));
    const missed = f.missed as { rules: { schedules?: string[] }[] };
    for (const r of missed.rules) if (r.schedules) r.schedules = r.schedules.filter((id) => !id.startsWith('mitoxantrone.'));
    const monitored = loadMonitoringKnowledge(f).monitoredDrugs;
    expect(monitored).toContain('alemtuzumab');
    expect(monitored).not.toContain('mitoxantrone');
    // A registry without the drug (a drug removed from src/drugs) cannot keep its monitoring data.
    expect(() => loadMonitoringKnowledge(files(), ['alemtuzumab', 'natalizumab'])).toThrow(/drugs\.mitoxantrone: not a drug of the registry/);
  });

  it("a schedule whose timing does not fit its drug's treatment pattern fails, naming both", () => {
    const f = files();
    schedules(f).schedules[0]!.timing = { kind: 'before-each-dose', windowSetting: 'baselineWindowDays' };
    expect(() => loadMonitoringKnowledge(f)).toThrow(/"before-each-dose" does not fit alemtuzumab's treatment pattern "courses"/);
  });

  it('an unknown setting, test group or burden placeholder fails, and every problem is listed at once', () => {
    const f = files();
    schedules(f).schedules[0]!.timing = { kind: 'before-course', courses: 'first', windowSetting: 'baselineWindow' };
    schedules(f).schedules[1]!.group = 'nosuchgroup';
    (schedules(f).drugs.alemtuzumab!.burden as { detail: string }).detail = '{n} {doses}';
    let message = '';
    try {
      loadMonitoringKnowledge(f);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/unknown setting "baselineWindow"/);
    expect(message).toMatch(/unknown group "nosuchgroup"/);
    expect(message).toMatch(/unknown placeholder \{doses\}/);
  });

  it('a schedule condition naming an unknown setting fails, and so does an alert rule on an unknown test', () => {
    const f = files();
    const jcv = schedules(f).schedules.find((s) => s.id === 'natalizumab.6-monthly.jcv')!;
    jcv.appliesWhen = [[{ kind: 'lab', test: 'jcv-index', atMostSetting: 'jcvIndexHi' }]];
    expect(() => loadMonitoringKnowledge(f)).toThrow(/appliesWhen\.0\.0\.atMostSetting \(natalizumab\.6-monthly\.jcv\): unknown setting "jcvIndexHi"/);
    const g = files();
    (g.alerts as { rules: Record<string, unknown>[] }).rules[0]!.test = 'macular-exam';
    expect(() => loadMonitoringKnowledge(g)).toThrow(/rules\.0\.test/);
  });

  it('the high anti-JCV index is one setting, read by the schedules and the alert alike', () => {
    const conditions = SCHEDULES.flatMap((s) => s.appliesWhen ?? []).flat();
    const index = conditions.filter((c) => c.kind === 'lab' && c.test === 'jcv-index');
    expect(index.length).toBeGreaterThan(0);
    for (const c of index) expect([c.kind === 'lab' && c.atMost, c.kind === 'lab' && c.above]).toEqual([undefined, undefined]);
    expect(ALERT_RULES.find((r) => r.id === 'natalizumab.jcv-index-high')?.setting).toBe('jcvIndexHigh');
  });

  it('a drug entry of an unknown treatment pattern fails', () => {
    const f = files();
    schedules(f).drugs.alemtuzumab!.kind = 'pulses';
    expect(() => loadMonitoringKnowledge(f)).toThrow(/drugs\.alemtuzumab/);
  });
});
