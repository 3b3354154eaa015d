// The CDS services this product offers (discovery) and the FHIR data each asks the EHR to prefetch:
// what the FHIR mapping (src/fhir) reads to build a history. The same templates are fetched from
// `fhirServer` when the EHR sends no prefetch.

import { ASSESSABLE_DRUGS } from '../../drugs/index.js';

export type HookName = 'order-select' | 'order-sign' | 'patient-view';

export interface CdsServiceDefinition {
  id: string;
  hook: HookName;
  title: string;
  description: string;
  prefetch: Record<string, string>;
}

export const PREFETCH: Record<string, string> = {
  patient: 'Patient/{{context.patientId}}',
  conditions: 'Condition?patient={{context.patientId}}',
  observations: 'Observation?patient={{context.patientId}}',
  medicationRequests: 'MedicationRequest?patient={{context.patientId}}&_include=MedicationRequest:medication',
  medicationStatements: 'MedicationStatement?patient={{context.patientId}}&_include=MedicationStatement:medication',
  medicationAdministrations: 'MedicationAdministration?patient={{context.patientId}}&_include=MedicationAdministration:medication',
  procedures: 'Procedure?patient={{context.patientId}}',
  // Urinary catheter (an alemtuzumab infection risk).
  devices: 'DeviceUseStatement?patient={{context.patientId}}',
  // "Recorded, none" for a section (no relapses, no therapies): empty Lists with emptyReason nilknown,
  // without which an empty section reads as "not recorded".
  lists: 'List?patient={{context.patientId}}',
};

/** "alemtuzumab and mitoxantrone", "a, b or c": the registry's drugs as a title or description names them. */
const drugList = (last: 'and' | 'or') => {
  const d = [...ASSESSABLE_DRUGS];
  return d.length === 1 ? d[0]! : `${d.slice(0, -1).join(', ')} ${last} ${d[d.length - 1]}`;
};

export const CDS_SERVICES: readonly CdsServiceDefinition[] = [
  {
    id: 'fulcrum-order-select',
    hook: 'order-select',
    title: `Fulcrum: ${drugList('and')} benefit-risk`,
    description: `When ${drugList('or')} is selected for a patient with MS (a MedicationRequest with an RxNorm or ATC code; for a therapy given as a procedure, aHSCT, a ServiceRequest with a SNOMED CT, CPT or ICD-10-PCS code), weighs benefit against risk from the record: critical if contraindicated, warning if advised against or if data are missing, info otherwise.`,
    prefetch: PREFETCH,
  },
  {
    id: 'fulcrum-order-sign',
    hook: 'order-sign',
    title: `Fulcrum: ${drugList('and')} check before signing`,
    description: `Before an order for ${drugList('or')} is signed, checks contraindications, the evidence base and missing data; suggests removing the order when it is contraindicated or advised against.`,
    prefetch: PREFETCH,
  },
  {
    id: 'fulcrum-patient-view',
    hook: 'patient-view',
    title: 'Fulcrum: MS high-efficacy therapy standing and safety monitoring',
    description: `Summarises the patient's standing for ${drugList('and')} and any safety monitoring that is due, overdue or abnormal.`,
    prefetch: PREFETCH,
  },
];

export function discovery(): { services: CdsServiceDefinition[] } {
  return { services: CDS_SERVICES.map((s) => ({ ...s, prefetch: { ...s.prefetch } })) };
}

/** Replaces `{{context.x}}` (root-level primitive context fields) and user tokens in a template. */
export function fillTemplate(template: string, context: Record<string, unknown>): string | undefined {
  let ok = true;
  const out = template.replace(/\{\{\s*([A-Za-z.]+)\s*\}\}/g, (_, token: string) => {
    const key = token.startsWith('context.') ? token.slice('context.'.length) : undefined;
    const userId = typeof context.userId === 'string' ? context.userId : '';
    const userToken: Record<string, string> = {
      userPractitionerId: userId.startsWith('Practitioner/') ? userId.slice('Practitioner/'.length) : '',
      userPractitionerRoleId: userId.startsWith('PractitionerRole/') ? userId.slice('PractitionerRole/'.length) : '',
      userPatientId: userId.startsWith('Patient/') ? userId.slice('Patient/'.length) : '',
      userRelatedPersonId: userId.startsWith('RelatedPerson/') ? userId.slice('RelatedPerson/'.length) : '',
    };
    const v = key !== undefined ? context[key] : userToken[token];
    if (typeof v !== 'string' && typeof v !== 'number') {
      ok = false;
      return '';
    }
    return encodeURIComponent(String(v));
  });
  return ok ? out : undefined;
}
