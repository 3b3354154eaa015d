import { describe, expect, it } from 'vitest';
import { ALERT_RULES, MISSED_RULES, SCHEDULES, SETTING_DOCS, TEST_GROUPS } from './knowledge.js';
import { resolveSettings } from './settings.js';

// The source-id table of /shared/knowledge/README.md: rule data may cite only these.
const SOURCE_IDS = new Set([
  'eu-smpc-lemtrada', 'us-pi-lemtrada', 'us-pi-mitoxantrone', 'camms223', 'care-ms-1', 'care-ms-2', 'coles-2006',
  'edan-1997', 'mims-2002', 'lublin-2014', 'lorscheider-2016', 'kappos-2020', 'montobbio-2024', 'kurtzke-1983', 'seed-clinicspeak',
]);

describe('monitoring knowledge data', () => {
  it('every schedule, test group, alert rule, missed-test rule and setting cites only known source ids', () => {
    const cited = [...SCHEDULES.flatMap((s) => s.sources), ...Object.values(TEST_GROUPS).flatMap((g) => g.sources), ...ALERT_RULES.flatMap((r) => r.sources), ...MISSED_RULES.flatMap((r) => r.sources), ...Object.values(SETTING_DOCS).flatMap((s) => s!.sources)];
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
    expect(resolveSettings({ timeZone: 'Europe/Berlin', numbers: { tshHigh: 4.5 } })).toMatchObject({ timeZone: 'Europe/Berlin', numbers: { tshHigh: 4.5, tshLow: 0.4 } });
  });
});
