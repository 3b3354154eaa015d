import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDay } from './dates.js';
import { historyJsonSchema } from './schema.js';
import { validateHistory, type ValidationIssue } from './validate.js';

const ASOF = parseDay('2024-06-15')!;
const validate = (doc: unknown) => validateHistory(doc, { asOf: ASOF });
const issues = (doc: unknown): ValidationIssue[] => {
  const r = validate(doc);
  if (r.ok) throw new Error('expected the document to be rejected');
  return r.issues;
};
const paths = (doc: unknown) => issues(doc).map((i) => i.path);
const base = { formatVersion: 1, id: 'p1' };

describe('a valid history', () => {
  it('is accepted with every list absent (absent means not recorded)', () => {
    expect(validate(base)).toEqual({ ok: true, history: base });
  });

  it('accepts a full document', () => {
    const doc = {
      ...base,
      birthDate: '1980',
      sex: 'female',
      msOnset: '2010-05',
      msDiagnosis: '2011-01-20',
      course: { phenotype: 'RRMS', since: '2011' },
      edss: [
        { date: '2020-01-01', score: 0 },
        { date: '2021-01-01', score: 1 },
        { date: '2022-01-01', score: 10, functionalSystems: { pyramidal: 6, visual: 6, cerebral: 5 } },
      ],
      relapses: [{ onset: '2023-02-01', disabling: true, recovery: 'partial' }],
      mri: [{ date: '2023-03-01', region: 'brain', gadoliniumEnhancingLesions: 0, newOrEnlargingT2Lesions: 2 }],
      therapies: [
        { drug: 'interferon-beta', start: '2012-01-01', end: '2020-01-01', stopReason: 'inefficacy', doses: [{ date: '2012-01-01', amount: 30, unit: 'mg' }] },
      ],
      conditions: [{ code: 'hiv', status: 'resolved', onset: '2001' }],
      labs: [
        { date: '2024-01-01', test: 'platelets', value: 250, unit: '10^9/L' },
        { date: '2024-01-01', test: 'hiv-test', value: 'negative' },
      ],
      body: { heightCm: 170, weightKg: 70 },
      pregnancy: { pregnant: false },
    };
    expect(validate(doc).ok).toBe(true);
  });
});

describe('every problem at once, each with its path', () => {
  it('reports unknown keys, impossible EDSS values, future dates, diagnosis before onset, end before start, unknown units and null together', () => {
    const doc = {
      ...base,
      nickname: 'x',
      msOnset: '2015',
      msDiagnosis: '2014-06',
      edss: [
        { date: '2020-01-01', score: 0.5 },
        { date: '2020-02-01', score: 3.25 },
        { date: '2020-03-01', score: 11 },
        { date: '2024-06-16', score: 2 },
      ],
      relapses: [{ onset: '2020-01-01', disabling: true, recovery: 'partial', severity: 'high' }],
      therapies: [{ drug: 'natalizumab', start: '2020-05-01', end: '2020-04-30' }],
      labs: [{ date: '2024-01-01', test: 'creatinine', value: 1, unit: 'furlongs' }],
      sex: null,
    };
    const got = paths(doc);
    expect(got).toEqual(
      expect.arrayContaining([
        '$.nickname',
        '$.edss[0].score',
        '$.edss[1].score',
        '$.edss[2].score',
        '$.edss[3].date',
        '$.msDiagnosis',
        '$.therapies[0].end',
        '$.labs[0].unit',
        '$.sex',
        '$.relapses[0].severity',
      ]),
    );
    const byPath = new Map(issues(doc).map((i) => [i.path, i.message]));
    expect(byPath.get('$.nickname')).toMatch(/unknown field "nickname"/);
    expect(byPath.get('$.edss[0].score')).toMatch(/there is no 0\.5/);
    expect(byPath.get('$.edss[3].date')).toMatch(/after the assessment date 2024-06-15/);
    expect(byPath.get('$.msDiagnosis')).toMatch(/before the first symptoms/);
    expect(byPath.get('$.therapies[0].end')).toMatch(/before its start/);
    expect(byPath.get('$.labs[0].unit')).toMatch(/unknown unit "furlongs" for creatinine/);
    expect(byPath.get('$.sex')).toMatch(/must not be null/);
  });

  it('EDSS 0, 1.0 and 9.5 and 10 are scores; 0.5, 3.25 and 10.5 are not', () => {
    for (const score of [0, 1, 1.5, 9.5, 10]) expect(validate({ ...base, edss: [{ date: '2020-01-01', score }] }).ok).toBe(true);
    for (const score of [0.5, 3.25, 10.5, -1, 11]) expect(paths({ ...base, edss: [{ date: '2020-01-01', score }] })).toEqual(['$.edss[0].score']);
  });

  it('an event on the assessment date is allowed; the day after is an error', () => {
    expect(validate({ ...base, relapses: [{ onset: '2024-06-15', disabling: false, recovery: 'complete' }] }).ok).toBe(true);
    expect(paths({ ...base, relapses: [{ onset: '2024-06-16', disabling: false, recovery: 'complete' }] })).toEqual(['$.relapses[0].onset']);
  });

  it('a partial date is in the future only when it begins after the assessment date', () => {
    expect(validate({ ...base, msOnset: '2024' }).ok).toBe(true);
    expect(paths({ ...base, msOnset: '2025' })).toEqual(['$.msOnset']);
  });

  it('a diagnosis in the same year as a more precise onset is not before it', () => {
    expect(validate({ ...base, msOnset: '2015-06-01', msDiagnosis: '2015' }).ok).toBe(true);
    expect(paths({ ...base, msOnset: '2015-06-01', msDiagnosis: '2015-05' })).toEqual(['$.msDiagnosis']);
  });

  it('event dates must be full, real calendar dates', () => {
    expect(issues({ ...base, edss: [{ date: '2020-01', score: 2 }] })[0]).toMatchObject({
      path: '$.edss[0].date',
      message: expect.stringMatching(/full date/),
    });
    expect(issues({ ...base, edss: [{ date: '2021-02-29', score: 2 }] })[0]).toMatchObject({
      path: '$.edss[0].date',
      message: expect.stringMatching(/not a real calendar date/),
    });
    expect(validate({ ...base, edss: [{ date: '2020-02-29', score: 2 }] }).ok).toBe(true);
  });

  it('a document that is not an object, or of another version, is rejected with a sentence', () => {
    expect(issues([])[0]).toMatchObject({ path: '$', message: expect.stringMatching(/must be a JSON object, not a list/) });
    expect(issues(null)[0]!.path).toBe('$');
    expect(issues({ ...base, formatVersion: 2 })).toContainEqual({ path: '$.formatVersion', message: 'must be 1: this product reads format version 1' });
  });
});

describe('lab units', () => {
  it('creatinine in mg/dL is converted to umol/L (x 88.42)', () => {
    const r = validate({ ...base, labs: [{ date: '2024-01-01', test: 'creatinine', value: 1.2, unit: 'mg/dL' }] });
    expect(r.ok && r.history.labs![0]).toEqual({ date: '2024-01-01', test: 'creatinine', value: 106.104, unit: 'umol/L' });
  });

  it('platelets per microlitre become 10^9/L; hemoglobin g/dL becomes g/L', () => {
    const r = validate({
      ...base,
      labs: [
        { date: '2024-01-01', test: 'platelets', value: 250000, unit: '/uL' },
        { date: '2024-01-01', test: 'hemoglobin', value: 13.5, unit: 'g/dL' },
      ],
    });
    expect(r.ok && r.history.labs!.map((l) => [l.value, l.unit])).toEqual([
      [250, '10^9/L'],
      [135, 'g/L'],
    ]);
  });

  it('a unit spelt like a property every object has is an unknown unit, not a conversion', () => {
    for (const unit of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(paths({ ...base, labs: [{ date: '2024-01-01', test: 'creatinine', value: 80, unit }] })).toEqual(['$.labs[0].unit']);
    }
  });

  it('a number needs a unit; a qualitative test takes no number', () => {
    expect(paths({ ...base, labs: [{ date: '2024-01-01', test: 'platelets', value: 250 }] })).toEqual(['$.labs[0].unit']);
    expect(paths({ ...base, labs: [{ date: '2024-01-01', test: 'hiv-test', value: 1, unit: 'x' }] })).toEqual(['$.labs[0].value']);
  });

  it('an eGFR is read per 1.73 m2 and never in a clearance unit; blood pressure in mm[Hg], kPa converted', () => {
    const r = validate({
      ...base,
      labs: [
        { date: '2024-01-01', test: 'egfr', value: 58, unit: 'mL/min/{1.73_m2}' },
        { date: '2024-01-01', test: 'systolic-bp', value: 20, unit: 'kPa' },
        { date: '2024-01-01', test: 'diastolic-bp', value: 92, unit: 'mmHg' },
      ],
    });
    const labs = r.ok ? r.history.labs! : [];
    expect(labs.map((l) => [l.test, l.value, l.unit])).toEqual([
      ['egfr', 58, 'mL/min/1.73m2'],
      ['systolic-bp', 150.0124, 'mm[Hg]'],
      ['diastolic-bp', 92, 'mm[Hg]'],
    ]);
    expect(paths({ ...base, labs: [{ date: '2024-01-01', test: 'egfr', value: 58, unit: 'mL/min' }] })).toEqual(['$.labs[0].unit']);
  });

  it('a therapy stopped on a day not recorded: endUnknown true, never with an end, and it carries a stop reason', () => {
    const t = (x: Record<string, unknown>) => ({ ...base, therapies: [{ drug: 'natalizumab', start: '2020-01-01', ...x }] });
    expect(validate(t({ endUnknown: true, stopReason: 'other' })).ok).toBe(true);
    expect(paths(t({ endUnknown: true, end: '2021-01-01' }))).toEqual(['$.therapies[0].endUnknown']);
    expect(paths(t({ endUnknown: false }))).toEqual(['$.therapies[0].endUnknown']);
    expect(paths(t({ stopReason: 'other' }))).toEqual(['$.therapies[0].stopReason']);
  });

  it('a genotype is a diplotype of the genotype test only, without a unit', () => {
    expect(validate({ ...base, labs: [{ date: '2024-01-01', test: 'cyp2c9', value: '*1/*3' }] }).ok).toBe(true);
    expect(paths({ ...base, labs: [{ date: '2024-01-01', test: 'cyp2c9', value: '*1/*3', unit: 'x' }] })).toEqual(['$.labs[0].unit']);
    expect(paths({ ...base, labs: [{ date: '2024-01-01', test: 'cyp2c9', value: 'negative' }] })).toEqual(['$.labs[0].value']);
    expect(paths({ ...base, labs: [{ date: '2024-01-01', test: 'igg', value: '*1/*1' }] })).toEqual(['$.labs[0].value']);
    expect(paths({ ...base, labs: [{ date: '2024-01-01', test: 'cyp2c9', value: '1/3' }] })).toEqual(['$.labs[0].value']);
  });

  it('IgG in mg/dL becomes g/L and bilirubin in mg/dL becomes umol/L', () => {
    const r = validate({
      ...base,
      labs: [
        { date: '2024-01-01', test: 'igg', value: 850, unit: 'mg/dL' },
        { date: '2024-01-01', test: 'bilirubin', value: 1, unit: 'mg/dL' },
      ],
    });
    const labs = r.ok ? r.history.labs! : [];
    expect(labs.map((l) => l.unit)).toEqual(['g/L', 'umol/L']);
    expect(labs[0]!.value).toBeCloseTo(8.5, 9);
    expect(labs[1]!.value).toBeCloseTo(17.104, 9);
  });
});

describe('the validator on arbitrary input', () => {
  it('never throws on any JSON value and rejects with paths starting at $ (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = validate(v);
        if (!r.ok) for (const i of r.issues) expect(i.path.startsWith('$')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on documents that are nearly right (property)', () => {
    const nearly = fc.record(
      {
        formatVersion: fc.oneof(fc.constant(1), fc.jsonValue()),
        id: fc.oneof(fc.string(), fc.jsonValue()),
        msOnset: fc.oneof(fc.constantFrom('2010', '2010-13', '2010-02-30', ''), fc.jsonValue()),
        edss: fc.oneof(
          fc.array(fc.record({ date: fc.oneof(fc.constant('2020-01-01'), fc.jsonValue()), score: fc.oneof(fc.double(), fc.jsonValue()) })),
          fc.jsonValue(),
        ),
        therapies: fc.oneof(fc.array(fc.record({ drug: fc.jsonValue(), start: fc.jsonValue(), end: fc.jsonValue(), doses: fc.jsonValue() })), fc.jsonValue()),
        labs: fc.oneof(
          fc.array(
            fc.record({ date: fc.jsonValue(), test: fc.constantFrom('creatinine', 'hiv-test', 'urine-blood'), value: fc.jsonValue(), unit: fc.jsonValue() }),
          ),
          fc.jsonValue(),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(nearly, (doc) => void validate(doc)),
      { numRuns: 500 },
    );
  });

  it('the JSON Schema comes from the same definition (strict objects, EDSS enumeration)', () => {
    const schema = historyJsonSchema() as { additionalProperties?: boolean; properties: Record<string, unknown> };
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.stringify(schema.properties.edss)).toContain('3.5');
    expect(JSON.stringify(schema.properties.edss)).not.toContain('0.5,');
  });
});
