import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDay } from './dates.js';
import { isFunctionalSystems, isValidHistoryFast } from './fast-path.js';
import { FunctionalSystemsSchema } from './schema.js';
import { validateHistoryFully } from './validate.js';
import { synthCohort } from '../synth/index.js';

const asOf = parseDay('2026-11-01')!;
const slowOk = (x: unknown) => validateHistoryFully(x, { asOf }).ok;

// Values that sit on the edges of what the format accepts, to splice into valid histories.
const edgy = fc.constantFrom<unknown>(
  null,
  undefined,
  0,
  -1,
  0.5,
  1,
  1.5,
  3.25,
  5,
  5.5,
  6,
  7,
  10,
  10.5,
  11,
  29,
  30,
  100,
  101,
  1e21,
  -0,
  2.5,
  '',
  'x',
  '2026',
  '2026-11',
  '2026-11-01',
  '2026-11-02',
  '2027',
  '2026-12',
  '2024-02-29',
  '2023-02-29',
  '2020-13-01',
  '1950-01-01',
  '1899-12-31',
  'positive',
  'negative',
  'mg',
  'mg/m2',
  'mg/dL',
  'umol/L',
  'grade',
  'bananas',
  '%',
  true,
  false,
  [],
  {},
  'RRMS',
  'SPMS',
  'active',
  'resolved',
  'alemtuzumab',
  'hiv',
  'tsh',
  'lvef',
  'urine-blood',
  16,
  17,
  110,
  111,
  52.5,
  't25fw',
  'nhpt',
  'sdmt',
);

/** Replaces the value at a random path of a valid history (or adds a key there). */
function mutate(doc: unknown, choices: number[], value: unknown, addKey: string | undefined): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  let cur: unknown = copy;
  for (const c of choices) {
    if (cur === null || typeof cur !== 'object') break;
    const keys = Object.keys(cur as object);
    if (keys.length === 0) break;
    const k = keys[c % keys.length]!;
    const next = (cur as Record<string, unknown>)[k];
    if (next === null || typeof next !== 'object' || c % 3 === 0) {
      if (addKey !== undefined && c % 5 === 0) (cur as Record<string, unknown>)[addKey] = value;
      else if (value === undefined) delete (cur as Record<string, unknown>)[k];
      else (cur as Record<string, unknown>)[k] = value;
      return copy;
    }
    cur = next;
  }
  return copy;
}

// The additions within version 1 the synthetic histories do not carry: ambulation scores and
// performance tests, spliced into every other history so the properties below reach them.
function withAdditions(h: Record<string, unknown>, i: number): unknown {
  if (i % 2 === 1) return h;
  const edss = (h.edss as { functionalSystems?: Record<string, number> }[] | undefined) ?? [];
  for (const e of edss) if (e.functionalSystems) e.functionalSystems.ambulation = i % 17;
  const date = (h.edss as { date: string }[] | undefined)?.[0]?.date ?? '2020-01-01';
  h.performanceTests = [
    { date, test: 't25fw', value: 6.5 },
    { date, test: 'nhpt', value: 22.1 },
    { date, test: 'sdmt', value: 55 },
  ];
  h.labs = [
    ...((h.labs as unknown[] | undefined) ?? []),
    { date, test: 'cyp2c9', value: '*1/*2' },
    { date, test: 'jcv-index', value: 0.4, unit: 'index' },
    { date, test: 'egfr', value: 58, unit: 'mL/min/1.73m2' },
    { date, test: 'systolic-bp', value: 142, unit: 'mm[Hg]' },
    { date, test: 'diastolic-bp', value: 91, unit: 'mmHg' },
  ];
  // Issue 19: a therapy stopped on a day not recorded.
  h.therapies = [...((h.therapies as unknown[] | undefined) ?? []), { drug: 'azathioprine', start: date, endUnknown: true, stopReason: 'other' }];
  return h;
}

describe('fast validity check', () => {
  const valid = [...synthCohort(60, 11, asOf)].map((h, i) => withAdditions(JSON.parse(JSON.stringify(h)) as Record<string, unknown>, i));

  it('accepts every valid synthetic history, as the full validator does', () => {
    for (const h of valid) {
      expect(slowOk(h)).toBe(true);
      expect(isValidHistoryFast(h, asOf)).toBe(true);
    }
  });

  it('agrees with the full validator on single mutations of valid histories (property)', () => {
    fc.assert(
      fc.property(
        fc.nat(valid.length - 1),
        fc.array(fc.nat(50), { minLength: 1, maxLength: 6 }),
        edgy,
        fc.option(
          fc.constantFrom('foo', 'score', 'date', 'unit', 'end', 'stopReason', 'functionalSystems', 'ambulation', 'test', 'value', 'performanceTests'),
          { nil: undefined },
        ),
        (i, path, value, addKey) => {
          const doc = mutate(valid[i], path, value, addKey);
          expect(isValidHistoryFast(doc, asOf)).toBe(slowOk(doc));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('agrees with the full validator on arbitrary JSON (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        expect(isValidHistoryFast(doc, asOf)).toBe(slowOk(doc));
      }),
      { numRuns: 500 },
    );
  });
});

describe('fast validity check on the cross-field rules', () => {
  const base = { formatVersion: 1, id: 'p', birthDate: '1980-05', msOnset: '2010', msDiagnosis: '2011-03-04' };
  const cases: [string, Record<string, unknown>][] = [
    ['LVEF 100% is possible', { labs: [{ date: '2026-01-01', test: 'lvef', value: 100, unit: '%' }] }],
    ['LVEF above 100% is impossible', { labs: [{ date: '2026-01-01', test: 'lvef', value: 101, unit: '%' }] }],
    ['a urine grade is 0 to 5', { labs: [{ date: '2026-01-01', test: 'urine-blood', value: 5, unit: 'grade' }] }],
    ['a urine grade of 6 does not exist', { labs: [{ date: '2026-01-01', test: 'urine-blood', value: 6, unit: 'grade' }] }],
    ['a qualitative test takes no number', { labs: [{ date: '2026-01-01', test: 'hiv-test', value: 1, unit: 'grade' }] }],
    ['a qualitative result has no unit', { labs: [{ date: '2026-01-01', test: 'hiv-test', value: 'negative', unit: 'x' }] }],
    ['a measured value needs a number', { labs: [{ date: '2026-01-01', test: 'tsh', value: 'positive' }] }],
    ['a CYP2C9 genotype', { labs: [{ date: '2026-01-01', test: 'cyp2c9', value: '*1/*3' }] }],
    ['a genotype has no unit', { labs: [{ date: '2026-01-01', test: 'cyp2c9', value: '*3/*3', unit: 'x' }] }],
    ['a genotype is not positive', { labs: [{ date: '2026-01-01', test: 'cyp2c9', value: 'positive' }] }],
    ['a genotype is not a number', { labs: [{ date: '2026-01-01', test: 'cyp2c9', value: 1, unit: 'index' }] }],
    ['a genotype of another test', { labs: [{ date: '2026-01-01', test: 'hbsag', value: '*1/*1' }] }],
    ['a malformed genotype', { labs: [{ date: '2026-01-01', test: 'cyp2c9', value: '1/3' }] }],
    ['a JCV index without unit conversion', { labs: [{ date: '2026-01-01', test: 'jcv-index', value: 1.6, unit: 'index' }] }],
    ['IgG in mg/dL', { labs: [{ date: '2026-01-01', test: 'igg', value: 850, unit: 'mg/dL' }] }],
    ['an eGFR per 1.73 m2', { labs: [{ date: '2026-01-01', test: 'egfr', value: 58, unit: 'mL/min/{1.73_m2}' }] }],
    ['an eGFR in mL/min is a clearance unit, refused', { labs: [{ date: '2026-01-01', test: 'egfr', value: 58, unit: 'mL/min' }] }],
    ['a blood pressure in kPa', { labs: [{ date: '2026-01-01', test: 'systolic-bp', value: 20, unit: 'kPa' }] }],
    ['a blood pressure needs its unit', { labs: [{ date: '2026-01-01', test: 'diastolic-bp', value: 90 }] }],
    ['creatinine in mg/dL is converted', { labs: [{ date: '2026-01-01', test: 'creatinine', value: 1.1, unit: 'mg/dL' }] }],
    ['a negative count is impossible', { labs: [{ date: '2026-01-01', test: 'platelets', value: -1, unit: '10^9/L' }] }],
    [
      'a dose before the therapy start',
      { therapies: [{ drug: 'mitoxantrone', start: '2020-01-10', doses: [{ date: '2020-01-09', amount: 12, unit: 'mg/m2' }] }] },
    ],
    [
      'a dose after the therapy end',
      { therapies: [{ drug: 'mitoxantrone', start: '2020-01-10', end: '2020-06-01', doses: [{ date: '2020-06-02', amount: 12, unit: 'mg/m2' }] }] },
    ],
    [
      'a dose on the end day',
      { therapies: [{ drug: 'mitoxantrone', start: '2020-01-10', end: '2020-06-01', doses: [{ date: '2020-06-01', amount: 12, unit: 'mg/m2' }] }] },
    ],
    ['a stop reason without an end', { therapies: [{ drug: 'fingolimod', start: '2020-01-10', stopReason: 'inefficacy' }] }],
    [
      'stopped on a day not recorded, with its reason',
      { therapies: [{ drug: 'fingolimod', start: '2020-01-10', endUnknown: true, stopReason: 'inefficacy' }] },
    ],
    ['an end and endUnknown together', { therapies: [{ drug: 'fingolimod', start: '2020-01-10', end: '2020-05-01', endUnknown: true }] }],
    ['endUnknown is only ever true', { therapies: [{ drug: 'fingolimod', start: '2020-01-10', endUnknown: false }] }],
    ['an end before the start', { therapies: [{ drug: 'fingolimod', start: '2020-01-10', end: '2020-01-09' }] }],
    ['an EDSS before birth', { edss: [{ date: '1980-04-30', score: 0 }] }],
    ['an EDSS in the birth month', { edss: [{ date: '1980-05-01', score: 0 }] }],
    ['an EDSS on asOf', { edss: [{ date: '2026-11-01', score: 2 }] }],
    ['an EDSS the day after asOf', { edss: [{ date: '2026-11-02', score: 2 }] }],
    ['a course recognised after asOf', { course: { phenotype: 'SPMS', since: '2026-12' } }],
    ['a diagnosis before onset', { msOnset: '2012', msDiagnosis: '2011' }],
    ['a diagnosis in the onset year', { msOnset: '2011', msDiagnosis: '2011-01-01' }],
    ['onset before birth', { msOnset: '1979' }],
    ['a functional system beyond its maximum', { edss: [{ date: '2020-01-01', score: 2, functionalSystems: { brainstem: 6 } }] }],
  ];
  for (const [name, patch] of cases) {
    it(`agrees with the full validator: ${name}`, () => {
      const doc = { ...base, ...patch };
      expect(isValidHistoryFast(doc, asOf)).toBe(slowOk(doc));
    });
  }
});

describe('fast check of functional-system scores (fulcrum edss reads a line with it)', () => {
  const system = fc.constantFrom('visual', 'brainstem', 'pyramidal', 'cerebellar', 'sensory', 'bowelBladder', 'cerebral', 'ambulation', 'other', '__proto__');
  const json = fc.dictionary(system, fc.oneof(fc.integer({ min: -1, max: 17 }), fc.constantFrom(0.5, 1e21, -0, null, '3', true), fc.jsonValue()), {
    maxKeys: 9,
  });
  it('accepts exactly what FunctionalSystemsSchema accepts, on JSON (property)', () => {
    fc.assert(
      fc.property(fc.oneof(json, fc.jsonValue()), (fs) => {
        expect(isFunctionalSystems(fs)).toBe(FunctionalSystemsSchema.safeParse(fs).success);
      }),
      { numRuns: 3000 },
    );
  });
  it('accepts nothing the schema refuses, whatever the values (property)', () => {
    const any = fc.dictionary(system, fc.oneof(fc.integer({ min: -1, max: 17 }), edgy), { maxKeys: 9 });
    fc.assert(
      fc.property(any, (fs) => {
        if (isFunctionalSystems(fs)) expect(FunctionalSystemsSchema.safeParse(fs).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
