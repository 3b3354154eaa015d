import { readFileSync } from 'node:fs';
import type { ConditionId, DrugId, LabId } from '../history/vocabularies.js';
import { scopeConceptOf } from '../assess/scope.js';
import { valueSetConcepts, valueSetOf } from './value-sets.js';

// The code tables are data (knowledge/codes/*.json, each code with what confirmed it); this module
// only indexes them. Read once, synchronously, when the FHIR layer is first loaded.

export const FULCRUM_SYSTEM = 'https://fulcrum.example/fhir/CodeSystem/fulcrum';
export const FULCRUM_EXTENSION = 'https://fulcrum.example/fhir/StructureDefinition/';
export const SNOMED = 'http://snomed.info/sct';
export const LOINC = 'http://loinc.org';
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const ATC = 'http://www.whocc.no/atc';
export const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
export const LIST_EMPTY_REASON = 'http://terminology.hl7.org/CodeSystem/list-empty-reason';
export const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

const codesRoot = new URL('../../knowledge/codes/', import.meta.url);
function load<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(file, codesRoot), 'utf8')) as T;
}

interface CodeEntry {
  code: string;
  display: string;
  concept: string;
  status: 'confirmed' | 'recalled';
  evidence: string;
}
interface CodeTable {
  system: string;
  codes: CodeEntry[];
}
interface DrugEntry {
  drug: DrugId;
  names: string[];
  rxnorm: string[];
  atc: string[];
}
export interface CodeSystemConcept {
  code: string;
  display: string;
}

const snomed = load<CodeTable>('snomed.json');
const loinc = load<CodeTable>('loinc.json');
const drugTable = load<{ drugs: DrugEntry[] }>('drugs.json');
const fulcrum = load<{ url: string; concept: CodeSystemConcept[] }>('fulcrum-codesystem.json');

if (fulcrum.url !== FULCRUM_SYSTEM) throw new Error('knowledge/codes/fulcrum-codesystem.json: url differs from the code');

/**
 * What a coding means to the product, as `kind:value` (`condition:hiv`, `lab:platelets`, `ms`,
 * `phenotype:SPMS`, `edss`, `fs:pyramidal`, `drug:alemtuzumab`...). Keys are `system|code`.
 */
const concepts = new Map<string, string>();
const displays = new Map<string, string>();
for (const table of [snomed, loinc]) {
  for (const e of table.codes) {
    if (e.status !== 'confirmed') continue;
    concepts.set(`${table.system}|${e.code}`, e.concept);
    displays.set(`${table.system}|${e.code}`, e.display);
  }
}
const PREFIXES: [string, string][] = [
  ['condition-', 'condition:'],
  ['lab-', 'lab:'],
  ['drug-', 'drug:'],
  ['stop-', 'stop:'],
  ['fs-', 'fs:'],
  ['section-', 'section:'],
  ['test-', 'test:'],
];
const PHENOTYPE_CODES: Record<string, string> = { cis: 'CIS', rrms: 'RRMS', spms: 'SPMS', ppms: 'PPMS' };
for (const c of fulcrum.concept) {
  const key = `${FULCRUM_SYSTEM}|${c.code}`;
  displays.set(key, c.display);
  const phenotype = PHENOTYPE_CODES[c.code];
  if (phenotype) {
    concepts.set(key, `phenotype:${phenotype}`);
    continue;
  }
  const prefix = PREFIXES.find(([p]) => c.code.startsWith(p));
  if (!prefix) {
    concepts.set(key, c.code);
    continue;
  }
  // fs-bowel-bladder is bowelBladder in the history.
  const rest = c.code.slice(prefix[0].length);
  concepts.set(key, prefix[1] + (prefix[1] === 'fs:' ? rest.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase()) : rest));
}

const drugNames = new Map<DrugId, string[]>();
for (const d of drugTable.drugs) {
  drugNames.set(d.drug, d.names);
  for (const code of d.rxnorm) concepts.set(`${RXNORM}|${code}`, `drug:${d.drug}`);
  for (const code of d.atc) concepts.set(`${ATC}|${code}`, `drug:${d.drug}`);
}

/** Where each site mapping came from (`system|code` -> its source), for the mapping report. */
const siteSources = new Map<string, string>();

/**
 * Site codes: a clinic whose EHR uses local codes (e.g. its own EDSS code) lists them in a JSON file
 * named by FULCRUM_SITE_CODES: `[{ "system": "...", "code": "...", "concept": "edss", "source": "..." }]`,
 * each concept one the product already reads and each mapping with its source (who decided it, from
 * what). Read and validated when the FHIR layer loads, that is at start-up of the CLI, the service
 * and CDS Hooks; a bad file stops the start with the entry named. Standard codes cannot be redefined.
 */
export function loadSiteCodes(entries: unknown, source: string): void {
  const known = new Set([...concepts.values(), ...valueSetConcepts()]);
  if (!Array.isArray(entries)) throw new Error(`${source}: must be a list of { system, code, concept, source }`);
  const problems: string[] = [];
  const accepted: [string, string, string][] = [];
  entries.forEach((e, i) => {
    const x = e as { system?: unknown; code?: unknown; concept?: unknown; source?: unknown };
    if (typeof x.system !== 'string' || typeof x.code !== 'string' || typeof x.concept !== 'string')
      return problems.push(`${source}[${i}]: needs system, code and concept strings`);
    if (typeof x.source !== 'string' || x.source.trim() === '')
      return problems.push(`${source}[${i}].source: is required: who decided this mapping, from what`);
    if (!known.has(x.concept)) return problems.push(`${source}[${i}].concept: "${x.concept}" is not a concept the product reads`);
    const key = `${x.system}|${x.code}`;
    const existing = concepts.get(key) ?? valueSetOf(x.system, x.code)?.concept;
    if (existing !== undefined && existing !== x.concept) return problems.push(`${source}[${i}]: ${key} already means ${existing}`);
    accepted.push([key, x.concept, x.source]);
  });
  // Every problem at once, and nothing loaded from a file that has one.
  if (problems.length > 0) throw new Error(problems.join('; '));
  for (const [key, concept, from] of accepted) {
    concepts.set(key, concept);
    siteSources.set(key, from);
  }
  bySystem = undefined;
}

/** The source of a site mapping, when the code is one. */
export function siteMappingSource(system: string | undefined, code: string | undefined): string | undefined {
  return siteSources.get(`${system}|${code}`);
}

const siteCodes = process.env.FULCRUM_SITE_CODES;
if (siteCodes) loadSiteCodes(JSON.parse(readFileSync(siteCodes, 'utf8')), siteCodes);

/** concepts by system then code: the lookup runs for every coding of every resource screened. */
let bySystem: Map<string, Map<string, string>> | undefined;
function index(): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [key, concept] of concepts) {
    const bar = key.indexOf('|');
    const system = key.slice(0, bar);
    let m = out.get(system);
    if (!m) out.set(system, (m = new Map()));
    m.set(key.slice(bar + 1), concept);
  }
  return out;
}

export function conceptOf(system: string | undefined, code: string | undefined): string | undefined {
  if (system === undefined || code === undefined) return undefined;
  bySystem ??= index();
  const concept = bySystem.get(system)?.get(code);
  if (concept !== undefined) return concept;
  // The value sets (knowledge/codes/value-sets/): descendants, ICD-10 codes and ranges, more LOINC.
  const vs = valueSetOf(system, code);
  if (vs !== undefined) return vs.concept;
  // The MS value set (knowledge/codes/ms-scope.json): SNOMED descendants of MS not in the table and
  // ICD-10 / ICD-10-CM G35 with its subcodes read as the MS Condition.
  return scopeConceptOf(system, code) === 'ms' ? 'ms' : undefined;
}

/** A "History of X (situation)" code (or ICD-10 "old X"): the value sets say it records a past X. */
export function isHistoryCode(system: string | undefined, code: string | undefined): boolean {
  return valueSetOf(system, code)?.history === true;
}

export function displayOf(system: string, code: string): string | undefined {
  return displays.get(`${system}|${code}`);
}

/**
 * Whether a display text given with a drug code names the drug. A code whose display names another
 * drug is not trusted: a wrong code read silently could hide a prior therapy.
 */
export function displayNamesDrug(drug: DrugId, display: string): boolean {
  const names = drugNames.get(drug) ?? [];
  if (names.length === 0) return true;
  const text = display.toLowerCase();
  return names.some((n) => text.includes(n));
}

/** First standard code for a concept, for writing FHIR (product code used when none). */
export function standardCoding(concept: string): { system: string; code: string; display: string } | undefined {
  for (const table of [snomed, loinc]) {
    const e = table.codes.find((x) => x.concept === concept && x.status === 'confirmed');
    if (e) return { system: table.system, code: e.code, display: e.display };
  }
  return undefined;
}

export function drugCodings(drug: DrugId): { system: string; code: string }[] {
  const d = drugTable.drugs.find((x) => x.drug === drug);
  if (!d) return [];
  return [...d.rxnorm.slice(0, 1).map((code) => ({ system: RXNORM, code })), ...d.atc.slice(0, 1).map((code) => ({ system: ATC, code }))];
}

export function fulcrumCoding(code: string): { system: string; code: string; display: string } {
  const display = displays.get(`${FULCRUM_SYSTEM}|${code}`);
  if (display === undefined) throw new Error(`no product code "${code}" in knowledge/codes/fulcrum-codesystem.json`);
  return { system: FULCRUM_SYSTEM, code, display };
}

export type Concept = string;
export type { ConditionId, DrugId, LabId };
