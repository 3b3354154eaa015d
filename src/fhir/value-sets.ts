import { checkedKnowledge } from '../knowledge/checked.js';
import type { ValueSetDef, ValueSetMember } from './value-set-files.js';

export type { ValueSetDef } from './value-set-files.js';

// The value sets of knowledge/codes/value-sets/ and the one matcher that reads them. A value set says
// which codes stand for a product concept: exact codes (SNOMED CT descendants enumerated, LOINC),
// ICD-10 codes with their subcodes (prefix) or ranges of three-character categories. Every member
// carries its source; this module holds no code of its own.

export interface ValueSetMatch {
  concept: string;
  valueSet: string;
  history: boolean;
}

interface Rule {
  kind: 'prefix' | 'range';
  from: string;
  to: string;
  match: ValueSetMatch;
  exclude: boolean;
}

/** ICD-10 codes are written with and without the dot ("I25.2", "I252"): matched without it. */
const bare = (code: string) => code.replace(/\./g, '').toUpperCase();

export const valueSets: ValueSetDef[] = [];
const exact = new Map<string, ValueSetMatch>();
const rules = new Map<string, Rule[]>();
const notRead = new Map<string, string>();
const grades = new Map<string, { test: string; grade: number }>();
const qualitatives = new Map<string, { test: string; value: 'positive' | 'negative' }>();
const gradeWords = new Map<string, number>();
const concentrationGrades = new Map<string, { unit: string; from: { min: number; grade: number }[] }>();

const FILES = await checkedKnowledge('fhir/value-sets', async () => (await import('./value-set-files.js')).readValueSetFiles());

for (const { file, data: f } of FILES) {
  const system = (key: string, where: string) => {
    const s = f.systems[key];
    if (s === undefined) throw new Error(`knowledge/codes/value-sets/${file}: ${where}: system "${key}" is not declared in "systems"`);
    return s;
  };
  for (const vs of f.valueSets ?? []) {
    valueSets.push(vs);
    const add = (m: ValueSetMember, exclude: boolean) => {
      const sys = system(m.system, vs.id);
      const match: ValueSetMatch = { concept: vs.concept, valueSet: vs.id, history: m.meaning === 'history' };
      if (m.code !== undefined) {
        const key = `${sys}|${m.code}`;
        const before = exact.get(key);
        if (before && before.concept !== vs.concept) throw new Error(`knowledge/codes/value-sets/${file}: ${key} is in both ${before.valueSet} and ${vs.id}`);
        if (!exclude) exact.set(key, match);
        return;
      }
      const [from, to] = m.prefix !== undefined ? [bare(m.prefix), bare(m.prefix)] : [bare(m.range![0]), bare(m.range![1])];
      let list = rules.get(sys);
      if (!list) rules.set(sys, (list = []));
      list.push({ kind: m.prefix !== undefined ? 'prefix' : 'range', from, to, match, exclude });
    };
    for (const m of vs.members) add(m, false);
    for (const m of vs.exclude ?? []) add(m, true);
  }
  for (const n of f.notRead ?? []) notRead.set(`${system(n.system, n.code)}|${n.code}`, n.reason);
  for (const g of f.grades ?? []) grades.set(`${system(g.system, g.code)}|${g.code}`, { test: g.test, grade: g.grade });
  for (const q of f.qualitative ?? []) qualitatives.set(`${system(q.system, q.code)}|${q.code}`, { test: q.test, value: q.value });
  for (const [w, g] of Object.entries(f.gradeWords?.words ?? {})) gradeWords.set(w, g);
  for (const c of f.concentrationGrades ?? []) concentrationGrades.set(c.test, { unit: c.unit, from: c.from });
}

function covers(rule: Rule, code: string): boolean {
  if (rule.kind === 'prefix') return code.startsWith(rule.from);
  const head = code.slice(0, rule.from.length);
  return head.length === rule.from.length && head >= rule.from && head <= rule.to;
}

/**
 * The value set a code belongs to. Within a value set the most specific rule decides (a longer prefix
 * over a shorter one, an exclusion over an inclusion of the same length); across value sets the most
 * specific match wins, so I25.2 (old myocardial infarction) is not read as I25 (chronic ischaemic
 * heart disease).
 */
export function valueSetOf(system: string | undefined, code: string | undefined): ValueSetMatch | undefined {
  if (system === undefined || code === undefined) return undefined;
  const hit = exact.get(`${system}|${code}`);
  if (hit) return hit;
  const list = rules.get(system);
  if (!list) return undefined;
  const c = bare(code);
  // Per value set, its most specific rule (an exclusion cancels only its own value set's inclusion).
  const bySet = new Map<string, Rule>();
  for (const r of list) {
    if (!covers(r, c)) continue;
    const best = bySet.get(r.match.valueSet);
    if (!best || r.from.length > best.from.length || (r.from.length === best.from.length && r.exclude)) bySet.set(r.match.valueSet, r);
  }
  let found: Rule | undefined;
  for (const r of bySet.values()) if (!r.exclude && (!found || r.from.length > found.from.length)) found = r;
  return found?.match;
}

/** Why a standard code is deliberately not read (eGFR, blood pressure), when the value sets say. */
export function notReadReason(system: string | undefined, code: string | undefined): string | undefined {
  return system === undefined || code === undefined ? undefined : notRead.get(`${system}|${code}`);
}

/** A dipstick grade a coded result stands for, for the test it names. */
export function gradeOf(system: string | undefined, code: string | undefined): { test: string; grade: number } | undefined {
  return system === undefined || code === undefined ? undefined : grades.get(`${system}|${code}`);
}

export function qualitativeOf(system: string | undefined, code: string | undefined): { test: string; value: 'positive' | 'negative' } | undefined {
  return system === undefined || code === undefined ? undefined : qualitatives.get(`${system}|${code}`);
}

/** A dipstick grade written as text ("trace", "++", "2+"). */
export function gradeOfWord(text: string): number | undefined {
  return gradeWords.get(text.trim().toLowerCase());
}

/**
 * The dipstick grade a concentration stands for (urine protein in mg/dL), from the nominal colour
 * blocks of results.json; undefined when the test has no such table or the unit is not its unit.
 */
export function gradeOfConcentration(test: string, value: number, unit: string): number | undefined {
  const table = concentrationGrades.get(test);
  if (!table || unit.replace(/\s+/g, '').toLowerCase() !== table.unit.toLowerCase() || !(value >= 0)) return undefined;
  let grade = 0;
  for (const b of table.from) if (value >= b.min) grade = b.grade;
  return grade;
}

/** The unit a test's concentrations are graded from, when it has a table. */
export function concentrationUnitOf(test: string): string | undefined {
  return concentrationGrades.get(test)?.unit;
}

/** Every concept the value sets define (for validating site mappings). */
export function valueSetConcepts(): Set<string> {
  return new Set(valueSets.map((v) => v.concept));
}
