import { parseDay, parsePartialDate, type Day } from './dates.js';
import { isPatientId } from './ids.js';
import { isStorableText } from './text.js';
import { FUNCTIONAL_SYSTEM_MAX, isEdssScore } from './vocabularies.js';
import { CONDITION_IDS, DRUG_IDS, LAB_IDS, PHENOTYPES } from './vocabularies.js';
import { GENOTYPE_PATTERN, LAB_UNITS, MAX_URINE_GRADE, unitFactor } from './units.js';
import type { LabId } from './vocabularies.js';

// A single allocation-free pass that answers "is this document valid?" for the common case, so that
// cohort screening does not pay for building zod's issue lists on documents that have none. It must
// accept exactly what the full validator (zod schema + cross-field rules in validate.ts) accepts; a
// property test holds the two together. Anything it rejects goes through the full validator, which
// says why.

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const DRUGS = new Set<string>(DRUG_IDS);
const CONDITIONS = new Set<string>(CONDITION_IDS);
const LAB_SPECS = new Map<string, (typeof LAB_UNITS)[LabId]>(LAB_IDS.map((id) => [id, LAB_UNITS[id]]));
const PHENOS = new Set<string>(PHENOTYPES);
const SEXES = new Set(['female', 'male', 'other', 'unknown']);
const RECOVERY = new Set(['complete', 'partial', 'none']);
const REGIONS = new Set(['brain', 'spine']);
const STATUSES = new Set(['active', 'resolved']);
const STOP_REASONS = new Set(['inefficacy', 'adverse-event', 'patient-choice', 'pregnancy', 'other']);
const DOSE_UNITS = new Set(['mg', 'mg/m2']);

const TOP_KEYS: readonly string[] = [
  'formatVersion',
  'id',
  'birthDate',
  'sex',
  'msOnset',
  'msDiagnosis',
  'course',
  'edss',
  'relapses',
  'mri',
  'therapies',
  'conditions',
  'labs',
  'body',
  'pregnancy',
  'performanceTests',
];
const PERFORMANCE_KEYS: readonly string[] = ['date', 'test', 'value'];
const COURSE_KEYS: readonly string[] = ['phenotype', 'since'];
const EDSS_KEYS: readonly string[] = ['date', 'score', 'functionalSystems'];
const FS_NAMES = Object.keys(FUNCTIONAL_SYSTEM_MAX) as (keyof typeof FUNCTIONAL_SYSTEM_MAX)[];
const FS_LIMITS: readonly number[] = FS_NAMES.map((k) => FUNCTIONAL_SYSTEM_MAX[k]);
const RELAPSE_KEYS: readonly string[] = ['onset', 'disabling', 'recovery'];
const MRI_KEYS: readonly string[] = ['date', 'region', 'gadoliniumEnhancingLesions', 'newOrEnlargingT2Lesions'];
const THERAPY_KEYS: readonly string[] = ['drug', 'start', 'end', 'stopReason', 'doses', 'endUnknown'];
const DOSE_KEYS: readonly string[] = ['date', 'amount', 'unit'];
const CONDITION_KEYS: readonly string[] = ['code', 'status', 'onset', 'note'];
const LAB_KEYS: readonly string[] = ['date', 'test', 'value', 'unit'];
const BODY_KEYS: readonly string[] = ['heightCm', 'weightKg'];
const PREGNANCY_KEYS: readonly string[] = ['pregnant', 'breastfeeding', 'planningWithinMonths'];

function onlyKeys(o: Obj, allowed: readonly string[]): boolean {
  // for-in over a plain parsed object walks V8's cached key list; Object.keys would allocate an array
  // for each of the thousands of objects of a history. Keys and the allowed names are internalised
  // strings, so a short list compares pointers: faster than hashing into a Set.
  for (const k in o) {
    let known = false;
    for (let i = 0; i < allowed.length; i++) {
      if (allowed[i] === k) {
        known = true;
        break;
      }
    }
    if (!known) return false;
  }
  return true;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const optIn = (v: unknown, set: Set<string>): boolean => v === undefined || (typeof v === 'string' && set.has(v));
const optBool = (v: unknown): boolean => v === undefined || typeof v === 'boolean';

/** A full date not after asOf and not before the earliest birth day; NaN when invalid. */
function eventDay(v: unknown, asOf: Day, birthLo: Day): Day {
  if (typeof v !== 'string') return NaN;
  const d = parseDay(v);
  return d === undefined || d > asOf || d < birthLo ? NaN : d;
}

/** A partial date whose start is not after asOf; its interval, or undefined when invalid. */
function partialOk(v: unknown, asOf: Day): { lo: Day; hi: Day } | undefined | false {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return false;
  const p = parsePartialDate(v);
  return p === undefined || p.lo > asOf ? false : p;
}

export function isValidHistoryFast(input: unknown, asOf: Day): boolean {
  if (!isObj(input) || !onlyKeys(input, TOP_KEYS)) return false;
  if (input.formatVersion !== 1 || !isPatientId(input.id)) return false;
  if (!optIn(input.sex, SEXES)) return false;
  const birth = partialOk(input.birthDate, asOf);
  const onset = partialOk(input.msOnset, asOf);
  const diagnosis = partialOk(input.msDiagnosis, asOf);
  if (birth === false || onset === false || diagnosis === false) return false;
  const birthLo = birth ? birth.lo : -Infinity;
  if (onset && diagnosis && diagnosis.hi < onset.lo) return false;
  if (onset && birth && onset.hi < birth.lo) return false;

  const course = input.course;
  if (course !== undefined) {
    if (!isObj(course) || !onlyKeys(course, COURSE_KEYS)) return false;
    if (typeof course.phenotype !== 'string' || !PHENOS.has(course.phenotype)) return false;
    if (partialOk(course.since, asOf) === false) return false;
  }
  return (
    listOk(input.edss, (e) => edssOk(e, asOf, birthLo)) &&
    listOk(input.relapses, (r) => relapseOk(r, asOf, birthLo)) &&
    listOk(input.mri, (m) => mriOk(m, asOf, birthLo)) &&
    listOk(input.therapies, (t) => therapyOk(t, asOf, birthLo)) &&
    listOk(input.conditions, (c) => conditionOk(c, asOf)) &&
    listOk(input.labs, (l) => labOk(l, asOf)) &&
    bodyOk(input.body) &&
    pregnancyOk(input.pregnancy) &&
    listOk(input.performanceTests, (t) => performanceOk(t, asOf, birthLo))
  );
}

function listOk(v: unknown, each: (item: unknown) => boolean): boolean {
  if (v === undefined) return true;
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!each(v[i])) return false;
  return true;
}

function edssOk(e: unknown, asOf: Day, birthLo: Day): boolean {
  if (!isObj(e) || !onlyKeys(e, EDSS_KEYS)) return false;
  if (Number.isNaN(eventDay(e.date, asOf, birthLo))) return false;
  if (typeof e.score !== 'number' || !isEdssScore(e.score)) return false;
  return e.functionalSystems === undefined || isFunctionalSystems(e.functionalSystems);
}

/** Whether `fs` is a visit's functional-system scores as the format defines them (FunctionalSystemsSchema). */
export function isFunctionalSystems(fs: unknown): boolean {
  if (!isObj(fs)) return false;
  // Each system read by name (a hash lookup per key was the costliest line of the pass); a key
  // counted but not among the seven is unknown, and sends the document to the full validator.
  let keys = 0;
  for (const _ in fs) keys++;
  let known = 0;
  for (let i = 0; i < FS_NAMES.length; i++) {
    const v = fs[FS_NAMES[i]!];
    if (v === undefined) continue;
    if (!isCount(v) || (v as number) > FS_LIMITS[i]!) return false;
    known++;
  }
  return known === keys;
}

function relapseOk(r: unknown, asOf: Day, birthLo: Day): boolean {
  if (!isObj(r) || !onlyKeys(r, RELAPSE_KEYS)) return false;
  return !Number.isNaN(eventDay(r.onset, asOf, birthLo)) && typeof r.disabling === 'boolean' && typeof r.recovery === 'string' && RECOVERY.has(r.recovery);
}

function performanceOk(t: unknown, asOf: Day, birthLo: Day): boolean {
  if (!isObj(t) || !onlyKeys(t, PERFORMANCE_KEYS)) return false;
  if (Number.isNaN(eventDay(t.date, asOf, birthLo)) || !isNum(t.value)) return false;
  if (t.test === 'sdmt') return Number.isInteger(t.value) && t.value >= 0 && t.value <= 110;
  return (t.test === 't25fw' || t.test === 'nhpt') && t.value > 0;
}

function mriOk(m: unknown, asOf: Day, birthLo: Day): boolean {
  if (!isObj(m) || !onlyKeys(m, MRI_KEYS)) return false;
  return (
    !Number.isNaN(eventDay(m.date, asOf, birthLo)) &&
    typeof m.region === 'string' &&
    REGIONS.has(m.region) &&
    isCount(m.gadoliniumEnhancingLesions) &&
    isCount(m.newOrEnlargingT2Lesions)
  );
}

function therapyOk(t: unknown, asOf: Day, birthLo: Day): boolean {
  if (!isObj(t) || !onlyKeys(t, THERAPY_KEYS)) return false;
  if (typeof t.drug !== 'string' || !DRUGS.has(t.drug)) return false;
  const start = eventDay(t.start, asOf, birthLo);
  if (Number.isNaN(start)) return false;
  let end = Infinity;
  if (t.end !== undefined) {
    // The end is checked against asOf only, as the full validator does.
    end = eventDay(t.end, asOf, -Infinity);
    if (Number.isNaN(end) || end < start) return false;
  }
  if (t.endUnknown !== undefined && (t.endUnknown !== true || t.end !== undefined)) return false;
  if (t.stopReason !== undefined && ((t.end === undefined && t.endUnknown !== true) || !optIn(t.stopReason, STOP_REASONS))) return false;
  return listOk(t.doses, (d) => {
    if (!isObj(d) || !onlyKeys(d, DOSE_KEYS)) return false;
    const day = eventDay(d.date, asOf, -Infinity);
    if (Number.isNaN(day) || day < start || day > end) return false;
    return isNum(d.amount) && d.amount > 0 && typeof d.unit === 'string' && DOSE_UNITS.has(d.unit);
  });
}

function conditionOk(c: unknown, asOf: Day): boolean {
  if (!isObj(c) || !onlyKeys(c, CONDITION_KEYS)) return false;
  if (typeof c.code !== 'string' || !CONDITIONS.has(c.code)) return false;
  if (typeof c.status !== 'string' || !STATUSES.has(c.status)) return false;
  if (partialOk(c.onset, asOf) === false) return false;
  return c.note === undefined || (typeof c.note === 'string' && isStorableText(c.note));
}

function labOk(l: unknown, asOf: Day): boolean {
  if (!isObj(l) || !onlyKeys(l, LAB_KEYS)) return false;
  if (Number.isNaN(eventDay(l.date, asOf, -Infinity))) return false;
  const spec = typeof l.test === 'string' ? LAB_SPECS.get(l.test) : undefined;
  if (spec === undefined) return false;
  const test = l.test as LabId;
  const v = l.value;
  const unit = l.unit;
  if (unit !== undefined && (typeof unit !== 'string' || unit.length === 0)) return false;
  if (isNum(v)) {
    if (spec.kind === 'qualitative' || spec.kind === 'genotype' || typeof unit !== 'string' || unitFactor(test, unit) === undefined) return false;
    if (spec.kind === 'graded-or-qualitative') return Number.isInteger(v) && v >= 0 && v <= MAX_URINE_GRADE;
    return v >= 0 && !(test === 'lvef' && v > 100);
  }
  if (v === 'positive' || v === 'negative') return (spec.kind === 'qualitative' || spec.kind === 'graded-or-qualitative') && unit === undefined;
  return typeof v === 'string' && spec.kind === 'genotype' && unit === undefined && GENOTYPE_PATTERN.test(v);
}

function bodyOk(b: unknown): boolean {
  if (b === undefined) return true;
  if (!isObj(b) || !onlyKeys(b, BODY_KEYS)) return false;
  return isNum(b.heightCm) && b.heightCm >= 30 && b.heightCm <= 260 && isNum(b.weightKg) && b.weightKg >= 2 && b.weightKg <= 400;
}

function pregnancyOk(p: unknown): boolean {
  if (p === undefined) return true;
  if (!isObj(p) || !onlyKeys(p, PREGNANCY_KEYS)) return false;
  return optBool(p.pregnant) && optBool(p.breastfeeding) && (p.planningWithinMonths === undefined || isCount(p.planningWithinMonths));
}
