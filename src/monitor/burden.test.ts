import { describe, expect, it } from 'vitest';
import { monitoringBurden } from './burden.js';
import { defaultSettings } from './settings.js';

describe('monitoring burden shown before treatment', () => {
  it('two alemtuzumab courses commit the patient to 60 months: 12 between courses plus 48 after the last infusion', () => {
    const b = monitoringBurden('alemtuzumab');
    expect(b.months).toBe(60);
    // Monthly visits for 60 months, plus the baseline visit before the first infusion.
    expect(b.visits).toBe(61);
    expect(b.sources).toEqual(expect.arrayContaining(['eu-smpc-lemtrada', 'us-pi-lemtrada']));
    expect(b.detail).toContain('48 months after the last infusion');
  });

  it('each further alemtuzumab course adds 12 months and their tests', () => {
    const [one, two, three] = [1, 2, 3].map((courses) => monitoringBurden('alemtuzumab', { courses }));
    expect(one!.months).toBe(48);
    expect(two!.months).toBe(60);
    expect(three!.months).toBe(72);
    expect(two!.tests).toBeGreaterThan(one!.tests);
    expect(three!.tests).toBeGreaterThan(two!.tests);
  });

  it('one alemtuzumab course: 48 monthly blood counts, creatinines and urinalyses and 16 TSH tests after it', () => {
    const b = monitoringBurden('alemtuzumab', { courses: 1, sex: 'male' });
    // 48 x 3 monthly + 16 TSH + 16 liver + 4 yearly skin examinations + 9 baseline items (no cervical screening for a man).
    expect(b.tests).toBe(48 * 3 + 16 + 16 + 4 + 9);
  });

  it('cervical screening counts for women and not for men', () => {
    expect(monitoringBurden('alemtuzumab', { sex: 'female' }).tests).toBeGreaterThan(monitoringBurden('alemtuzumab', { sex: 'male' }).tests);
  });

  it('mitoxantrone: LVEF, blood count and liver tests before each of 8 doses, then 5 counted yearly LVEFs', () => {
    const b = monitoringBurden('mitoxantrone');
    expect(b.tests).toBe(8 * 3 + 5);
    expect(b.months).toBe(21 + 60);
    expect(b.sources).toContain('us-pi-mitoxantrone');
  });

  it('the liver test interval is a clinic setting and changes the burden', () => {
    const s = defaultSettings();
    s.numbers.liverTestIntervalMonths = 12;
    expect(monitoringBurden('alemtuzumab', { courses: 1, sex: 'male', settings: s }).tests).toBe(48 * 3 + 16 + 4 + 4 + 9);
  });

  it('rejects a course count the label does not allow', () => {
    expect(() => monitoringBurden('alemtuzumab', { courses: 5 })).toThrow(/1 to 4/);
    expect(() => monitoringBurden('mitoxantrone', { courses: 0 })).toThrow();
  });
});
