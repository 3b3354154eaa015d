import { conceptOf, displayNamesDrug } from '../../fhir/codes.js';
import type { AssessDrug } from '../../assess/index.js';
import { ASSESSABLE_DRUGS } from '../../drugs/index.js';
import { MS_ICD10_SYSTEMS, otherProductNames } from '../../assess/scope.js';
import { scopeOfConcept } from '../../fhir/source-scope.js';
import { SNOMED } from '../../fhir/codes.js';
import { MIMIC_DRUGS } from '../../assess/mimics.js';
import type { DrugId } from '../../history/vocabularies.js';

// Which assessed drug a draft MedicationRequest orders, from its RxNorm or ATC coding (the FHIR
// mapping's code table, knowledge/codes/drugs.json), in medicationCodeableConcept or in the Medication
// it references (contained, or elsewhere in draftOrders). A therapy given as a procedure (aHSCT) has no
// medicine code: a draft ServiceRequest names it by its procedure code (SNOMED CT, CPT, ICD-10-PCS:
// knowledge/codes/value-sets/procedures.json). A Procedure is not an order resource of these hooks
// (draftOrders holds requests) and is not read here. A coding whose display names another drug is not
// trusted, as in the FHIR mapping.

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const ASSESSED: readonly AssessDrug[] = ASSESSABLE_DRUGS;

export interface DraftOrder {
  drug: AssessDrug;
  /** `MedicationRequest/<id>` or `ServiceRequest/<id>`, for suggestions that act on the order. */
  reference?: string;
  resource: Json;
  /** The order names a product of the substance licensed for another disease (Campath...). */
  otherProduct?: string;
}

/** Systems whose codes say what a reason is: a reason coded only in a local system is not judged. */
const STANDARD_REASON_SYSTEMS = new Set([SNOMED, ...MS_ICD10_SYSTEMS]);

/**
 * What the order's stated reason says (MedicationRequest.reasonCode, or the Conditions its
 * reasonReference names, found by `resolve`): `ms` when one is in the MS value set (or a CIS),
 * `other` when every reason is coded in a standard system and none is MS, `unstated` otherwise.
 */
export function orderReason(order: Json, resolve: (reference: string) => Json | undefined): 'ms' | 'other' | 'unstated' {
  const concepts: unknown[] = Array.isArray(order.reasonCode) ? [...(order.reasonCode as unknown[])] : [];
  if (Array.isArray(order.reasonReference)) {
    for (const ref of order.reasonReference as unknown[]) {
      const r = isObj(ref) && typeof ref.reference === 'string' ? resolve(ref.reference) : undefined;
      if (r && r.resourceType === 'Condition') concepts.push(r.code);
    }
  }
  let coded = false;
  for (const cc of concepts) {
    if (scopeOfConcept(cc) !== undefined) return 'ms';
    if (
      isObj(cc) &&
      Array.isArray(cc.coding) &&
      (cc.coding as unknown[]).some((c) => isObj(c) && typeof c.system === 'string' && STANDARD_REASON_SYSTEMS.has(c.system) && typeof c.code === 'string')
    )
      coded = true;
  }
  return coded ? 'other' : 'unstated';
}

/** The name of a non-MS product of the drug that the order's medication names, if any (whole words). */
function namedOtherProduct(drug: AssessDrug, med: unknown): string | undefined {
  const names = otherProductNames(drug);
  if (names.length === 0 || !isObj(med)) return undefined;
  const texts = [
    typeof med.text === 'string' ? med.text : '',
    ...(Array.isArray(med.coding) ? (med.coding as unknown[]).map((c) => (isObj(c) && typeof c.display === 'string' ? c.display : '')) : []),
  ]
    .join(' ')
    .toLowerCase();
  return names.find((n) => new RegExp(`\\b${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(texts));
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

/** What a draft order orders: a MedicationRequest's medication, a ServiceRequest's code (a procedure such as aHSCT). */
function orderedConcept(r: Json, byRef: Map<string, Json>): unknown {
  if (r.resourceType === 'ServiceRequest') return r.code;
  return r.medicationCodeableConcept !== undefined ? r.medicationCodeableConcept : resolveMedication(r.medicationReference, r, byRef)?.code;
}

/** The orders of assessed therapies among the draft orders (only the selected ones when `selections` is given). */
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
    if (r.resourceType !== 'MedicationRequest' && r.resourceType !== 'ServiceRequest') continue;
    const reference = typeof r.id === 'string' ? `${r.resourceType}/${r.id}` : undefined;
    if (selections && (!reference || !selections.includes(reference))) continue;
    const med = orderedConcept(r, byRef);
    const drug = drugOfConcept(med);
    if (!drug) continue;
    const otherProduct = namedOtherProduct(drug, med);
    out.push({ drug, resource: r, ...(reference ? { reference } : {}), ...(otherProduct ? { otherProduct } : {}) });
  }
  return out;
}

/**
 * Finds a resource of a Bundle by `Type/id` (with or without a base URL) or by fullUrl; with `only`,
 * of that resource type alone (what a cache may keep of a whole record).
 */
export function resourceResolver(bundle: unknown, only?: string): (reference: string) => Json | undefined {
  const byRef = new Map<string, Json>();
  for (const b of [bundle]) {
    if (!isObj(b) || !Array.isArray(b.entry)) continue;
    for (const e of b.entry as unknown[]) {
      if (!isObj(e) || !isObj(e.resource) || (only !== undefined && e.resource.resourceType !== only)) continue;
      if (typeof e.resource.id === 'string') byRef.set(`${String(e.resource.resourceType)}/${e.resource.id}`, e.resource);
      if (typeof e.fullUrl === 'string') byRef.set(e.fullUrl, e.resource);
    }
  }
  return (reference) => byRef.get(reference) ?? byRef.get(reference.replace(/^.*\/([A-Za-z]+\/[^/]+)$/, '$1'));
}

/**
 * The drugs among the draft orders that have a reported worsening in an MS mimic (natalizumab,
 * fingolimod, interferon beta, alemtuzumab: knowledge/risks/mimics.json), whether Fulcrum assesses
 * them or not (only the selected orders when `selections` is given).
 */
export function mimicDrugOrders(draftOrders: unknown, selections?: readonly string[]): DrugId[] {
  if (!isObj(draftOrders) || !Array.isArray(draftOrders.entry)) return [];
  const byRef = new Map<string, Json>();
  const resources: Json[] = [];
  for (const e of draftOrders.entry as unknown[]) {
    if (!isObj(e) || !isObj(e.resource)) continue;
    resources.push(e.resource);
    if (typeof e.resource.id === 'string') byRef.set(`${String(e.resource.resourceType)}/${e.resource.id}`, e.resource);
    if (typeof e.fullUrl === 'string') byRef.set(e.fullUrl, e.resource);
  }
  const out = new Set<DrugId>();
  for (const r of resources) {
    if (r.resourceType !== 'MedicationRequest') continue;
    const reference = typeof r.id === 'string' ? `MedicationRequest/${r.id}` : undefined;
    if (selections && (!reference || !selections.includes(reference))) continue;
    const med = r.medicationCodeableConcept !== undefined ? r.medicationCodeableConcept : resolveMedication(r.medicationReference, r, byRef)?.code;
    if (!isObj(med) || !Array.isArray(med.coding)) continue;
    for (const c of med.coding as unknown[]) {
      if (!isObj(c)) continue;
      const concept = conceptOf(typeof c.system === 'string' ? c.system : undefined, typeof c.code === 'string' ? c.code : undefined);
      const drug = concept?.startsWith('drug:') ? (concept.slice(5) as DrugId) : undefined;
      if (!drug || !MIMIC_DRUGS.has(drug)) continue;
      if (typeof c.display === 'string' && !displayNamesDrug(drug, c.display)) continue;
      out.add(drug);
      break;
    }
  }
  return [...out];
}
