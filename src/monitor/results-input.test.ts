import { describe, expect, it } from 'vitest';
import { day } from './fixtures.js';
import { checkRawResults, parseResultsCsv, resultsFromFhir, resultsFromJson } from './results-input.js';

const asOf = day('2025-06-01');

describe('results from a lab CSV export', () => {
  it('reads columns in any order, semicolons, quoted cells and decimal commas', () => {
    const raw = parseResultsCsv('test;value;date;unit\nplatelets;"212";2025-05-02;10^9/L\ntsh;2,5;2025-05-02;mIU/L\nurine-blood;Positive;2025-05-02;\n');
    const v = checkRawResults(raw, asOf);
    expect(v.ok && v.results.map((r) => [r.test, r.value])).toEqual([
      ['platelets', 212],
      ['tsh', 2.5],
      ['urine-blood', 'positive'],
    ]);
  });

  it('names the file and line of a bad row, and refuses unknown columns', () => {
    const v = checkRawResults(parseResultsCsv('date,test,value,unit\n2025-05-02,tsh,high,mIU/L\n', 'lab.csv'), asOf);
    expect(!v.ok && v.issues[0]!.path).toBe('lab.csv line 2 (value)');
    expect(parseResultsCsv('date,test,value,flag\n', 'lab.csv').issues[0]!.message).toMatch(/unknown column/);
    expect(parseResultsCsv('', 'lab.csv').issues[0]!.message).toMatch(/empty/);
  });
});

describe('results from FHIR Observations', () => {
  const obs = (extra: Record<string, unknown>) => ({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '5794-3' }] },
    effectiveDateTime: '2025-05-02',
    ...extra,
  });

  it('a qualitative urine dipstick coded in SNOMED is positive or negative', () => {
    const raw = resultsFromFhir(obs({ valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '10828004' }] } }));
    expect(raw.results).toEqual([{ date: '2025-05-02', test: 'urine-blood', value: 'positive' }]);
  });

  it('a result given only as an interpretation (POS / NEG) is read as positive or negative', () => {
    const raw = resultsFromFhir(
      obs({ interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'NEG' }] }] }),
    );
    expect(raw.results).toEqual([{ date: '2025-05-02', test: 'urine-blood', value: 'negative' }]);
  });

  it('the date is the calendar date written at the source, not shifted to UTC', () => {
    const raw = resultsFromFhir(
      obs({
        effectiveDateTime: '2025-05-02T23:30:00-05:00',
        code: { coding: [{ system: 'http://loinc.org', code: '777-3' }] },
        valueQuantity: { value: 190, code: '10*9/L' },
      }),
    );
    expect(raw.results[0]).toMatchObject({ date: '2025-05-02', test: 'platelets', unit: '10*9/L' });
    expect(checkRawResults(raw, asOf).ok).toBe(true);
  });

  it('an Observation of another test, or not final, is reported as not used rather than dropped silently', () => {
    const raw = resultsFromJson({
      resourceType: 'Bundle',
      entry: [
        { resource: obs({ code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }] }, valueQuantity: { value: 5 } }) },
        { resource: obs({ status: 'entered-in-error', valueString: 'negative' }) },
      ],
    });
    expect(raw.results).toEqual([]);
    expect(raw.skipped.map((s) => s.path)).toEqual(['Bundle.entry[0].resource.code', 'Bundle.entry[1].resource.status']);
  });

  it('an Observation without a value is an error naming value[x]', () => {
    const raw = resultsFromFhir(obs({}));
    expect(raw.issues[0]!.path).toBe('Observation.value[x]');
  });
});
