import type { CodeableConcept } from 'fhir/r4.js';
import type { Therapy } from '../history/schema.js';
import type { DrugId } from '../history/vocabularies.js';
import { FULCRUM_SYSTEM, LIST_EMPTY_REASON, conceptOf } from './codes.js';
import { fullFromFhir, partialFromFhir } from './dates.js';
import { type Reader, codesText, conceptIn, codings, extension, isObj, type Json } from './reader.js';

// Medication resources become therapies and doses; Procedure gives AHSCT and mediastinal
// radiotherapy; DeviceUseStatement (R4) / DeviceUsage (R5) gives the urinary catheter; a List with
// emptyReason says a section was recorded and is empty.

type DrugResult = { drug: DrugId } | { reason: string } | { issue: true };

function drugOf(rd: Reader, r: Json, loc: string): DrugResult {
  let cc: unknown = r.medicationCodeableConcept;
  if (cc === undefined && r.medicationReference !== undefined) {
    const target = rd.resolve(r.medicationReference, r);
    if (!target) {
      const ref = isObj(r.medicationReference) ? String(r.medicationReference.reference) : '?';
      return { reason: `its medicationReference "${ref}" is not in the Bundle, so the drug is unknown` };
    }
    if (target.resource.resourceType !== 'Medication') {
      rd.issue(`${loc}.medicationReference`, 'must refer to a Medication');
      return { issue: true };
    }
    if (typeof target.resource.id === 'string') rd.referenced.add(`Medication/${target.resource.id}`);
    cc = target.resource.code;
  }
  // R5 MedicationStatement/Administration: medication is a CodeableReference.
  if (cc === undefined && isObj(r.medication)) cc = isObj(r.medication.concept) ? r.medication.concept : undefined;
  if (cc === undefined) {
    rd.issue(`${loc}.medication`, 'is required: medicationCodeableConcept or medicationReference');
    return { issue: true };
  }
  const { match, conflict, untrustedDrug } = conceptIn(cc as CodeableConcept);
  if (conflict) {
    rd.issue(`${loc}.medication`, `has codings naming different drugs (${conflict.join(', ')})`);
    return { issue: true };
  }
  if (!match) return { reason: untrustedDrug ?? `not a therapy the product reads (${codesText(cc)})` };
  if (!match.concept.startsWith('drug:')) return { reason: `the code means ${match.concept}, not a drug` };
  return { drug: match.concept.slice(5) as DrugId };
}

const STOP_REASONS = new Set(['inefficacy', 'adverse-event', 'patient-choice', 'pregnancy', 'other']);

function stopReasonOf(r: Json, field: unknown): Therapy['stopReason'] {
  const list = Array.isArray(field) ? field : field !== undefined ? [field] : [];
  for (const cc of list) {
    for (const c of codings(cc)) {
      const concept = conceptOf(c.system, c.code);
      if (concept?.startsWith('stop:') && STOP_REASONS.has(concept.slice(5))) return concept.slice(5) as Therapy['stopReason'];
    }
  }
  const ext = extension(r, 'therapy-stop-reason');
  if (ext && typeof ext.valueCode === 'string' && STOP_REASONS.has(ext.valueCode)) return ext.valueCode as Therapy['stopReason'];
  return undefined;
}

function keysOf(r: Json, fullUrl: string | undefined): string[] {
  const keys: string[] = [];
  if (typeof r.id === 'string') keys.push(`${String(r.resourceType)}/${r.id}`);
  if (fullUrl) keys.push(fullUrl);
  return keys;
}

export function readMedicationStatement(rd: Reader, r: Json, loc: string, fullUrl: string | undefined): void {
  if (!rd.belongsToPatient(r.subject, loc, 'subject')) return;
  const status = r.status;
  if (status === 'intended' || status === 'not-taken' || status === 'entered-in-error' || status === 'unknown') {
    rd.unused(r, loc, `status is ${String(status)}: not evidence the drug was taken`);
    return;
  }
  if (status !== 'active' && status !== 'completed' && status !== 'stopped' && status !== 'on-hold' && status !== 'recorded') {
    rd.issue(`${loc}.status`, 'is required: active, completed, stopped, on-hold, intended, not-taken, entered-in-error or unknown');
    return;
  }
  const d = drugOf(rd, r, loc);
  if ('issue' in d) return;
  if ('reason' in d) return rd.unused(r, loc, d.reason);
  const period = isObj(r.effectivePeriod) ? r.effectivePeriod : undefined;
  const rawStart = period ? period.start : r.effectiveDateTime;
  const start = fullFromFhir(rawStart);
  const startPath = period ? `${loc}.effectivePeriod.start` : `${loc}.effectiveDateTime`;
  if (start === undefined) {
    rd.issue(
      startPath,
      rawStart === undefined
        ? 'is required: a therapy needs its start date'
        : 'must be a date with a day (YYYY-MM-DD): the history needs the day a therapy started',
    );
    return;
  }
  const therapy: Therapy = { drug: d.drug, start };
  if (period && period.end !== undefined) {
    const end = fullFromFhir(period.end);
    if (end === undefined) {
      rd.issue(`${loc}.effectivePeriod.end`, 'must be a date with a day (YYYY-MM-DD)');
      return;
    }
    therapy.end = end;
  } else if (status === 'completed' || status === 'stopped') {
    // Ended, on a day the statement does not give: not ongoing, and not ended on its start.
    therapy.endUnknown = true;
    rd.report.push({
      resource: rd.names.get(loc) ?? loc,
      status: 'read',
      reason: `read as exposure to ${d.drug} from ${start}; the statement is ${status} without effectivePeriod.end, so the day it ended is unknown (endUnknown): washouts that count from the end ask for it`,
    });
  }
  const stop = stopReasonOf(r, r.statusReason ?? r.reason);
  if (stop !== undefined && (therapy.end !== undefined || therapy.endUnknown)) therapy.stopReason = stop;
  rd.therapies.push({ value: therapy, loc, keys: keysOf(r, fullUrl), source: 'statement' });
}

const UNITS: Record<string, 'mg' | 'mg/m2'> = { mg: 'mg', 'mg/m2': 'mg/m2', 'mg/m^2': 'mg/m2', 'mg/m²': 'mg/m2', 'mg/m.m': 'mg/m2' };

export function readMedicationAdministration(rd: Reader, r: Json, loc: string): void {
  if (!rd.belongsToPatient(r.subject, loc, 'subject')) return;
  if (r.status !== 'completed') {
    rd.unused(r, loc, `status is ${String(r.status)}: only completed administrations are doses given`);
    return;
  }
  const d = drugOf(rd, r, loc);
  if ('issue' in d) return;
  if ('reason' in d) return rd.unused(r, loc, d.reason);
  const raw = r.effectiveDateTime ?? (isObj(r.effectivePeriod) ? r.effectivePeriod.start : undefined);
  const date = fullFromFhir(raw);
  if (date === undefined) {
    rd.issue(`${loc}.effective`, 'is required with a day (YYYY-MM-DD): a dose is given on a date');
    return;
  }
  const dose = isObj(r.dosage) && isObj(r.dosage.dose) ? r.dosage.dose : undefined;
  const unit = dose
    ? [dose.code, dose.unit].map((u) => (typeof u === 'string' ? UNITS[u.toLowerCase().replace(/\s+/g, '')] : undefined)).find((u) => u !== undefined)
    : undefined;
  if (!dose || typeof dose.value !== 'number' || dose.value <= 0 || unit === undefined) {
    rd.issue(`${loc}.dosage.dose`, 'is required with a positive value in mg or mg/m2: cumulative-dose limits cannot be checked without it');
    return;
  }
  let statementKey: string | undefined;
  for (const ref of Array.isArray(r.supportingInformation) ? r.supportingInformation : []) {
    if (isObj(ref) && typeof ref.reference === 'string') statementKey = ref.reference;
  }
  rd.doses.push({ drug: d.drug, date, amount: dose.value, unit, loc, statementKey });
}

/** Orders that record exposure: given (active, on-hold), or given and then ended (completed, stopped). */
const EXPOSURE_ORDERS = new Set(['active', 'on-hold', 'completed', 'stopped']);

export function readMedicationRequest(rd: Reader, r: Json, loc: string, fullUrl: string | undefined): void {
  if (!rd.belongsToPatient(r.subject, loc, 'subject')) return;
  // cancelled, draft, entered-in-error and unknown orders were never evidence the drug was given.
  if (typeof r.status !== 'string' || !EXPOSURE_ORDERS.has(r.status)) {
    rd.unused(r, loc, `status is ${String(r.status)}: only active, on-hold, completed or stopped orders are exposure`);
    return;
  }
  const d = drugOf(rd, r, loc);
  if ('issue' in d) return;
  if ('reason' in d) return rd.unused(r, loc, d.reason);
  const start = fullFromFhir(r.authoredOn);
  if (start === undefined) {
    rd.issue(`${loc}.authoredOn`, 'is required with a day (YYYY-MM-DD) to read an order as the start of a therapy');
    return;
  }
  const therapy: Therapy = { drug: d.drug, start };
  if (r.status === 'completed' || r.status === 'stopped') {
    const validity = isObj(r.dispenseRequest) && isObj(r.dispenseRequest.validityPeriod) ? r.dispenseRequest.validityPeriod : undefined;
    const end = fullFromFhir(validity?.end);
    if (end !== undefined) therapy.end = end;
    else {
      // Taken for a while, ended on a day the order does not give: exposure from the order's date, the
      // end unknown (never ongoing, never a guessed day), so a washout counted from it asks for the end.
      therapy.endUnknown = true;
      rd.report.push({
        resource: rd.names.get(loc) ?? loc,
        status: 'read',
        reason: `read as exposure to ${d.drug} from ${start}; the order is ${r.status} without dispenseRequest.validityPeriod.end, so the day it ended is unknown (endUnknown): washouts that count from the end ask for it (send a MedicationStatement with its period)`,
      });
    }
    const stop = stopReasonOf(r, r.statusReason);
    if (stop !== undefined) therapy.stopReason = stop;
  }
  rd.requests.push({ value: therapy, loc, keys: keysOf(r, fullUrl), source: 'request' });
}

export function readProcedure(rd: Reader, r: Json, loc: string, fullUrl: string | undefined): void {
  if (!rd.belongsToPatient(r.subject, loc, 'subject')) return;
  const match = rd.codeConcept(r, loc);
  if (!match) return;
  if (r.status !== 'completed') return rd.unused(r, loc, `status is ${String(r.status)}: only completed procedures are read`);
  const period = isObj(r.performedPeriod) ? r.performedPeriod : undefined;
  const raw = period ? period.start : r.performedDateTime;
  if (match.concept === 'drug:ahsct') {
    const start = fullFromFhir(raw);
    if (start === undefined) return rd.issue(`${loc}.performed`, 'is required with a day (YYYY-MM-DD): the date of the transplant');
    const therapy: Therapy = { drug: 'ahsct', start };
    if (period?.end !== undefined) {
      const end = fullFromFhir(period.end);
      if (end === undefined) return rd.issue(`${loc}.performedPeriod.end`, 'must be a date with a day (YYYY-MM-DD)');
      therapy.end = end;
      const stop = stopReasonOf(r, undefined);
      if (stop) therapy.stopReason = stop;
    }
    rd.therapies.push({ value: therapy, loc, keys: keysOf(r, fullUrl), source: 'procedure' });
    return;
  }
  if (match.concept === 'condition:mediastinal-radiotherapy' || match.concept === 'condition:prior-anthracycline') {
    const onset = partialFromFhir(raw);
    rd.conditions.push({ value: { code: match.concept.slice(10) as 'mediastinal-radiotherapy', status: 'resolved', ...(onset ? { onset } : {}) }, loc });
    return;
  }
  rd.unused(r, loc, `the concept ${match.concept} is not read from a Procedure`);
}

export function readDeviceUse(rd: Reader, r: Json, loc: string): void {
  if (!rd.belongsToPatient(r.subject ?? r.patient, loc, r.subject !== undefined ? 'subject' : 'patient')) return;
  // R4 DeviceUseStatement.device is a Reference(Device); R5 DeviceUsage.device a CodeableReference.
  let type: unknown;
  const device = r.device;
  if (isObj(device) && isObj(device.concept)) type = device.concept;
  const ref = isObj(device) && isObj(device.reference) ? device.reference : device;
  if (type === undefined) {
    const target = rd.resolve(ref, r);
    if (!target) return rd.unused(r, loc, 'its device is not in the Bundle, so what device it is is unknown');
    if (typeof target.resource.id === 'string') rd.referenced.add(`Device/${target.resource.id}`);
    type = target.resource.type;
  }
  const { match } = conceptIn(type as CodeableConcept);
  if (match?.concept !== 'device:urinary-catheter' && match?.concept !== 'condition:urinary-catheter') {
    return rd.unused(r, loc, `device not in the product's tables (${codesText(type)})`);
  }
  const status = r.status;
  let s: 'active' | 'resolved';
  if (status === 'active' || status === 'on-hold') s = 'active';
  else if (status === 'completed' || status === 'stopped' || status === 'inactive') s = 'resolved';
  else return rd.unused(r, loc, `status is ${String(status)}: not a device in use or used`);
  const timing = isObj(r.timingPeriod) ? r.timingPeriod.start : r.timingDateTime;
  const onset = partialFromFhir(timing);
  rd.conditions.push({ value: { code: 'urinary-catheter', status: s, ...(onset ? { onset } : {}) }, loc });
}

const SECTIONS = new Set(['edss', 'relapses', 'mri', 'therapies', 'conditions', 'labs', 'performanceTests']);

export function readList(rd: Reader, r: Json, loc: string): void {
  const section = codings(r.code)
    .find((c) => c.system === FULCRUM_SYSTEM && c.code?.startsWith('section-'))
    ?.code?.slice(8);
  const empty = codings(r.emptyReason).some((c) => c.system === LIST_EMPTY_REASON && c.code === 'nilknown');
  const hasEntries = Array.isArray(r.entry) && r.entry.length > 0;
  if (section && SECTIONS.has(section) && empty && !hasEntries) {
    if (!rd.belongsToPatient(r.subject, loc, 'subject')) return;
    rd.emptySections.add(section);
    return;
  }
  rd.unused(r, loc, hasEntries ? 'a List is not read: its items are read from their own resources' : 'not a product section List with emptyReason nilknown');
}
