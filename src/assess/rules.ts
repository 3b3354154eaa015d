import type { Day } from '../history/dates.js';
import { dateText } from '../course/facts.js';
import type { History } from '../history/schema.js';
import type { Tri } from '../course/types.js';
import type { DecisionCourse } from '../course/index.js';
import type { Effect, LabelId, Rule } from './knowledge.js';
import { criterionText, type LazyEvidence } from './evidence.js';
import { text, type LazyMissing, type Text } from './lazy-text.js';
import {
  type AssessmentReads, ageAbove, ageAtLeast, anniversary, day, describeInterval, edssText, labsOf, matchingConditions, moreThanYearsSince, NEG_INF, round1, windowStart,
} from './facts.js';

// One evaluator per rule kind; the rule data (knowledge/rules/*.json) supplies codes, thresholds,
// effects and sources. An evaluator says whether its rule fires, is clear, or cannot be judged from
// the record (and then what to record). Messages name the patient's own values.

export interface RuleContext {
  history: History;
  asOf: Day;
  label: LabelId;
  course: DecisionCourse;
  evidence: Map<string, LazyEvidence>;
  /** The history's reads shared by the rules, checks and trial boxes of this assessment. */
  reads: AssessmentReads;
  /** Outcomes of the rules evaluated so far, for rules that combine others. */
  outcomes: RuleOutcomes;
}

/**
 * The outcomes of one assessment's rules by code. A drug's rule codes are known when its plan is made,
 * so each code has a fixed slot and an assessment fills an array instead of growing a map.
 */
export class RuleOutcomes {
  private readonly slots: ReadonlyMap<string, number>;
  private readonly values: (Outcome | undefined)[];

  constructor(slots: ReadonlyMap<string, number>) {
    this.slots = slots;
    this.values = new Array<Outcome | undefined>(slots.size).fill(undefined);
  }

  set(slot: number, outcome: Outcome): void {
    this.values[slot] = outcome;
  }

  get(code: string): Outcome | undefined {
    const slot = this.slots.get(code);
    return slot === undefined ? undefined : this.values[slot];
  }
}

/** Messages and the reasons for missing data are built when read (lazy-text.ts). */
export type Outcome =
  | { status: 'fires'; message: Text; effect?: Effect }
  | { status: 'clear' }
  | { status: 'unknown'; message: Text; missing: LazyMissing[] };

type Evaluator = (rule: Rule, ctx: RuleContext) => Outcome;

const CLEAR: Outcome = { status: 'clear' };
const fires = (message: Text, effect?: Effect): Outcome => (effect ? { status: 'fires', message, effect } : { status: 'fires', message });
const unknown = (message: Text, missing: LazyMissing[]): Outcome => ({ status: 'unknown', message, missing });

function combine(parts: Outcome[]): Outcome {
  const fired = parts.filter((p): p is Extract<Outcome, { status: 'fires' }> => p.status === 'fires');
  if (fired.length > 0) return fires(() => fired.map((p) => text(p.message)).join(' '));
  const unknowns = parts.filter((p): p is Extract<Outcome, { status: 'unknown' }> => p.status === 'unknown');
  if (unknowns.length > 0) return unknown(() => unknowns.map((p) => text(p.message)).join(' '), unknowns.flatMap((p) => p.missing));
  return CLEAR;
}

function ageText(h: History, r: [number, number] | undefined): string {
  if (!r) return 'age unknown';
  return r[0] === r[1] ? `age ${r[0]} (born ${h.birthDate})` : `age ${r[0]} or ${r[1]} (born ${h.birthDate})`;
}

const condition: Evaluator = (rule, { history: h, reads }) => {
  const hits = matchingConditions(h, rule.conditions ?? [], rule.countResolved ?? false);
  const lab = rule.positiveLab ? reads.latestLab(rule.positiveLab) : undefined;
  const positive = lab !== undefined && lab.value === 'positive';
  if (hits.length === 0 && !positive) return CLEAR;
  return fires(() => {
    const parts: string[] = hits.map((c) => `${c.code} (${c.status}${c.onset ? `, since ${c.onset}` : ''})`);
    if (positive) parts.push(`a positive ${lab.test} on ${lab.date}`);
    return `${capitalise(rule.title)}: recorded ${parts.join(', ')}.${rule.why ? ` ${rule.why}` : ''}`;
  });
};

const progressiveCourse: Evaluator = (rule, { history: h, course, label }) => {
  const recorded = h.course?.phenotype;
  const since = () => (h.course?.since ? ` since ${h.course.since}` : '');
  const obj = course.objectiveSpms;
  const usNote = label === 'us'
    ? ' The US label admits active SPMS, but the evidence does not support it: no trial showed benefit in progressive MS.'
    : '';
  if (recorded === 'SPMS' || recorded === 'PPMS') {
    return fires(() => `Recorded course ${recorded}${since()}: clinically progressive MS is a relative contraindication; ${rule.why ?? ''}${recorded === 'SPMS' ? usNote : ''}`.trim());
  }
  if (obj.status === 'met') {
    return fires(() => `Objective SPMS (Lorscheider 2016) met${obj.date ? ` on ${obj.date}` : ''}${obj.edss !== undefined ? ` at EDSS ${edssText(obj.edss)}` : ''}${recorded ? ` although the recorded course is ${recorded}` : ''}: ${obj.detail} ${rule.why ?? ''}${usNote}`.trim());
  }
  if (!recorded) {
    return unknown(() => `No course recorded; the objective classification from the EDSS record is ${course.phenotype.objective} (${obj.detail}). Confirm the course.`, [
      { field: 'course', why: () => `record the clinical course; objective classification from the EDSS record: ${course.phenotype.objective}` },
    ]);
  }
  return CLEAR;
};

const onsetDurationAbove: Evaluator = (rule, { history: h, asOf, reads }) => {
  const years = rule.maxYears ?? 10;
  const onset = reads.onsetInterval();
  if (!onset) {
    return unknown(() => `Symptom onset is not recorded: the trials counted ${years} years from onset.`, [
      { field: 'msOnset', why: () => `the date of first symptoms decides whether the patient is within ${years} years of onset (CARE-MS II)` },
    ]);
  }
  const t = moreThanYearsSince(onset, asOf, years);
  const when = () => (h.msOnset === undefined ? `onset not recorded, diagnosis ${h.msDiagnosis}` : `symptom onset ${h.msOnset}`);
  if (t === 'met') {
    return fires(() => {
      const reached = onset.hi !== NEG_INF ? `; ${years} years were reached by ${anniversary(onset.hi, years)}` : '';
      return `${capitalise(when())}: more than ${years} years before ${dateText(asOf)}${reached}. ${rule.why ?? ''}`.trim();
    });
  }
  if (t === 'unknown') {
    const span = () => (onset.lo === NEG_INF ? `before ${dateText(onset.hi)}` : `between ${anniversary(onset.lo, years)} and ${anniversary(onset.hi, years)}`);
    return unknown(() => `Uncertain: ${when()} (${describeInterval(onset)}); the ${years}-year mark falls ${span()}, so whether more than ${years} years have passed cannot be told.`, [
      { field: 'msOnset', why: () => `the onset ${h.msOnset ?? 'date'} is too imprecise to tell whether more than ${years} years have passed; record the month or day of first symptoms` },
    ]);
  }
  return CLEAR;
};

function recentEdssMissing(course: DecisionCourse): LazyMissing {
  const e = course.disabilityEdss;
  return { field: 'edss', why: e ? () => `the latest EDSS (${edssText(e.score)} on ${e.date}) is more than 12 months old; record a current EDSS` : 'no EDSS recorded; record a current EDSS' };
}

const edssAbove: Evaluator = (rule, { course }) => {
  const max = rule.maxEdss ?? 5;
  const e = course.disabilityEdss;
  if (!e?.recent) return unknown(() => `Uncertain: no EDSS within 12 months; the CARE-MS II ceiling was ${edssText(max)}.`, [recentEdssMissing(course)]);
  if (e.score > max) return fires(() => `EDSS ${edssText(e.score)} on ${e.date}; the CARE-MS II ceiling was ${edssText(max)}.`);
  return CLEAR;
};

const allOf: Evaluator = (rule, { outcomes }) => {
  const codes = rule.allOf ?? [];
  const parts: Outcome[] = [];
  for (const c of codes) parts.push(outcomes.get(c) ?? CLEAR);
  if (parts.some((p) => p.status === 'clear')) return CLEAR;
  const messages = () => parts.map((p) => (p.status === 'clear' ? '' : text(p.message))).join(' ');
  if (parts.every((p) => p.status === 'fires')) return fires(() => `${capitalise(rule.title)}: ${messages()} ${rule.why ?? ''}`.trim());
  return unknown(() => `Possibly ${rule.title}: ${messages()}`, parts.flatMap((p) => (p.status === 'unknown' ? p.missing : [])));
};

const inactiveDisease: Evaluator = (rule, { history: h, course, asOf }) => {
  const a = course.activity;
  const months = rule.windowMonths ?? 12;
  if (a.status === 'met') return CLEAR;
  if (a.status === 'unmet') return fires(() => `No relapse and no MRI activity in the last ${months} months: ${a.detail} ${rule.why ?? ''}`.trim());
  return unknown(() => `Activity over the last ${months} months cannot be judged: ${a.detail}`, activityGaps(h, asOf, months));
};

/** What to record so that "not active" can be told: the relapse record and an MRI in the window. */
function activityGaps(h: History, asOf: Day, months: number): LazyMissing[] {
  const gaps: LazyMissing[] = [];
  if (h.relapses === undefined) gaps.push({ field: 'relapses', why: 'activity needs the relapse record (an empty list when there were none)' });
  const since = windowStart(asOf, months);
  if (!(h.mri ?? []).some((m) => day(m.date) >= since)) {
    gaps.push({ field: 'mri', why: () => `no MRI since ${dateText(since)}: "not active" needs a scan within the last ${months} months` });
  }
  return gaps;
}

const alemtuzumabLicense: Evaluator = (rule, ctx) => {
  const { history: h, course, label } = ctx;
  const parts: Outcome[] = [];
  const age = ctx.reads.ageRange();
  const adult = ageAtLeast(age, rule.minAge ?? 18);
  if (adult === 'unmet') parts.push(fires(() => `${capitalise(ageText(h, age))}: the label is for adults.`));
  else if (adult === 'unknown') parts.push(unknown('Whether the patient is an adult cannot be told.', [{ field: 'birthDate', why: 'the label is for adults; record the birth date' }]));
  if (h.course?.phenotype === 'CIS') parts.push(fires('Recorded course CIS: alemtuzumab is not for clinically isolated syndrome.'));
  if (label === 'eu') {
    const ha = course.highlyActiveDespiteTreatment;
    const res = course.rapidlyEvolvingSevere;
    if (ha.status === 'unmet' && res.status === 'unmet') {
      parts.push(fires(() => `EU label: neither highly active despite a full course of a DMT (${ha.detail}) nor rapidly evolving severe (${res.detail}).`));
    } else if (ha.status !== 'met' && res.status !== 'met') {
      parts.push(unknown(() => `EU label: the indication cannot be judged (highly active despite treatment: ${ha.status}, ${ha.detail}; rapidly evolving severe: ${res.status}, ${res.detail}).`, [
        ...(h.therapies === undefined ? [{ field: 'therapies', why: 'the EU indication needs the therapy history' }] : []),
        ...(h.relapses === undefined ? [{ field: 'relapses', why: 'the EU indication needs the relapse record' }] : []),
        ...(h.mri === undefined ? [{ field: 'mri', why: 'the EU indication needs the MRI record' }] : []),
      ]));
    }
  } else {
    parts.push(usFailedTherapies(rule, ctx));
  }
  return combine(parts);
};

/**
 * US label: generally reserved for an inadequate response to two or more MS drugs. Operational rule: a
 * drug counts when it was stopped for inefficacy, or is ongoing while the disease is highly active
 * despite it; a drug stopped without a reason might count, so it leaves the count uncertain.
 */
function usFailedTherapies(rule: Rule, { history: h, course }: RuleContext): Outcome {
  const need = rule.minFailedTherapies ?? 2;
  if (h.therapies === undefined) return unknown('US label: the therapy history is not recorded.', [{ field: 'therapies', why: 'the US label reserves alemtuzumab for an inadequate response to two or more MS drugs' }]);
  const definite = new Set<string>();
  const possible = new Set<string>();
  h.therapies.forEach((t) => {
    if (t.drug === 'alemtuzumab') return;
    if (t.stopReason === 'inefficacy') definite.add(t.drug);
    else if (t.end === undefined && course.highlyActiveDespiteTreatment.status === 'met') definite.add(t.drug);
    else if ((t.end !== undefined && t.stopReason === undefined) || (t.end === undefined && course.highlyActiveDespiteTreatment.status === 'unknown')) possible.add(t.drug);
  });
  for (const d of definite) possible.delete(d);
  const list = definite.size > 0 ? ` (${[...definite].join(', ')})` : '';
  if (definite.size >= need) return CLEAR;
  if (definite.size + possible.size < need) {
    return fires(() => `US label: reserved for an inadequate response to ${need} or more MS drugs; ${definite.size} recorded${list}.`);
  }
  return unknown(() => `US label: ${definite.size} drug(s) with an inadequate response recorded${list}; ${[...possible].join(', ')} ended without a recorded reason.`, [
    { field: 'therapies[].stopReason', why: () => `record why ${[...possible].join(', ')} stopped: the US label counts drugs stopped for inadequate response` },
  ]);
}

const ageAboveRule: Evaluator = (rule, { history: h, reads }) => {
  const max = rule.maxAge ?? 55;
  const age = reads.ageRange();
  const t = ageAbove(age, max);
  if (t === 'met') return fires(() => `${capitalise(ageText(h, age))}; ${rule.why ?? `the trials enrolled up to ${max}`}`);
  if (t === 'unknown') {
    return unknown(h.birthDate === undefined
      ? `Uncertain: no birth date recorded; the trials enrolled up to age ${max}.`
      : `Uncertain: ${ageText(h, age)} straddles the trials' upper age of ${max}.`, [
      { field: 'birthDate', why: h.birthDate === undefined ? `record the birth date (the trials enrolled up to age ${max})` : `the partial birth date ${h.birthDate} cannot tell whether the patient is over ${max}` },
    ]);
  }
  return CLEAR;
};

const pregnancy: Evaluator = (rule, { history: h }) => {
  const p = h.pregnancy;
  if (!p) return CLEAR;
  if (p.pregnant || p.breastfeeding) return fires(() => `${p.pregnant ? 'Pregnant' : 'Breastfeeding'} (recorded). ${rule.why ?? ''}`.trim());
  const within = rule.planningWithinMonths ?? 4;
  if (p.planningWithinMonths !== undefined && p.planningWithinMonths <= within) {
    return fires(() => `Planning a pregnancy within ${p.planningWithinMonths} months; ${rule.why ?? ''}`.trim(), rule.planningEffect ?? 'caution');
  }
  return CLEAR;
};

const activeDisease: Evaluator = (_rule, { course }) =>
  course.activity.status === 'met' ? fires(() => `Active disease: ${course.activity.detail}`) : CLEAR;

const highlyActive: Evaluator = (_rule, { course }) => {
  const ha = course.highlyActiveDespiteTreatment;
  const res = course.rapidlyEvolvingSevere;
  if (ha.status !== 'met' && res.status !== 'met') return CLEAR;
  return fires(() => {
    const parts = [ha.status === 'met' ? `highly active despite treatment (${ha.detail})` : '', res.status === 'met' ? `rapidly evolving severe (${res.detail})` : ''].filter(Boolean);
    return `Within the licensed indication: ${parts.join('; ')}.`;
  });
};

const insideTrial: Evaluator = (rule, { evidence }) => {
  const inside = (rule.trials ?? []).map((t) => evidence.get(t)).filter((e): e is LazyEvidence => e?.fit === 'inside');
  return inside.length > 0 ? fires(() => `Inside the ${inside.map((e) => e.study).join(' and ')} evidence box${inside.length > 1 ? 'es' : ''}: every eligibility criterion met.`) : CLEAR;
};

function unmetCriteria(e: LazyEvidence): string {
  return e.criteria.filter((c) => c.status === 'unmet').map(criterionText).join('; ');
}

const outsideAllTrials: Evaluator = (rule, { evidence }) => {
  const entries = (rule.trials ?? []).map((t) => evidence.get(t)).filter((e): e is LazyEvidence => e !== undefined);
  if (entries.some((e) => e.fit === 'inside')) return CLEAR;
  if (entries.every((e) => e.fit === 'outside')) {
    return fires(() => `Outside ${entries.map((e) => `${e.study} (${unmetCriteria(e)})`).join(' and ')}. ${rule.why ?? ''}`.trim());
  }
  const uncertain = entries.filter((e) => e.fit === 'uncertain');
  // The unknown criteria are listed in the evidence base; the gap can only call for caution.
  return unknown(() => `Uncertain whether the patient fits ${uncertain.map((e) => e.study).join(' or ')}: ${uncertain.map((e) => e.criteria.filter((c) => c.status === 'unknown').map(criterionText).join('; ')).join('; ')}.`, []);
};

const labBelow: Evaluator = (rule, { reads }) => {
  const test = rule.test;
  if (!test) return CLEAR;
  const lab = reads.latestLab(test);
  // No result is an outstanding pre-treatment check (the label asks for it before every dose), not a verdict.
  if (!lab || typeof lab.value !== 'number') return CLEAR;
  const min = rule.min ?? 0;
  if (lab.value < min) return fires(() => `${test === 'lvef' ? 'LVEF' : capitalise(test)} ${lab.value}${rule.unit === '%' ? '%' : ` ${rule.unit ?? ''}`} on ${lab.date}: below ${min}${rule.unit === '%' ? '%' : ` ${rule.unit ?? ''}`}. ${rule.why ?? ''}`.trim());
  return CLEAR;
};

/** A fall of `points` or more from the best earlier result to the latest one. */
const labDecline: Evaluator = (rule, { history: h }) => {
  if (!rule.test) return CLEAR;
  const results = labsOf(h, rule.test).filter((l) => typeof l.value === 'number');
  if (results.length < 2) return CLEAR;
  const latest = results[results.length - 1]!;
  let best = results[0]!;
  for (const l of results.slice(0, -1)) if ((l.value as number) > (best.value as number)) best = l;
  const fall = (best.value as number) - (latest.value as number);
  if (fall >= (rule.points ?? 10)) {
    return fires(() => `LVEF fell ${fall} points, from ${String(best.value)}% on ${best.date} to ${String(latest.value)}% on ${latest.date}. ${rule.why ?? ''}`.trim());
  }
  return CLEAR;
};

const cumulativeDose: Evaluator = (rule, { history: h, label, reads }) => {
  const limit = rule.limits?.[label] ?? 140;
  const next = rule.nextDoseMgM2 ?? 12;
  const labelName = label === 'eu' ? 'EU' : 'US';
  if (h.therapies === undefined) {
    return unknown('The therapy history is not recorded, so previous mitoxantrone cannot be excluded.', [{ field: 'therapies', why: () => `previous mitoxantrone counts against the ${labelName} lifetime limit of ${limit} mg/m2` }]);
  }
  const cum = reads.cumulativeMitoxantrone();
  if (cum.status === 'unknown') return unknown(() => `The lifetime mitoxantrone dose is unknown: ${cum.detail}.`, cum.missing);
  const after = cum.mgM2 + next;
  if (after > limit) {
    return fires(() => `Lifetime mitoxantrone: ${cum.detail}; the next ${next} mg/m2 dose would bring it to ${round1(after)} mg/m2, past the ${labelName} lifetime limit of ${limit} mg/m2.`);
  }
  return CLEAR;
};

const priorDrug: Evaluator = (rule, { history: h }) => {
  if (h.therapies === undefined) return unknown('The therapy history is not recorded.', [{ field: 'therapies', why: () => `${rule.title}: previous ${(rule.drugs ?? []).join(', ')} must be excluded` }]);
  const hits = h.therapies.filter((t) => (rule.drugs ?? []).includes(t.drug));
  if (hits.length === 0) return CLEAR;
  return fires(() => `Previous ${hits.map((t) => `${t.drug} from ${t.start}`).join(', ')}. ${rule.why ?? ''}`.trim());
};

/** Worsening for mitoxantrone: >= 1 EDSS point in 18 months (MIMS) or a confirmed worsening event in that time. */
function worsening(ctx: RuleContext): { status: Tri; detail: string } {
  const w = ctx.reads.edssWorsening(18, 1);
  if (w.status === 'met') return w;
  const since = windowStart(ctx.asOf, 18);
  const event = ctx.course.progression().events.find((e) => day(e.eventDate) >= since);
  if (event) return { status: 'met', detail: `${event.type}: EDSS ${edssText(event.baselineScore)} to ${edssText(event.eventScore)} on ${event.eventDate}, confirmed ${event.confirmationDate}` };
  return w;
}

const mitoxantroneIndication: Evaluator = (rule, ctx) => {
  const { history: h, course } = ctx;
  const recorded = h.course?.phenotype;
  if (recorded === 'PPMS') return fires(() => `Recorded course PPMS: mitoxantrone is not indicated in primary progressive MS.`);
  if (recorded === 'CIS') return fires('Recorded course CIS: mitoxantrone is indicated in SPMS, progressive-relapsing or worsening RRMS, not in a clinically isolated syndrome.');
  const a = course.activity;
  const w = worsening(ctx);
  const parts: Outcome[] = [];
  if (!recorded && course.objectiveSpms.status !== 'met') {
    parts.push(unknown(() => `No course recorded (objective classification: ${course.phenotype.objective}).`, [{ field: 'course', why: 'mitoxantrone is not indicated in primary progressive MS: record the course' }]));
  }
  if (a.status === 'met' || w.status === 'met') return combine(parts);
  if (a.status === 'unmet' && w.status === 'unmet') {
    return fires(() => `Neither active nor worsening: ${a.detail}; ${w.detail}. ${rule.why ?? ''}`.trim());
  }
  parts.push(unknown(() => `Activity (${a.status}: ${a.detail}) and worsening (${w.status}: ${w.detail}) cannot be judged.`, [
    ...(a.status === 'unknown' ? activityGaps(h, ctx.asOf, 12) : []),
    ...(w.status === 'unknown' ? [{ field: 'edss', why: () => `worsening needs EDSS scores over the last 18 months (${w.detail})` }] : []),
  ]));
  return combine(parts);
};

const activeOrWorsening: Evaluator = (_rule, ctx) => {
  const a = ctx.course.activity;
  const w = worsening(ctx);
  if (a.status !== 'met' && w.status !== 'met') return CLEAR;
  return fires(() => `Disease ${[a.status === 'met' ? `active (${a.detail})` : '', w.status === 'met' ? `worsening (${w.detail})` : ''].filter(Boolean).join(' and ')}.`);
};

export const EVALUATORS: Record<Rule['kind'], Evaluator> = {
  condition,
  'progressive-course': progressiveCourse,
  'onset-duration-above': onsetDurationAbove,
  'edss-above': edssAbove,
  'all-of': allOf,
  'inactive-disease': inactiveDisease,
  'alemtuzumab-license': alemtuzumabLicense,
  'age-above': ageAboveRule,
  pregnancy,
  'active-disease': activeDisease,
  'highly-active': highlyActive,
  'inside-trial': insideTrial,
  'lab-below': labBelow,
  'cumulative-dose': cumulativeDose,
  'prior-drug': priorDrug,
  'mitoxantrone-indication': mitoxantroneIndication,
  'active-or-worsening': activeOrWorsening,
  'outside-all-trials': outsideAllTrials,
  'lab-decline': labDecline,
};


function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
