import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRESSION_OPTIONS, detectEvents, type ProgressionOptions } from './index.js';
import { isEvent, scanDelta, scanEvents, type ValueVisit } from './scan.js';
import { DEFAULT_SCAN_SETTINGS, type ScanSettings } from './scan-settings.js';
import { CourseSettingsError, parseCourseSettings } from './settings-json.js';

const EDSS = [0, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7];

/** Visits 20 to 200 days apart with EDSS steps, and relapse onsets among them. */
const record = fc
  .record({
    gaps: fc.array(fc.integer({ min: 20, max: 200 }), { minLength: 1, maxLength: 14 }),
    scores: fc.array(fc.constantFrom(...EDSS), { minLength: 15, maxLength: 15 }),
    relapses: fc.array(fc.integer({ min: -40, max: 2000 }), { maxLength: 3 }),
  })
  .map(({ gaps, scores, relapses }) => {
    let day = 18000;
    const visits: ValueVisit[] = [{ day, value: scores[0]! }];
    gaps.forEach((g, i) => visits.push({ day: (day += g), value: scores[i + 1]! }));
    return { visits, relapses: [...new Set(relapses.map((r) => 18000 + r))].sort((a, b) => a - b) };
  });

describe('the settings scan against the default course scan', () => {
  // The product's default path keeps its own scan; the settings scan must find the same events when
  // its settings say the same thing.
  for (const [baseline, event] of [
    ['fixed', 'firstCDW'],
    ['fixed', 'multiple'],
    ['roving', 'multiple'],
  ] as const) {
    it(`finds the same events with ${baseline} baseline, event ${event}`, () => {
      fc.assert(
        fc.property(record, ({ visits, relapses }) => {
          const o: ProgressionOptions = { ...DEFAULT_PROGRESSION_OPTIONS, baseline, event };
          const s: ScanSettings = { ...DEFAULT_SCAN_SETTINGS, baseline, event };
          const old = detectEvents(
            visits.map((v) => ({ day: v.day, score: v.value })),
            relapses,
            o,
          ).events;
          const now = scanEvents(visits, relapses, s).events;
          expect(now.map((e) => [e.type, e.baselineIndex, e.eventIndex, e.confirmationIndex, e.sustainedIndex])).toEqual(
            old.map((e) => [e.type, e.baselineIndex, e.eventIndex, e.confirmationIndex, e.sustainedIndex]),
          );
        }),
        { numRuns: 400 },
      );
    });
  }
});

describe('minimum change by outcome (msprog compute_delta, Lorscheider 2016)', () => {
  const s = (json: object) => parseCourseSettings(json);
  it('EDSS: 1.5 from 0, 1.0 up to 5.5 (product) or 5.0 (msprog), 0.5 above', () => {
    expect([0, 1, 5, 5.5, 6].map((b) => scanDelta(b, s({})))).toEqual([1.5, 1, 1, 1, 0.5]);
    expect([0, 1, 5, 5.5, 6].map((b) => scanDelta(b, s({ delta_fun: 'msprog' })))).toEqual([1.5, 1, 1, 0.5, 0.5]);
  });
  it('timed walk and peg test: 20% of the reference; a 19% slowing is not worsening, 20% is', () => {
    const t = s({ outcome: 't25fw' });
    // 20% of 6.0 s is 1.2 s, which floating point makes 1.2000000000000002: exactly 20% still counts.
    expect(isEvent(7.2, 6.0, 0, t)).toBe(true);
    expect(isEvent(7.1, 6.0, 0, t)).toBe(false);
    expect(isEvent(12, 10, 0, s({ outcome: 'nhpt' }))).toBe(true);
    expect(isEvent(11.9, 10, 0, s({ outcome: 'nhpt' }))).toBe(false);
  });
  it('SDMT: 4 points or 20%, whichever is less, and worsening is a decrease', () => {
    const t = s({ outcome: 'sdmt' });
    expect(scanDelta(50, t)).toBe(4);
    expect(scanDelta(15, t)).toBe(3);
    expect(isEvent(46, 50, 0, t)).toBe(true);
    expect(isEvent(47, 50, 0, t)).toBe(false);
    expect(isEvent(54, 50, 1, t)).toBe(true);
    expect(scanDelta(50, s({ outcome: 'sdmt', delta_fun: { points: 3 } }))).toBe(3);
    expect(scanDelta(50, s({ outcome: 'sdmt', delta_fun: { percent: 10 } }))).toBe(5);
  });
});

describe('settings in msprog names', () => {
  const issues = (json: unknown) => {
    try {
      parseCourseSettings(json);
      return [];
    } catch (e) {
      expect(e).toBeInstanceOf(CourseSettingsError);
      return (e as CourseSettingsError).issues;
    }
  };
  it('an empty object is the product defaults', () => {
    expect(parseCourseSettings({})).toEqual(DEFAULT_SCAN_SETTINGS);
  });
  it('takes msprog spellings: single numbers for pairs, several conf_days, Inf as a string', () => {
    const s = parseCourseSettings({
      conf_days: [84, 168],
      conf_tol_days: [0, 'Inf'],
      relapse_to_bl: 30,
      require_sust_days: 'Inf',
      baseline: 'roving_wors',
      event: 'firstPIRA',
    });
    expect(s.confDays).toEqual([84, 168]);
    expect(s.confTolDays).toEqual([0, Infinity]);
    expect(s.relapseToBl).toEqual([30, 0]);
    expect(s.requireSustDays).toBe(Infinity);
    expect(parseCourseSettings({ conf_tol_days: 30 }).confTolDays).toEqual([30, 30]);
  });
  it('rejects unknown names, naming them, and every bad value at once', () => {
    const got = issues({ confDays: 84, baseline: 'moving', event: 'firstEvent' });
    expect(got.map((i) => i.path).sort()).toEqual(['', 'baseline', 'event']);
    expect(got.find((i) => i.path === '')!.message).toContain('"confDays"');
  });
  it('says where msprog arguments that are not settings go', () => {
    const [issue] = issues({ value_col: 'EDSS', include_dates: true, confTol: 3 });
    expect(issue!.message).toContain('unknown setting "confTol"');
    expect(issue!.message).toContain('"value_col" is msprog\'s, but a column name: it goes in the cohort --columns file');
    expect(issue!.message).toContain('"include_dates" is msprog\'s, but an output option');
  });
  it('rejects a random imputation probability (the engine is deterministic) but takes 0, 1 and days', () => {
    expect(issues({ impute_last_visit: 0.5 })[0]!.path).toBe('impute_last_visit');
    expect(issues({ impute_last_visit: 1 })).toEqual([]);
    expect(issues({ impute_last_visit: 365 })).toEqual([]);
  });
  it('custom outcomes need their delta and direction; EDSS rules do not fit other outcomes', () => {
    expect(issues({ outcome: 'custom' })[0]!.path).toBe('outcome');
    expect(issues({ outcome: 'custom', worsening: 'decrease', delta_fun: { points: 2 } })).toEqual([]);
    expect(issues({ outcome: 'sdmt', delta_fun: 'msprog' })[0]!.path).toBe('delta_fun');
  });
});

describe('settings msprog has and the default scan lacks', () => {
  const v = (pairs: [number, number][]): ValueVisit[] => pairs.map(([day, value]) => ({ day, value }));
  it('impute_last_visit = 1 keeps a worsening at the last visit; 0 never does', () => {
    const visits = v([
      [0, 2],
      [100, 2],
      [200, 3.5],
    ]);
    expect(scanEvents(visits, [], parseCourseSettings({})).events).toHaveLength(0);
    const [e] = scanEvents(visits, [], parseCourseSettings({ impute_last_visit: 1 })).events;
    expect(e).toMatchObject({ type: 'PIRA', eventIndex: 2, imputed: true });
    // N > 1: only within N days of follow-up.
    expect(scanEvents(visits, [], parseCourseSettings({ impute_last_visit: 199 })).events).toHaveLength(0);
    expect(scanEvents(visits, [], parseCourseSettings({ impute_last_visit: 200 })).events).toHaveLength(1);
  });
  it('bl_geq keeps a roving reference from falling after an improvement', () => {
    const visits = v([
      [0, 4],
      [100, 2.5],
      [200, 2.5],
      [300, 4],
      [400, 4],
      [500, 4],
    ]);
    const roving = parseCourseSettings({ baseline: 'roving', event: 'multiple' });
    expect(scanEvents(visits, [], roving).events.map((e) => e.type)).toEqual(['CDI', 'PIRA']);
    expect(scanEvents(visits, [], { ...roving, blGeq: true }).events.map((e) => e.type)).toEqual(['CDI']);
  });
  it('firstRAW reports the first relapse-associated worsening only', () => {
    const visits = v([
      [0, 2],
      [100, 3],
      [200, 3],
      [300, 3],
      [400, 4.5],
      [500, 4.5],
    ]);
    const s = parseCourseSettings({ event: 'firstRAW', baseline: 'roving' });
    const [e] = scanEvents(visits, [380], s).events;
    expect(e).toMatchObject({ type: 'RAW', eventIndex: 4 });
  });
});
