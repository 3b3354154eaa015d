import type { Condition, FunctionalSystems, Lab } from '../history/schema.js';
import { GENOTYPE_PATTERN, LAB_UNITS, unitFactor } from '../history/units.js';
import type { ConditionId, FunctionalSystem, LabId, Phenotype } from '../history/vocabularies.js';
import { CONDITION_CLINICAL, INTERPRETATION, conceptOf, isHistoryCode } from './codes.js';
import { gradeOf, gradeOfConcentration, gradeOfWord, qualitativeOf } from './value-sets.js';
import { fullFromFhir, partialFromFhir } from './dates.js';
import { type Reader, codesText, codings, extension, isObj, type Json } from './reader.js';

// Condition and Observation resources: the disease (MS, its course, relapses), comorbidities, EDSS
// with functional systems, MRI activity, labs, body size and pregnancy.

const ACTIVE = new Set(['active', 'recurrence', 'relapse']);
const RESOLVED = new Set(['inactive', 'remission', 'resolved']);

/** abatement[x]: the condition ended (FHIR: only resolved, inactive or remission conditions carry one). */
function abated(r: Json): boolean {
  return ['abatementDateTime', 'abatementPeriod', 'abatementAge', 'abatementRange', 'abatementString', 'abatementBoolean'].some(
    (k) => r[k] !== undefined && r[k] !== false,
  );
}

/**
 * Whether the Condition is current. A "History of X (situation)" code records a past X and an
 * abatement says the condition ended, whatever the clinicalStatus says.
 */
function clinicalStatus(r: Json): 'active' | 'resolved' | 'absent' | 'unknown' {
  if (abated(r) || codings(r.code).some((c) => isHistoryCode(c.system, c.code))) return 'resolved';
  const cs = codings(r.clinicalStatus).find((c) => c.system === CONDITION_CLINICAL || c.system === undefined);
  if (!cs) return r.clinicalStatus === undefined ? 'absent' : 'unknown';
  if (ACTIVE.has(cs.code ?? '')) return 'active';
  if (RESOLVED.has(cs.code ?? '')) return 'resolved';
  return 'unknown';
}

const NOT_ASSERTED = new Set(['refuted', 'entered-in-error', 'unconfirmed', 'provisional', 'differential']);

/** onset[x] as a partial date: onsetDateTime, or the start of onsetPeriod. */
function onsetOf(rd: Reader, r: Json, loc: string): string | undefined | null {
  if (r.onsetDateTime !== undefined) {
    const p = partialFromFhir(r.onsetDateTime);
    if (p === undefined) {
      rd.issue(`${loc}.onsetDateTime`, 'is not a FHIR dateTime (YYYY, YYYY-MM, YYYY-MM-DD or with a time)');
      return null;
    }
    return p;
  }
  if (isObj(r.onsetPeriod) && r.onsetPeriod.start !== undefined) {
    const p = partialFromFhir(r.onsetPeriod.start);
    if (p === undefined) {
      rd.issue(`${loc}.onsetPeriod.start`, 'is not a FHIR dateTime');
      return null;
    }
    return p;
  }
  for (const other of ['onsetAge', 'onsetRange', 'onsetString']) {
    if (r[other] !== undefined) rd.unused(r, `${loc}.${other}`, `${other} is not read (an age or text cannot give a date): the onset is left unrecorded`);
  }
  return undefined;
}

export function readCondition(rd: Reader, r: Json, loc: string): void {
  if (!rd.belongsToPatient(r.subject, loc, 'subject')) return;
  const verification = codings(r.verificationStatus)[0]?.code;
  if (verification && NOT_ASSERTED.has(verification)) {
    rd.unused(r, loc, `verificationStatus is ${verification}: only confirmed conditions are read`);
    return;
  }
  if (r.code === undefined) {
    rd.issue(`${loc}.code`, 'is required: a Condition without a code cannot be read');
    return;
  }
  const match = rd.codeConcept(r, loc);
  if (!match) return;
  const concept = match.concept;
  const onset = onsetOf(rd, r, loc);
  if (onset === null) return;
  if (concept === 'ms') {
    const diag = extension(r, 'diagnosis-date');
    let diagnosis: string | undefined;
    if (diag) {
      diagnosis = partialFromFhir(diag.valueDate ?? diag.valueDateTime);
      if (diagnosis === undefined) {
        rd.issue(`${loc}.extension.where(url='${diag.url}').value`, 'must be a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)');
        return;
      }
    }
    const value = { ...(onset !== undefined ? { onset } : {}), ...(diagnosis !== undefined ? { diagnosis } : {}) };
    if (rd.ms) {
      if (rd.ms.value.onset === value.onset && rd.ms.value.diagnosis === value.diagnosis) {
        rd.unused(r, loc, `repeats the multiple sclerosis Condition at ${rd.ms.loc}`);
      } else {
        rd.issue(loc, `a second multiple sclerosis Condition disagrees with the one at ${rd.ms.loc} (onset or diagnosis date)`);
      }
      return;
    }
    rd.ms = { value, loc };
    return;
  }
  if (concept.startsWith('phenotype:')) {
    const status = clinicalStatus(r);
    rd.courses.push({
      value: { phenotype: concept.slice(10) as Phenotype, ...(onset !== undefined ? { since: onset } : {}), active: status !== 'resolved' },
      loc,
    });
    return;
  }
  if (concept === 'relapse') {
    readRelapse(rd, r, loc);
    return;
  }
  if (concept === 'pregnancy:pregnant') {
    const status = clinicalStatus(r);
    if (status === 'active') rd.pregnant.push({ value: true, date: onset, loc });
    else if (status === 'resolved')
      rd.unused(r, loc, `an ended pregnancy${onset ? ` (from ${onset})` : ''} is not a current one, and says nothing about the current pregnancy`);
    else rd.unused(r, loc, 'a pregnancy Condition that is not active says nothing about the current pregnancy');
    return;
  }
  if (concept === 'hypertension') {
    rd.unused(
      r,
      loc,
      'hypertension without "uncontrolled": the product reads uncontrolled hypertension only (product code condition-uncontrolled-hypertension)',
    );
    return;
  }
  let code: ConditionId;
  if (concept === 'uti') {
    if (clinicalStatus(r) !== 'active') {
      rd.unused(r, loc, 'a past urinary tract infection: one episode is not "recurrent" (product code condition-recurrent-uti)');
      return;
    }
    code = 'active-infection';
  } else if (concept.startsWith('condition:') || concept === 'device:urinary-catheter') {
    code = (concept === 'device:urinary-catheter' ? 'urinary-catheter' : concept.slice(10)) as ConditionId;
  } else {
    rd.unused(r, loc, `the concept ${concept} is not read from a Condition`);
    return;
  }
  const status = clinicalStatus(r);
  if (status === 'absent' || status === 'unknown') {
    rd.issue(
      `${loc}.clinicalStatus`,
      status === 'absent'
        ? 'is required: the history must say whether the condition is active or resolved'
        : 'must be one of active, recurrence, relapse, inactive, remission, resolved',
    );
    return;
  }
  const condition: Condition = { code, status };
  if (onset !== undefined) condition.onset = onset;
  const notes = Array.isArray(r.note)
    ? (r.note as unknown[])
        .filter(isObj)
        .map((n) => n.text)
        .filter((t): t is string => typeof t === 'string')
    : [];
  if (concept === 'uti') notes.unshift('urinary tract infection');
  if (notes.length > 0) condition.note = notes.join('; ');
  rd.conditions.push({ value: condition, loc });
}

function readRelapse(rd: Reader, r: Json, loc: string): void {
  const onset = fullFromFhir(r.onsetDateTime);
  const disabling = extension(r, 'relapse-disabling');
  const recovery = extension(r, 'relapse-recovery');
  let ok = true;
  if (onset === undefined) {
    rd.issue(`${loc}.onsetDateTime`, 'is required with a day (YYYY-MM-DD): a relapse is an event on a date');
    ok = false;
  }
  if (!disabling || typeof disabling.valueBoolean !== 'boolean') {
    rd.issue(`${loc}.extension`, 'needs the relapse-disabling extension with valueBoolean: the history records whether each relapse was disabling');
    ok = false;
  }
  const rec = recovery?.valueCode;
  if (rec !== 'complete' && rec !== 'partial' && rec !== 'none') {
    rd.issue(`${loc}.extension`, 'needs the relapse-recovery extension with valueCode complete, partial or none');
    ok = false;
  }
  if (!ok) return;
  rd.relapses.push({ value: { onset: onset!, disabling: disabling!.valueBoolean as boolean, recovery: rec as 'complete' | 'partial' | 'none' }, loc });
}

// ---- Observation

const FINAL = new Set(['final', 'amended', 'corrected']);

function effectiveOf(r: Json): unknown {
  if (r.effectiveDateTime !== undefined) return r.effectiveDateTime;
  if (r.effectiveInstant !== undefined) return r.effectiveInstant;
  if (isObj(r.effectivePeriod)) return r.effectivePeriod.start;
  return undefined;
}

function eventDate(rd: Reader, r: Json, loc: string, what: string): string | undefined {
  const raw = effectiveOf(r);
  const day = fullFromFhir(raw);
  if (day === undefined) {
    rd.issue(
      `${loc}.effective`,
      raw === undefined ? `is required: ${what} is an event on a date` : `must be a date with a day (YYYY-MM-DD): ${what} is an event on a date`,
    );
  }
  return day;
}

function numberValue(v: Json): { value: number; path: string } | undefined {
  if (typeof v.valueInteger === 'number') return { value: v.valueInteger, path: 'valueInteger' };
  if (isObj(v.valueQuantity) && typeof v.valueQuantity.value === 'number') return { value: v.valueQuantity.value, path: 'valueQuantity.value' };
  return undefined;
}

export function readObservation(rd: Reader, r: Json, loc: string): void {
  if (!rd.belongsToPatient(r.subject, loc, 'subject')) return;
  if (typeof r.status !== 'string') {
    rd.issue(`${loc}.status`, 'is required (final, amended, corrected...)');
    return;
  }
  if (!FINAL.has(r.status)) {
    rd.unused(r, loc, `status is ${r.status}: only final, amended or corrected results are read`);
    return;
  }
  const match = rd.codeConcept(r, loc);
  if (!match) return;
  const c = match.concept;
  if (r.value === undefined && r.dataAbsentReason !== undefined && !Array.isArray(r.component)) {
    rd.unused(r, loc, `no value (dataAbsentReason ${codesText(r.dataAbsentReason)})`);
    return;
  }
  if (c.startsWith('lab:')) return readLab(rd, r, loc, c.slice(4) as LabId);
  if (c === 'panel:blood-pressure') return readBloodPressurePanel(rd, r, loc);
  if (c === 'edss') return readEdss(rd, r, loc);
  if (c === 'mri-lesions') return readMri(rd, r, loc);
  if (c.startsWith('test:')) return readPerformanceTest(rd, r, loc, c.slice(5));
  if (c === 'body:height' || c === 'body:weight') return readBody(rd, r, loc, c === 'body:height');
  if (c === 'pregnant' || c === 'breastfeeding') {
    if (typeof r.valueBoolean !== 'boolean') {
      rd.issue(`${loc}.value`, 'must be a valueBoolean');
      return;
    }
    (c === 'pregnant' ? rd.pregnant : rd.breastfeeding).push({ value: r.valueBoolean, date: partialFromFhir(effectiveOf(r)), loc });
    return;
  }
  if (c === 'pregnancy-planning-months') {
    const n = numberValue(r);
    if (!n || !Number.isInteger(n.value) || n.value < 0) {
      rd.issue(`${loc}.value`, 'must be a whole number of months (valueInteger)');
      return;
    }
    rd.planning.push({ value: n.value, date: partialFromFhir(effectiveOf(r)), loc });
    return;
  }
  rd.unused(r, loc, `the concept ${c} is not read from an Observation`);
}

const POSITIVE = new Set(['http://snomed.info/sct|10828004', `${INTERPRETATION}|POS`, `${INTERPRETATION}|DET`]);
const NEGATIVE = new Set(['http://snomed.info/sct|260385009', `${INTERPRETATION}|NEG`, `${INTERPRETATION}|ND`]);

function qualitative(r: Json): 'positive' | 'negative' | undefined {
  const fromCodings = (cc: unknown) => {
    for (const c of codings(cc)) {
      const key = `${c.system}|${c.code}`;
      if (POSITIVE.has(key)) return 'positive' as const;
      if (NEGATIVE.has(key)) return 'negative' as const;
    }
    return undefined;
  };
  if (r.valueCodeableConcept !== undefined) return fromCodings(r.valueCodeableConcept);
  if (typeof r.valueString === 'string') {
    const s = r.valueString.trim().toLowerCase();
    return s === 'positive' ? 'positive' : s === 'negative' ? 'negative' : undefined;
  }
  if (r.value === undefined && Array.isArray(r.interpretation)) {
    for (const i of r.interpretation) {
      const q = fromCodings(i);
      if (q) return q;
    }
  }
  return undefined;
}

/** A dipstick grade sent as a SNOMED CT finding ("Urine protein test = +++") or as text ("++", "trace"). */
function dipstick(r: Json, test: LabId): number | undefined {
  for (const c of codings(r.valueCodeableConcept)) {
    const g = gradeOf(c.system, c.code);
    if (g && g.test === test) return g.grade;
  }
  return typeof r.valueString === 'string' ? gradeOfWord(r.valueString) : undefined;
}

/** A finding that says positive or negative for this test ("Blood in urine" for urine blood). */
function qualitativeFinding(r: Json, test: LabId): 'positive' | 'negative' | undefined {
  for (const c of codings(r.valueCodeableConcept)) {
    const q = qualitativeOf(c.system, c.code);
    if (q && q.test === test) return q.value;
  }
  return undefined;
}

/** A number as a clinician reads it in a report line (no binary noise, no 15 decimals). */
function readableNumber(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function readLab(rd: Reader, r: Json, loc: string, test: LabId): void {
  const date = eventDate(rd, r, loc, 'a lab result');
  if (date === undefined) return;
  const spec = LAB_UNITS[test];
  const lab: Lab = { date, test, value: 0 };
  const fields: Record<string, string> = { date: `${loc}.effective` };
  const q = isObj(r.valueQuantity) ? r.valueQuantity : undefined;
  if (spec.kind !== 'qualitative' && (q || typeof r.valueInteger === 'number')) {
    if (q && typeof q.value !== 'number') {
      rd.issue(`${loc}.valueQuantity.value`, 'is required: a measured result needs its number');
      return;
    }
    lab.value = q ? (q.value as number) : (r.valueInteger as number);
    fields.value = q ? `${loc}.valueQuantity.value` : `${loc}.valueInteger`;
    // The human-readable unit first, then the UCUM code, whichever the product accepts.
    const unitText = q && typeof q.unit === 'string' ? q.unit : undefined;
    const unitCode = q && typeof q.code === 'string' ? q.code : undefined;
    let unit = [unitText, unitCode].find((u) => u !== undefined && unitFactor(test, u) !== undefined) ?? unitText ?? unitCode;
    if (unit === undefined && spec.kind === 'graded-or-qualitative') unit = 'grade';
    fields.unit = unitText !== undefined ? `${loc}.valueQuantity.unit` : `${loc}.valueQuantity.code`;
    // A test strip read as a concentration (urine protein in mg/dL): the grade of its colour block.
    const grade = spec.kind === 'graded-or-qualitative' && unit !== undefined && unit !== 'grade' ? gradeOfConcentration(test, lab.value, unit) : undefined;
    if (grade !== undefined) {
      rd.report.push({
        resource: rd.names.get(loc) ?? loc,
        status: 'read',
        reason: `${test} ${readableNumber(lab.value)} ${unit} read as dipstick grade ${grade} (knowledge/codes/value-sets/results.json concentrationGrades)`,
      });
      lab.value = grade;
      unit = 'grade';
    }
    // An eGFR code is defined per 1.73 m2; a result sent with the unit "mL/min" has lost the index in
    // its unit, not in its meaning. Read per 1.73 m2 and say so (a creatinine clearance is never read here).
    if (test === 'egfr' && unit !== undefined && unitFactor(test, unit) === undefined && unit.replace(/\s+/g, '').toLowerCase() === 'ml/min') {
      rd.report.push({
        resource: rd.names.get(loc) ?? loc,
        status: 'read',
        reason: `an eGFR code (per 1.73 m2) sent with the unit "${unit}": read as mL/min/1.73m2, as its code defines it`,
      });
      unit = 'mL/min/1.73m2';
    }
    if (unit !== undefined) lab.unit = unit;
  } else if (spec.kind === 'genotype') {
    // "*1/*3", or with the gene named as laboratories often write it ("CYP2C9*1/*3").
    const raw = typeof r.valueString === 'string' ? r.valueString.trim() : undefined;
    const allele = raw?.replace(/^[A-Za-z0-9]+(?=\*)/, '');
    if (allele === undefined || !GENOTYPE_PATTERN.test(allele)) {
      rd.issue(`${loc}.value`, `a ${test} result needs a valueString with the diplotype, such as "*1/*3"`);
      return;
    }
    lab.value = allele;
    fields.value = `${loc}.valueString`;
  } else {
    const graded = spec.kind === 'graded-or-qualitative' ? dipstick(r, test) : undefined;
    const v = graded ?? qualitativeFinding(r, test) ?? qualitative(r);
    if (typeof v === 'number') {
      lab.value = v;
      lab.unit = 'grade';
      fields.value = `${loc}.value`;
      rd.labs.push({ value: lab, loc, fields });
      return;
    }
    if (v === undefined) {
      rd.issue(
        `${loc}.value`,
        spec.kind === 'quantitative'
          ? `a ${test} result needs a valueQuantity with its unit (${spec.unit})`
          : `a ${test} result needs a value the product can read: SNOMED CT 10828004 Positive or 260385009 Negative, a dipstick finding of knowledge/codes/value-sets/results.json, or a grade (${codesText(r.valueCodeableConcept ?? r.valueString)})`,
      );
      return;
    }
    lab.value = v;
    fields.value = `${loc}.value`;
  }
  rd.labs.push({ value: lab, loc, fields });
}

/**
 * A blood-pressure panel (LOINC 85354-9 / 55284-4): its systolic and diastolic components become two
 * results with the panel's date. A component without a value is reported and the other one read.
 */
function readBloodPressurePanel(rd: Reader, r: Json, loc: string): void {
  const date = eventDate(rd, r, loc, 'a blood pressure reading');
  if (date === undefined) return;
  const components = Array.isArray(r.component) ? (r.component as unknown[]) : [];
  let found = 0;
  components.forEach((comp, i) => {
    if (!isObj(comp)) return;
    const at = `${loc}.component[${i}]`;
    const concept = codings(comp.code)
      .map((c) => conceptOf(c.system, c.code))
      .find((x) => x !== undefined);
    if (concept !== 'lab:systolic-bp' && concept !== 'lab:diastolic-bp') {
      rd.unused(r, at, `component ${codesText(comp.code)} is not a blood pressure the product reads`);
      return;
    }
    found++;
    const test = concept.slice(4) as LabId;
    const q = isObj(comp.valueQuantity) ? comp.valueQuantity : undefined;
    if (!q && comp.dataAbsentReason !== undefined) {
      rd.unused(r, at, `no ${test} value (dataAbsentReason ${codesText(comp.dataAbsentReason)})`);
      return;
    }
    if (!q || typeof q.value !== 'number') {
      rd.issue(`${at}.valueQuantity`, `a ${test} component needs its value with a unit (${LAB_UNITS[test].unit})`);
      return;
    }
    const unitText = typeof q.unit === 'string' ? q.unit : undefined;
    const unitCode = typeof q.code === 'string' ? q.code : undefined;
    const unit = [unitText, unitCode].find((u) => u !== undefined && unitFactor(test, u) !== undefined) ?? unitText ?? unitCode;
    const lab: Lab = { date, test, value: q.value, ...(unit !== undefined ? { unit } : {}) };
    const fields = {
      date: `${loc}.effective`,
      value: `${at}.valueQuantity.value`,
      unit: unitText !== undefined ? `${at}.valueQuantity.unit` : `${at}.valueQuantity.code`,
    };
    rd.labs.push({ value: lab, loc, fields });
  });
  if (found === 0) rd.unused(r, loc, 'a blood pressure panel without a systolic (8480-6) or diastolic (8462-4) component');
}

const FS_KEYS: Record<FunctionalSystem, true> = {
  visual: true,
  brainstem: true,
  pyramidal: true,
  cerebellar: true,
  sensory: true,
  bowelBladder: true,
  cerebral: true,
  ambulation: true,
};

function readEdss(rd: Reader, r: Json, loc: string): void {
  const date = eventDate(rd, r, loc, 'an EDSS assessment');
  const n = numberValue(r);
  if (!n) rd.issue(`${loc}.value`, 'is required: an EDSS Observation needs its score (valueQuantity.value)');
  if (date === undefined || !n) return;
  const visit: { date: string; score: number; functionalSystems?: FunctionalSystems } = { date, score: n.value };
  if (Array.isArray(r.component)) {
    const fs: FunctionalSystems = {};
    let ok = true;
    (r.component as unknown[]).forEach((comp, i) => {
      if (!isObj(comp)) return;
      const concept = codings(comp.code)
        .map((c) => conceptOf(c.system, c.code))
        .find((x) => x !== undefined);
      if (!concept?.startsWith('fs:')) {
        rd.unused(r, `${loc}.component[${i}]`, `component ${codesText(comp.code)} is not an EDSS functional system the product reads`);
        return;
      }
      const key = concept.slice(3) as FunctionalSystem;
      const v = numberValue(comp);
      if (!(key in FS_KEYS) || !v) {
        rd.issue(`${loc}.component[${i}].value`, 'a functional-system score needs a whole-number value (valueInteger)');
        ok = false;
        return;
      }
      fs[key] = v.value;
    });
    if (!ok) return;
    if (Object.keys(fs).length > 0) visit.functionalSystems = fs;
  }
  rd.edss.push({ value: visit, loc });
}

function readPerformanceTest(rd: Reader, r: Json, loc: string, test: string): void {
  if (test !== 't25fw' && test !== 'nhpt' && test !== 'sdmt') return rd.unused(r, loc, `test ${test} is not one the product reads`);
  const date = eventDate(rd, r, loc, 'a performance test');
  const n = numberValue(r);
  if (!n) rd.issue(`${loc}.value`, test === 'sdmt' ? 'is required: the SDMT score (valueInteger)' : 'is required: the time in seconds (valueQuantity)');
  const q = isObj(r.valueQuantity) ? r.valueQuantity : undefined;
  const unit = [q?.code, q?.unit].find((u): u is string => typeof u === 'string');
  if (test !== 'sdmt' && unit !== undefined && unit !== 's') {
    rd.issue(`${loc}.valueQuantity`, `a timed test is read in seconds (unit s), not ${unit}`);
    return;
  }
  if (date === undefined || !n) return;
  rd.performanceTests.push({ value: { date, test, value: n.value }, loc });
}

function readMri(rd: Reader, r: Json, loc: string): void {
  const date = eventDate(rd, r, loc, 'an MRI study');
  const region = codings(r.bodySite)
    .map((c) => conceptOf(c.system, c.code))
    .find((x) => x === 'brain' || x === 'spine');
  if (!region) rd.issue(`${loc}.bodySite`, 'is required: brain or spine (product codes brain, spine)');
  const counts: Record<string, number> = {};
  if (Array.isArray(r.component)) {
    (r.component as unknown[]).forEach((comp, i) => {
      if (!isObj(comp)) return;
      const concept = codings(comp.code)
        .map((c) => conceptOf(c.system, c.code))
        .find((x) => x !== undefined);
      if (concept !== 'gadolinium-enhancing-lesions' && concept !== 'new-or-enlarging-t2-lesions') return;
      const v = numberValue(comp);
      if (!v) rd.issue(`${loc}.component[${i}].value`, 'a lesion count needs valueInteger');
      else counts[concept] = v.value;
    });
  }
  for (const k of ['gadolinium-enhancing-lesions', 'new-or-enlarging-t2-lesions']) {
    if (counts[k] === undefined) rd.issue(`${loc}.component`, `needs a ${k} component with its count: a missing count is unknown, not zero`);
  }
  if (date === undefined || !region || counts['gadolinium-enhancing-lesions'] === undefined || counts['new-or-enlarging-t2-lesions'] === undefined) return;
  rd.mri.push({
    value: {
      date,
      region: region as 'brain' | 'spine',
      gadoliniumEnhancingLesions: counts['gadolinium-enhancing-lesions'],
      newOrEnlargingT2Lesions: counts['new-or-enlarging-t2-lesions'],
    },
    loc,
  });
}

const LENGTH_TO_CM: Record<string, number> = { cm: 1, m: 100, mm: 0.1, '[in_i]': 2.54, in: 2.54 };
const MASS_TO_KG: Record<string, number> = { kg: 1, g: 0.001, '[lb_av]': 0.45359237, lb: 0.45359237, lbs: 0.45359237 };

function readBody(rd: Reader, r: Json, loc: string, height: boolean): void {
  const q = isObj(r.valueQuantity) ? r.valueQuantity : undefined;
  const table = height ? LENGTH_TO_CM : MASS_TO_KG;
  const unit = [q?.code, q?.unit].find((u): u is string => typeof u === 'string' && table[u] !== undefined);
  if (!q || typeof q.value !== 'number' || unit === undefined) {
    rd.issue(`${loc}.valueQuantity`, `needs a value with a unit (${Object.keys(table).join(', ')})`);
    return;
  }
  const value = Math.round(q.value * table[unit]! * 100) / 100;
  (height ? rd.height : rd.weight).push({ value, date: partialFromFhir(effectiveOf(r)), loc });
}
