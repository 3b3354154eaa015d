import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDay } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { LAB_UNITS } from '../history/units.js';
import { validateHistory } from '../history/validate.js';
import { CONDITION_IDS, LAB_IDS } from '../history/vocabularies.js';
import { synthHistory } from '../synth/index.js';
import { bundleToHistory, historyToBundle } from './index.js';

const asOf = parseDay('2026-11-01')!;

function roundTrip(h: History): ReturnType<typeof bundleToHistory> {
  // Through JSON text, as it would travel between systems.
  return bundleToHistory(JSON.parse(JSON.stringify(historyToBundle(h))));
}

function valid(h: unknown): History {
  const v = validateHistory(h, { asOf });
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.history;
}

describe('history -> FHIR -> history keeps every decision datum', () => {
  it('for synthetic histories over many seeds (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(100_000), (seed, index) => {
        const h = valid(synthHistory(seed, index, asOf));
        const back = roundTrip(h);
        expect(back.ok).toBe(true);
        if (back.ok) {
          expect(back.history).toEqual(h);
          expect(back.report).toEqual([]);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('keeps "recorded as none" apart from "not recorded": empty lists survive, absent ones stay absent', () => {
    const h = valid({ formatVersion: 1, id: 'x', relapses: [], therapies: [], labs: [], conditions: [], mri: [], edss: [] });
    const back = roundTrip(h);
    expect(back.ok && back.history).toEqual(h);
    const bare = valid({ formatVersion: 1, id: 'y' });
    expect(roundTrip(bare)).toMatchObject({ ok: true, history: bare, report: [], unrecognised: [] });
  });

  it('refuses an id outside the patient id syntax, at the identifier that carries it', () => {
    const bundle = JSON.parse(JSON.stringify(historyToBundle(valid({ formatVersion: 1, id: 'x' })))) as {
      entry: { resource: { identifier: { value: string }[] } }[];
    };
    bundle.entry[0]!.resource.identifier[0]!.value = 'clinic 7 / patient #12';
    const back = bundleToHistory(bundle);
    expect(back.ok).toBe(false);
    if (!back.ok) expect(back.issues.map((i) => i.path)).toContain('Bundle.entry[0].resource.identifier[0].value');
  });

  it('keeps AHSCT with its end and stop reason, qualitative labs, urine grades and pregnancy flags', () => {
    const h = valid({
      formatVersion: 1,
      id: 'z',
      sex: 'female',
      birthDate: '1990',
      therapies: [
        { drug: 'ahsct', start: '2019-01-01', end: '2019-02-01', stopReason: 'other' },
        { drug: 'other', start: '2015-01-01', end: '2016-01-01', stopReason: 'patient-choice' },
        { drug: 'alemtuzumab', start: '2020-01-06', doses: [{ date: '2020-01-06', amount: 12, unit: 'mg' }] },
        { drug: 'alemtuzumab', start: '2021-01-06', doses: [{ date: '2021-01-06', amount: 12, unit: 'mg' }] },
      ],
      labs: [
        { date: '2024-01-01', test: 'vzv-igg', value: 'positive' },
        { date: '2024-01-01', test: 'urine-blood', value: 2, unit: 'grade' },
        { date: '2024-01-01', test: 'tsh', value: 2.1, unit: 'mIU/L' },
      ],
      conditions: [
        { code: 'urinary-catheter', status: 'active', onset: '2023-05', note: 'indwelling' },
        { code: 'prior-anthracycline', status: 'resolved' },
      ],
      course: { phenotype: 'CIS' },
      pregnancy: { pregnant: false, breastfeeding: true, planningWithinMonths: 0 },
      body: { heightCm: 170.5, weightKg: 61.2 },
    });
    const back = roundTrip(h);
    expect(back.ok && back.history).toEqual(h);
  });

  it('keeps every condition and every lab of the vocabulary, a genotype included', () => {
    const labs = LAB_IDS.map((test) => {
      const spec = LAB_UNITS[test];
      const value = spec.kind === 'genotype' ? '*1/*3' : spec.kind === 'quantitative' ? 1.5 : spec.kind === 'graded-or-qualitative' ? 2 : 'positive';
      return { date: '2025-02-03', test, value, ...(typeof value === 'number' ? { unit: spec.unit } : {}) };
    });
    const conditions = CONDITION_IDS.map((code) => ({ code, status: 'active', onset: '2020' }));
    const h = valid({ formatVersion: 1, id: 'vocab', msOnset: '2015', labs, conditions });
    const r = roundTrip(h);
    expect(r.ok && r.history.labs).toEqual(h.labs);
    expect(r.ok && r.history.conditions).toEqual(h.conditions);
  });

  it('writes a reading (systolic and diastolic of one date, side by side) as one blood-pressure panel, an eGFR with its LOINC code, and reads them back', () => {
    const h = valid({
      formatVersion: 1,
      id: 'bp',
      labs: [
        { date: '2024-01-01', test: 'systolic-bp', value: 152, unit: 'mm[Hg]' },
        { date: '2024-01-01', test: 'diastolic-bp', value: 96, unit: 'mm[Hg]' },
        { date: '2024-02-01', test: 'diastolic-bp', value: 88, unit: 'mm[Hg]' },
        { date: '2024-02-01', test: 'egfr', value: 55, unit: 'mL/min/1.73m2' },
        { date: '2024-02-01', test: 'systolic-bp', value: 131, unit: 'mm[Hg]' },
      ],
    });
    const b = historyToBundle(h) as { entry: { resource: { resourceType: string; code?: { coding: { code: string }[] }; component?: unknown[] } }[] };
    const observations = b.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Observation');
    expect(observations.map((o) => o.code!.coding[0]!.code)).toEqual(['85354-9', '8462-4', '69405-9', '8480-6']);
    expect(observations[0]!.component).toHaveLength(2);
    expect(roundTrip(h)).toMatchObject({ ok: true, history: h, report: [] });
  });

  it('keeps a therapy stopped on a day not recorded (endUnknown) apart from an ongoing one and from one ended on a day', () => {
    const h = valid({
      formatVersion: 1,
      id: 'eu',
      therapies: [
        { drug: 'natalizumab', start: '2019-01-01', endUnknown: true, stopReason: 'other' },
        { drug: 'azathioprine', start: '2018-01-01', endUnknown: true },
        { drug: 'fingolimod', start: '2021-01-01' },
      ],
    });
    const back = roundTrip(h);
    expect(back.ok && back.history).toEqual(h);
  });

  it('keeps performance tests, ambulation scores and an empty performance-test section', () => {
    const h = valid({
      formatVersion: 1,
      id: 'p',
      edss: [{ date: '2024-01-01', score: 6, functionalSystems: { pyramidal: 3, ambulation: 5 } }],
      performanceTests: [
        { date: '2024-01-01', test: 't25fw', value: 7.25 },
        { date: '2024-01-01', test: 'nhpt', value: 24 },
        { date: '2024-01-02', test: 'sdmt', value: 48 },
      ],
    });
    expect(roundTrip(h)).toMatchObject({ ok: true, history: h, report: [] });
    const none = valid({ formatVersion: 1, id: 'q', performanceTests: [] });
    expect(roundTrip(none)).toMatchObject({ ok: true, history: none, report: [] });
  });

  it('writes standard codes beside the product ones (SNOMED CT for the course, RxNorm and ATC for drugs, LOINC for labs)', () => {
    const h = valid({
      formatVersion: 1,
      id: 'w',
      course: { phenotype: 'SPMS' },
      therapies: [{ drug: 'mitoxantrone', start: '2010-01-01' }],
      labs: [{ date: '2024-01-01', test: 'platelets', value: 200, unit: '10^9/L' }],
    });
    const text = JSON.stringify(historyToBundle(h));
    for (const code of ['425500002', '7005', 'L01DB07', '777-3']) expect(text).toContain(`"${code}"`);
  });
});
