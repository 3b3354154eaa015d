import { describe, expect, it } from 'vitest';
import { assessedOrders } from './orders.js';
import { fillTemplate } from './services.js';

const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const ATC = 'http://www.whocc.no/atc';
const order = (id: string, med: Record<string, unknown>) => ({
  resource: { resourceType: 'MedicationRequest', id, status: 'draft', intent: 'proposal', ...med },
});
const bundle = (...entry: unknown[]) => ({ resourceType: 'Bundle', type: 'collection', entry });
const SCT = 'http://snomed.info/sct';
const CPT = 'http://www.ama-assn.org/go/cpt';
const PCS = 'http://www.cms.gov/Medicare/Coding/ICD10';
const service = (id: string, system: string, code: string, display?: string) => ({
  resource: { resourceType: 'ServiceRequest', id, status: 'draft', intent: 'proposal', code: { coding: [{ system, code, ...(display ? { display } : {}) }] } },
});
const cc = (system: string, code: string, display?: string) => ({ medicationCodeableConcept: { coding: [{ system, code, ...(display ? { display } : {}) }] } });

describe('which draft orders the CDS services assess', () => {
  it('recognises alemtuzumab by RxNorm 117055 and by its current and former ATC codes, mitoxantrone by ATC L01DB07', () => {
    const found = assessedOrders(
      bundle(order('a', cc(RXNORM, '117055')), order('b', cc(ATC, 'L04AG06')), order('c', cc(ATC, 'L04AA34')), order('d', cc(ATC, 'L01DB07'))),
    );
    expect(found.map((o) => [o.reference, o.drug])).toEqual([
      ['MedicationRequest/a', 'alemtuzumab'],
      ['MedicationRequest/b', 'alemtuzumab'],
      ['MedicationRequest/c', 'alemtuzumab'],
      ['MedicationRequest/d', 'mitoxantrone'],
    ]);
  });

  it('recognises ocrelizumab (RxNorm 1876366, ATC L04AG08), ofatumumab (712566, L04AG12) and cladribine tablets (L04AA40)', () => {
    const found = assessedOrders(
      bundle(
        order('o1', cc(RXNORM, '1876366')),
        order('o2', cc(ATC, 'L04AG08')),
        order('f1', cc(RXNORM, '712566', 'Kesimpta 20 mg')),
        order('f2', cc(ATC, 'L04AG12')),
        order('c1', cc(ATC, 'L04AA40')),
      ),
    );
    expect(found.map((o) => o.drug)).toEqual(['ocrelizumab', 'ocrelizumab', 'ofatumumab', 'ofatumumab', 'cladribine']);
  });

  it('recognises siponimod by RxNorm 2121085 and by its current and former ATC codes', () => {
    const found = assessedOrders(bundle(order('s', cc(RXNORM, '2121085')), order('t', cc(ATC, 'L04AE03')), order('u', cc(ATC, 'L04AA42', 'Mayzent 2 mg'))));
    expect(found.map((o) => o.drug)).toEqual(['siponimod', 'siponimod', 'siponimod']);
  });

  it('ignores other drugs, also MS drugs that are not assessed (fingolimod), and reads natalizumab, which is', () => {
    expect(assessedOrders(bundle(order('f', cc(RXNORM, '1012892')), order('i', cc(RXNORM, '5640'))))).toEqual([]);
    expect(assessedOrders(bundle(order('n', cc(RXNORM, '354770')))).map((o) => o.drug)).toEqual(['natalizumab']);
  });

  it('does not trust a code whose display names another drug', () => {
    expect(assessedOrders(bundle(order('x', cc(RXNORM, '117055', 'natalizumab 300 mg'))))).toEqual([]);
    expect(assessedOrders(bundle(order('y', cc(RXNORM, '117055', 'Lemtrada 12 mg')))).map((o) => o.drug)).toEqual(['alemtuzumab']);
  });

  it('reads the drug from a contained Medication or one elsewhere in draftOrders', () => {
    const contained = order('k', {
      contained: [{ resourceType: 'Medication', id: 'm1', code: { coding: [{ system: ATC, code: 'L01DB07' }] } }],
      medicationReference: { reference: '#m1' },
    });
    const referenced = order('r', { medicationReference: { reference: 'Medication/m2' } });
    const med = { resource: { resourceType: 'Medication', id: 'm2', code: { coding: [{ system: RXNORM, code: '117055' }] } } };
    expect(assessedOrders(bundle(contained, referenced, med)).map((o) => o.drug)).toEqual(['mitoxantrone', 'alemtuzumab']);
  });

  it('for order-select, considers only the selected orders', () => {
    const b = bundle(order('a', cc(RXNORM, '117055')), order('d', cc(ATC, 'L01DB07')));
    expect(assessedOrders(b, ['MedicationRequest/d']).map((o) => o.drug)).toEqual(['mitoxantrone']);
    expect(assessedOrders(b, [])).toEqual([]);
  });

  it('recognises aHSCT in a draft ServiceRequest by its SNOMED CT, CPT and ICD-10-PCS procedure codes', () => {
    const found = assessedOrders(
      bundle(
        service('s1', SCT, '709115004', 'Transplantation of autologous hematopoietic stem cell (procedure)'),
        service('s2', SCT, '425983008', 'Autologous peripheral blood stem cell transplant'),
        service('s3', CPT, '38241', 'Hematopoietic progenitor cell (HPC); autologous transplantation'),
        service('s4', PCS, '30243Y0'),
        service('s5', PCS, '30233Y0', 'Transfusion of Autologous Hematopoietic Stem Cells into Peripheral Vein, Percutaneous Approach'),
      ),
    );
    expect(found.map((o) => [o.reference, o.drug])).toEqual([
      ['ServiceRequest/s1', 'ahsct'],
      ['ServiceRequest/s2', 'ahsct'],
      ['ServiceRequest/s3', 'ahsct'],
      ['ServiceRequest/s4', 'ahsct'],
      ['ServiceRequest/s5', 'ahsct'],
    ]);
  });

  it('never reads an allogeneic transplant, or one that does not say autologous, as aHSCT', () => {
    const found = assessedOrders(
      bundle(
        service('a1', SCT, '174241000112100', 'Transplantation of allogeneic hematopoietic stem cell (procedure)'),
        service('a2', CPT, '38240', 'Hematopoietic progenitor cell (HPC); allogeneic transplantation per donor'),
        service('a3', PCS, '30243Y1'),
        service('a4', PCS, '30233Y1'),
        service('a5', SCT, '234336002', 'Hemopoietic stem cell transplant (procedure)'),
      ),
    );
    expect(found).toEqual([]);
  });

  it('does not trust an aHSCT code whose display names another therapy, and reads only the selected ServiceRequest', () => {
    expect(assessedOrders(bundle(service('x', SCT, '709115004', 'natalizumab infusion')))).toEqual([]);
    const b = bundle(service('s', SCT, '709115004'), order('a', cc(RXNORM, '117055')));
    expect(assessedOrders(b, ['ServiceRequest/s']).map((o) => o.drug)).toEqual(['ahsct']);
    expect(assessedOrders(b, ['MedicationRequest/a']).map((o) => o.drug)).toEqual(['alemtuzumab']);
    // A Procedure is not an order: draftOrders holds requests.
    expect(
      assessedOrders(
        bundle({ resource: { resourceType: 'Procedure', id: 'p', status: 'preparation', code: { coding: [{ system: SCT, code: '709115004' }] } } }),
      ),
    ).toEqual([]);
  });

  it('copes with what is not a Bundle', () => {
    expect(assessedOrders(undefined)).toEqual([]);
    expect(assessedOrders({ resourceType: 'Bundle', entry: [null, 3, { resource: 'x' }] })).toEqual([]);
  });
});

describe('prefetch templates', () => {
  it('fills context tokens, URL-encoded, and user tokens from userId', () => {
    expect(fillTemplate('Condition?patient={{context.patientId}}', { patientId: 'a b' })).toBe('Condition?patient=a%20b');
    expect(fillTemplate('Practitioner/{{userPractitionerId}}', { userId: 'Practitioner/42' })).toBe('Practitioner/42');
  });

  it('cannot fill a template whose context field is missing or not a primitive', () => {
    expect(fillTemplate('Patient/{{context.patientId}}', {})).toBeUndefined();
    expect(fillTemplate('Patient/{{context.patient}}', { patient: { id: 'x' } })).toBeUndefined();
  });
});
