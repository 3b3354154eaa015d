import type { ScopeConcept } from '../assess/scope.js';
import { conceptOf } from './codes.js';

// What a FHIR record says about MS before it is mapped: whether any asserted Condition carries a code
// of the MS value set (knowledge/codes/ms-scope.json). CDS Hooks asks this first, so that a record of
// a patient without MS is neither mapped into a stored history nor answered with a card, even when
// the record has problems that would make it unreadable.

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Verification statuses that do not assert the condition (as the mapping reads them). */
const NOT_ASSERTED = new Set(['refuted', 'entered-in-error', 'unconfirmed', 'provisional', 'differential']);

/** The strongest scope concept among a CodeableConcept's codings: `ms` over `cis`. */
export function scopeOfConcept(cc: unknown): ScopeConcept | undefined {
  if (!isObj(cc) || !Array.isArray(cc.coding)) return undefined;
  let found: ScopeConcept | undefined;
  for (const c of cc.coding as unknown[]) {
    if (!isObj(c)) continue;
    // The mapping's own reading (the MS value set, the product's course codes and a site's codes).
    const concept = conceptOf(typeof c.system === 'string' ? c.system : undefined, typeof c.code === 'string' ? c.code : undefined);
    const s: ScopeConcept | undefined = concept === 'phenotype:CIS' ? 'cis' : concept === 'ms' || concept?.startsWith('phenotype:') ? 'ms' : undefined;
    if (s === 'ms') return 'ms';
    found ??= s;
  }
  return found;
}

function asserted(condition: Json): boolean {
  const v =
    isObj(condition.verificationStatus) && Array.isArray(condition.verificationStatus.coding)
      ? (condition.verificationStatus.coding as unknown[]).find(isObj)?.code
      : undefined;
  return !(typeof v === 'string' && NOT_ASSERTED.has(v));
}

/** `ms` when an asserted Condition of the record is in the MS value set, `cis` for a CIS only, else undefined. */
export function sourceMsScope(bundle: unknown): ScopeConcept | undefined {
  if (!isObj(bundle) || !Array.isArray(bundle.entry)) return undefined;
  let found: ScopeConcept | undefined;
  for (const e of bundle.entry as unknown[]) {
    const r = isObj(e) ? e.resource : undefined;
    if (!isObj(r) || r.resourceType !== 'Condition' || !asserted(r)) continue;
    const s = scopeOfConcept(r.code);
    if (s === 'ms') return 'ms';
    found ??= s;
  }
  return found;
}

/** The product's condition ids (of `wanted`) that asserted Conditions of the record carry. */
export function sourceConditions<T extends string>(bundle: unknown, wanted: ReadonlySet<T>): T[] {
  if (!isObj(bundle) || !Array.isArray(bundle.entry)) return [];
  const out = new Set<T>();
  for (const e of bundle.entry as unknown[]) {
    const r = isObj(e) ? e.resource : undefined;
    if (!isObj(r) || r.resourceType !== 'Condition' || !asserted(r) || !isObj(r.code) || !Array.isArray(r.code.coding)) continue;
    for (const c of r.code.coding as unknown[]) {
      if (!isObj(c)) continue;
      const concept = conceptOf(typeof c.system === 'string' ? c.system : undefined, typeof c.code === 'string' ? c.code : undefined);
      if (concept?.startsWith('condition:') && wanted.has(concept.slice(10) as T)) out.add(concept.slice(10) as T);
    }
  }
  return [...out];
}
