import type { CodeableConcept, Coding, Extension, Reference, Resource } from 'fhir/r4.js';
import type { Condition, EdssVisit, History, Lab, Mri, PerformanceTest, Relapse, Therapy } from '../history/schema.js';
import type { DrugId, Phenotype } from '../history/vocabularies.js';
import { FULCRUM_EXTENSION, conceptOf, displayNamesDrug } from './codes.js';
import type { FhirIssue, MappingReportEntry } from './outcome.js';
import { notReadReason } from './value-sets.js';

// The shared state of one Bundle's mapping: what has been read so far (each item with the FHIRPath
// location it came from, so later validation problems point back into the Bundle), what was not
// used and why, and what is wrong.

export type Json = Record<string, unknown>;
export const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface Located<T> {
  value: T;
  loc: string;
}

export interface Dated<T> extends Located<T> {
  /** Full or partial date the value was observed, for "latest wins" fields; undefined if undated. */
  date: string | undefined;
}

export interface PendingDose {
  drug: DrugId;
  date: string;
  amount: number;
  unit: 'mg' | 'mg/m2';
  loc: string;
  /** The MedicationStatement this dose belongs to, when the Bundle says so (supportingInformation). */
  statementKey: string | undefined;
}

export interface PendingTherapy extends Located<Therapy> {
  /** Keys by which administrations may point at it: `MedicationStatement/id` and its fullUrl. */
  keys: string[];
  source: 'statement' | 'request' | 'procedure';
}

export class Reader {
  readonly issues: FhirIssue[] = [];
  readonly report: MappingReportEntry[] = [];
  patientKeys = new Set<string>();
  historyId: Located<string> | undefined;
  birthDate: string | undefined;
  sex: History['sex'];
  ms: Located<{ onset?: string; diagnosis?: string }> | undefined;
  courses: Located<{ phenotype: Phenotype; since?: string; active: boolean }>[] = [];
  edss: Located<EdssVisit>[] = [];
  relapses: Located<Relapse>[] = [];
  mri: Located<Mri>[] = [];
  performanceTests: Located<PerformanceTest>[] = [];
  therapies: PendingTherapy[] = [];
  requests: PendingTherapy[] = [];
  doses: PendingDose[] = [];
  conditions: Located<Condition>[] = [];
  labs: (Located<Lab> & { fields: Record<string, string> })[] = [];
  height: Dated<number>[] = [];
  weight: Dated<number>[] = [];
  pregnant: Dated<boolean>[] = [];
  breastfeeding: Dated<boolean>[] = [];
  planning: Dated<number>[] = [];
  emptySections = new Set<string>();
  /** How the report names the resource at each location. */
  readonly names = new Map<string, string>();
  /** Resources by `Type/id` and by fullUrl, for resolving references. */
  readonly byKey = new Map<string, { resource: Json; loc: string }>();
  /** Medication and Device resources that something referenced (the rest are reported). */
  readonly referenced = new Set<string>();

  issue(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  unused(resource: Json, loc: string, reason: string, coding?: MappingReportEntry['coding']): void {
    this.report.push({ resource: resourceName(resource, loc), reason, ...(coding ? { coding } : {}) });
  }

  /**
   * The product concept of a resource's `code`: an issue when its codings disagree, a report entry
   * when no coding is in the product's tables; undefined in both cases.
   */
  codeConcept(r: Json, loc: string): ConceptMatch | undefined {
    const { match, conflict } = conceptIn(r.code as CodeableConcept);
    if (conflict) this.issue(`${loc}.code`, `has codings meaning different things to the product (${conflict.join(', ')})`);
    else if (!match) {
      const first = codings(r.code).find((c) => typeof c.system === 'string' && typeof c.code === 'string');
      const coding = first ? { system: first.system!, code: first.code!, ...(first.display ? { display: first.display } : {}) } : undefined;
      const why = codings(r.code)
        .map((c) => notReadReason(c.system, c.code))
        .find((x) => x !== undefined);
      this.unused(r, loc, why ? `not read: ${why} (${codesText(r.code)})` : `code not in the product's tables (${codesText(r.code)})`, coding);
    }
    return match;
  }

  /** The patient reference a clinical resource must carry; an issue if absent or another patient's. */
  belongsToPatient(ref: unknown, loc: string, field: string): boolean {
    if (ref === undefined) {
      this.issue(`${loc}.${field}`, "is required: without it the resource cannot be tied to the Bundle's patient");
      return false;
    }
    const reference = isObj(ref) ? ref.reference : undefined;
    if (typeof reference !== 'string') {
      this.issue(`${loc}.${field}.reference`, "must be a reference to the Bundle's Patient");
      return false;
    }
    if (!this.isPatientReference(reference)) {
      this.issue(`${loc}.${field}.reference`, `refers to "${reference}", not to the Bundle's Patient: a Bundle must hold one patient's record`);
      return false;
    }
    return true;
  }

  isPatientReference(reference: string): boolean {
    if (this.patientKeys.has(reference)) return true;
    const m = /(?:^|\/)(Patient\/[A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
    return m !== null && this.patientKeys.has(m[1]!);
  }

  resolve(reference: unknown, containedIn?: Json): { resource: Json; loc: string } | undefined {
    if (!isObj(reference) || typeof reference.reference !== 'string') return undefined;
    const ref = reference.reference;
    if (ref.startsWith('#') && containedIn && Array.isArray(containedIn.contained)) {
      const i = containedIn.contained.findIndex((c) => isObj(c) && c.id === ref.slice(1));
      if (i >= 0) return { resource: containedIn.contained[i] as Json, loc: `contained[${i}]` };
      return undefined;
    }
    const direct = this.byKey.get(ref);
    if (direct) return direct;
    const m = /([A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(ref);
    return m ? this.byKey.get(m[1]!) : undefined;
  }
}

/** How the mapping report names a resource: `Type/id`, else its type and location. */
export function resourceName(resource: Json, loc: string): string {
  const type = typeof resource.resourceType === 'string' ? resource.resourceType : 'resource';
  return typeof resource.id === 'string' ? `${type}/${resource.id}` : `${type} at ${loc}`;
}

export function codings(cc: unknown): Coding[] {
  if (!isObj(cc) || !Array.isArray(cc.coding)) return [];
  return (cc.coding as unknown[]).filter(isObj) as Coding[];
}

export interface ConceptMatch {
  concept: string;
  coding: Coding;
}

/**
 * The product concept a CodeableConcept stands for. Codings that map to nothing are ignored (a
 * source may add local codes); codings that map to different concepts make the resource ambiguous.
 */
export function conceptIn(cc: CodeableConcept | undefined): { match?: ConceptMatch; conflict?: string[]; untrustedDrug?: string } {
  const found: ConceptMatch[] = [];
  let untrustedDrug: string | undefined;
  for (const coding of codings(cc)) {
    const concept = conceptOf(coding.system, coding.code);
    if (!concept) continue;
    if (concept.startsWith('drug:') && typeof coding.display === 'string' && !displayNamesDrug(concept.slice(5) as DrugId, coding.display)) {
      untrustedDrug = `${coding.system}|${coding.code} is ${concept.slice(5)} in the product's tables but its display "${coding.display}" names another drug`;
      continue;
    }
    found.push({ concept, coding });
  }
  const distinct = [...new Set(found.map((f) => f.concept))];
  if (distinct.length > 1) {
    // A phenotype coding refines the plain MS coding of the same Condition.
    const refined = distinct.filter((c) => c !== 'ms');
    if (refined.length === 1 && refined[0]!.startsWith('phenotype:')) return { match: found.find((f) => f.concept === refined[0]) };
    return { conflict: distinct };
  }
  if (found.length === 0) return untrustedDrug ? { untrustedDrug } : {};
  return { match: found[0] };
}

export function codesText(cc: unknown): string {
  const cs = codings(cc).map((c) => `${c.system ?? '?'}|${c.code ?? '?'}${c.display ? ` "${c.display}"` : ''}`);
  if (cs.length > 0) return cs.join(', ');
  return isObj(cc) && typeof cc.text === 'string' ? `text "${cc.text}"` : 'no code';
}

export function extension(resource: Json, name: string): (Extension & Json) | undefined {
  if (!Array.isArray(resource.extension)) return undefined;
  const url = FULCRUM_EXTENSION + name;
  return (resource.extension as unknown[]).find((e) => isObj(e) && e.url === url) as (Extension & Json) | undefined;
}

export type { Reference, Resource };
