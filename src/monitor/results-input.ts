import type { Day } from '../history/dates.js';
import type { ValidationIssue } from '../history/validate.js';
import { unitFactor } from '../history/units.js';
import type { LabId } from '../history/vocabularies.js';
import { validateResults, type ResultsValidation } from './results-validate.js';

// Turning the shapes results arrive in (CSV from a lab export, our JSON, FHIR Observations) into the
// raw { date, test, value, unit? } records that validateResults checks. Text in, data out: no I/O.

export interface RawResults {
  results: unknown[];
  /** Where each raw result came from, for error messages (a CSV line, a FHIR path). */
  origins: string[];
  issues: ValidationIssue[];
  /** Resources read and not used, with the reason (never dropped silently). */
  skipped: { path: string; reason: string }[];
}

/** CSV with a header naming the columns date, test, value and optionally unit (any order, comma or semicolon). */
export function parseResultsCsv(text: string, source = 'csv'): RawResults {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: RawResults = { results: [], origins: [], issues: [], skipped: [] };
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt === -1) {
    out.issues.push({ path: source, message: 'is empty: expected a header line "date,test,value,unit"' });
    return out;
  }
  const sep = lines[headerAt]!.includes(';') && !lines[headerAt]!.includes(',') ? ';' : ',';
  const header = splitCsvLine(lines[headerAt]!, sep).map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  for (const required of ['date', 'test', 'value']) {
    if (col(required) === -1)
      out.issues.push({ path: `${source} line ${headerAt + 1}`, message: `the header has no "${required}" column (found: ${header.join(', ')})` });
  }
  const unknown = header.filter((h) => !['date', 'test', 'value', 'unit'].includes(h));
  if (unknown.length)
    out.issues.push({ path: `${source} line ${headerAt + 1}`, message: `unknown column(s) ${unknown.join(', ')}: the columns are date, test, value, unit` });
  if (out.issues.length) return out;
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const cells = splitCsvLine(lines[i]!, sep).map((c) => c.trim());
    if (cells.length > header.length) {
      out.issues.push({ path: `${source} line ${i + 1}`, message: `has ${cells.length} cells; the header has ${header.length}` });
      continue;
    }
    const get = (n: string) => (col(n) === -1 ? '' : (cells[col(n)] ?? ''));
    const raw: Record<string, unknown> = { date: get('date'), test: get('test'), value: csvValue(get('value')) };
    if (get('unit') !== '') raw.unit = get('unit');
    out.results.push(raw);
    out.origins.push(`${source} line ${i + 1}`);
  }
  return out;
}

function csvValue(v: string): unknown {
  const lower = v.toLowerCase();
  if (lower === 'positive' || lower === 'negative') return lower;
  // A decimal comma (European lab exports) is read as a decimal point.
  const n = v.replace(/^(-?\d+),(\d+)$/, '$1.$2');
  return /^-?\d+(\.\d+)?$/.test(n) ? Number(n) : v;
}

function splitCsvLine(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}

// LOINC codes of the monitored tests (shared/knowledge/codes.md; marked [recalled] there: they match
// the LOINC long names "Platelets [#/volume] in Blood by Automated count" etc. as commonly published).
const LOINC: Record<string, LabId> = {
  '777-3': 'platelets',
  '751-8': 'neutrophils',
  '731-0': 'lymphocytes',
  '6690-2': 'leukocytes',
  '718-7': 'hemoglobin',
  '2160-0': 'creatinine',
  '14682-9': 'creatinine',
  '3016-3': 'tsh',
  '3024-7': 'free-t4',
  '20454-5': 'urine-protein',
  '5794-3': 'urine-blood',
  '10230-1': 'lvef',
  '1742-6': 'alt',
};
// The same qualitative codes the history's FHIR mapping reads (src/fhir/read-clinical.ts).
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const QUALITATIVE: Record<string, 'positive' | 'negative'> = {
  'http://snomed.info/sct|10828004': 'positive',
  'http://snomed.info/sct|260385009': 'negative',
  [`${INTERPRETATION}|POS`]: 'positive',
  [`${INTERPRETATION}|DET`]: 'positive',
  [`${INTERPRETATION}|NEG`]: 'negative',
  [`${INTERPRETATION}|ND`]: 'negative',
};
const qualitativeOf = (cc: unknown): 'positive' | 'negative' | undefined =>
  (isObj(cc) && Array.isArray(cc.coding) ? cc.coding : [])
    .filter(isObj)
    .map((c) => QUALITATIVE[`${String(c.system)}|${String(c.code)}`])
    .find((v) => v !== undefined);
const USABLE_STATUS = new Set(['final', 'amended', 'corrected']);

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A FHIR R4 Observation, or a Bundle of them, as raw results. Unusable resources are reported in `skipped`. */
export function resultsFromFhir(json: unknown): RawResults {
  const out: RawResults = { results: [], origins: [], issues: [], skipped: [] };
  if (!isObj(json)) {
    out.issues.push({ path: '$', message: 'must be a FHIR resource' });
    return out;
  }
  if (json.resourceType === 'Observation') observation(json, 'Observation', out);
  else if (json.resourceType === 'Bundle') {
    const entries = Array.isArray(json.entry) ? json.entry : [];
    entries.forEach((e, i) => {
      const path = `Bundle.entry[${i}].resource`;
      const r = isObj(e) ? e.resource : undefined;
      if (!isObj(r)) out.issues.push({ path, message: 'entry has no resource' });
      else if (r.resourceType !== 'Observation') out.skipped.push({ path, reason: `${String(r.resourceType)} is not an Observation` });
      else observation(r, path, out);
    });
  } else out.issues.push({ path: 'resourceType', message: `expected Observation or Bundle, not ${String(json.resourceType)}` });
  return out;
}

function observation(o: Json, path: string, out: RawResults): void {
  const status = typeof o.status === 'string' ? o.status : undefined;
  if (!status || !USABLE_STATUS.has(status)) {
    out.skipped.push({ path: `${path}.status`, reason: `status ${status ?? '(none)'} is not a final result` });
    return;
  }
  const codings = isObj(o.code) && Array.isArray(o.code.coding) ? (o.code.coding as unknown[]).filter(isObj) : [];
  const loinc = codings.find((c) => c.system === 'http://loinc.org' && typeof c.code === 'string' && LOINC[c.code]);
  if (!loinc) {
    out.skipped.push({
      path: `${path}.code`,
      reason: `no LOINC code of a monitored test (${codings.map((c) => `${String(c.system)}|${String(c.code)}`).join(', ') || 'no coding'})`,
    });
    return;
  }
  const test = LOINC[loinc.code as string]!;
  const when =
    typeof o.effectiveDateTime === 'string'
      ? o.effectiveDateTime
      : isObj(o.effectivePeriod) && typeof o.effectivePeriod.start === 'string'
        ? o.effectivePeriod.start
        : undefined;
  if (!when) {
    out.issues.push({ path: `${path}.effective`, message: 'a result needs effectiveDateTime (or effectivePeriod.start)' });
    return;
  }
  // The calendar date as written at the source: a sample taken at 23:30 local time belongs to that local day.
  const date = when.slice(0, 10);
  let value: unknown;
  let unit: string | undefined;
  if (isObj(o.valueQuantity)) {
    value = o.valueQuantity.value;
    // The readable unit, then the UCUM code, whichever the product accepts. UCUM writes international
    // units in brackets (m[IU]/L); the product's unit table does not.
    const candidates = [o.valueQuantity.unit, o.valueQuantity.code].filter((u): u is string => typeof u === 'string').map((u) => u.replace(/\[|\]/g, ''));
    unit = candidates.find((u) => unitFactor(test, u) !== undefined) ?? candidates[0];
    if ((test === 'urine-blood' || test === 'urine-protein') && unit === undefined) unit = 'grade';
  } else if (isObj(o.valueCodeableConcept)) {
    const cc = o.valueCodeableConcept;
    const text = typeof cc.text === 'string' ? cc.text.toLowerCase() : undefined;
    value = qualitativeOf(cc) ?? (text === 'positive' || text === 'negative' ? text : undefined);
  } else if (typeof o.valueString === 'string' && ['positive', 'negative'].includes(o.valueString.toLowerCase())) {
    value = o.valueString.toLowerCase();
  } else if (o.value === undefined && Array.isArray(o.interpretation)) {
    value = o.interpretation.map(qualitativeOf).find((v) => v !== undefined);
  }
  if (value === undefined) {
    out.issues.push({ path: `${path}.value[x]`, message: `${test}: no usable value (valueQuantity, or positive/negative)` });
    return;
  }
  const raw: Json = { date, test, value };
  if (unit !== undefined) raw.unit = unit;
  out.results.push(raw);
  out.origins.push(path);
}

/** Our JSON: a list of results, or { results: [...] }; FHIR is recognised by its resourceType. */
export function resultsFromJson(json: unknown): RawResults {
  if (isObj(json) && typeof json.resourceType === 'string') return resultsFromFhir(json);
  const list = Array.isArray(json) ? json : isObj(json) && Array.isArray(json.results) ? json.results : undefined;
  if (!list)
    return {
      results: [],
      origins: [],
      issues: [{ path: '$', message: 'expected a list of results, { "results": [...] }, or a FHIR Observation or Bundle' }],
      skipped: [],
    };
  return { results: list, origins: list.map((_, i) => `${Array.isArray(json) ? '$' : '$.results'}[${i}]`), issues: [], skipped: [] };
}

/** Validates raw results, naming each problem by where the result came from (CSV line, FHIR path, JSON path). */
export function checkRawResults(raw: RawResults, asOf: Day): ResultsValidation {
  const v = validateResults(raw.results, { asOf, path: '$r' });
  const issues = [...raw.issues];
  if (!v.ok) {
    for (const i of v.issues) {
      const m = /^\$r\[(\d+)\]\.?(.*)$/.exec(i.path);
      issues.push(m ? { path: `${raw.origins[Number(m[1])] ?? `[${m[1]}]`}${m[2] ? ` (${m[2]})` : ''}`, message: i.message } : i);
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return v;
}
