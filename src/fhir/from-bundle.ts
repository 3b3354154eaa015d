import type { Day } from '../history/dates.js';
import type { History, Therapy } from '../history/schema.js';
import { recogniseHistory } from '../history/recognise.js';
import type { ValidationIssue, ValidationResult } from '../history/validate.js';
import { partialFromFhir } from './dates.js';
import { unrecognisedOf, type MappingReportEntry, type UnrecognisedProblem } from './report.js';
import { readCondition, readObservation } from './read-clinical.js';
import { readDeviceUse, readList, readMedicationAdministration, readMedicationRequest, readMedicationStatement, readProcedure } from './read-therapy.js';
import { Reader, codings, isObj, resourceName, type Dated, type Json, type PendingTherapy } from './reader.js';
import { isHistoryCode } from './codes.js';

/** What became of each resource: counts by resource type (every entry is one of the three). */
export type MappingAccount = Record<string, { read: number; notRead: number; unreadable: number }>;

export type BundleMapping =
  | { ok: true; history: History; report: MappingReportEntry[]; unrecognised: UnrecognisedProblem[]; account: MappingAccount }
  | { ok: false; issues: ValidationIssue[] };

export interface BundleOptions {
  asOf?: Day;
  /**
   * Refuse the whole record for any unreadable entry (a data-quality check). By default an unreadable
   * entry is left out and reported with its FHIRPath, and the rest of the record is read.
   */
  strict?: boolean;
  /**
   * The format's full validator (history/validate.ts validateHistory), which says what is wrong with a
   * history. The reader first tries the one-pass check (history/recognise.ts), which accepts nearly
   * every record without loading the schema library; only a history it refuses needs this. Without
   * it such a record comes back refused with no issue listed (`needsValidator`), for the caller to
   * read again with the validator: the CLI loads it only then.
   */
  validate?: (history: unknown, options: { asOf: Day }) => ValidationResult;
}

/** A record the one-pass check refused, read without the full validator: read it again with one. */
export const NEEDS_VALIDATOR: ValidationIssue = { path: '$', message: 'the history needs the full validator to say what is wrong' };

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
 * Maps a FHIR R4 Bundle holding one patient's record to a patient history that passes the format's
 * validation, plus a report of every resource that was not used or could not be read, and why. One
 * unreadable entry costs that entry only: it is reported with the FHIRPath of its problem and left
 * out (a rule that needed it then finds the value missing). The record is refused only when it cannot
 * be one patient's record at all (not a Bundle, no single Patient, disagreeing MS courses), or, with
 * `strict`, for any problem. With `asOf`, events after it are problems too (at their Bundle location);
 * without, the caller checks dates with its own asOf.
 */
export function bundleToHistory(json: unknown, options: BundleOptions = {}): BundleMapping {
  const rd = new Reader();
  const strict = options.strict === true;
  const account: MappingAccount = {};
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
    const before = rd.issues.length;
    firstPass(e, eloc);
    if (!strict && rd.issues.length > before) {
      const r = isObj(e) && isObj(e.resource) ? e.resource : {};
      if (r.resourceType === 'Patient') return;
      for (const x of rd.issues.splice(before)) unreadable(rd, resourceName(r, eloc), x);
      const k = typeof r.resourceType === 'string' ? r.resourceType : 'entry';
      accountFor(k).unreadable++;
    }
  });
  function firstPass(e: unknown, eloc: string): void {
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
    rd.names.set(loc, resourceName(r, loc));
  }
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

  const unrecognised: UnrecognisedProblem[] = [];
  for (const { r, loc, fullUrl } of resources) {
    const type = r.resourceType as string;
    if (type === 'Patient' || type === 'Medication' || type === 'Device') continue;
    const handler = HANDLERS[type];
    if (!handler) {
      rd.unused(r, loc, `the product does not read ${type} resources`);
      accountFor(type).notRead++;
      continue;
    }
    const mark = snapshot(rd);
    handler(rd, r, loc, fullUrl);
    if (rd.issues.length > mark.issues) {
      if (strict) continue;
      // One bad entry, one unknown: what the handler took from it is put back, its problems reported.
      restore(rd, mark);
      const from = rd.report.length;
      for (const x of rd.issues.splice(mark.issues)) unreadable(rd, resourceName(r, loc), x);
      accountFor(type).unreadable++;
      // An unreadable problem is still a problem: the clinician sees it.
      const problem = type === 'Condition' ? activeProblem(r) : undefined;
      if (problem) {
        unrecognised.push(problem);
        const e = rd.report[from]!;
        e.review = true;
        if (problem.code) e.coding = { system: problem.system, code: problem.code, ...(problem.display ? { display: problem.display } : {}) };
      }
      continue;
    }
    if (grew(rd, mark)) accountFor(type).read++;
    else {
      accountFor(type).notRead++;
      const problem = type === 'Condition' ? activeProblem(r) : undefined;
      if (problem) {
        const entry = rd.report.slice(mark.report).find((e) => e.resource === resourceName(r, loc));
        if (entry) {
          entry.review = true;
          if (problem.code) entry.coding = { system: problem.system, code: problem.code, ...(problem.display ? { display: problem.display } : {}) };
        }
        unrecognised.push(problem);
      }
    }
  }
  for (const { r, loc } of resources) {
    const type = r.resourceType as string;
    if ((type === 'Medication' || type === 'Device') && !rd.referenced.has(`${type}/${String(r.id)}`)) {
      rd.unused(r, loc, `no resource the product reads refers to this ${type}`);
      accountFor(type).notRead++;
    } else if (type === 'Medication' || type === 'Device') accountFor(type).read++;
  }
  if (rd.issues.length > 0) return { ok: false, issues: rd.issues };
  const out = assemble(rd, options.asOf ?? NO_AS_OF, strict, options.validate);
  if (!out.ok) return out;
  // Once per resource: a panel can leave out two of its results (a resource with any part left out counts unreadable).
  const reassigned = new Set<string>();
  for (const e of out.report) {
    if (e.status !== 'unreadable' || !e.reason.startsWith(AT_ASSEMBLY) || reassigned.has(e.resource)) continue;
    reassigned.add(e.resource);
    reassign(e.resource);
  }
  // The list as a stored report gives it back (unrecognisedOf), so that a later assessment agrees.
  return { ...out, unrecognised: unrecognisedOf(out.report), account };

  function accountFor(type: string) {
    return (account[type] ??= { read: 0, notRead: 0, unreadable: 0 });
  }
  function reassign(resource: string) {
    const type = resource.split(/[/ ]/)[0]!;
    const a = accountFor(type);
    if (a.read > 0) {
      a.read--;
      a.unreadable++;
    }
  }
}

/** The lengths of everything a handler may add to, so that an unreadable resource can be taken back. */
interface Mark {
  issues: number;
  report: number;
  ms: Reader['ms'];
  sizes: number[];
  emptySections: number;
}
const LISTS = [
  'courses',
  'edss',
  'relapses',
  'mri',
  'performanceTests',
  'therapies',
  'requests',
  'doses',
  'conditions',
  'labs',
  'height',
  'weight',
  'pregnant',
  'breastfeeding',
  'planning',
] as const;

function snapshot(rd: Reader): Mark {
  return { issues: rd.issues.length, report: rd.report.length, ms: rd.ms, sizes: LISTS.map((k) => rd[k].length), emptySections: rd.emptySections.size };
}

function restore(rd: Reader, m: Mark): void {
  rd.ms = m.ms;
  LISTS.forEach((k, i) => {
    rd[k].length = m.sizes[i]!;
  });
  rd.report.length = m.report;
  if (rd.emptySections.size > m.emptySections) rd.emptySections = new Set([...rd.emptySections].slice(0, m.emptySections));
}

function grew(rd: Reader, m: Mark): boolean {
  return rd.ms !== m.ms || rd.emptySections.size > m.emptySections || LISTS.some((k, i) => rd[k].length > m.sizes[i]!);
}

function unreadable(rd: Reader, resource: string, issue: ValidationIssue): void {
  rd.report.push({ resource, reason: `unreadable, left out: ${issue.message}`, path: issue.path, status: 'unreadable' });
}

const ACTIVE_STATUS = new Set(['active', 'recurrence', 'relapse']);
const NOT_ASSERTED = new Set(['refuted', 'entered-in-error', 'unconfirmed', 'provisional', 'differential']);

/**
 * A Condition the record asserts as a current problem (active or without a status, not abated, not
 * refuted, not a "history of" code): when the product read nothing from it, the clinician reviews it.
 */
function activeProblem(r: Json): UnrecognisedProblem | undefined {
  const verification = codings(r.verificationStatus)[0]?.code;
  if (verification && NOT_ASSERTED.has(verification)) return undefined;
  const status = codings(r.clinicalStatus)[0]?.code;
  if (status !== undefined && !ACTIVE_STATUS.has(status)) return undefined;
  if (r.abatementDateTime !== undefined || r.abatementPeriod !== undefined || r.abatementAge !== undefined || r.abatementString !== undefined) return undefined;
  const cs = codings(r.code);
  if (cs.some((c) => isHistoryCode(c.system, c.code))) return undefined;
  const c = cs.find((x) => typeof x.system === 'string' && typeof x.code === 'string');
  const text = isObj(r.code) && typeof r.code.text === 'string' ? r.code.text : undefined;
  if (!c) return text ? { system: '', code: '', display: text } : undefined;
  return { system: c.system!, code: c.code!, display: c.display ?? text ?? '' };
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

type Assembled =
  | { ok: true; history: History; report: MappingReportEntry[] }
  | { ok: false; issues: ValidationIssue[]; raw?: ValidationIssue[]; therapies?: PendingTherapy[] };

const AT_ASSEMBLY = 'unreadable, left out: ';
const ITEM = /^\$\.(edss|relapses|mri|performanceTests|conditions|labs|therapies)\[(\d+)\](?:\.doses\[(\d+)\])?/;

/**
 * The history from what was read; a value the format rejects (a lab in a unit it cannot convert, an
 * event after asOf) costs its own item, which is reported at its Bundle location, unless strict.
 */
function assemble(rd: Reader, asOf: Day, strict: boolean, validate: BundleOptions['validate']): Assembled {
  for (;;) {
    const mark = rd.report.length;
    const a = assembleOnce(rd, asOf, validate);
    if (a.ok || strict || !a.raw) return a;
    rd.report.length = mark;
    const drops: { list: unknown[]; item: unknown; loc: string; issue: ValidationIssue }[] = [];
    for (const [k, raw] of a.raw.entries()) {
      const m = ITEM.exec(raw.path);
      if (!m) return { ok: false, issues: a.issues };
      const [, section, index, dose] = m;
      const issue = a.issues[k]!;
      if (section === 'therapies') {
        const t = a.therapies![Number(index)]!;
        if (dose !== undefined) {
          const loc = doseLocs.get(t)![Number(dose)]!;
          const d = rd.doses.find((x) => x.loc === loc);
          if (d) drops.push({ list: rd.doses, item: d, loc, issue });
        } else {
          const list = rd.therapies.includes(t) ? rd.therapies : rd.requests.includes(t) ? rd.requests : undefined;
          // A therapy made of doses alone: its doses go.
          if (list) drops.push({ list, item: t, loc: t.loc, issue });
          else for (const d of rd.doses.filter((x) => doseLocs.get(t)?.includes(x.loc))) drops.push({ list: rd.doses, item: d, loc: d.loc, issue });
        }
      } else {
        const list = rd[section as 'edss'] as { loc: string }[];
        const item = list[Number(index)]!;
        drops.push({ list, item, loc: item.loc, issue });
      }
    }
    if (drops.length === 0) return { ok: false, issues: a.issues };
    const seen = new Set<unknown>();
    for (const d of drops) {
      const i = d.list.indexOf(d.item);
      if (i >= 0) d.list.splice(i, 1);
      if (seen.has(d.item)) continue;
      seen.add(d.item);
      rd.report.push({ resource: rd.names.get(d.loc) ?? d.loc, reason: `${AT_ASSEMBLY}${d.issue.message}`, path: d.issue.path, status: 'unreadable' });
    }
  }
}

function assembleOnce(rd: Reader, asOf: Day, validate: BundleOptions['validate']): Assembled {
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

  const quick = recogniseHistory(h, { asOf });
  if (quick) return { ok: true, history: quick, report: rd.report };
  if (!validate) return { ok: false, issues: [NEEDS_VALIDATOR] };
  const v = validate(h, { asOf });
  if (!v.ok) return { ok: false, issues: v.issues.map((i) => ({ path: locate(origin, i.path), message: i.message })), raw: v.issues, therapies };
  return { ok: true, history: v.history, report: rd.report };
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
