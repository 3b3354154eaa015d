import type { AssessDrug, LabelId } from '../drugs/index.js';
import type { History } from '../history/schema.js';
import { checkedKnowledge } from '../knowledge/checked.js';
import type { ScopeFile } from './scope-file.js';

// The one definition of "in Fulcrum's scope" (knowledge/codes/ms-scope.json): a recorded MS
// diagnosis, or a clinically isolated syndrome where the therapy's label includes it. Every door asks
// here: assess and the API (a history out of scope gets `not-applicable`), screening (counted apart,
// decided before any rule runs), CDS Hooks (no card, nothing stored) and the FHIR mapping (the value
// set's codes). The drugs Fulcrum weighs all have other licensed uses (cancers, leukaemias), so an
// order alone says nothing about MS.

const SCOPE: ScopeFile = await checkedKnowledge('assess/scope', async () => (await import('./scope-file.js')).SCOPE_FILE);

/** What a coding says about the patient's MS: `ms`, `cis`, or nothing (another disease, or unknown). */
export type ScopeConcept = 'ms' | 'cis';

const snomedMembers = new Set(SCOPE.msValueSet.snomed.members.map((m) => m.code));
const icdSystems = new Set(SCOPE.msValueSet.icd10.systems);
const icdPrefix = SCOPE.msValueSet.icd10.prefix;
const productMs = new Set(SCOPE.msValueSet.product.ms);
const productCis = new Set(SCOPE.msValueSet.product.cis);

/** Whether a coding is in the MS value set (or names a clinically isolated syndrome). */
export function scopeConceptOf(system: string | undefined, code: string | undefined): ScopeConcept | undefined {
  if (system === undefined || code === undefined) return undefined;
  if (system === SCOPE.msValueSet.snomed.system) return snomedMembers.has(code) ? 'ms' : undefined;
  if (icdSystems.has(system)) {
    const c = code.toUpperCase();
    return c === icdPrefix || c.startsWith(`${icdPrefix}.`) ? 'ms' : undefined;
  }
  if (system === SCOPE.msValueSet.product.system) return productMs.has(code) ? 'ms' : productCis.has(code) ? 'cis' : undefined;
  return undefined;
}

/** The ICD-10 systems whose G35 codes the FHIR mapping reads as MS. */
export const MS_ICD10_SYSTEMS: readonly string[] = SCOPE.msValueSet.icd10.systems;

/** Whether the label assessed includes a clinically isolated syndrome for this drug. */
export function cisOnLabel(drug: AssessDrug, label: LabelId): boolean {
  return SCOPE.cisOnLabel[drug][label];
}

/** Names of products of an assessed substance that are licensed for other diseases (Campath...). */
export function otherProductNames(drug: AssessDrug): readonly string[] {
  return SCOPE.otherProducts[drug].names;
}

export type Scope = { inScope: true; basis: 'ms-diagnosis' | 'ms-course' | 'cis-on-label' | 'ms-in-source' } | { inScope: false; message: string };

export const NOT_APPLICABLE_CODE = 'scope.no-ms-diagnosis';

/**
 * Whether a history is within Fulcrum's purpose for one therapy (knowledge/codes/ms-scope.json,
 * historyRule): msDiagnosis or msOnset recorded, or a course RRMS/SPMS/PPMS, or CIS where the label
 * includes it. `msInSource`: the FHIR source holds an MS Condition that gave the history no date
 * (a bare problem-list entry), which counts as recorded.
 */
export function msScope(history: Pick<History, 'msDiagnosis' | 'msOnset' | 'course'>, drug: AssessDrug, label: LabelId, msInSource = false): Scope {
  if (history.msDiagnosis !== undefined || history.msOnset !== undefined) return { inScope: true, basis: 'ms-diagnosis' };
  const phenotype = history.course?.phenotype;
  if (phenotype === 'RRMS' || phenotype === 'SPMS' || phenotype === 'PPMS') return { inScope: true, basis: 'ms-course' };
  if (phenotype === 'CIS' && cisOnLabel(drug, label)) return { inScope: true, basis: 'cis-on-label' };
  if (msInSource) return { inScope: true, basis: 'ms-in-source' };
  return {
    inScope: false,
    message:
      phenotype === 'CIS'
        ? `No MS diagnosis recorded: the recorded course is a clinically isolated syndrome, which the ${label.toUpperCase()} label of this drug does not include. Fulcrum weighs this drug for MS only.`
        : 'No MS diagnosis recorded (no diagnosis or onset date, no MS course): Fulcrum weighs this drug for MS only and makes no assessment.',
  };
}
