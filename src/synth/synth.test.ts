import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDay, parsePartialDate } from '../history/dates.js';
import { validateHistory } from '../history/validate.js';
import { synthCohort, synthHistory } from './index.js';

const asOf = parseDay('2026-11-01')!;

describe('synthetic histories', () => {
  it('every generated history passes validateHistory, over many seeds and indexes', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(1_000_000), (seed, index) => {
        const h = synthHistory(seed, index, asOf);
        const v = validateHistory(h, { asOf });
        if (!v.ok) throw new Error(`${h.id}: ${JSON.stringify(v.issues)}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('a patient who declines the second alemtuzumab course has no dose of it, even one the record reaches', () => {
    // Found by screening a million of them: 2 in 1,000,000 were rejected for doses after the therapy's end.
    for (const index of [295857, 451215]) {
      const h = synthHistory(20261101, index, asOf);
      expect(validateHistory(h, { asOf }).ok).toBe(true);
      const declined = h.therapies!.find((t) => t.drug === 'alemtuzumab' && t.stopReason === 'patient-choice')!;
      expect(declined.doses!.every((d) => d.date <= declined.end!)).toBe(true);
    }
  });

  it('is deterministic for a seed: the same seed and index give the same patient', () => {
    expect(synthHistory(7, 42, asOf)).toEqual(synthHistory(7, 42, asOf));
    expect(JSON.stringify([...synthCohort(50, 3, asOf)])).toBe(JSON.stringify([...synthCohort(50, 3, asOf)]));
  });

  it('different seeds give different cohorts', () => {
    expect(JSON.stringify(synthHistory(1, 0, asOf))).not.toBe(JSON.stringify(synthHistory(2, 0, asOf)));
  });

  it('a patient does not depend on the cohort size (streams are per patient)', () => {
    const small = [...synthCohort(10, 9, asOf)];
    const large = [...synthCohort(100, 9, asOf)];
    expect(large.slice(0, 10)).toEqual(small);
  });

  describe('a cohort of 2,000 looks like MS', () => {
    const cohort = [...synthCohort(2000, 11, asOf)];
    const share = (pred: (h: (typeof cohort)[number]) => boolean) => cohort.filter(pred).length / cohort.length;

    it('about seven in ten are women', () => {
      expect(share((h) => h.sex === 'female')).toBeGreaterThan(0.62);
      expect(share((h) => h.sex === 'female')).toBeLessThan(0.78);
    });

    it('has a mix of courses, relapsing forms most common, and some unrecorded', () => {
      const n = (p: string) => share((h) => h.course?.phenotype === p);
      expect(n('RRMS')).toBeGreaterThan(0.35);
      expect(n('SPMS')).toBeGreaterThan(0.05);
      expect(n('PPMS')).toBeGreaterThan(0.04);
      expect(n('CIS')).toBeGreaterThan(0.005);
      expect(share((h) => h.course === undefined)).toBeGreaterThan(0.03);
    });

    it('median age at onset is around 30 and onset precedes diagnosis', () => {
      const ages = cohort
        .filter((h) => h.msOnset && h.birthDate)
        .map((h) => (parsePartialDate(h.msOnset!)!.lo - parsePartialDate(h.birthDate!)!.lo) / 365.25)
        .sort((a, b) => a - b);
      const median = ages[Math.floor(ages.length / 2)]!;
      expect(median).toBeGreaterThan(26);
      expect(median).toBeLessThan(36);
    });

    it('progressive courses carry more disability than relapsing ones', () => {
      const lastEdss = (p: string) => {
        const xs = cohort.filter((h) => h.course?.phenotype === p && h.edss?.length).map((h) => h.edss!.at(-1)!.score);
        return xs.reduce((a, b) => a + b, 0) / xs.length;
      };
      expect(lastEdss('SPMS')).toBeGreaterThan(lastEdss('RRMS') + 1);
    });

    it('relapse rates fall over time: more relapses in the first five years than in years 10-15', () => {
      let early = 0;
      let late = 0;
      for (const h of cohort) {
        if (!h.msOnset || !h.relapses) continue;
        const onset = parsePartialDate(h.msOnset)!.lo;
        if (asOf - onset < 15 * 365.25) continue;
        for (const r of h.relapses) {
          const y = (parseDay(r.onset)! - onset) / 365.25;
          if (y < 5) early++;
          else if (y >= 10 && y < 15) late++;
        }
      }
      expect(early).toBeGreaterThan(late * 1.5);
    });

    it('includes functional-system scores, MRI, escalated therapies, risk factors, labs, pregnancy flags and partial dates', () => {
      expect(share((h) => (h.edss ?? []).filter((e) => e.functionalSystems).length >= 3)).toBeGreaterThan(0.3);
      expect(share((h) => (h.mri?.length ?? 0) > 0)).toBeGreaterThan(0.5);
      expect(share((h) => (h.therapies ?? []).some((t) => t.stopReason === 'inefficacy'))).toBeGreaterThan(0.1);
      expect(share((h) => (h.therapies ?? []).some((t) => t.drug === 'alemtuzumab'))).toBeGreaterThan(0.01);
      expect(share((h) => (h.therapies ?? []).some((t) => t.drug === 'mitoxantrone'))).toBeGreaterThan(0.002);
      expect(share((h) => (h.conditions ?? []).some((c) => c.code === 'urinary-catheter'))).toBeGreaterThan(0.01);
      expect(share((h) => h.labs !== undefined)).toBeGreaterThan(0.7);
      expect(share((h) => h.pregnancy !== undefined)).toBeGreaterThan(0.1);
      expect(share((h) => h.birthDate !== undefined && h.birthDate.length < 10)).toBeGreaterThan(0.1);
      expect(share((h) => h.msOnset === undefined)).toBeGreaterThan(0.01);
    });
  });
});
