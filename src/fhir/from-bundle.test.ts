import { describe, expect, it } from 'vitest';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.js';
import { parseDay } from '../history/dates.js';
import { assess } from '../assess/index.js';
import { bundleToHistory, operationOutcome } from './index.js';

// Small made-up FHIR resources.
const SCT = 'http://snomed.info/sct';
const LNC = 'http://loinc.org';
const RX = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const FUL = 'https://fulcrum.example/fhir/CodeSystem/fulcrum';
const EXT = 'https://fulcrum.example/fhir/StructureDefinition/';
const subject = { reference: 'Patient/p1' };

type R = Record<string, unknown>;

function bundle(...resources: R[]): R {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: 'https://ehr.example/fhir/Patient/p1', resource: { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1985-04-02' } },
      ...resources.map((resource) => ({ resource })),
    ],
  };
}

const code = (system: string, c: string, display?: string) => ({ coding: [{ system, code: c, ...(display ? { display } : {}) }] });
const active = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] };
const resolved = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'resolved' }] };

function condition(c: R, extra: R = {}): R {
  return { resourceType: 'Condition', subject, code: c, clinicalStatus: active, ...extra };
}

function edss(date: string, score: number, extra: R = {}): R {
  return { resourceType: 'Observation', status: 'final', subject, code: code(FUL, 'edss'), effectiveDateTime: date, valueQuantity: { value: score }, ...extra };
}

function lab(loinc: string, date: string, value: number, unit: string): R {
  return { resourceType: 'Observation', status: 'final', subject, code: code(LNC, loinc), effectiveDateTime: date, valueQuantity: { value, unit } };
}

function relapse(onset: string, disabling?: boolean, recovery?: string): R {
  const extension = [];
  if (disabling !== undefined) extension.push({ url: `${EXT}relapse-disabling`, valueBoolean: disabling });
  if (recovery !== undefined) extension.push({ url: `${EXT}relapse-recovery`, valueCode: recovery });
  return { resourceType: 'Condition', subject, code: code(FUL, 'relapse'), onsetDateTime: onset, extension };
}

function statement(med: R, start: string, extra: R = {}): R {
  return { resourceType: 'MedicationStatement', status: 'active', subject, medicationCodeableConcept: med, effectivePeriod: { start }, ...extra };
}

const ok2 = (m: ReturnType<typeof bundleToHistory>) => {
  if (!m.ok) throw new Error(JSON.stringify(m.issues));
  return m;
};
const ok = (b: unknown) => {
  const m = bundleToHistory(b);
  if (!m.ok) throw new Error(JSON.stringify(m.issues));
  return m;
};
// The refusals below are the strict mode's (a data-quality check); by default each unreadable entry
// is left out and reported (see "one bad entry, one unknown").
const issues = (b: unknown) => {
  const m = bundleToHistory(b, { strict: true });
  if (m.ok) throw new Error('expected issues, got a history');
  return m.issues;
};

describe('the Bundle itself', () => {
  it('rejects anything but a Bundle, naming the resourceType', () => {
    expect(issues({ resourceType: 'Patient', id: 'x' })[0]!.message).toMatch(/reads a Bundle/);
    expect(issues([])[0]!.path).toBe('Bundle');
  });

  it('reads collection, searchset, transaction and document Bundles but not batch or history', () => {
    for (const type of ['collection', 'searchset', 'transaction', 'document']) expect(bundleToHistory({ ...bundle(), type }).ok).toBe(true);
    for (const type of ['batch', 'history', 'message']) expect(issues({ ...bundle(), type })[0]!.path).toBe('Bundle.type');
  });

  it('holds exactly one patient', () => {
    const two = bundle({ resourceType: 'Patient', id: 'p2' });
    expect(issues(two)[0]!.message).toMatch(/2 Patients/);
    expect(issues({ resourceType: 'Bundle', type: 'collection', entry: [] })[0]!.message).toMatch(/no Patient/);
  });

  it('maps Patient id, sex and a partial birth date', () => {
    const b = bundle();
    (b.entry as { resource: Record<string, unknown> }[])[0]!.resource.birthDate = '1985-04';
    const h = ok(b).history;
    expect(h).toEqual({ formatVersion: 1, id: 'p1', sex: 'female', birthDate: '1985-04' });
  });

  it('refuses a resource about another patient: one Bundle, one patient', () => {
    const i = issues(bundle(condition(code(SCT, '86406008'), { subject: { reference: 'Patient/someone-else' } })));
    expect(i[0]).toEqual({ path: 'Bundle.entry[1].resource.subject.reference', message: expect.stringMatching(/not to the Bundle's Patient/) });
  });

  it('accepts references by fullUrl and by absolute URL to the patient', () => {
    expect(ok(bundle(condition(code(SCT, '86406008'), { subject: { reference: 'https://ehr.example/fhir/Patient/p1' } }))).history.conditions).toHaveLength(1);
  });

  it('reports every resource it does not use, with the reason, and never drops one silently', () => {
    const m = ok(bundle({ resourceType: 'Encounter', id: 'e1', status: 'finished' }, condition(code(SCT, '73211009'), { id: 'c9' })));
    expect(m.report).toEqual([
      { resource: 'Encounter/e1', reason: 'the product does not read Encounter resources' },
      {
        resource: 'Condition/c9',
        reason: expect.stringMatching(/not in the product's tables/),
        coding: { system: SCT, code: '73211009' },
        review: true,
      },
    ]);
    // An active problem the product does not recognise is listed for the clinician to review.
    expect(m.unrecognised).toEqual([{ system: SCT, code: '73211009', display: '' }]);
  });
});

describe('conditions', () => {
  it('reads SNOMED CT HIV infection (86406008) as the hiv condition with its status and onset', () => {
    const h = ok(bundle(condition(code(SCT, '86406008'), { onsetDateTime: '2012-03-04T10:00:00Z' }))).history;
    expect(h.conditions).toEqual([{ code: 'hiv', status: 'active', onset: '2012-03-04' }]);
  });

  it('needs clinicalStatus: active or resolved is never guessed', () => {
    const i = issues(bundle(condition(code(SCT, '86406008'), { clinicalStatus: undefined })));
    expect(i[0]!.path).toBe('Bundle.entry[1].resource.clinicalStatus');
  });

  it('does not read refuted or provisional diagnoses, and says so', () => {
    const m = ok(
      bundle(condition(code(SCT, '86406008'), { verificationStatus: code('http://terminology.hl7.org/CodeSystem/condition-ver-status', 'refuted') })),
    );
    expect(m.history.conditions).toBeUndefined();
    expect(m.report[0]!.reason).toMatch(/refuted/);
  });

  it('plain hypertension is not uncontrolled hypertension: reported, not mapped', () => {
    const m = ok(bundle(condition(code(SCT, '38341003'))));
    expect(m.history.conditions).toBeUndefined();
    expect(m.report[0]!.reason).toMatch(/uncontrolled/);
  });

  it('an active urinary tract infection is an active infection; a past one is reported', () => {
    expect(ok(bundle(condition(code(SCT, '68566005')))).history.conditions).toEqual([
      { code: 'active-infection', status: 'active', note: 'urinary tract infection' },
    ]);
    const m = ok(bundle(condition(code(SCT, '68566005'), { clinicalStatus: resolved })));
    expect(m.history.conditions).toBeUndefined();
    expect(m.report).toHaveLength(1);
  });

  it('codings that mean different things make the Condition an error, not a guess', () => {
    const c = {
      coding: [
        { system: SCT, code: '86406008' },
        { system: FUL, code: 'condition-hepatitis-b' },
      ],
    };
    expect(issues(bundle(condition(c)))[0]!.path).toBe('Bundle.entry[1].resource.code');
  });

  it('reads MS onset and diagnosis from the MS Condition, and the course from the course Condition', () => {
    const h = ok(
      bundle(
        condition(code(SCT, '24700007'), { onsetDateTime: '2009-06', extension: [{ url: `${EXT}diagnosis-date`, valueDate: '2010-01-15' }] }),
        condition(code(SCT, '425500002'), { onsetDateTime: '2021' }),
      ),
    ).history;
    expect(h).toMatchObject({ msOnset: '2009-06', msDiagnosis: '2010-01-15', course: { phenotype: 'SPMS', since: '2021' } });
  });

  it('an earlier resolved course is reported; two active courses that disagree are an error', () => {
    const m = ok(bundle(condition(code(SCT, '426373005'), { clinicalStatus: resolved }), condition(code(SCT, '425500002'))));
    expect(m.history.course).toEqual({ phenotype: 'SPMS' });
    expect(m.report[0]!.reason).toMatch(/earlier course/);
    expect(issues(bundle(condition(code(SCT, '426373005')), condition(code(SCT, '425500002'))))[0]!.message).toMatch(/disagree/);
  });

  it('a relapse needs a full onset date, whether it was disabling and its recovery', () => {
    expect(ok(bundle(relapse('2020-02-03', true, 'partial'))).history.relapses).toEqual([{ onset: '2020-02-03', disabling: true, recovery: 'partial' }]);
    const i = issues(bundle(relapse('2020-02', undefined, 'complete')));
    expect(i.map((x) => x.path)).toEqual(['Bundle.entry[1].resource.onsetDateTime', 'Bundle.entry[1].resource.extension']);
  });

  it('an onset given as an age or text is not turned into a date, and the report says so', () => {
    const m = ok(bundle(condition(code(SCT, '24700007'), { onsetAge: { value: 28, unit: 'a' } })));
    expect(m.history.msOnset).toBeUndefined();
    expect(m.report[0]!.reason).toMatch(/onsetAge is not read/);
  });

  it('a pregnancy Condition that is active says the patient is pregnant', () => {
    expect(ok(bundle(condition(code(SCT, '77386006')))).history.pregnancy).toEqual({ pregnant: true });
  });
});

describe('observations', () => {
  it('reads EDSS with functional systems from product codes', () => {
    const fs = [
      { code: code(FUL, 'fs-pyramidal'), valueInteger: 3 },
      { code: code(FUL, 'fs-bowel-bladder'), valueInteger: 2 },
    ];
    expect(ok(bundle(edss('2022-05-01', 4.5, { component: fs }))).history.edss).toEqual([
      { date: '2022-05-01', score: 4.5, functionalSystems: { pyramidal: 3, bowelBladder: 2 } },
    ]);
  });

  it('an EDSS of 0.5 does not exist: the error points at the Observation in the Bundle', () => {
    const i = issues(bundle(edss('2022-05-01', 0.5)));
    expect(i[0]!.path).toBe('Bundle.entry[1].resource.value');
    expect(i[0]!.message).toMatch(/EDSS score/);
  });

  it('an EDSS without a day is an error: events need full dates', () => {
    expect(issues(bundle(edss('2022-05', 3)))[0]!.path).toBe('Bundle.entry[1].resource.effective');
  });

  it('reads LOINC labs and converts units (creatinine 0.9 mg/dL = 79.578 umol/L)', () => {
    const h = ok(bundle(lab('777-3', '2024-01-02', 180, '10*9/L'), lab('2160-0', '2024-01-02', 0.9, 'mg/dL'))).history;
    expect(h.labs).toEqual([
      { date: '2024-01-02', test: 'platelets', value: 180, unit: '10^9/L' },
      { date: '2024-01-02', test: 'creatinine', value: 79.578, unit: 'umol/L' },
    ]);
  });

  it('an unknown lab unit is an error at the unit, never a silent conversion', () => {
    const i = issues(bundle(lab('777-3', '2024-01-02', 180, 'furlongs')));
    expect(i[0]!.path).toBe('Bundle.entry[1].resource.valueQuantity.unit');
  });

  it('reads qualitative results from SNOMED CT Positive/Negative', () => {
    const hiv = {
      resourceType: 'Observation',
      status: 'final',
      subject,
      code: code(FUL, 'lab-hiv-test'),
      effectiveDateTime: '2024-01-02',
      valueCodeableConcept: code(SCT, '260385009'),
    };
    expect(ok(bundle(hiv)).history.labs).toEqual([{ date: '2024-01-02', test: 'hiv-test', value: 'negative' }]);
  });

  it('a preliminary result is not read, and is reported', () => {
    const m = ok(bundle({ ...lab('777-3', '2024-01-02', 180, '10^9/L'), status: 'preliminary' }));
    expect(m.history.labs).toBeUndefined();
    expect(m.report[0]!.reason).toMatch(/preliminary/);
  });

  it('body size takes the latest height and weight; a weight alone is reported', () => {
    const w = (d: string, v: number) => ({
      resourceType: 'Observation',
      status: 'final',
      subject,
      code: code(LNC, '29463-7'),
      effectiveDateTime: d,
      valueQuantity: { value: v, code: 'kg' },
    });
    const hgt = { resourceType: 'Observation', status: 'final', subject, code: code(LNC, '8302-2'), valueQuantity: { value: 1.7, code: 'm' } };
    expect(ok(bundle(w('2020-01-01', 60), w('2023-01-01', 64), hgt)).history.body).toEqual({ heightCm: 170, weightKg: 64 });
    const alone = ok(bundle(w('2020-01-01', 60), w('2021-01-01', 61)));
    expect(alone.history.body).toBeUndefined();
    expect(alone.report.map((r) => r.reason)).toEqual([expect.stringMatching(/no height/), 'an older measurement: the latest is used']);
  });

  it('MRI lesion counts must both be present: a missing count is unknown, not zero', () => {
    const mri = {
      resourceType: 'Observation',
      status: 'final',
      subject,
      code: code(FUL, 'mri-lesions'),
      effectiveDateTime: '2023-03-03',
      bodySite: code(FUL, 'brain'),
      component: [{ code: code(FUL, 'gadolinium-enhancing-lesions'), valueInteger: 2 }],
    };
    expect(issues(bundle(mri))[0]!.message).toMatch(/new-or-enlarging-t2-lesions/);
  });
});

describe('therapies', () => {
  it('reads RxNorm alemtuzumab (117055) through a Medication reference', () => {
    const med = { resourceType: 'Medication', id: 'm1', code: code(RX, '117055', 'alemtuzumab 12 MG/1.2 ML') };
    const st = { ...statement(code(RX, '0'), '2019-03-04'), medicationCodeableConcept: undefined, medicationReference: { reference: 'Medication/m1' } };
    const m = ok(bundle(med, st));
    expect(m.history.therapies).toEqual([{ drug: 'alemtuzumab', start: '2019-03-04' }]);
    expect(m.report).toEqual([]);
  });

  it('does not trust a drug code whose display names another drug', () => {
    const m = ok(bundle(statement(code(RX, '1876366', 'dupilumab 300 MG'), '2020-01-01')));
    expect(m.history.therapies).toBeUndefined();
    expect(m.report[0]!.reason).toMatch(/names another drug/);
  });

  it('a stopped therapy without its end date is not ongoing: its end is unknown (endUnknown), and the report says so', () => {
    const m = ok(bundle(statement(code(RX, '354770'), '2015-01-01', { status: 'stopped', statusReason: [code(FUL, 'stop-adverse-event')] })));
    expect(m.history.therapies).toEqual([{ drug: 'natalizumab', start: '2015-01-01', endUnknown: true, stopReason: 'adverse-event' }]);
    expect(m.report).toEqual([expect.objectContaining({ status: 'read', reason: expect.stringMatching(/day it ended is unknown/) })]);
  });

  it('reads the stop reason from statusReason', () => {
    const st = statement(code(RX, '354770'), '2015-01-01', {
      status: 'stopped',
      effectivePeriod: { start: '2015-01-01', end: '2017-06-30' },
      statusReason: [code(FUL, 'stop-adverse-event')],
    });
    expect(ok(bundle(st)).history.therapies).toEqual([{ drug: 'natalizumab', start: '2015-01-01', end: '2017-06-30', stopReason: 'adverse-event' }]);
  });

  it('attaches administrations as doses to the therapy whose dates contain them, in mg/m2 for mitoxantrone', () => {
    const admin = (d: string) => ({
      resourceType: 'MedicationAdministration',
      status: 'completed',
      subject,
      medicationCodeableConcept: code(RX, '7005'),
      effectiveDateTime: d,
      dosage: { dose: { value: 12, unit: 'mg/m2' } },
    });
    const h = ok(
      bundle(
        statement(code(RX, '7005'), '2018-01-10', { status: 'completed', effectivePeriod: { start: '2018-01-10', end: '2018-07-10' } }),
        admin('2018-01-10'),
        admin('2018-04-10'),
      ),
    ).history;
    expect(h.therapies![0]!.doses).toEqual([
      { date: '2018-01-10', amount: 12, unit: 'mg/m2' },
      { date: '2018-04-10', amount: 12, unit: 'mg/m2' },
    ]);
  });

  it('a dose without its amount is an error: cumulative limits cannot be checked', () => {
    const admin = {
      resourceType: 'MedicationAdministration',
      status: 'completed',
      subject,
      medicationCodeableConcept: code(RX, '7005'),
      effectiveDateTime: '2018-01-10',
    };
    expect(issues(bundle(admin))[0]!.path).toBe('Bundle.entry[1].resource.dosage.dose');
  });

  it('an order is read only when no statement or administration records the drug', () => {
    const req = {
      resourceType: 'MedicationRequest',
      status: 'active',
      intent: 'order',
      subject,
      medicationCodeableConcept: code(RX, '1012892'),
      authoredOn: '2021-02-02',
    };
    expect(ok(bundle(req)).history.therapies).toEqual([{ drug: 'fingolimod', start: '2021-02-02' }]);
    const m = ok(bundle(req, statement(code(RX, '1012892'), '2021-02-10')));
    expect(m.history.therapies).toEqual([{ drug: 'fingolimod', start: '2021-02-10' }]);
    expect(m.report[0]!.reason).toMatch(/superseded/);
  });

  it('a drug the product does not read (e.g. baclofen) is reported, not turned into "other"', () => {
    const m = ok(bundle(statement(code(RX, '1292', 'baclofen'), '2020-01-01')));
    expect(m.history.therapies).toBeUndefined();
    expect(m.report).toHaveLength(1);
  });
});

describe('devices, procedures and empty sections', () => {
  it('a urinary catheter in use (DeviceUseStatement + Device 20568009) is an active urinary-catheter condition', () => {
    const dev = { resourceType: 'Device', id: 'd1', type: code(SCT, '20568009') };
    const use = { resourceType: 'DeviceUseStatement', status: 'active', subject, device: { reference: 'Device/d1' }, timingPeriod: { start: '2022-09' } };
    expect(ok(bundle(dev, use)).history.conditions).toEqual([{ code: 'urinary-catheter', status: 'active', onset: '2022-09' }]);
  });

  it('an R5 DeviceUsage with a device concept is read the same way', () => {
    const use = { resourceType: 'DeviceUsage', status: 'completed', patient: subject, device: { concept: code(SCT, '20568009') } };
    expect(ok(bundle(use)).history.conditions).toEqual([{ code: 'urinary-catheter', status: 'resolved' }]);
  });

  it('an unreferenced Device is reported', () => {
    expect(ok(bundle({ resourceType: 'Device', id: 'd9', type: code(SCT, '20568009') })).report[0]!.resource).toBe('Device/d9');
  });

  it('AHSCT is a therapy read from a completed Procedure', () => {
    const p = { resourceType: 'Procedure', status: 'completed', subject, code: code(FUL, 'drug-ahsct'), performedDateTime: '2016-05-05' };
    expect(ok(bundle(p)).history.therapies).toEqual([{ drug: 'ahsct', start: '2016-05-05' }]);
  });

  it('AHSCT is read from the autologous transplant procedure codes; an allogeneic one is reported, never read as AHSCT', () => {
    const proc = (c: ReturnType<typeof code>) => ({ resourceType: 'Procedure', status: 'completed', subject, code: c, performedDateTime: '2016-05-05' });
    for (const c of [
      code(SCT, '709115004', 'Transplantation of autologous hematopoietic stem cell (procedure)'),
      code(SCT, '425983008', 'Autologous peripheral blood stem cell transplant'),
      code('http://www.ama-assn.org/go/cpt', '38241', 'Hematopoietic progenitor cell (HPC); autologous transplantation'),
      code('http://www.cms.gov/Medicare/Coding/ICD10', '30243Y0'),
    ])
      expect(ok(bundle(proc(c))).history.therapies, c.coding[0]!.code).toEqual([{ drug: 'ahsct', start: '2016-05-05' }]);
    const allo = ok(bundle(proc(code(SCT, '174241000112100', 'Transplantation of allogeneic hematopoietic stem cell (procedure)'))));
    expect(allo.history.therapies ?? []).toEqual([]);
    expect(allo.report[0]!.reason).toMatch(/not read: allogeneic/);
  });

  it('a List with emptyReason nilknown records a section as empty; no List leaves it unrecorded', () => {
    const list = {
      resourceType: 'List',
      status: 'current',
      mode: 'snapshot',
      subject,
      code: code(FUL, 'section-relapses'),
      emptyReason: code('http://terminology.hl7.org/CodeSystem/list-empty-reason', 'nilknown'),
    };
    expect(ok(bundle(list)).history.relapses).toEqual([]);
    expect(ok(bundle()).history.relapses).toBeUndefined();
  });
});

describe('invalid FHIR: nothing half-read', () => {
  const broken = bundle(
    condition(code(SCT, '86406008')),
    edss('2022-05', 3),
    lab('777-3', '2024-01-02', 180, 'furlongs'),
    relapse('2020-02-03'),
    statement(code(RX, '354770'), '2015', { status: 'completed' }),
  );

  it('one bad resource means no history at all, with every problem listed', () => {
    const i = issues(broken);
    expect(i.length).toBeGreaterThanOrEqual(4);
  });

  it('every issue location is a FHIRPath expression that the reference FHIRPath engine resolves in the Bundle', () => {
    // Problems found while reading, and problems found by the history's validation afterwards.
    const lateProblems = bundle(edss('2022-05-01', 0.5), condition(code(SCT, '86406008'), { onsetDateTime: '2030' }), lab('777-3', '2024-01-02', -1, '10^9/L'));
    const late = bundleToHistory(lateProblems, { asOf: parseDay('2026-01-01')!, strict: true });
    expect(late.ok).toBe(false);
    for (const i of late.ok ? [] : late.issues) expect(fhirpath.evaluate(lateProblems, i.path, undefined, r4) as unknown[], i.path).not.toEqual([]);
    for (const i of issues(broken)) {
      const found = fhirpath.evaluate(broken, i.path, undefined, r4) as unknown[];
      if (found.length > 0) continue;
      // An element that is required and absent cannot resolve; its parent must, and the message says so.
      expect(i.message, i.path).toMatch(/required|needs/);
      expect(fhirpath.evaluate(broken, i.path.slice(0, i.path.lastIndexOf('.')), undefined, r4), i.path).not.toEqual([]);
    }
  });

  it('operationOutcome turns issues into an R4 OperationOutcome with FHIRPath expressions', () => {
    const oo = operationOutcome([{ path: 'Bundle.entry[1].resource.clinicalStatus', message: 'is required: x' }]);
    expect(oo).toEqual({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'required', diagnostics: 'is required: x', expression: ['Bundle.entry[1].resource.clinicalStatus'] }],
    });
  });
});

describe('site codes', () => {
  it('a site may map its own EDSS code onto the product concept, but not redefine a standard code', async () => {
    const { loadSiteCodes } = await import('./codes.js');
    loadSiteCodes([{ system: 'urn:oid:1.2.3.4', code: 'EDSS', concept: 'edss', source: 'neurology EHR build note 2026-01' }], 'test');
    const obs = { ...edss('2022-05-01', 3), code: code('urn:oid:1.2.3.4', 'EDSS') };
    expect(ok(bundle(obs)).history.edss).toEqual([{ date: '2022-05-01', score: 3 }]);
    expect(() => loadSiteCodes([{ system: SCT, code: '86406008', concept: 'condition:stroke', source: 'x' }], 'test')).toThrow(/already means condition:hiv/);
    expect(() => loadSiteCodes([{ system: 'x', code: 'y', concept: 'magic', source: 'x' }], 'test')).toThrow(/not a concept/);
  });
});

describe('with an assessment date', () => {
  it('an event after asOf is a problem at its place in the Bundle', () => {
    const m = bundleToHistory(bundle(edss('2030-01-01', 3)), { asOf: parseDay('2026-01-01')!, strict: true });
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.issues[0]).toEqual({ path: 'Bundle.entry[1].resource.effective', message: expect.stringMatching(/after the assessment date/) });
    // Without strict, that one visit is left out and reported where it is; the record is read.
    const tolerant = ok2(bundleToHistory(bundle(edss('2030-01-01', 3)), { asOf: parseDay('2026-01-01')! }));
    expect(tolerant.history.edss).toBeUndefined();
    expect(tolerant.report).toEqual([
      expect.objectContaining({ status: 'unreadable', path: 'Bundle.entry[1].resource.effective', reason: expect.stringMatching(/after the assessment date/) }),
    ]);
    expect(bundleToHistory(bundle(edss('2030-01-01', 3))).ok).toBe(true);
  });
});

describe('an EHR-style searchset (urn:uuid references, US Core shapes, resources the product does not read)', () => {
  const pid = 'urn:uuid:6f1c1d1e-0000-4000-8000-000000000001';
  const ehr = {
    resourceType: 'Bundle',
    type: 'searchset',
    total: 7,
    entry: [
      {
        fullUrl: pid,
        resource: {
          resourceType: 'Patient',
          id: 'ehr-17',
          gender: 'female',
          birthDate: '1978-09-30',
          extension: [{ url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex', valueCode: 'F' }],
        },
        search: { mode: 'match' },
      },
      {
        fullUrl: 'urn:uuid:c1',
        resource: {
          resourceType: 'Condition',
          category: [code('http://terminology.hl7.org/CodeSystem/condition-category', 'problem-list-item')],
          clinicalStatus: active,
          verificationStatus: code('http://terminology.hl7.org/CodeSystem/condition-ver-status', 'confirmed'),
          code: {
            coding: [
              { system: SCT, code: '426373005', display: 'Relapsing remitting multiple sclerosis' },
              { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'G35' },
            ],
            text: 'RRMS',
          },
          subject: { reference: pid },
          onsetDateTime: '2011-02-14T00:00:00-05:00',
          encounter: { reference: 'urn:uuid:enc1' },
        },
        search: { mode: 'include' },
      },
      {
        fullUrl: 'urn:uuid:o1',
        resource: {
          resourceType: 'Observation',
          status: 'final',
          category: [code('http://terminology.hl7.org/CodeSystem/observation-category', 'laboratory')],
          code: code(LNC, '751-8', 'Neutrophils [#/volume] in Blood by Automated count'),
          subject: { reference: pid },
          effectiveDateTime: '2025-10-01T08:30:00Z',
          valueQuantity: { value: 3.1, unit: '10*3/uL', system: 'http://unitsofmeasure.org', code: '10*3/uL' },
          referenceRange: [{ low: { value: 1.5 } }],
        },
      },
      {
        fullUrl: 'urn:uuid:o2',
        resource: {
          resourceType: 'Observation',
          status: 'final',
          code: code(LNC, '85354-9', 'Blood pressure panel'),
          subject: { reference: pid },
          effectiveDateTime: '2025-10-01',
          component: [{ code: code(LNC, '8480-6'), valueQuantity: { value: 128, unit: 'mm[Hg]' } }],
        },
      },
      {
        fullUrl: 'urn:uuid:m1',
        resource: {
          resourceType: 'MedicationRequest',
          status: 'active',
          intent: 'order',
          subject: { reference: pid },
          authoredOn: '2024-03-01',
          contained: [{ resourceType: 'Medication', id: 'med', code: code(RX, '1373478', 'dimethyl fumarate') }],
          medicationReference: { reference: '#med' },
        },
      },
      { fullUrl: 'urn:uuid:a1', resource: { resourceType: 'AllergyIntolerance', patient: { reference: pid }, code: { text: 'penicillin' } } },
      {
        fullUrl: 'urn:uuid:oo',
        resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational' }] },
        search: { mode: 'outcome' },
      },
    ],
  };

  it('reads what the product needs and reports the rest', () => {
    const m = ok(ehr);
    expect(m.history).toEqual({
      formatVersion: 1,
      id: 'ehr-17',
      birthDate: '1978-09-30',
      sex: 'female',
      course: { phenotype: 'RRMS', since: '2011-02-14' },
      therapies: [{ drug: 'dimethyl-fumarate', start: '2024-03-01' }],
      // The blood-pressure panel with only its systolic component gives that one result (issue 19).
      labs: [
        { date: '2025-10-01', test: 'neutrophils', value: 3.1, unit: '10^9/L' },
        { date: '2025-10-01', test: 'systolic-bp', value: 128, unit: 'mm[Hg]' },
      ],
    });
    expect(m.report.map((r) => r.resource)).toEqual(['AllergyIntolerance at Bundle.entry[5].resource', 'OperationOutcome at Bundle.entry[6].resource']);
  });
});

describe('what EHRs send (issue 19)', () => {
  const LNC_ = 'http://loinc.org';
  const obs = (loinc: string, value: R): R => ({
    resourceType: 'Observation',
    status: 'final',
    subject,
    code: code(LNC_, loinc),
    effectiveDateTime: '2024-03-01',
    ...value,
  });

  it('dipstick results as SNOMED CT findings or text are grades; "Blood in urine" is positive', () => {
    const h = ok(
      bundle(
        obs('20454-5', { valueCodeableConcept: code(SCT, '167277001', 'Urine protein test = +++ (finding)') }),
        obs('5794-3', { valueCodeableConcept: code(SCT, '34436003', 'Blood in urine (finding)') }),
        obs('5794-3', { effectiveDateTime: '2024-03-02', valueString: 'trace' }),
      ),
    ).history;
    expect(h.labs).toEqual([
      { date: '2024-03-01', test: 'urine-protein', value: 4, unit: 'grade' },
      { date: '2024-03-01', test: 'urine-blood', value: 'positive' },
      { date: '2024-03-02', test: 'urine-blood', value: 1, unit: 'grade' },
    ]);
  });

  it('urine protein as a test-strip concentration (mg/dL) is the grade of its colour block, at each boundary', () => {
    const at = (value: number) =>
      ok(bundle(obs('5804-0', { id: 'u', valueQuantity: { value, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' } })));
    const cases: [number, number][] = [
      [0, 0],
      [9.9, 0],
      [10, 1],
      [29.9, 1],
      [30, 2],
      [99.9, 2],
      [100, 3],
      [299.9, 3],
      [300, 4],
      [346.2928772540831, 4],
      [999.9, 4],
      [1000, 5],
      [2000, 5],
    ];
    for (const [value, grade] of cases) {
      const m = at(value);
      expect(m.history.labs, `${value} mg/dL`).toEqual([{ date: '2024-03-01', test: 'urine-protein', value: grade, unit: 'grade' }]);
      expect(m.report).toEqual([
        expect.objectContaining({ resource: 'Observation/u', status: 'read', reason: expect.stringMatching(/read as dipstick grade/) }),
      ]);
    }
    // A unit the table does not grade is unreadable, at the unit, never guessed.
    const bad = ok(bundle(obs('5804-0', { id: 'u', valueQuantity: { value: 0.3, unit: 'g/L' } })));
    expect(bad.history.labs).toBeUndefined();
    expect(bad.report).toEqual([expect.objectContaining({ status: 'unreadable', path: 'Bundle.entry[1].resource.valueQuantity.unit' })]);
  });

  it('an eGFR is read as an eGFR (never a creatinine clearance); "mL/min" on a code defined per 1.73 m2 is read per 1.73 m2 and said', () => {
    const m = ok(
      bundle(
        obs('33914-3', { id: 'e1', valueQuantity: { value: 58.4, unit: 'mL/min/{1.73_m2}' } }),
        obs('98979-8', { id: 'e2', effectiveDateTime: '2024-03-02', valueQuantity: { value: 72, unit: 'mL/min', code: 'mL/min' } }),
      ),
    );
    expect(m.history.labs).toEqual([
      { date: '2024-03-01', test: 'egfr', value: 58.4, unit: 'mL/min/1.73m2' },
      { date: '2024-03-02', test: 'egfr', value: 72, unit: 'mL/min/1.73m2' },
    ]);
    expect(m.report).toEqual([expect.objectContaining({ resource: 'Observation/e2', status: 'read', reason: expect.stringMatching(/per 1\.73 m2/) })]);
    for (const c of ['98979-8', '62238-1', '77147-7', '69405-9', '48642-3', '48643-1', '98980-6', '33914-3']) {
      const h = ok(bundle(obs(c, { valueQuantity: { value: 50, unit: 'mL/min/{1.73_m2}' } }))).history;
      expect(h.labs?.[0]?.test, c).toBe('egfr');
    }
  });

  it('a blood-pressure panel gives both values with its date; a component without a value is reported, the other read', () => {
    const panel = (id: string, loinc: string, components: R[]): R => ({
      resourceType: 'Observation',
      id,
      status: 'final',
      subject,
      code: code(LNC_, loinc),
      effectiveDateTime: '2024-03-01T10:00:00Z',
      component: components,
    });
    const sys = (v: number) => ({ code: code(LNC_, '8480-6'), valueQuantity: { value: v, unit: 'mm[Hg]', code: 'mm[Hg]' } });
    const dia = (v: number) => ({ code: code(LNC_, '8462-4'), valueQuantity: { value: v, unit: 'mmHg' } });
    const m = ok(
      bundle(
        panel('bp1', '55284-4', [dia(93.01890192941762), sys(151)]),
        panel('bp2', '85354-9', [
          sys(120),
          { code: code(LNC_, '8462-4'), dataAbsentReason: code('http://terminology.hl7.org/CodeSystem/data-absent-reason', 'error') },
        ]),
        obs('8480-6', { id: 's1', effectiveDateTime: '2024-03-05', valueQuantity: { value: 17, unit: 'kPa' } }),
      ),
    );
    expect(m.history.labs).toEqual([
      { date: '2024-03-01', test: 'diastolic-bp', value: 93.01890192941762, unit: 'mm[Hg]' },
      { date: '2024-03-01', test: 'systolic-bp', value: 151, unit: 'mm[Hg]' },
      { date: '2024-03-01', test: 'systolic-bp', value: 120, unit: 'mm[Hg]' },
      { date: '2024-03-05', test: 'systolic-bp', value: 127.51054, unit: 'mm[Hg]' },
    ]);
    expect(m.account.Observation).toEqual({ read: 3, notRead: 0, unreadable: 0 });
    expect(m.report).toEqual([expect.objectContaining({ resource: 'Observation/bp2', reason: expect.stringMatching(/no diastolic-bp value/) })]);
    // A component whose unit is not a pressure is unreadable at its unit and left out; the other is read.
    const bad = ok(bundle(panel('bp3', '85354-9', [sys(120), { code: code(LNC_, '8462-4'), valueQuantity: { value: 80, unit: 'cm' } }])));
    expect(bad.history.labs).toEqual([{ date: '2024-03-01', test: 'systolic-bp', value: 120, unit: 'mm[Hg]' }]);
    expect(bad.report).toEqual([
      expect.objectContaining({ resource: 'Observation/bp3', status: 'unreadable', path: 'Bundle.entry[1].resource.component[1].valueQuantity.unit' }),
    ]);
    expect(bad.account.Observation).toEqual({ read: 0, notRead: 0, unreadable: 1 });
    // Both components without a unit: the panel is counted once.
    const none = ok(
      bundle(
        panel('bp4', '85354-9', [
          { code: code(LNC_, '8480-6'), valueQuantity: { value: 120 } },
          { code: code(LNC_, '8462-4'), valueQuantity: { value: 80 } },
        ]),
      ),
    );
    expect(none.history.labs).toBeUndefined();
    expect(none.report).toHaveLength(2);
    expect(none.account.Observation).toEqual({ read: 0, notRead: 0, unreadable: 1 });
  });

  it('a protein finding given for the blood test is not read as blood: unreadable, left out, the rest read', () => {
    const m = ok(bundle(obs('5794-3', { id: 'o1', valueCodeableConcept: code(SCT, '167277001') }), condition(code(SCT, '86406008'))));
    expect(m.history.labs).toBeUndefined();
    expect(m.history.conditions).toHaveLength(1);
    expect(m.report).toEqual([expect.objectContaining({ resource: 'Observation/o1', status: 'unreadable', path: 'Bundle.entry[1].resource.value' })]);
  });

  it('abatement, refuted and entered-in-error are honoured; a past MI by "history of" code is resolved', () => {
    const h = ok(
      bundle(
        condition(code(SCT, '88805009'), { abatementDateTime: '2023-01-01' }),
        condition(code(SCT, '109838007'), { verificationStatus: { coding: [{ code: 'refuted' }] } }),
        condition(code(SCT, '53741008'), { verificationStatus: { coding: [{ code: 'entered-in-error' }] } }),
        condition(code(SCT, '399211009')),
      ),
    ).history;
    expect(h.conditions).toEqual([
      { code: 'heart-failure', status: 'resolved' },
      { code: 'myocardial-infarction', status: 'resolved' },
    ]);
  });

  it('stopped and completed orders are exposure with their dates; cancelled, draft and entered-in-error are not', () => {
    const order = (id: string, status: string, extra: R = {}): R => ({
      resourceType: 'MedicationRequest',
      id,
      status,
      intent: 'order',
      subject,
      medicationCodeableConcept: code(RX, '7005', 'mitoxantrone'),
      authoredOn: '2019-05-01',
      ...extra,
    });
    const m = ok(bundle(order('a', 'stopped', { dispenseRequest: { validityPeriod: { start: '2019-05-01', end: '2019-11-01' } } })));
    expect(m.history.therapies).toEqual([{ drug: 'mitoxantrone', start: '2019-05-01', end: '2019-11-01' }]);
    const noEnd = ok(bundle(order('b', 'stopped')));
    // Stopped without an end: exposure from the order's date, the end unknown (not ongoing, not its start).
    expect(noEnd.history.therapies).toEqual([{ drug: 'mitoxantrone', start: '2019-05-01', endUnknown: true }]);
    expect(noEnd.report[0]).toMatchObject({
      resource: 'MedicationRequest/b',
      status: 'read',
      reason: expect.stringMatching(/day it ended is unknown \(endUnknown\)/),
    });
    for (const status of ['cancelled', 'draft', 'entered-in-error']) {
      const x = ok(bundle(order('c', status)));
      expect(x.history.therapies, status).toBeUndefined();
      expect(x.report[0]!.reason).toMatch(/only active, on-hold, completed or stopped orders are exposure/);
    }
  });

  it("a stopped natalizumab order without an end: exposure counts, and alemtuzumab's 6-month washout is unknown with a missing entry naming it, never a silent default", () => {
    const order: R = {
      resourceType: 'MedicationRequest',
      id: 'nat-1',
      status: 'stopped',
      intent: 'order',
      subject,
      medicationCodeableConcept: code(RX, '354770', 'natalizumab'),
      authoredOn: '2025-01-10',
    };
    const m = ok(bundle(order));
    expect(m.history.therapies).toEqual([{ drug: 'natalizumab', start: '2025-01-10', endUnknown: true }]);
    expect(m.report).toContainEqual(expect.objectContaining({ resource: 'MedicationRequest/nat-1', reason: expect.stringContaining('endUnknown') }));
    const h = {
      ...m.history,
      msOnset: '2022-03',
      msDiagnosis: '2022-06-01',
      course: { phenotype: 'RRMS' as const },
      relapses: [{ onset: '2026-03-01', disabling: true, recovery: 'partial' as const }],
      edss: [{ date: '2026-09-01', score: 3 }],
      mri: [],
      conditions: [],
    };
    const a = assess(h, { drug: 'alemtuzumab', asOf: parseDay('2026-11-01')! });
    expect(a.verdict).not.toBe('offer');
    expect(a.missing).toContainEqual(expect.objectContaining({ field: 'therapies[0].end', why: expect.stringContaining('natalizumab from 2025-01-10') }));
  });

  it('an ICD-10-CM problem is read like its SNOMED CT equivalent', () => {
    const h = ok(bundle(condition(code('http://hl7.org/fhir/sid/icd-10-cm', 'C18.9')))).history;
    expect(h.conditions).toEqual([{ code: 'malignancy', status: 'active' }]);
  });
});
