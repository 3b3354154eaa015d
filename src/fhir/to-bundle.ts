import type { Bundle, BundleEntry, CodeableConcept, Coding, MedicationStatement, Observation, ObservationComponent, Procedure, Resource } from 'fhir/r4.js';
import type { History, Lab, Therapy } from '../history/schema.js';
import { LAB_UNITS } from '../history/units.js';
import type { FunctionalSystem } from '../history/vocabularies.js';
import { CONDITION_CLINICAL, FULCRUM_EXTENSION, LIST_EMPTY_REASON, LOINC, SNOMED, drugCodings, fulcrumCoding, standardCoding } from './codes.js';

// History -> FHIR R4 Bundle (type collection). Every datum the assessment reads is written so that
// bundleToHistory gives the same history back; standard codes are written beside the product's own
// so other systems can read what they know.

const BASE = 'https://fulcrum.example/fhir/';
const HISTORY_ID_SYSTEM = 'https://fulcrum.example/fhir/history-id';
const UCUM = 'http://unitsofmeasure.org';

const FS_CODES: Record<FunctionalSystem, string> = {
  visual: 'fs-visual',
  brainstem: 'fs-brainstem',
  pyramidal: 'fs-pyramidal',
  cerebellar: 'fs-cerebellar',
  sensory: 'fs-sensory',
  bowelBladder: 'fs-bowel-bladder',
  cerebral: 'fs-cerebral',
  ambulation: 'fs-ambulation',
};

function concept(...codings: (Coding | undefined)[]): CodeableConcept {
  return { coding: codings.filter((c): c is Coding => c !== undefined) };
}

function clinical(status: 'active' | 'resolved'): CodeableConcept {
  return { coding: [{ system: CONDITION_CLINICAL, code: status }] };
}

const VERIFIED: CodeableConcept = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] };

export function historyToBundle(h: History): Bundle {
  const safeId = /^[A-Za-z0-9\-.]{1,64}$/.test(h.id) ? h.id : h.id.replace(/[^A-Za-z0-9\-.]/g, '-').slice(0, 64) || 'patient';
  const subject = { reference: `Patient/${safeId}` };
  const entries: BundleEntry[] = [];
  let n = 0;
  const add = <T extends Resource>(r: T): T => {
    r.id ??= `${r.resourceType.toLowerCase()}-${++n}`;
    entries.push({ fullUrl: `${BASE}${r.resourceType}/${r.id}`, resource: r });
    return r;
  };
  add({
    resourceType: 'Patient',
    id: safeId,
    identifier: [{ system: HISTORY_ID_SYSTEM, value: h.id }],
    ...(h.sex !== undefined ? { gender: h.sex } : {}),
    ...(h.birthDate !== undefined ? { birthDate: h.birthDate } : {}),
  });
  if (h.msOnset !== undefined || h.msDiagnosis !== undefined) {
    add({
      resourceType: 'Condition',
      clinicalStatus: clinical('active'),
      verificationStatus: VERIFIED,
      code: concept(standardCoding('ms'), fulcrumCoding('ms')),
      subject,
      ...(h.msOnset !== undefined ? { onsetDateTime: h.msOnset } : {}),
      ...(h.msDiagnosis !== undefined ? { extension: [{ url: `${FULCRUM_EXTENSION}diagnosis-date`, valueDate: h.msDiagnosis }] } : {}),
    });
  }
  if (h.course) {
    add({
      resourceType: 'Condition',
      clinicalStatus: clinical('active'),
      verificationStatus: VERIFIED,
      code: concept(standardCoding(`phenotype:${h.course.phenotype}`), fulcrumCoding(h.course.phenotype.toLowerCase())),
      subject,
      ...(h.course.since !== undefined ? { onsetDateTime: h.course.since } : {}),
    });
  }
  const empty = (section: string, list: unknown[] | undefined) => {
    if (list === undefined || list.length > 0) return;
    add({
      resourceType: 'List',
      status: 'current',
      mode: 'snapshot',
      code: concept(fulcrumCoding(`section-${section}`)),
      subject,
      emptyReason: { coding: [{ system: LIST_EMPTY_REASON, code: 'nilknown' }] },
    });
  };
  for (const e of h.edss ?? []) {
    const component: ObservationComponent[] = [];
    for (const [k, v] of Object.entries(e.functionalSystems ?? {})) {
      component.push({ code: concept(fulcrumCoding(FS_CODES[k as FunctionalSystem])), valueInteger: v });
    }
    add<Observation>({
      resourceType: 'Observation',
      status: 'final',
      code: concept(fulcrumCoding('edss')),
      subject,
      effectiveDateTime: e.date,
      valueQuantity: { value: e.score, system: UCUM, code: '{score}' },
      ...(component.length > 0 ? { component } : {}),
    });
  }
  empty('edss', h.edss);
  for (const r of h.relapses ?? []) {
    add({
      resourceType: 'Condition',
      verificationStatus: VERIFIED,
      code: concept(fulcrumCoding('relapse')),
      subject,
      onsetDateTime: r.onset,
      extension: [
        { url: `${FULCRUM_EXTENSION}relapse-disabling`, valueBoolean: r.disabling },
        { url: `${FULCRUM_EXTENSION}relapse-recovery`, valueCode: r.recovery },
      ],
    });
  }
  empty('relapses', h.relapses);
  for (const m of h.mri ?? []) {
    add<Observation>({
      resourceType: 'Observation',
      status: 'final',
      code: concept(fulcrumCoding('mri-lesions')),
      subject,
      effectiveDateTime: m.date,
      bodySite: concept(fulcrumCoding(m.region)),
      component: [
        { code: concept(fulcrumCoding('gadolinium-enhancing-lesions')), valueInteger: m.gadoliniumEnhancingLesions },
        { code: concept(fulcrumCoding('new-or-enlarging-t2-lesions')), valueInteger: m.newOrEnlargingT2Lesions },
      ],
    });
  }
  empty('mri', h.mri);
  for (const t of h.performanceTests ?? []) {
    const value = t.test === 'sdmt' ? { valueInteger: t.value } : { valueQuantity: { value: t.value, unit: 's', system: UCUM, code: 's' } };
    add<Observation>({
      resourceType: 'Observation',
      status: 'final',
      code: concept(fulcrumCoding(`test-${t.test}`)),
      subject,
      effectiveDateTime: t.date,
      ...value,
    });
  }
  empty('performanceTests', h.performanceTests);
  for (const t of h.therapies ?? []) addTherapy(t, subject, add);
  empty('therapies', h.therapies);
  for (const c of h.conditions ?? []) {
    add({
      resourceType: 'Condition',
      clinicalStatus: clinical(c.status),
      verificationStatus: VERIFIED,
      code: concept(standardCoding(`condition:${c.code}`), fulcrumCoding(`condition-${c.code}`)),
      subject,
      ...(c.onset !== undefined ? { onsetDateTime: c.onset } : {}),
      ...(c.note !== undefined ? { note: [{ text: c.note }] } : {}),
    });
  }
  empty('conditions', h.conditions);
  const labs = h.labs ?? [];
  for (let i = 0; i < labs.length; i++) {
    // One reading: a systolic and a diastolic result of the same date, side by side, travel as one
    // blood-pressure panel (FHIR vital-signs profile); read back, it gives the two results in this order.
    const l = labs[i]!;
    const next = labs[i + 1];
    if (next && next.date === l.date && isBloodPressurePair(l.test, next.test)) {
      add(bloodPressurePanel(l, next, subject));
      i++;
    } else add(labObservation(l, subject));
  }
  empty('labs', h.labs);
  if (h.body) {
    add<Observation>({
      resourceType: 'Observation',
      status: 'final',
      code: concept(standardCoding('body:height')),
      subject,
      valueQuantity: { value: h.body.heightCm, unit: 'cm', system: UCUM, code: 'cm' },
    });
    add<Observation>({
      resourceType: 'Observation',
      status: 'final',
      code: concept(standardCoding('body:weight')),
      subject,
      valueQuantity: { value: h.body.weightKg, unit: 'kg', system: UCUM, code: 'kg' },
    });
  }
  const p = h.pregnancy;
  if (p?.pregnant !== undefined)
    add<Observation>({ resourceType: 'Observation', status: 'final', code: concept(fulcrumCoding('pregnant')), subject, valueBoolean: p.pregnant });
  if (p?.breastfeeding !== undefined)
    add<Observation>({ resourceType: 'Observation', status: 'final', code: concept(fulcrumCoding('breastfeeding')), subject, valueBoolean: p.breastfeeding });
  if (p?.planningWithinMonths !== undefined)
    add<Observation>({
      resourceType: 'Observation',
      status: 'final',
      code: concept(fulcrumCoding('pregnancy-planning-months')),
      subject,
      valueInteger: p.planningWithinMonths,
    });
  return { resourceType: 'Bundle', type: 'collection', entry: entries };
}

function addTherapy(t: Therapy, subject: { reference: string }, add: <T extends Resource>(r: T) => T): void {
  const medication = concept(...drugCodings(t.drug).map((c) => ({ ...c })), fulcrumCoding(`drug-${t.drug}`));
  let statementRef: string;
  if (t.drug === 'ahsct') {
    const proc = add<Procedure>({
      resourceType: 'Procedure',
      status: 'completed',
      code: concept(fulcrumCoding('drug-ahsct')),
      subject,
      ...(t.end !== undefined ? { performedPeriod: { start: t.start, end: t.end } } : { performedDateTime: t.start }),
      ...(t.stopReason !== undefined ? { extension: [{ url: `${FULCRUM_EXTENSION}therapy-stop-reason`, valueCode: t.stopReason }] } : {}),
    });
    statementRef = `Procedure/${proc.id!}`;
  } else {
    const st = add<MedicationStatement>({
      resourceType: 'MedicationStatement',
      status: t.end === undefined && t.endUnknown !== true ? 'active' : t.stopReason !== undefined ? 'stopped' : 'completed',
      medicationCodeableConcept: medication,
      subject,
      effectivePeriod: { start: t.start, ...(t.end !== undefined ? { end: t.end } : {}) },
      ...(t.stopReason !== undefined ? { statusReason: [concept(fulcrumCoding(`stop-${t.stopReason}`))] } : {}),
    });
    statementRef = `MedicationStatement/${st.id!}`;
  }
  for (const d of t.doses ?? []) {
    add({
      resourceType: 'MedicationAdministration',
      status: 'completed',
      medicationCodeableConcept: medication,
      subject,
      effectiveDateTime: d.date,
      supportingInformation: [{ reference: statementRef }],
      dosage: { dose: { value: d.amount, unit: d.unit, system: UCUM, code: d.unit === 'mg' ? 'mg' : 'mg/m2' } },
    });
  }
}

const POSITIVE: Coding = { system: SNOMED, code: '10828004', display: 'Positive' };
const NEGATIVE: Coding = { system: SNOMED, code: '260385009', display: 'Negative' };

function isBloodPressurePair(a: Lab['test'], b: Lab['test']): boolean {
  return (a === 'systolic-bp' && b === 'diastolic-bp') || (a === 'diastolic-bp' && b === 'systolic-bp');
}

function bloodPressurePanel(a: Lab, b: Lab, subject: { reference: string }): Observation {
  const component = (l: Lab): ObservationComponent => ({
    code: concept(standardCoding(`lab:${l.test}`), fulcrumCoding(`lab-${l.test}`)),
    valueQuantity: { value: l.value as number, unit: l.unit ?? LAB_UNITS[l.test].unit ?? '' },
  });
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
    code: { coding: [{ system: LOINC, code: '85354-9', display: 'Blood pressure panel with all children optional' }] },
    subject,
    effectiveDateTime: a.date,
    component: [component(a), component(b)],
  };
}

function labObservation(l: Lab, subject: { reference: string }): Observation {
  // Creatinine in umol/L is LOINC 14682-9 (moles/volume), not 2160-0 (mass/volume).
  const standard =
    l.test === 'creatinine' ? { system: LOINC, code: '14682-9', display: 'Creatinine [Moles/volume] in Serum or Plasma' } : standardCoding(`lab:${l.test}`);
  const base: Observation = {
    resourceType: 'Observation',
    status: 'final',
    code: concept(standard, fulcrumCoding(`lab-${l.test}`)),
    subject,
    effectiveDateTime: l.date,
  };
  if (typeof l.value === 'number') {
    const unit = l.unit ?? LAB_UNITS[l.test].unit ?? '';
    return { ...base, valueQuantity: { value: l.value, unit } };
  }
  // A genotype is written as the laboratories report it (HL7 Genomics Reporting uses a string display).
  if (l.value !== 'positive' && l.value !== 'negative') return { ...base, valueString: l.value };
  return { ...base, valueCodeableConcept: { coding: [l.value === 'positive' ? POSITIVE : NEGATIVE] } };
}
