import scopeJson from '../../knowledge/codes/ms-scope.json' with { type: 'json' };
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSESSABLE_DRUGS, LABELS } from '../drugs/index.js';
import { PHENOTYPES } from '../history/vocabularies.js';
import { bundleToHistory } from '../fhir/index.js';
import { cisOnLabel, msScope, scopeConceptOf } from './scope.js';
import { assess } from './assess.js';
import { renderAssessmentText } from './text.js';
import { parseDay } from '../history/dates.js';

// The one definition of "in scope" (knowledge/codes/ms-scope.json, historyRule), at each of its edges.

const SCT = 'http://snomed.info/sct';
const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';

describe('msScope', () => {
  it('a diagnosis or onset date, or a course RRMS, SPMS or PPMS, is in scope for every drug and label; nothing of these is not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ASSESSABLE_DRUGS),
        fc.constantFrom(...LABELS),
        fc.option(fc.constant('2019-05'), { nil: undefined }),
        fc.option(fc.constant('2018'), { nil: undefined }),
        fc.option(fc.constantFrom(...PHENOTYPES), { nil: undefined }),
        fc.boolean(),
        (drug, label, msDiagnosis, msOnset, phenotype, msInSource) => {
          const h = { ...(msDiagnosis ? { msDiagnosis } : {}), ...(msOnset ? { msOnset } : {}), ...(phenotype ? { course: { phenotype } } : {}) };
          const expected =
            msDiagnosis !== undefined ||
            msOnset !== undefined ||
            (phenotype !== undefined && phenotype !== 'CIS') ||
            msInSource ||
            (phenotype === 'CIS' && cisOnLabel(drug, label));
          expect(msScope(h, drug, label, msInSource).inScope).toBe(expected);
        },
      ),
    );
  });

  it('a CIS alone is in scope exactly where the label includes it (ms-scope.json cisOnLabel), and otherwise says why', () => {
    for (const drug of ASSESSABLE_DRUGS) {
      for (const label of LABELS) {
        const s = msScope({ course: { phenotype: 'CIS' } }, drug, label);
        expect(s.inScope, `${drug} ${label}`).toBe(scopeJson.cisOnLabel[drug][label]);
        if (!s.inScope) expect(s.message).toMatch(/clinically isolated syndrome/);
      }
    }
    // Alemtuzumab and mitoxantrone name no CIS under either label; the US natalizumab and siponimod labels do.
    expect(msScope({ course: { phenotype: 'CIS' } }, 'alemtuzumab', 'us').inScope).toBe(false);
    expect(msScope({ course: { phenotype: 'CIS' } }, 'natalizumab', 'us').inScope).toBe(true);
    expect(msScope({ course: { phenotype: 'CIS' } }, 'siponimod', 'us').inScope).toBe(true);
    expect(msScope({ course: { phenotype: 'CIS' } }, 'siponimod', 'eu').inScope).toBe(false);
  });
});

describe('the MS value set', () => {
  it('holds SNOMED MS and its enumerated descendants, ICD-10 and ICD-10-CM G35 with subcodes, and no neighbour', () => {
    for (const code of ['24700007', '426373005', '425500002', '428700003']) expect(scopeConceptOf(SCT, code)).toBe('ms');
    for (const code of ['25044007', '126906006', '247000070']) expect(scopeConceptOf(SCT, code)).toBeUndefined();
    for (const system of [ICD10, ICD10CM]) {
      for (const code of ['G35', 'G35.A', 'g35.d', 'G35.B1']) expect(scopeConceptOf(system, code), code).toBe('ms');
      for (const code of ['G36', 'G37.9', 'G350', 'G3']) expect(scopeConceptOf(system, code), code).toBeUndefined();
    }
    expect(scopeConceptOf('http://example.org/local', 'G35')).toBeUndefined();
  });

  it('the FHIR mapping reads a Condition coded only with ICD-10-CM G35 as the MS Condition (its onset the MS onset)', () => {
    const m = bundleToHistory({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: { resourceType: 'Patient', id: 'p' } },
        {
          resource: {
            resourceType: 'Condition',
            subject: { reference: 'Patient/p' },
            code: { coding: [{ system: ICD10CM, code: 'G35' }] },
            onsetDateTime: '2014-02',
          },
        },
      ],
    });
    expect(m.ok && m.history.msOnset).toBe('2014-02');
  });
});

describe('the clinician report of a not-applicable assessment', () => {
  it('says the verdict and the reason, and nothing that asks for MS data', () => {
    const a = assess(
      { formatVersion: 1, id: 'x', sex: 'male', conditions: [{ code: 'malignancy', status: 'active' }] },
      { drug: 'mitoxantrone', asOf: parseDay('2026-11-01')! },
    );
    const text = renderAssessmentText(a);
    expect(text).toMatch(/^Verdict: NOT APPLICABLE/m);
    expect(text).toMatch(/No MS diagnosis recorded/);
    expect(text).not.toMatch(/EDSS|Course:|checks|Missing/i);
  });
});
