import { text, type Text } from './lazy-text.js';
import { describe, expect, it } from 'vitest';
import { parsePartialDate } from '../history/dates.js';
import { LAB_IDS } from '../history/vocabularies.js';
import { synthCohort } from '../synth/index.js';
import {
  AssessmentReads,
  ageAbove,
  ageAtLeast,
  ageRange,
  cumulativeDose,
  edssWorsening,
  latestLab,
  moreThanYearsSince,
  mostellerBsa,
  onsetInterval,
} from './facts.js';
import { baseHistory, d } from './fixtures.js';

const interval = (text: string) => parsePartialDate(text)!;

/** A worsening read with its detail built, so two reads compare by what they say. */
const shown = (w: { status: string; detail: Text }) => ({ status: w.status, detail: text(w.detail) });

describe('more than N years since a date (exactly N years is not more than N)', () => {
  it('the 10th anniversary is not more than 10 years; the day after is', () => {
    expect(moreThanYearsSince(interval('2016-11-01'), d('2026-11-01'), 10)).toBe('unmet');
    expect(moreThanYearsSince(interval('2016-11-01'), d('2026-11-02'), 10)).toBe('met');
  });
  it('a leap-day onset reaches its anniversary on 28 February in a common year', () => {
    expect(moreThanYearsSince(interval('2016-02-29'), d('2026-02-28'), 10)).toBe('unmet');
    expect(moreThanYearsSince(interval('2016-02-29'), d('2026-03-01'), 10)).toBe('met');
  });
  it('a partial year straddling the mark is unknown; wholly before or after it is not', () => {
    expect(moreThanYearsSince(interval('2016'), d('2026-06-15'), 10)).toBe('unknown');
    expect(moreThanYearsSince(interval('2016'), d('2027-01-01'), 10)).toBe('met');
    expect(moreThanYearsSince(interval('2016'), d('2026-01-01'), 10)).toBe('unmet');
    expect(moreThanYearsSince(interval('2016-05'), d('2026-05-31'), 10)).toBe('unknown');
    expect(moreThanYearsSince(interval('2016-05'), d('2026-06-01'), 10)).toBe('met');
  });
});

describe('age thresholds in whole years', () => {
  const h = (birthDate: string) => baseHistory({ birthDate });
  it('over 55 means 56 or older: the 56th birthday is over 55, the day before is not', () => {
    expect(ageAbove(ageRange(h('1970-11-01'), d('2026-11-01')), 55)).toBe('met');
    expect(ageAbove(ageRange(h('1970-11-02'), d('2026-11-01')), 55)).toBe('unmet');
  });
  it('the 18th birthday makes an adult', () => {
    expect(ageAtLeast(ageRange(h('2008-11-01'), d('2026-11-01')), 18)).toBe('met');
    expect(ageAtLeast(ageRange(h('2008-11-02'), d('2026-11-01')), 18)).toBe('unmet');
  });
  it('a birth year straddling the birthday is unknown; without a birth date it is unknown', () => {
    expect(ageAbove(ageRange(h('1970'), d('2026-06-01')), 55)).toBe('unknown');
    const noBirth = baseHistory();
    delete noBirth.birthDate;
    expect(ageAbove(ageRange(noBirth, d('2026-06-01')), 55)).toBe('unknown');
  });
});

describe('onset interval', () => {
  it('is bounded above by the diagnosis (onset is never later than diagnosis)', () => {
    expect(onsetInterval(baseHistory({ msOnset: '2016', msDiagnosis: '2016-06-01' }))).toEqual({ lo: d('2016-01-01'), hi: d('2016-06-01') });
  });
  it('without an onset, runs from birth to the diagnosis', () => {
    const h = baseHistory({ msDiagnosis: '2014-01-01' });
    delete h.msOnset;
    expect(onsetInterval(h)).toEqual({ lo: d('1990-05-10'), hi: d('2014-01-01') });
  });
});

describe('Mosteller body surface area and the cumulative mitoxantrone dose', () => {
  it('BSA = sqrt(height x weight / 3600): 180 cm, 80 kg is 2.0 m2', () => {
    expect(mostellerBsa(180, 80)).toBeCloseTo(2.0, 10);
  });
  it('adds mg/m2 doses and converts mg doses', () => {
    const h = baseHistory({
      body: { heightCm: 180, weightKg: 80 },
      therapies: [
        {
          drug: 'mitoxantrone',
          start: '2018-01-01',
          end: '2018-04-01',
          doses: [
            { date: '2018-01-01', amount: 12, unit: 'mg/m2' },
            { date: '2018-04-01', amount: 24, unit: 'mg' },
          ],
        },
      ],
    });
    const c = cumulativeDose(h, 'mitoxantrone');
    expect(c.status === 'known' && c.mgM2).toBeCloseTo(24, 10);
  });
  it('no mitoxantrone is zero', () => {
    const c = cumulativeDose(baseHistory(), 'mitoxantrone');
    expect(c).toMatchObject({ status: 'known', mgM2: 0 });
  });
});

describe('EDSS worsening within a window', () => {
  it('a rise of a full point from the last score before the window counts', () => {
    const h = baseHistory({
      edss: [
        { date: '2025-01-01', score: 3.0 },
        { date: '2026-01-01', score: 4.0 },
      ],
    });
    expect(edssWorsening(h, d('2026-11-01'), 18, 1).status).toBe('met');
  });
  it('a rise of half a point does not', () => {
    const h = baseHistory({
      edss: [
        { date: '2025-06-01', score: 3.0 },
        { date: '2026-01-01', score: 3.5 },
      ],
    });
    expect(edssWorsening(h, d('2026-11-01'), 18, 1).status).toBe('unmet');
  });
  it('a single score cannot tell', () => {
    expect(edssWorsening(baseHistory({ edss: [{ date: '2026-01-01', score: 3.5 }] }), d('2026-11-01'), 18, 1).status).toBe('unknown');
  });
});

describe("an assessment's shared reads answer as the functions they remember", () => {
  it('latest lab of each test, EDSS worsening over 12 and 18 months and the lifetime mitoxantrone dose, over generated histories', () => {
    const asOf = d('2026-11-01');
    for (const h of synthCohort(150, 11, asOf)) {
      const reads = new AssessmentReads(h, asOf);
      for (const test of LAB_IDS) expect(reads.latestLab(test)).toBe(latestLab(h, test));
      expect(shown(reads.edssWorsening(18, 1))).toEqual(shown(edssWorsening(h, asOf, 18, 1)));
      expect(shown(reads.edssWorsening(12, 2))).toEqual(shown(edssWorsening(h, asOf, 12, 2)));
      expect(reads.edssWorsening(18, 1)).toBe(reads.edssWorsening(18, 1));
      expect(reads.cumulativeDose('mitoxantrone')).toEqual(cumulativeDose(h, 'mitoxantrone'));
    }
  });

  it('of two results of a test on the latest date, the first recorded is the latest', () => {
    const h = baseHistory({
      labs: [
        { test: 'neutrophils', date: '2026-10-01', value: 2.1, unit: '10^9/L' },
        { test: 'neutrophils', date: '2026-10-20', value: 1.2, unit: '10^9/L' },
        { test: 'neutrophils', date: '2026-10-20', value: 3.3, unit: '10^9/L' },
      ],
    });
    expect(new AssessmentReads(h, d('2026-11-01')).latestLab('neutrophils')?.value).toBe(1.2);
    expect(latestLab(h, 'neutrophils')?.value).toBe(1.2);
  });
});
