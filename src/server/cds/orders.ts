import { conceptOf, displayNamesDrug } from '../../fhir/codes.js';
import type { AssessDrug } from '../../assess/index.js';
import { ASSESSABLE_DRUGS } from '../../drugs/index.js';

// Which assessed drug a draft MedicationRequest orders, from its RxNorm or ATC coding (the FHIR
// mapping's code table, knowledge/codes/drugs.json), in medicationCodeableConcept or in the Medication
// it references (contained, or elsewhere in draftOrders). A coding whose display names another drug
// is not trusted, as in the FHIR mapping.

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const ASSESSED: readonly AssessDrug[] = ASSESSABLE_DRUGS;

export interface DraftOrder {
  drug: AssessDrug;
  /** `MedicationRequest/<id>`, for suggestions that act on the order. */
  reference?: string;
  resource: Json;
}

function drugOfConcept(cc: unknown): AssessDrug | undefined {
  if (!isObj(cc) || !Array.isArray(cc.coding)) return undefined;
  for (const c of cc.coding as unknown[]) {
    if (!isObj(c)) continue;
    const concept = conceptOf(typeof c.system === 'string' ? c.system : undefined, typeof c.code === 'string' ? c.code : undefined);
    const drug = concept?.startsWith('drug:') ? (concept.slice(5) as AssessDrug) : undefined;
    if (!drug || !ASSESSED.includes(drug)) continue;
    if (typeof c.display === 'string' && !displayNamesDrug(drug, c.display)) continue;
    return drug;
  }
  return undefined;
}

function resolveMedication(ref: unknown, request: Json, others: Map<string, Json>): Json | undefined {
  if (!isObj(ref) || typeof ref.reference !== 'string') return undefined;
  const r = ref.reference;
  if (r.startsWith('#')) {
    const contained = Array.isArray(request.contained) ? (request.contained as unknown[]) : [];
    return contained.find((x): x is Json => isObj(x) && x.resourceType === 'Medication' && x.id === r.slice(1));
  }
  return others.get(r) ?? others.get(r.replace(/^.*\/(Medication\/[^/]+)$/, '$1'));
}

/** The alemtuzumab and mitoxantrone orders among the draft orders (only the selected ones when `selections` is given). */
export function assessedOrders(draftOrders: unknown, selections?: readonly string[]): DraftOrder[] {
  if (!isObj(draftOrders) || !Array.isArray(draftOrders.entry)) return [];
  const resources = (draftOrders.entry as unknown[]).map((e) => (isObj(e) ? e.resource : undefined)).filter(isObj);
  const byRef = new Map<string, Json>();
  for (const e of draftOrders.entry as unknown[]) {
    if (!isObj(e) || !isObj(e.resource)) continue;
    if (typeof e.resource.id === 'string') byRef.set(`${String(e.resource.resourceType)}/${e.resource.id}`, e.resource);
    if (typeof e.fullUrl === 'string') byRef.set(e.fullUrl, e.resource);
  }
  const out: DraftOrder[] = [];
  for (const r of resources) {
    if (r.resourceType !== 'MedicationRequest') continue;
    const reference = typeof r.id === 'string' ? `MedicationRequest/${r.id}` : undefined;
    if (selections && (!reference || !selections.includes(reference))) continue;
    const med = r.medicationCodeableConcept !== undefined ? r.medicationCodeableConcept : resolveMedication(r.medicationReference, r, byRef)?.code;
    const drug = drugOfConcept(med);
    if (drug) out.push({ drug, resource: r, ...(reference ? { reference } : {}) });
  }
  return out;
}
