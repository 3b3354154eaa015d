// Synthetic MS histories for demos, tests and benchmarks. Deterministic for (seed, index, asOf): each
// patient has its own PRNG stream, so patient 500 is the same whether 1,000 or 1,000,000 are made.
// The shapes follow the natural history described in /work/shared/knowledge/definitions.md: relapse
// rates falling with disease duration and treatment, EDSS stepping up after incompletely recovered
// relapses, conversion to secondary progression with a hazard that grows with duration, and
// escalation of therapy after breakthrough relapses.
import { addMonths, formatDay, type Day } from '../history/dates.js';
import type { Condition, EdssVisit, FunctionalSystems, History, Lab, Mri, Relapse, Therapy } from '../history/schema.js';
import type { ConditionId, DrugId } from '../history/vocabularies.js';
import { FUNCTIONAL_SYSTEM_MAX } from '../history/vocabularies.js';
import { Rng, mix32 } from './prng.js';

const YEAR = 365.25;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Nearest valid EDSS step (0, 1.0..9.5); a synthetic patient never reaches 10 (death). */
function toEdss(v: number): number {
  if (v < 0.75) return 0;
  return clamp(Math.round(v * 2) / 2, 1, 9.5);
}

/** Relative reduction of the relapse rate; rough class effects, for realism only, not for decisions. */
const EFFICACY: Partial<Record<DrugId, number>> = {
  'interferon-beta': 0.3,
  'glatiramer-acetate': 0.3,
  teriflunomide: 0.3,
  'dimethyl-fumarate': 0.45,
  fingolimod: 0.55,
  siponimod: 0.5,
  natalizumab: 0.7,
  ocrelizumab: 0.7,
  ofatumumab: 0.7,
  cladribine: 0.6,
  alemtuzumab: 0.7,
  mitoxantrone: 0.65,
  rituximab: 0.65,
};
const FIRST_LINE: readonly (readonly [DrugId, number])[] = [
  ['interferon-beta', 30],
  ['glatiramer-acetate', 25],
  ['teriflunomide', 15],
  ['dimethyl-fumarate', 25],
  ['diroximel-fumarate', 5],
];
const ESCALATION: readonly (readonly [DrugId, number])[] = [
  ['natalizumab', 25],
  ['fingolimod', 20],
  ['ocrelizumab', 25],
  ['ofatumumab', 8],
  ['cladribine', 10],
  ['alemtuzumab', 12],
];

interface Sim {
  rng: Rng;
  asOf: Day;
  onset: Day;
  diagnosis: Day;
  relapses: Relapse[];
  therapies: Therapy[];
  current: { t: Therapy; drug: DrugId } | undefined;
  edssBase: number;
  /** Transient worsening from the latest relapse, decaying as it recovers. */
  bumps: { onset: Day; size: number; residual: number }[];
  spms: Day | undefined;
  ppms: boolean;
  mitoxantrone: boolean;
}

function stopCurrent(s: Sim, day: Day, reason: Therapy['stopReason']): void {
  if (!s.current) return;
  const t = s.current.t;
  // A switch may be planned before the next drug's first day; the record cannot end before it starts.
  day = Math.min(s.asOf, Math.max(day, dayOf(t.start)));
  t.end = formatDay(day);
  // Doses planned beyond the stop were never given.
  if (t.doses) t.doses = t.doses.filter((d) => dayOf(d.date) <= day);
  t.stopReason = reason;
  s.current = undefined;
}

function startTherapy(s: Sim, drug: DrugId, day: Day): void {
  if (day > s.asOf) return;
  const t: Therapy = { drug, start: formatDay(day) };
  s.therapies.push(t);
  s.current = { t, drug };
  if (drug === 'alemtuzumab') {
    // Two courses 12 months apart: 12 mg/day for 5 days, then for 3 days (EU SmPC posology).
    const doses = [];
    for (let i = 0; i < 5; i++) if (day + i <= s.asOf) doses.push({ date: formatDay(day + i), amount: 12, unit: 'mg' as const });
    const second = addMonths(day, 12);
    for (let i = 0; i < 3; i++) if (second + i <= s.asOf) doses.push({ date: formatDay(second + i), amount: 12, unit: 'mg' as const });
    t.doses = doses;
    // The record closes after the second course; a patient who declined it has an ended first course.
    if (second + 2 <= s.asOf) t.end = formatDay(second + 2);
    else if (day + 4 <= s.asOf && s.rng.chance(0.1)) {
      t.end = formatDay(day + 4);
      t.stopReason = 'patient-choice';
      // Declined: the second course, even one already begun by the record's end, was not given.
      t.doses = doses.slice(0, 5);
    }
  } else if (drug === 'mitoxantrone') {
    // 12 mg/m2 every 3 months, stopped well short of the 140 mg/m2 lifetime limit (US label).
    const n = s.rng.int(4, 10);
    const doses = [];
    let d = day;
    for (let i = 0; i < n && d <= s.asOf; i++, d = addMonths(d, 3)) doses.push({ date: formatDay(d), amount: 12, unit: 'mg/m2' as const });
    t.doses = doses;
    const lastDose = addMonths(day, 3 * (doses.length - 1));
    if (doses.length === n) t.end = formatDay(lastDose);
    s.mitoxantrone = true;
  } else if (drug === 'ocrelizumab') {
    const doses = [];
    for (let d = day, i = 0; d <= s.asOf && i < 40; d = addMonths(d, 6), i++) doses.push({ date: formatDay(d), amount: 600, unit: 'mg' as const });
    if (s.rng.chance(0.5)) t.doses = doses;
  }
  if (t.end !== undefined) s.current = undefined;
}

function pickNext(s: Sim, escalate: boolean): DrugId {
  const used = new Set(s.therapies.map((t) => t.drug));
  const pool = (escalate ? ESCALATION : FIRST_LINE).filter(([d]) => !used.has(d));
  return pool.length > 0 ? s.rng.weighted(pool) : s.rng.weighted(ESCALATION);
}

function addRelapse(s: Sim, day: Day): void {
  const { rng } = s;
  const size = rng.weighted([
    [0.5, 2],
    [1, 4],
    [1.5, 3],
    [2, 2],
    [3, 1],
  ] as const);
  const recovery = rng.weighted([
    ['complete', 55],
    ['partial', 35],
    ['none', 10],
  ] as const);
  const residual = recovery === 'complete' ? 0 : recovery === 'partial' ? size * rng.uniform(0.3, 0.6) : size;
  s.relapses.push({ onset: formatDay(day), disabling: size >= 1 && rng.chance(0.8), recovery });
  s.edssBase += residual;
  s.bumps.push({ onset: day, size: size - residual, residual });
}

/** The part of a visit's EDSS that is still the recovering relapse, not yet permanent. */
function transientEdss(s: Sim, day: Day): number {
  let v = 0;
  for (const b of s.bumps) {
    if (b.onset > day) break;
    // Recovery over about three months.
    const since = day - b.onset;
    if (since < 90) v += b.size * (1 - since / 90);
  }
  return v;
}

// The seven Kurtzke systems only: the ambulation score (added to the format later) is not generated,
// so that every seed keeps giving the cohort it gave before.
const KURTZKE_KEYS = (Object.keys(FUNCTIONAL_SYSTEM_MAX) as (keyof typeof FUNCTIONAL_SYSTEM_MAX)[]).filter((k) => k !== 'ambulation');

function functionalSystems(rng: Rng, edss: number): FunctionalSystems {
  const fs: FunctionalSystems = {};
  for (const k of KURTZKE_KEYS) {
    if (rng.chance(0.08)) continue;
    const weight = k === 'pyramidal' ? 0.75 : k === 'sensory' || k === 'cerebellar' ? 0.55 : 0.4;
    const v = edss === 0 ? 0 : Math.round(edss * weight + rng.normal(0, 0.6));
    fs[k] = clamp(v, 0, FUNCTIONAL_SYSTEM_MAX[k]);
  }
  return fs;
}

function partial(rng: Rng, day: Day, pFull: number, pMonth: number): string {
  const text = formatDay(day);
  const r = rng.next();
  if (r < pFull) return text;
  if (r < pFull + pMonth) return text.slice(0, 7);
  return text.slice(0, 4);
}

/** One synthetic patient. Every history it returns passes `validateHistory` at `asOf`. */
export function synthHistory(seed: number, index: number, asOf: Day): History {
  const rng = new Rng(mix32(seed | 0, index | 0));
  const sex = rng.weighted([
    ['female', 70],
    ['male', 28.5],
    ['other', 0.5],
    ['unknown', 1],
  ] as const);
  const female = sex === 'female';
  const ppms = rng.chance(0.1);
  const onsetAge = clamp(rng.normal(ppms ? 40 : 30, 8), 14, 62);
  const durationYears = clamp(rng.exponential(9), 0.15, 40);
  const onset = asOf - Math.round(durationYears * YEAR);
  const birth = onset - Math.round(onsetAge * YEAR) - rng.int(0, 364);
  const diagnosis = Math.min(asOf, onset + Math.round(rng.exponential(ppms ? 2.5 : 1.2) * YEAR));
  const ageAt = (d: Day) => (d - birth) / YEAR;

  const s: Sim = {
    rng,
    asOf,
    onset,
    diagnosis,
    relapses: [],
    therapies: [],
    current: undefined,
    edssBase: ppms ? rng.uniform(1.5, 3.5) : rng.uniform(0, 1.5),
    bumps: [],
    spms: undefined,
    ppms,
    mitoxantrone: false,
  };
  // Walk the disease, sampling EDSS and MRI on the fly so each visit sees the disability of its day.
  const edss: EdssVisit[] = [];
  const mri: Mri[] = [];
  const visitEvery = rng.int(4, 12);
  const mriEvery = rng.int(9, 24);
  let nextVisit = diagnosis;
  let nextMri = diagnosis + rng.int(-30, 30);
  const fsShare = rng.uniform(0.2, 0.9);
  const sample = (day: Day) => {
    while (nextVisit <= day && nextVisit <= asOf) {
      if (nextVisit >= onset) {
        const score = toEdss(s.edssBase + transientEdss(s, nextVisit) + rng.normal(0, 0.25));
        const visit: EdssVisit = { date: formatDay(nextVisit), score };
        if (rng.chance(fsShare)) visit.functionalSystems = functionalSystems(rng, score);
        edss.push(visit);
      }
      nextVisit = addMonths(nextVisit, visitEvery) + rng.int(-20, 20);
    }
    while (nextMri <= day && nextMri <= asOf) {
      if (nextMri >= onset) {
        const recent = s.relapses.filter((r) => {
          const d = nextMri - dayOf(r.onset);
          return d >= 0 && d < 120;
        }).length;
        const onDrug = s.current ? (EFFICACY[s.current.drug] ?? 0.3) : 0;
        const activity = (0.15 + 1.2 * recent) * (1 - onDrug) * (s.spms !== undefined || ppms ? 0.4 : 1);
        mri.push({
          date: formatDay(nextMri),
          region: rng.chance(0.85) ? 'brain' : 'spine',
          gadoliniumEnhancingLesions: rng.poisson(activity),
          newOrEnlargingT2Lesions: rng.poisson(activity * 1.8 + 0.2),
        });
      }
      nextMri = addMonths(nextMri, mriEvery) + rng.int(-30, 30);
    }
  };
  // The monthly disease walk, with visits sampled as it goes.
  const r0 = rng.uniform(0.3, 1.6);
  const treated = rng.chance(ppms ? 0.45 : 0.88);
  const treatStart = diagnosis + rng.int(0, 180);
  const progressionRate = ppms ? rng.uniform(0.15, 0.5) : rng.uniform(0.1, 0.45);
  // The first attack (the clinically isolated syndrome) is the first relapse of the record.
  if (!ppms) addRelapse(s, onset);
  for (let day = onset + 30; day <= asOf + 29; day += 30) {
    sample(Math.min(day, asOf));
    if (day > asOf) break;
    step(s, day, { r0, treated, treatStart, progressionRate, female, ageAt });
  }
  sample(asOf);

  const h: History = { formatVersion: 1, id: `synth-${seed}-${index}` };
  h.birthDate = partial(rng, birth, 0.7, 0.2);
  h.sex = sex;
  if (rng.chance(0.95)) h.msOnset = partial(rng, onset, 0.2, 0.5);
  if (rng.chance(0.95)) h.msDiagnosis = partial(rng, diagnosis, 0.7, 0.25);
  const course = courseOf(s, mri);
  if (course && rng.chance(0.9)) h.course = course;
  if (edss.length > 0 || rng.chance(0.5)) h.edss = edss;
  if (s.relapses.length > 0 || rng.chance(0.5)) h.relapses = s.relapses;
  if (mri.length > 0 || rng.chance(0.5)) h.mri = mri;
  if (s.therapies.length > 0 || rng.chance(0.7)) h.therapies = s.therapies;
  const lastEdss = edss.at(-1)?.score ?? 0;
  const age = ageAt(asOf);
  const conditions = synthConditions(rng, asOf, lastEdss, age, s.mitoxantrone);
  if (conditions.length > 0 || rng.chance(0.6)) h.conditions = conditions;
  if (rng.chance(0.85)) h.labs = synthLabs(rng, asOf, conditions, s.therapies.at(-1)?.drug);
  if (rng.chance(0.8)) {
    const male = sex === 'male';
    const heightCm = round1(clamp(rng.normal(male ? 178 : 165, 7), 140, 205));
    h.body = { heightCm, weightKg: round1(clamp(rng.normal(male ? 80 : 67, 13), 40, 160)) };
  }
  if (female && age >= 16 && age < 50 && rng.chance(0.7)) {
    const pregnancy: NonNullable<History['pregnancy']> = {};
    pregnancy.pregnant = rng.chance(0.02);
    if (rng.chance(0.8)) pregnancy.breastfeeding = !pregnancy.pregnant && rng.chance(0.03);
    if (rng.chance(0.15)) pregnancy.planningWithinMonths = rng.int(0, 24);
    h.pregnancy = pregnancy;
  }
  return h;
}

interface StepParams {
  r0: number;
  treated: boolean;
  treatStart: Day;
  progressionRate: number;
  female: boolean;
  ageAt: (d: Day) => number;
}

function step(s: Sim, day: Day, p: StepParams): void {
  const { rng, asOf } = s;
  const years = (day - s.onset) / YEAR;
  if (p.treated && !s.current && day >= p.treatStart && s.therapies.length === 0) {
    startTherapy(s, s.ppms ? (rng.chance(0.7) ? 'ocrelizumab' : 'rituximab') : rng.weighted(FIRST_LINE), day);
  }
  const pulsed = s.therapies.some((t) => t.drug === 'alemtuzumab' || t.drug === 'cladribine');
  const efficacy = s.current ? (EFFICACY[s.current.drug] ?? 0.3) : pulsed ? 0.5 : 0;
  // Relapse rates fall with disease duration and treatment, and almost vanish once progressive.
  let rate = p.r0 * Math.exp(-years / 12) * (1 - efficacy);
  if (s.spms !== undefined) rate *= 0.25;
  if (s.ppms) rate *= 0.05;
  if (rng.chance(rate / 12.2)) {
    addRelapse(s, day);
    // A breakthrough relapse after six months on a drug is the classic escalation trigger.
    if (s.current && day - dayOf(s.current.t.start) > 180 && rng.chance(0.55)) {
      const next = pickNext(s, true);
      stopCurrent(s, Math.min(day + 14, asOf), 'inefficacy');
      if (day + 45 <= asOf) startTherapy(s, next, day + 45);
    }
  }
  if (s.current && s.current.drug !== 'alemtuzumab' && s.current.drug !== 'mitoxantrone' && rng.chance(0.004)) {
    const why = rng.weighted([
      ['adverse-event', 4],
      ['patient-choice', 3],
      ['other', 1],
    ] as const);
    const next = pickNext(s, false);
    stopCurrent(s, day, why);
    if (day + 30 <= asOf && rng.chance(0.8)) startTherapy(s, next, day + 30);
  }
  if (s.current && p.female && p.ageAt(day) < 42 && rng.chance(0.0015)) stopCurrent(s, day, 'pregnancy');
  // Conversion to secondary progression: hazard rising with duration.
  // Secondary progression is rarely recognised below EDSS 3 (Lorscheider 2016 requires at least 4).
  if (!s.ppms && s.spms === undefined && years > 4 && s.edssBase >= 2.5 && rng.chance((0.015 + 0.004 * years) / 12)) s.spms = day;
  const progressive = s.ppms || s.spms !== undefined;
  s.edssBase = Math.min(9.5, s.edssBase + (progressive ? p.progressionRate : 0.015) / 12);
  if (progressive && !s.mitoxantrone && s.edssBase >= 4 && s.edssBase < 6.5 && rng.chance(0.003) && day + 14 <= asOf) {
    stopCurrent(s, day, 'inefficacy');
    startTherapy(s, 'mitoxantrone', day + 14);
  } else if (s.spms !== undefined && !s.ppms && !s.current && rng.chance(0.01)) {
    startTherapy(s, 'siponimod', day);
  }
}

function dayOf(text: string): Day {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

function courseOf(s: Sim, mri: Mri[]): History['course'] | undefined {
  const { rng, asOf } = s;
  if (s.ppms) return { phenotype: 'PPMS', since: partial(rng, s.diagnosis, 0.3, 0.5) };
  if (s.spms !== undefined) {
    // Clinicians recognise secondary progression late, often years after it began.
    const recognised = s.spms + Math.round(rng.exponential(2) * YEAR);
    if (recognised <= asOf) return { phenotype: 'SPMS', since: partial(rng, recognised, 0.2, 0.6) };
  }
  const activeMri = mri.some((m) => m.gadoliniumEnhancingLesions > 0 || m.newOrEnlargingT2Lesions > 0);
  if (s.relapses.length <= 1 && !activeMri && asOf - s.onset < 3 * YEAR) return { phenotype: 'CIS' };
  return { phenotype: 'RRMS', since: partial(rng, s.diagnosis, 0.3, 0.5) };
}

const CONDITION_RISKS: readonly [ConditionId, number][] = [
  ['hiv', 0.004],
  ['hepatitis-b', 0.01],
  ['hepatitis-c', 0.006],
  ['tuberculosis-latent', 0.01],
  ['tuberculosis-active', 0.001],
  ['active-infection', 0.01],
  ['coagulopathy', 0.004],
  ['anticoagulant-or-antiplatelet-therapy', 0.03],
  ['autoimmune-disease', 0.05],
  ['malignancy', 0.02],
  ['heart-failure', 0.004],
  ['cervicocephalic-arterial-dissection', 0.002],
  ['immunodeficiency', 0.003],
  ['mediastinal-radiotherapy', 0.002],
];

function synthConditions(rng: Rng, asOf: Day, edss: number, age: number, mitoxantrone: boolean): Condition[] {
  const out: Condition[] = [];
  const onsetWithin = (years: number) => partial(rng, asOf - rng.int(0, Math.round(years * YEAR)), 0.3, 0.3);
  // Bladder dysfunction and catheters rise steeply with disability (the catheter-mitoxantrone lesson).
  const pCatheter = edss >= 6 ? 0.35 : edss >= 4 ? 0.1 : 0.01;
  const catheter = rng.chance(pCatheter);
  if (catheter)
    out.push({ code: 'urinary-catheter', status: 'active', onset: onsetWithin(5), note: rng.chance(0.5) ? 'intermittent self-catheterisation' : 'indwelling' });
  if (rng.chance(catheter ? 0.4 : 0.03)) out.push({ code: 'recurrent-uti', status: rng.chance(0.7) ? 'active' : 'resolved', onset: onsetWithin(3) });
  if (edss >= 7 && rng.chance(0.15)) out.push({ code: 'pressure-ulcer', status: rng.chance(0.6) ? 'active' : 'resolved', onset: onsetWithin(2) });
  if (rng.chance(age > 50 ? 0.06 : 0.015)) out.push({ code: 'uncontrolled-hypertension', status: 'active', onset: onsetWithin(5) });
  if (age > 50) {
    if (rng.chance(0.015)) out.push({ code: 'stroke', status: 'resolved', onset: onsetWithin(10) });
    if (rng.chance(0.02)) out.push({ code: 'angina', status: 'active', onset: onsetWithin(8) });
    if (rng.chance(0.015)) out.push({ code: 'myocardial-infarction', status: 'resolved', onset: onsetWithin(10) });
  }
  for (const [code, p] of CONDITION_RISKS) {
    if (rng.chance(p))
      out.push({
        code,
        status: code === 'malignancy' || code === 'tuberculosis-latent' ? (rng.chance(0.7) ? 'resolved' : 'active') : 'active',
        onset: onsetWithin(8),
      });
  }
  if (mitoxantrone && rng.chance(0.2)) out.push({ code: 'prior-anthracycline', status: 'resolved' });
  return out;
}

function synthLabs(rng: Rng, asOf: Day, conditions: Condition[], lastDrug: DrugId | undefined): Lab[] {
  const date = formatDay(asOf - rng.int(0, 150));
  const labs: Lab[] = [];
  const num = (test: Lab['test'], value: number, unit: string) => labs.push({ date, test, value, unit });
  const lymphopenic = lastDrug === 'fingolimod' || lastDrug === 'siponimod' || lastDrug === 'alemtuzumab' || lastDrug === 'cladribine';
  num('platelets', Math.round(clamp(rng.normal(250, 60), 15, 600)), '10^9/L');
  num('leukocytes', round1(clamp(rng.normal(lymphopenic ? 4.8 : 6.5, 1.5), 1, 20)), '10^9/L');
  num('neutrophils', round1(clamp(rng.normal(3.8, 1.2), 0.3, 15)), '10^9/L');
  num('lymphocytes', round1(clamp(rng.normal(lymphopenic ? 0.7 : 1.9, lymphopenic ? 0.3 : 0.5), 0.1, 5)), '10^9/L');
  num('hemoglobin', Math.round(clamp(rng.normal(135, 13), 70, 190)), 'g/L');
  // Some sites report creatinine in mg/dL; the history layer converts it.
  const creat = clamp(rng.normal(75, 15), 30, 400);
  if (rng.chance(0.15)) num('creatinine', Math.round((creat / 88.42) * 100) / 100, 'mg/dL');
  else num('creatinine', Math.round(creat), 'umol/L');
  if (rng.chance(0.7)) num('tsh', Math.round(clamp(rng.normal(2, 1), 0.05, 15) * 100) / 100, 'mIU/L');
  if (rng.chance(0.6)) num('alt', Math.round(clamp(rng.normal(25, 10), 5, 300)), 'U/L');
  if (rng.chance(0.3)) num('lvef', Math.round(clamp(rng.normal(61, 5), 25, 80)), '%');
  if (rng.chance(0.5)) num('urine-protein', rng.chance(0.9) ? 0 : rng.int(1, 3), 'grade');
  const hiv = conditions.some((c) => c.code === 'hiv');
  if (rng.chance(0.6)) labs.push({ date, test: 'hiv-test', value: hiv ? 'positive' : 'negative' });
  const tb = conditions.some((c) => c.code === 'tuberculosis-latent' || c.code === 'tuberculosis-active');
  if (rng.chance(0.5)) labs.push({ date, test: 'tb-test', value: tb ? 'positive' : 'negative' });
  if (rng.chance(0.5)) labs.push({ date, test: 'vzv-igg', value: rng.chance(0.94) ? 'positive' : 'negative' });
  return labs;
}

/** `n` patients from one seed, generated lazily (a million need not be held in memory). */
export function* synthCohort(n: number, seed: number, asOf: Day): Iterable<History> {
  for (let i = 0; i < n; i++) yield synthHistory(seed, i, asOf);
}
