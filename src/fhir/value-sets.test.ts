import { describe, expect, it } from 'vitest';
import { conceptOf, isHistoryCode, loadSiteCodes } from './codes.js';
import { gradeOf, gradeOfConcentration, gradeOfWord, notReadReason, valueSetOf, valueSets } from './value-sets.js';

const SCT = 'http://snomed.info/sct';
const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const LNC = 'http://loinc.org';

describe('value sets (knowledge/codes/value-sets)', () => {
  it('every value set has its provenance and every member its source', () => {
    expect(valueSets.length).toBeGreaterThan(20);
    for (const vs of valueSets) {
      expect(vs.provenance.length, vs.id).toBeGreaterThan(0);
      for (const m of vs.members) expect(m.source.length, `${vs.id} ${m.code ?? m.prefix}`).toBeGreaterThan(0);
    }
  });

  it('SNOMED CT descendants the problem lists send read as the product concept', () => {
    expect(conceptOf(SCT, '109838007')).toBe('condition:malignancy');
    expect(conceptOf(SCT, '254637007')).toBe('condition:malignancy');
    expect(conceptOf(SCT, '53741008')).toBe('condition:cardiovascular-disease');
    expect(conceptOf(SCT, '88805009')).toBe('condition:heart-failure');
    expect(conceptOf(SCT, '72892002')).toBe('pregnancy:pregnant');
    expect(conceptOf(SCT, '301011002')).toBe('uti');
    expect(conceptOf(SCT, '197927001')).toBe('condition:recurrent-uti');
  });

  it('"History of myocardial infarction (situation)" is a past myocardial infarction', () => {
    expect(conceptOf(SCT, '399211009')).toBe('condition:myocardial-infarction');
    expect(isHistoryCode(SCT, '399211009')).toBe(true);
    expect(isHistoryCode(SCT, '22298006')).toBe(false);
  });

  it('ICD-10 and ICD-10-CM: ranges of categories and prefixes, with or without the dot', () => {
    expect(valueSetOf(ICD10CM, 'C18.9')?.concept).toBe('condition:malignancy');
    expect(valueSetOf(ICD10CM, 'C189')?.concept).toBe('condition:malignancy');
    expect(valueSetOf(ICD10, 'C97')?.concept).toBe('condition:malignancy');
    // C97 is a WHO ICD-10 category only; D07.5 (in situ) is outside C00-C97.
    expect(valueSetOf(ICD10CM, 'C97')).toBeUndefined();
    expect(valueSetOf(ICD10CM, 'D07.5')).toBeUndefined();
    expect(valueSetOf(ICD10CM, 'I50.22')?.concept).toBe('condition:heart-failure');
    expect(valueSetOf(ICD10CM, 'N39.0')?.concept).toBe('uti');
    expect(valueSetOf(ICD10CM, 'N39.3')).toBeUndefined();
  });

  it('the most specific member wins: I25.2 is an old myocardial infarction, not chronic ischaemic heart disease; I20.0 unstable angina', () => {
    expect(valueSetOf(ICD10CM, 'I25.10')?.concept).toBe('condition:cardiovascular-disease');
    expect(valueSetOf(ICD10CM, 'I25.2')).toEqual({ concept: 'condition:myocardial-infarction', valueSet: 'myocardial-infarction', history: true });
    expect(valueSetOf(ICD10, 'I20.0')?.concept).toBe('condition:unstable-angina');
    expect(valueSetOf(ICD10, 'I20.9')?.concept).toBe('condition:angina');
  });

  it('LOINC codes EHRs send for creatinine, bilirubin, AST, eGFR and blood pressure are read, an eGFR never as a creatinine clearance', () => {
    expect(conceptOf(LNC, '38483-4')).toBe('lab:creatinine');
    expect(conceptOf(LNC, '1975-2')).toBe('lab:bilirubin');
    expect(conceptOf(LNC, '1920-8')).toBe('lab:ast');
    for (const c of ['33914-3', '98979-8', '62238-1', '77147-7', '69405-9', '48642-3', '48643-1', '98980-6']) expect(conceptOf(LNC, c)).toBe('lab:egfr');
    expect(conceptOf(LNC, '2164-2')).toBe('lab:creatinine-clearance');
    expect(conceptOf(LNC, '55284-4')).toBe('panel:blood-pressure');
    expect(conceptOf(LNC, '85354-9')).toBe('panel:blood-pressure');
    expect(conceptOf(LNC, '8480-6')).toBe('lab:systolic-bp');
    expect(conceptOf(LNC, '8462-4')).toBe('lab:diastolic-bp');
    expect(conceptOf(LNC, '5804-0')).toBe('lab:urine-protein');
    expect(notReadReason(LNC, '33914-3')).toBeUndefined();
  });

  it('a test-strip protein concentration is the grade of the colour block it reaches (results.json), in its own unit only', () => {
    expect([9.99, 10, 30, 100, 300, 999, 1000].map((v) => gradeOfConcentration('urine-protein', v, 'mg/dL'))).toEqual([0, 1, 2, 3, 4, 4, 5]);
    expect(gradeOfConcentration('urine-protein', 30, 'MG/DL')).toBe(2);
    expect(gradeOfConcentration('urine-protein', 30, 'g/L')).toBeUndefined();
    expect(gradeOfConcentration('urine-blood', 30, 'mg/dL')).toBeUndefined();
  });

  it('dipstick findings and words are grades of their own test only', () => {
    expect(gradeOf(SCT, '167277001')).toEqual({ test: 'urine-protein', grade: 4 });
    expect(gradeOf(SCT, '167274008')).toEqual({ test: 'urine-protein', grade: 1 });
    expect(gradeOf(SCT, '167297006')).toEqual({ test: 'urine-blood', grade: 0 });
    expect(gradeOfWord(' ++ ')).toBe(3);
    expect(gradeOfWord('Trace')).toBe(1);
    expect(gradeOfWord('lots')).toBeUndefined();
  });

  it('a site mapping needs its source and a concept the product reads; a bad file loads nothing and names every problem', () => {
    expect(() =>
      loadSiteCodes(
        [
          { system: 'urn:oid:1.2.3', code: 'CA', concept: 'condition:malignancy' },
          { system: 'urn:oid:1.2.3', code: 'X', concept: 'magic', source: 'x' },
        ],
        'site.json',
      ),
    ).toThrow(/site\.json\[0\]\.source: is required.*site\.json\[1\]\.concept/);
    expect(conceptOf('urn:oid:1.2.3', 'CA')).toBeUndefined();
    loadSiteCodes([{ system: 'urn:oid:1.2.3', code: 'CA', concept: 'condition:malignancy', source: 'oncology code list v3 (site)' }], 'site.json');
    expect(conceptOf('urn:oid:1.2.3', 'CA')).toBe('condition:malignancy');
    // A code the value sets already define cannot be given another meaning.
    expect(() => loadSiteCodes([{ system: ICD10CM, code: 'I50.9', concept: 'condition:stroke', source: 'x' }], 'site.json')).toThrow(
      /already means condition:heart-failure/,
    );
  });
});
