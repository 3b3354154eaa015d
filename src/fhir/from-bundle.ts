import type { Day } from '../history/dates.js';
import type { History, Therapy } from '../history/schema.js';
import type { ValidationIssue } from '../history/validate.js';
import { partialFromFhir } from './dates.js';
import type { MappingReportEntry } from './outcome.js';
import { readCondition, readObservation } from './read-clinical.js';
import { readDeviceUse, readList, readMedicationAdministration, readMedicationRequest, readMedicationStatement, readProcedure } from './read-therapy.js';
import { Reader, isObj, type Dated, type Json, type PendingTherapy } from './reader.js';

export type BundleMapping = { ok: true; history: History; report: MappingReportEntry[] } | { ok: false; issues: ValidationIssue[] };
/**
 * A Bundle read into a history not yet validated against the format (bundle-to-history.ts does that,
 * or the CLI, which loads the schema library only for a history its one-pass check refuses), with the
 * `asOf` to validate it on and where each history path came from in the Bundle.
 */
export type BundleRead =
  | { ok: true; history: unknown; report: MappingReportEntry[]; asOf: Day; locate: (historyPath: string) => string }
  | { ok: false; issues: ValidationIssue[] };

const BUNDLE_TYPES = new Set(['collection', 'searchset', 'transaction', 'document']);
const HISTORY_ID_SYSTEM = 'https://fulcrum.example/fhir/history-id';
/** Far enough ahead that only asOf-independent problems are found here; the caller checks dates against its asOf. */
const NO_AS_OF = 2_932_896; // 9999-12-31

type Handler = (rd: Reader, r: Json, loc: string, fullUrl: string | undefined) => void;
const HANDLERS: Record<string, Handler> = {
  Condition: readCondition,
  Observation: readObservation,
  MedicationStatement: readMedicationStatement,
  MedicationAdministration: readMedicationAdministration,
  MedicationRequest: readMedicationRequest,
  Procedure: readProcedure,
  DeviceUseStatement: readDeviceUse,
  DeviceUsage: readDeviceUse,
  List: readList,
};

/**
 * Reads a FHIR R4 Bundle holding one patient's record into a history, not yet validated: either every
 * problem of the Bundle itself (FHIRPath locations into it), or the history to validate, a report of
 * every resource that was not used and why, and the Bundle location of each history path. With
 * `asOf`, events after it are problems too; without, the caller checks dates with its own asOf.
 */
export function readBundle(json: unknown, options: { asOf?: Day } = {}): BundleRead {
  const rd = new Reader();
  if (!isObj(json)) return { ok: false, issues: [{ path: 'Bundle', message: 'the input must be a FHIR Bundle (a JSON object)' }] };
  if (json.resourceType !== 'Bundle') {
    return {
      ok: false,
      issues: [
        {
          path: String(json.resourceType ?? 'resourceType'),
          message: `resourceType is ${JSON.stringify(json.resourceType)}: the product reads a Bundle of one patient's resources`,
        },
      ],
    };
  }
  if (typeof json.type !== 'string' || !BUNDLE_TYPES.has(json.type)) {
    rd.issue('Bundle.type', `must be one of ${[...BUNDLE_TYPES].join(', ')}${json.type === undefined ? '' : `, not ${JSON.stringify(json.type)}`}`);
  }
  const entries = json.entry === undefined ? [] : json.entry;
  if (!Array.isArray(entries)) return { ok: false, issues: [...rd.issues, { path: 'Bundle.entry', message: 'must be a list of entries' }] };

  // First pass: shape of every entry, the index for references, and the patient.
  const resources: { r: Json; loc: string; fullUrl: string | undefined }[] = [];
  entries.forEach((e, i) => {
    const eloc = `Bundle.entry[${i}]`;
    if (!isObj(e)) return rd.issue(eloc, 'must be an object');
    const fullUrl = typeof e.fullUrl === 'string' ? e.fullUrl : undefined;
    if (e.resource === undefined) {
      if (isObj(e.request) && e.request.method === 'DELETE') {
        rd.report.push({ resource: `${eloc} (DELETE ${String(e.request.url)})`, reason: 'a delete request carries no data for the history' });
        return;
      }
      return rd.issue(`${eloc}.resource`, 'is required: every entry of a collection must carry its resource');
    }
    const r = e.resource;
    const loc = `${eloc}.resource`;
    if (!isObj(r)) return rd.issue(loc, 'must be a resource (a JSON object)');
    if (typeof r.resourceType !== 'string') return rd.issue(`${loc}.resourceType`, 'is required');
    if (r.id !== undefined && (typeof r.id !== 'string' || !/^[A-Za-z0-9\-.]{1,64}$/.test(r.id))) {
      rd.issue(`${loc}.id`, 'is not a valid FHIR id (1-64 letters, digits, "-" or ".")');
    }
    const entry = { resource: r, loc };
    if (typeof r.id === 'string') rd.byKey.set(`${r.resourceType}/${r.id}`, entry);
    if (fullUrl) rd.byKey.set(fullUrl, entry);
    resources.push({ r, loc, fullUrl });
  });
  const patients = resources.filter((x) => x.r.resourceType === 'Patient');
  if (patients.length !== 1) {
    rd.issue(
      'Bundle.entry',
      patients.length === 0
        ? "holds no Patient: the product reads one patient's record"
        : `holds ${patients.length} Patients (${patients.map((p) => p.loc).join(', ')}): one Bundle must hold one patient's record`,
    );
  } else {
    readPatient(rd, patients[0]!.r, patients[0]!.loc, patients[0]!.fullUrl);
  }
  // Without its one patient no reference can be checked; otherwise read on and report every problem.
  if (patients.length !== 1) return { ok: false, issues: rd.issues };

  for (const { r, loc, fullUrl } of resources) {
    const type = r.resourceType as string;
    if (type === 'Patient' || type === 'Medication' || type === 'Device') continue;
    const handler = HANDLERS[type];
    if (handler) handler(rd, r, loc, fullUrl);
    else rd.unused(r, loc, `the product does not read ${type} resources`);
  }
  for (const { r, loc } of resources) {
    const type = r.resourceType as string;
    if ((type === 'Medication' || type === 'Device') && !rd.referenced.has(`${type}/${String(r.id)}`)) {
      rd.unused(r, loc, `no resource the product reads refers to this ${type}`);
    }
  }
  if (rd.issues.length > 0) return { ok: false, issues: rd.issues };
  return assemble(rd, options.asOf ?? NO_AS_OF);
}

function readPatient(rd: Reader, r: Json, loc: string, fullUrl: string | undefined): void {
  if (typeof r.id === 'string') rd.patientKeys.add(`Patient/${r.id}`);
  if (fullUrl) rd.patientKeys.add(fullUrl);
  const ours = Array.isArray(r.identifier)
    ? (r.identifier as unknown[]).findIndex((x) => isObj(x) && x.system === HISTORY_ID_SYSTEM && typeof x.value === 'string')
    : -1;
  if (ours >= 0) rd.historyId = { value: (r.identifier as Json[])[ours]!.value as string, loc: `${loc}.identifier[${ours}].value` };
  else if (typeof r.id === 'string') rd.historyId = { value: r.id, loc: `${loc}.id` };
  else rd.issue(`${loc}.id`, 'is required: the history needs an id for the patient');
  if (r.birthDate !== undefined) {
    const b = partialFromFhir(r.birthDate);
    if (b === undefined || typeof r.birthDate !== 'string' || r.birthDate.length > 10)
      rd.issue(`${loc}.birthDate`, 'is not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)');
    else rd.birthDate = b;
  }
  if (r.gender !== undefined) {
    if (r.gender === 'male' || r.gender === 'female' || r.gender === 'other' || r.gender === 'unknown') rd.sex = r.gender;
    else rd.issue(`${loc}.gender`, 'must be male, female, other or unknown');
  }
}

/** The latest dated value; an undated value only when nothing is dated (then the last one). */
function latest<T>(items: Dated<T>[]): Dated<T> | undefined {
  const dated = items.filter((i) => i.date !== undefined);
  if (dated.length === 0) return items.at(-1);
  return dated.reduce((a, b) => (b.date! >= a.date! ? b : a));
}

function assemble(rd: Reader, asOf: Day): BundleRead {
  const origin = new Map<string, string>();
  const h: Record<string, unknown> = { formatVersion: 1, id: rd.historyId!.value };
  origin.set('$.id', rd.historyId!.loc);
  if (rd.birthDate !== undefined) h.birthDate = rd.birthDate;
  if (rd.sex !== undefined) h.sex = rd.sex;
  if (rd.ms?.value.onset !== undefined) {
    h.msOnset = rd.ms.value.onset;
    origin.set('$.msOnset', `${rd.ms.loc}.onset`);
  }
  if (rd.ms?.value.diagnosis !== undefined) {
    h.msDiagnosis = rd.ms.value.diagnosis;
    origin.set('$.msDiagnosis', `${rd.ms.loc}.extension`);
  }
  const active = rd.courses.filter((c) => c.value.active);
  const phenotypes = new Set(active.map((c) => c.value.phenotype));
  if (phenotypes.size > 1) {
    return {
      ok: false,
      issues: [
        {
          path: active[1]!.loc,
          message: `two active MS course Conditions disagree (${active.map((c) => `${c.value.phenotype} at ${c.loc}`).join(', ')}): mark the earlier course resolved`,
        },
      ],
    };
  }
  for (const c of rd.courses) {
    if (!c.value.active) rd.report.push({ resource: c.loc, reason: `an earlier course (${c.value.phenotype}, not active) is history, not the current course` });
  }
  if (active.length > 0) {
    // Several active Conditions of the same course: the most recent onset is when it was recognised.
    const chosen = active.reduce((a, b) => ((b.value.since ?? '') > (a.value.since ?? '') ? b : a));
    h.course = { phenotype: chosen.value.phenotype, ...(chosen.value.since !== undefined ? { since: chosen.value.since } : {}) };
    origin.set('$.course', chosen.loc);
    for (const c of active) if (c !== chosen) rd.report.push({ resource: c.loc, reason: `repeats the active course Condition at ${chosen.loc}` });
  }
  const section = <T>(name: string, items: { value: T; loc: string }[]) => {
    if (items.length === 0 && !rd.emptySections.has(name)) return;
    h[name] = items.map((x, i) => {
      origin.set(`$.${name}[${i}]`, x.loc);
      // FHIRPath choice-type names (effective, value, onset) resolve whichever [x] the source used.
      for (const [field, element] of Object.entries(FIELD_ELEMENTS[name] ?? {})) origin.set(`$.${name}[${i}].${field}`, `${x.loc}.${element}`);
      return x.value;
    });
  };
  section('edss', rd.edss);
  section('relapses', rd.relapses);
  section('mri', rd.mri);
  section('performanceTests', rd.performanceTests);
  const therapies = buildTherapies(rd);
  section('therapies', therapies);
  therapies.forEach((t, i) => t.value.doses?.forEach((_, j) => origin.set(`$.therapies[${i}].doses[${j}]`, doseLocs.get(t)![j]!)));
  section('conditions', rd.conditions);
  if (rd.labs.length > 0 || rd.emptySections.has('labs')) {
    h.labs = rd.labs.map((l, i) => {
      origin.set(`$.labs[${i}]`, l.loc);
      for (const [f, p] of Object.entries(l.fields)) origin.set(`$.labs[${i}].${f}`, p);
      return l.value;
    });
  }
  const height = latest(rd.height);
  const weight = latest(rd.weight);
  if (height && weight) {
    h.body = { heightCm: height.value, weightKg: weight.value };
    origin.set('$.body.heightCm', `${height.loc}.valueQuantity`);
    origin.set('$.body.weightKg', `${weight.loc}.valueQuantity`);
  } else if (height || weight) {
    const only = (height ?? weight)!;
    rd.report.push({ resource: only.loc, reason: `the history records height and weight together; ${height ? 'no weight' : 'no height'} was found` });
  }
  for (const [list, chosen] of [
    [rd.height, height],
    [rd.weight, weight],
  ] as const) {
    for (const x of list) if (x !== chosen) rd.report.push({ resource: x.loc, reason: 'an older measurement: the latest is used' });
  }
  const pregnancy: Record<string, unknown> = {};
  const preg = latest(rd.pregnant);
  const bf = latest(rd.breastfeeding);
  const plan = latest(rd.planning);
  if (preg) pregnancy.pregnant = preg.value;
  if (bf) pregnancy.breastfeeding = bf.value;
  if (plan) pregnancy.planningWithinMonths = plan.value;
  for (const [list, chosen] of [
    [rd.pregnant, preg],
    [rd.breastfeeding, bf],
    [rd.planning, plan],
  ] as const) {
    for (const x of list as Dated<unknown>[]) if (x !== chosen) rd.report.push({ resource: x.loc, reason: 'an older pregnancy status: the latest is used' });
  }
  if (Object.keys(pregnancy).length > 0) h.pregnancy = pregnancy;

  return { ok: true, history: h, report: rd.report, asOf, locate: (path) => locate(origin, path) };
}

const FIELD_ELEMENTS: Record<string, Record<string, string>> = {
  edss: { date: 'effective', score: 'value' },
  relapses: { onset: 'onset' },
  mri: { date: 'effective' },
  performanceTests: { date: 'effective', value: 'value' },
  conditions: { onset: 'onset' },
};

const doseLocs = new WeakMap<PendingTherapy, string[]>();

/**
 * Therapies from statements and procedures, orders only for drugs nothing else records, and doses
 * attached to the statement they name, else to the therapy of that drug whose dates contain them.
 * Doses that fit no therapy form one of their own (start at the first dose, no end recorded).
 */
function buildTherapies(rd: Reader): PendingTherapy[] {
  const out = [...rd.therapies];
  const drugsRecorded = new Set([...out.map((t) => t.value.drug), ...rd.doses.map((d) => d.drug)]);
  for (const req of rd.requests) {
    if (drugsRecorded.has(req.value.drug))
      rd.report.push({ resource: req.loc, reason: `superseded: a MedicationStatement or MedicationAdministration records ${req.value.drug}` });
    else out.push(req);
  }
  const orphans = new Map<string, PendingTherapy>();
  for (const dose of rd.doses) {
    let target = dose.statementKey
      ? out.find((t) => t.keys.includes(dose.statementKey!) || t.keys.some((k) => dose.statementKey!.endsWith(`/${k}`)))
      : undefined;
    target ??= out.find((t) => t.value.drug === dose.drug && t.value.start <= dose.date && (t.value.end === undefined || dose.date <= t.value.end));
    if (!target) {
      target = orphans.get(dose.drug);
      if (!target) {
        target = { value: { drug: dose.drug, start: dose.date }, loc: dose.loc, keys: [], source: 'statement' };
        orphans.set(dose.drug, target);
        out.push(target);
      }
    }
    const t: Therapy = target.value;
    (t.doses ??= []).push({ date: dose.date, amount: dose.amount, unit: dose.unit });
    if (!doseLocs.has(target)) doseLocs.set(target, []);
    doseLocs.get(target)!.push(dose.loc);
  }
  return out;
}

/** The Bundle location a history path came from: the longest recorded prefix. */
function locate(origin: Map<string, string>, path: string): string {
  let p = path;
  while (p.length > 1) {
    const hit = origin.get(p);
    if (hit) return hit;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return 'Bundle';
}
