// Small made-up FHIR resources for the mapping's tests.
export const SCT = 'http://snomed.info/sct';
export const LNC = 'http://loinc.org';
export const RX = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const FUL = 'https://fulcrum.example/fhir/CodeSystem/fulcrum';
export const EXT = 'https://fulcrum.example/fhir/StructureDefinition/';
export const subject = { reference: 'Patient/p1' };

type R = Record<string, unknown>;

export function bundle(...resources: R[]): R {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [{ fullUrl: 'https://ehr.example/fhir/Patient/p1', resource: { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1985-04-02' } }, ...resources.map((resource) => ({ resource }))],
  };
}

export const code = (system: string, c: string, display?: string) => ({ coding: [{ system, code: c, ...(display ? { display } : {}) }] });
export const active = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] };
export const resolved = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'resolved' }] };

export function condition(c: R, extra: R = {}): R {
  return { resourceType: 'Condition', subject, code: c, clinicalStatus: active, ...extra };
}

export function edss(date: string, score: number, extra: R = {}): R {
  return { resourceType: 'Observation', status: 'final', subject, code: code(FUL, 'edss'), effectiveDateTime: date, valueQuantity: { value: score }, ...extra };
}

export function lab(loinc: string, date: string, value: number, unit: string): R {
  return { resourceType: 'Observation', status: 'final', subject, code: code(LNC, loinc), effectiveDateTime: date, valueQuantity: { value, unit } };
}

export function relapse(onset: string, disabling?: boolean, recovery?: string): R {
  const extension = [];
  if (disabling !== undefined) extension.push({ url: `${EXT}relapse-disabling`, valueBoolean: disabling });
  if (recovery !== undefined) extension.push({ url: `${EXT}relapse-recovery`, valueCode: recovery });
  return { resourceType: 'Condition', subject, code: code(FUL, 'relapse'), onsetDateTime: onset, extension };
}

export function statement(med: R, start: string, extra: R = {}): R {
  return { resourceType: 'MedicationStatement', status: 'active', subject, medicationCodeableConcept: med, effectivePeriod: { start }, ...extra };
}
