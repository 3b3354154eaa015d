import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../history/dates.js';
import { edss, history, relapse } from './fixture.js';
import { BERN_DEFAULTS, bernScan, bernWorsening, type BernSettings, computeCourse, type CourseSettingsError, parseCourseSettings } from './index.js';

const ASOF = parseDay('2030-01-01')!;
const at = (xs: [number, number][]) => xs.map(([day, value]) => ({ day, value }));
const bern = (json: object): BernSettings => parseCourseSettings({ scan: 'bern', ...json }).bern!;
const issues = (json: object) => {
  try {
    parseCourseSettings(json);
  } catch (e) {
    return (e as CourseSettingsError).issues.map((i) => i.path);
  }
  return [];
};

describe('the Bern scan settings', () => {
  it('"scan": "bern" alone gives the annotator defaults; without it there is no Bern scan', () => {
    expect(bern({})).toEqual(BERN_DEFAULTS);
    expect(parseCourseSettings({}).bern).toBeUndefined();
    expect(parseCourseSettings({ scan: 'msprog' }).bern).toBeUndefined();
  });

  it('maps the shared msprog names: baseline, event "first", relapse_assoc as [after onset, before onset]', () => {
    expect(bern({ baseline: 'fixed', event: 'first', relapse_assoc: [10, 3] })).toMatchObject({
      baseline: 'fixed',
      firstOnly: true,
      rawAfterRelapse: 10,
      rawBeforeRelapse: 3,
    });
    expect(bern({ bern_confirmation_days: 'none', bern_roving_confirmation_days: 'none' })).toMatchObject({ confirmation: null, rovingConfirmation: null });
    expect(bern({ bern_merge_max_gap_days: 'Inf', bern_confirmation_tol_days: [5, 'Inf'] })).toMatchObject({
      mergeMaxGapDays: Infinity,
      confirmationTol: [5, Infinity],
    });
  });

  it('refuses bern_* without the Bern scan, msprog-only settings with it, and values outside its lists, all at once', () => {
    expect(issues({ bern_merge: true })).toEqual(['bern_merge']);
    expect(issues({ scan: 'bern', conf_days: 84, proceed_from: 'event' }).sort()).toEqual(['conf_days', 'proceed_from']);
    expect(issues({ scan: 'bern', baseline: 'roving_wors', event: 'firstPIRA', outcome: 'sdmt' }).sort()).toEqual(['baseline', 'event', 'outcome']);
    expect(issues({ scan: 'bern', bern_undefined: 'sometimes', bern_confirmation_days: 0 }).sort()).toEqual(['bern_confirmation_days', 'bern_undefined']);
    expect(issues({ scan: 'bern', event: 'first', bern_undefined: 'end' })).toEqual(['bern_undefined']);
    expect(issues({ scan: 'bern', bern_confirmation_days: 'sustained', bern_confirmation_values: 'last' })).toEqual(['bern_confirmation_values']);
    expect(issues({ scan: 'bern', bern_unknown: 1 })).toEqual(['']);
  });
});

describe('the Bern threshold', () => {
  it('asks +1.5 from 0, +1.0 up to 5.0, +0.5 above (and +1.0 from 0 when switched off)', () => {
    const s = BERN_DEFAULTS;
    expect([bernWorsening(1.5, 0, s), bernWorsening(1, 0, s)]).toEqual([true, false]);
    expect([bernWorsening(6, 5, s), bernWorsening(5.5, 5, s)]).toEqual([true, false]);
    expect([bernWorsening(6, 5.5, s), bernWorsening(5.5, 5.5, s)]).toEqual([true, false]);
    expect(bernWorsening(1, 0, { ...s, plusOneHalfFromZero: false })).toBe(true);
    expect(bernWorsening(6, 5.5, { ...s, plusOneUpTo: 5.5 })).toBe(false);
  });
});

describe('the Bern scan', () => {
  const noConf: BernSettings = { ...BERN_DEFAULTS, confirmation: null, rovingConfirmation: null };

  it('confirms with the lowest score over 180 days, which becomes the event score and the next reference', () => {
    const r = bernScan(
      at([
        [0, 2],
        [10, 4],
        [100, 3.5],
        [200, 4],
        [300, 4],
      ]),
      [],
      BERN_DEFAULTS,
    );
    expect(r.events).toMatchObject([{ index: 1, type: 'PIRA', score: 3.5, referenceScore: 2, confirmationIndex: 3 }]);
    expect(r.generalReferences).toEqual([{ index: 1, score: 3.5 }]);
  });

  it('a lower score becomes the roving reference only when confirmed 30 days on; the confirmed value is the higher of the two', () => {
    const visits = at([
      [0, 3],
      [10, 2],
      [20, 2.5],
      [50, 2.5],
      [60, 4],
      [70, 4],
    ]);
    expect(bernScan(visits, [], { ...BERN_DEFAULTS, confirmation: 'next' }).generalReferences.slice(0, 1)).toEqual([{ index: 1, score: 2.5 }]);
    const unconfirmed = at([
      [0, 3],
      [10, 2],
      [20, 3],
      [50, 3],
    ]);
    expect(bernScan(unconfirmed, [], BERN_DEFAULTS).generalReferences).toEqual([]);
  });

  it('a worsening within the RAW window around a relapse is RAW; after the window the next assessment re-baselines', () => {
    const r = bernScan(
      at([
        [0, 2],
        [100, 3],
        [200, 3],
        [300, 3.5],
      ]),
      [95],
      { ...noConf, rawBeforeRelapse: 0, rawAfterRelapse: 10 },
    );
    expect(r.events).toMatchObject([{ index: 1, type: 'RAW', referenceScore: 2 }]);
    const later = bernScan(
      at([
        [0, 2],
        [50, 2],
        [200, 3],
        [300, 3],
      ]),
      [40],
      { ...noConf, rawAfterRelapse: 5, rawBeforeRelapse: 5 },
    );
    // Day 50 is the re-baselining assessment (no residual disability); day 200 is then PIRA.
    expect(later.events).toMatchObject([{ index: 2, type: 'PIRA' }]);
  });

  it('property: with a fixed baseline and no confirmation, each event counts from the previous event score (re-baselined after every event)', () => {
    const score = fc.integer({ min: 0, max: 19 }).map((x) => x / 2);
    fc.assert(
      fc.property(fc.array(score, { minLength: 2, maxLength: 12 }), (scores) => {
        const visits = scores.map((value, i) => ({ day: i * 30, value }));
        const { events } = bernScan(visits, [], { ...noConf, baseline: 'fixed' });
        let ref = scores[0]!;
        for (const e of events) {
          expect(e.referenceScore).toBe(ref);
          expect(bernWorsening(e.score, ref, BERN_DEFAULTS)).toBe(true);
          ref = e.score;
        }
        return true;
      }),
    );
  });

  it('runs through the course engine from a history; without a relapse list its PIRA stays CDW', () => {
    const visits = [edss('2020-01-01', 2), edss('2020-02-01', 3.5), edss('2020-09-01', 3.5)];
    const settings = parseCourseSettings({ scan: 'bern' });
    const withRelapses = computeCourse(history({ edss: visits, relapses: [relapse('2019-01-01')] }), ASOF, { settings }).progression;
    expect(withRelapses.events[0]).toMatchObject({ type: 'PIRA', bernType: 'PIRA', baselineScore: 2, eventScore: 3.5, confirmationScore: 3.5, bernEventId: 1 });
    expect(withRelapses.detail).toMatch(/^Confirmed EDSS worsening \(Bern scan, 180 days, roving reference\)/);
    const unknown = computeCourse(history({ edss: visits }), ASOF, { settings }).progression;
    expect(unknown.events[0]!.type).toBe('CDW');
    expect(unknown.events[0]!.bernType).toBeUndefined();
  });
});
