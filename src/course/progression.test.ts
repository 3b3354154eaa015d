import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { computeCourse, DEFAULT_PROGRESSION_OPTIONS, edssDelta, type ProgressionOptions } from './index.js';
import { edss, history, relapse } from './fixture.js';

const d = (s: string) => parseDay(s)!;
const plus = (s: string, days: number) => formatDay(d(s) + days);
const ASOF = d('2030-01-01');
const cdw = (parts: Partial<History>, o: Partial<ProgressionOptions> = {}) =>
  computeCourse(history(parts), ASOF, { progression: { ...DEFAULT_PROGRESSION_OPTIONS, ...o } }).progression;

/** Baseline, a worsening 6 months later, its confirmation `confAfter` days later, and a last visit. */
function series(base: number, event: number, confAfter = 90, conf = event) {
  const e = '2021-01-01';
  return [edss('2020-07-01', base), edss(e, event), edss(plus(e, confAfter), conf), edss(plus(e, confAfter + 200), conf)];
}

describe('minimum EDSS change (Kappos 2020)', () => {
  it('is 1.5 from 0, 1.0 from 1.0 to 5.5 and 0.5 from 6.0', () => {
    expect([0, 1, 5, 5.5, 6, 9.5].map((b) => edssDelta(b, 'kappos2020'))).toEqual([1.5, 1, 1, 1, 0.5, 0.5]);
    // msprog's compute_delta already asks 0.5 from 5.5.
    expect(edssDelta(5.5, 'msprog')).toBe(0.5);
    expect(edssDelta(5, 'msprog')).toBe(1);
  });

  it('from 0 a rise to 1.0 is not worsening; to 1.5 it is', () => {
    expect(cdw({ edss: series(0, 1) }).status).toBe('unmet');
    expect(cdw({ edss: series(0, 1.5) }).status).toBe('met');
  });

  it('from 5.5 a rise to 6.0 is not worsening (1.0 needed); to 6.5 it is', () => {
    expect(cdw({ edss: series(5.5, 6) }).status).toBe('unmet');
    expect(cdw({ edss: series(5.5, 6.5) }).status).toBe('met');
    expect(cdw({ edss: series(5.5, 6) }, { deltaScheme: 'msprog' }).status).toBe('met');
  });

  it('from 6.0 a rise to 6.5 is worsening', () => {
    expect(cdw({ edss: series(6, 6.5) }).status).toBe('met');
  });
});

describe('confirmation', () => {
  it('a confirming visit 77 days on (12 weeks less the 7-day tolerance) counts; 76 days does not', () => {
    expect(cdw({ edss: series(2, 3, 77) }).events[0]?.confirmationDate).toBe(plus('2021-01-01', 77));
    const early = cdw({ edss: [edss('2020-07-01', 2), edss('2021-01-01', 3), edss(plus('2021-01-01', 76), 3)] });
    expect(early.status).toBe('unmet');
  });

  it('6-month confirmation (confDays 168) needs a visit at least 161 days on', () => {
    expect(cdw({ edss: series(2, 3, 160).slice(0, 3) }, { confDays: 168 }).status).toBe('unmet');
    expect(cdw({ edss: series(2, 3, 161).slice(0, 3) }, { confDays: 168 }).status).toBe('met');
  });

  it('every visit up to the confirmation must still meet the change (check_intermediate)', () => {
    const dip = [edss('2020-07-01', 2), edss('2021-01-01', 3), edss('2021-02-01', 2.5), edss('2021-04-01', 3)];
    expect(cdw({ edss: dip }).status).toBe('unmet');
    expect(cdw({ edss: dip }, { checkIntermediate: false }).status).toBe('met');
  });

  it('a confirming visit within 30 days after a relapse onset is not used; 30 days after is', () => {
    const visits = series(2, 3, 90);
    const confDay = plus('2021-01-01', 90);
    expect(cdw({ edss: visits.slice(0, 3), relapses: [relapse(plus(confDay, -29))] }).status).toBe('unmet');
    expect(cdw({ edss: visits.slice(0, 3), relapses: [relapse(plus(confDay, -30))] }).status).toBe('met');
  });

  it('a baseline within 30 days after a relapse moves to the next visit', () => {
    const p = cdw({ edss: [edss('2020-01-10', 4), edss('2020-03-01', 2), edss('2020-09-01', 3), edss('2021-01-01', 3)], relapses: [relapse('2019-12-20')] });
    expect(p.events[0]).toMatchObject({ baselineDate: '2020-03-01', baselineScore: 2, eventDate: '2020-09-01' });
  });

  it('one or two assessments cannot tell; two without a confirmed change are unmet', () => {
    expect(cdw({ edss: [edss('2020-01-01', 2)] }).status).toBe('unknown');
    expect(cdw({}).status).toBe('unknown');
    expect(cdw({ edss: [edss('2020-01-01', 2), edss('2021-01-01', 2)] }).status).toBe('unmet');
  });
});

describe('PIRA and RAW (msprog defaults: RAW within 90 days after a relapse; PIRA relapse-free -90/+30 days around event and confirmation)', () => {
  const visits = series(2, 3, 120);
  const event = '2021-01-01';

  it('a worsening 90 days after a relapse onset is relapse-associated (RAW) and names the relapse', () => {
    const e = cdw({ edss: visits, relapses: [relapse(plus(event, -90))] }).events[0]!;
    expect(e).toMatchObject({ type: 'RAW', relapseOnset: plus(event, -90) });
  });

  it('91 days after, with no relapse near the event or confirmation, it is PIRA', () => {
    expect(cdw({ edss: visits, relapses: [relapse(plus(event, -91))] }).events[0]!.type).toBe('PIRA');
  });

  it('a relapse within 30 days after the event makes it neither: an unclassified CDW', () => {
    expect(cdw({ edss: visits, relapses: [relapse(plus(event, 30))] }).events[0]!.type).toBe('CDW');
    expect(cdw({ edss: visits, relapses: [relapse(plus(event, 31))] }).events[0]!.type).toBe('PIRA');
  });

  it('without a relapse record PIRA and RAW cannot be told apart', () => {
    const p = cdw({ edss: visits });
    expect(p.events[0]!.type).toBe('CDW');
    expect(p.detail).toMatch(/relapse history is not recorded/);
    expect(cdw({ edss: visits, relapses: [] }).events[0]!.type).toBe('PIRA');
  });
});

describe('baseline schemes and event lists', () => {
  const steps = [edss('2020-01-01', 2), edss('2020-07-01', 3), edss('2021-01-01', 3), edss('2021-07-01', 4), edss('2022-01-01', 4)];

  it('a fixed baseline counts every later step from the first score', () => {
    const p = cdw({ edss: steps }, { event: 'multiple' });
    expect(p.events.map((e) => [e.baselineScore, e.eventScore, e.eventDate])).toEqual([
      [2, 3, '2020-07-01'],
      [2, 4, '2021-07-01'],
    ]);
  });

  it('a roving baseline moves to the confirmation after each event, finding the second step', () => {
    const p = cdw({ edss: steps }, { event: 'multiple', baseline: 'roving' });
    expect(p.events.map((e) => [e.baselineScore, e.baselineDate, e.eventScore, e.eventDate])).toEqual([
      [2, '2020-01-01', 3, '2020-07-01'],
      [3, '2021-01-01', 4, '2021-07-01'],
    ]);
  });

  it('firstCDW (msprog default) stops at the first worsening', () => {
    expect(cdw({ edss: steps }, { baseline: 'roving' }).events).toHaveLength(1);
  });

  it('confirmed improvements are reported apart from worsening (CDI)', () => {
    const p = cdw({ edss: [edss('2020-01-01', 4), edss('2020-07-01', 3), edss('2021-01-01', 3)] }, { event: 'multiple' });
    expect(p.events).toEqual([]);
    expect(p.improvements.map((e) => [e.baselineScore, e.eventScore])).toEqual([[4, 3]]);
    expect(p.status).toBe('unmet');
  });

  it('reports msprog quantities: bl2event, time2event, sustained days, follow-up', () => {
    const p = cdw({ edss: steps }, { event: 'multiple' });
    const e = p.events[0]!;
    expect(e.baselineToEventDays).toBe(d('2020-07-01') - d('2020-01-01'));
    expect(e.timeToEventDays).toBe(e.baselineToEventDays);
    expect(e.sustainedDays).toBe(d('2022-01-01') - d('2020-07-01'));
    expect(e.sustainedToLast).toBe(true);
    expect(p.followUpDays).toBe(d('2022-01-01') - d('2020-01-01'));
  });

  it('two scores on one day count once, the higher one, whatever their order in the list', () => {
    const a = cdw({ edss: [edss('2020-01-01', 2), edss('2020-07-01', 2), edss('2020-07-01', 3), edss('2021-01-01', 3)] });
    const b = cdw({ edss: [edss('2020-07-01', 3), edss('2021-01-01', 3), edss('2020-01-01', 2), edss('2020-07-01', 2)] });
    expect(a).toEqual(b);
    expect(a.assessments).toBe(3);
    expect(a.status).toBe('met');
  });

  it('event "first" stops at the very first confirmed event, improvement or worsening', () => {
    const p = cdw(
      { edss: [edss('2020-01-01', 4), edss('2020-07-01', 3), edss('2021-01-01', 3), edss('2021-07-01', 5), edss('2022-01-01', 5)] },
      { event: 'first' },
    );
    expect(p.improvements).toHaveLength(1);
    expect(p.events).toHaveLength(0);
  });

  it('require_sust_days: a worsening must hold that long, or to the last visit', () => {
    const back = [edss('2020-01-01', 2), edss('2020-07-01', 3), edss('2020-10-01', 3), edss('2021-01-01', 2), edss('2021-07-01', 2)];
    expect(cdw({ edss: back }).status).toBe('met');
    expect(cdw({ edss: back }, { requireSustDays: 183 }).status).toBe('met');
    expect(cdw({ edss: back }, { requireSustDays: 184 }).status).toBe('unmet');
    expect(cdw({ edss: back.slice(0, 3) }, { requireSustDays: 1000 }).status).toBe('met');
  });
});
