import { parsePartialDate, type Day } from '../history/dates.js';
import { dateText } from '../course/facts.js';
import type { History } from '../history/schema.js';
import type { Tri } from '../course/types.js';
import type { DecisionCourse } from '../course/index.js';
import type { Effect, LabelId, Rule, RuleKind, RuleOf } from './knowledge.js';
import { KNOWLEDGE } from './loaded-knowledge.js';
import { BLOOD_PRESSURE, bloodPressureGrade, bloodPressureReadings, type BloodPressureReading } from '../knowledge/blood-pressure.js';
import { estimateRisk, higherRiskGroup, type RiskEstimateSpec } from './risk-estimate.js';
import { fill, type TemplateValues } from './template.js';
import { CRITERION_FIELD, criterionText, judgeCriteria, type LazyEvidence } from './evidence.js';
import { dateWithAge, readable } from './readable.js';
import type { LabId } from '../history/vocabularies.js';
import type { AssessDrug } from '../drugs/index.js';
import { text, type LazyMissing, type Text } from './lazy-text.js';
import {
  type AssessmentReads,
  ageAbove,
  ageAtLeast,
  anniversary,
  day,
  describeInterval,
  edssText,
  labsOf,
  matchingConditions,
  moreThanYearsSince,
  NEG_INF,
  round1,
  windowStart,
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
export type Outcome = { status: 'fires'; message: Text; effect?: Effect } | { status: 'clear' } | { status: 'unknown'; message: Text; missing: LazyMissing[] };

type Evaluator<K extends RuleKind = RuleKind> = (rule: RuleOf<K>, ctx: RuleContext) => Outcome;

const CLEAR: Outcome = { status: 'clear' };
const fires = (message: Text, effect?: Effect): Outcome => (effect ? { status: 'fires', message, effect } : { status: 'fires', message });
const unknown = (message: Text, missing: LazyMissing[]): Outcome => ({ status: 'unknown', message, missing });

/** A rule's message (knowledge/rules/*.json `messages`), filled with this patient's values. */
function say<K extends RuleKind>(rule: RuleOf<K>, key: keyof RuleOf<K>['messages'] & string, values: TemplateValues = NO_VALUES): string {
  // The rule itself supplies {title} and {why}; the kind's placeholders are checked at load.
  return fill((rule.messages as Record<string, string>)[key]!, values, rule as unknown as TemplateValues);
}
const NO_VALUES: TemplateValues = {};

/** The adult requirement of an indication: a part when the patient is not, or may not be, an adult (`minAge`, the label's when it has its own). */
function adultPart(
  rule: RuleOf<'licence' | 'relapsing-indication' | 'indication' | 'phenotype-indication'>,
  h: History,
  age: [number, number] | undefined,
  minAge: number = rule.minAge,
): Outcome | undefined {
  const adult = ageAtLeast(age, minAge);
  if (adult === 'unmet') return fires(() => say(rule, 'notAdult', { age: ageText(h, age), minAge }));
  if (adult === 'unknown') {
    return unknown(() => say(rule, 'adultUnknown', { minAge }), [{ field: 'birthDate', why: () => say(rule, 'adultUnknownMissing', { minAge }) }]);
  }
  return undefined;
}

/** An age limit that cannot be judged: no birth date, or a partial one on both sides of the limit. */
function ageUnknown(rule: RuleOf<'age-above' | 'age-below'>, h: History, age: [number, number] | undefined, bound: { min: number } | { max: number }): Outcome {
  const birthDate = h.birthDate;
  return birthDate === undefined
    ? unknown(() => say(rule, 'noBirthDate', bound), [{ field: 'birthDate', why: () => say(rule, 'noBirthDateMissing', bound) }])
    : unknown(
        () => say(rule, 'straddles', { age: ageText(h, age), ...bound }),
        [{ field: 'birthDate', why: () => say(rule, 'straddlesMissing', { birthDate, ...bound }) }],
      );
}

/** No therapy record: whether any of the rule's drugs was taken cannot be said. */
function noTherapyRecord(rule: RuleOf<'prior-drug' | 'current-drug' | 'requires-prior-drug' | 'recent-therapy'>, drugs: string): Outcome {
  return unknown(() => say(rule, 'noTherapies', { drugs }), [{ field: 'therapies', why: () => say(rule, 'noTherapiesMissing', { drugs }) }]);
}

function combine(parts: Outcome[]): Outcome {
  const fired = parts.filter((p): p is Extract<Outcome, { status: 'fires' }> => p.status === 'fires');
  if (fired.length > 0) return fires(() => fired.map((p) => text(p.message)).join(' '));
  const unknowns = parts.filter((p): p is Extract<Outcome, { status: 'unknown' }> => p.status === 'unknown');
  if (unknowns.length > 0)
    return unknown(
      () => unknowns.map((p) => text(p.message)).join(' '),
      unknowns.flatMap((p) => p.missing),
    );
  return CLEAR;
}

function ageText(h: History, r: [number, number] | undefined): string {
  if (!r) return 'age unknown';
  return r[0] === r[1] ? `age ${r[0]} (born ${h.birthDate})` : `age ${r[0]} or ${r[1]} (born ${h.birthDate})`;
}

/** A lab value with its unit as a clinician writes it: "45%", "1.2 x 10^9/L". */
export function withUnit(value: string | number, unit: string): string {
  return unit === '%' ? `${value}%` : `${value} ${unit}`;
}

const condition: Evaluator<'condition'> = (rule, { history: h, reads }) => {
  let hits = matchingConditions(h, rule.conditions, rule.countResolved);
  if (rule.resolvedOnly) hits = hits.filter((c) => c.status !== 'active');
  const lab = rule.positiveLab ? reads.latestLab(rule.positiveLab) : undefined;
  const positive = lab !== undefined && lab.value === 'positive';
  if (hits.length === 0 && !positive) return CLEAR;
  return fires(() => {
    const parts: string[] = hits.map((c) => `${c.code} (${c.status}${c.onset ? `, since ${c.onset}` : ''})`);
    if (positive) parts.push(`a positive ${lab.test} on ${lab.date}`);
    const byCondition = rule.conditionWhy;
    if (!byCondition) return say(rule, 'fires', { findings: parts.join(', ') });
    // Each recorded condition with its own basis (a pressure ulcer is not a catheter).
    const whys = [...new Set(hits.map((c) => byCondition[c.code] ?? rule.why))].filter(Boolean).join(' ');
    return fill(rule.messages.fires, { findings: parts.join(', ') }, { ...(rule as unknown as TemplateValues), why: whys });
  });
};

const progressiveCourse: Evaluator<'progressive-course'> = (rule, { history: h, course, label }) => {
  const recorded = h.course?.phenotype;
  const obj = course.objectiveSpms;
  // The US label admits active SPMS; the note says the evidence does not follow it there.
  const usNote = () => (label === 'us' ? ` ${say(rule, 'usNote')}` : '');
  if (recorded === 'SPMS' || recorded === 'PPMS') {
    return fires(() =>
      say(rule, 'recorded', {
        phenotype: recorded,
        since: h.course?.since ? ` since ${h.course.since}` : '',
        usNote: recorded === 'SPMS' ? usNote() : '',
      }),
    );
  }
  if (obj.status === 'met') {
    return fires(() =>
      say(rule, 'objective', {
        date: obj.date,
        edss: obj.edss !== undefined ? edssText(obj.edss) : undefined,
        recorded,
        detail: obj.detail,
        usNote: usNote(),
      }),
    );
  }
  if (!recorded) {
    return unknown(
      () => say(rule, 'unknown', { objective: course.phenotype.objective, detail: obj.detail }),
      [{ field: 'course', why: () => say(rule, 'unknownMissing', { objective: course.phenotype.objective }) }],
    );
  }
  return CLEAR;
};

const onsetDurationAbove: Evaluator<'onset-duration-above'> = (rule, { history: h, asOf, reads }) => {
  const years = rule.maxYears;
  const onset = reads.onsetInterval();
  if (!onset) {
    return unknown(() => say(rule, 'noOnset', { years }), [{ field: 'msOnset', why: () => say(rule, 'noOnsetMissing', { years }) }]);
  }
  const t = moreThanYearsSince(onset, asOf, years);
  const when = () => (h.msOnset === undefined ? `onset not recorded, diagnosis ${h.msDiagnosis}` : `symptom onset ${h.msOnset}`);
  if (t === 'met') {
    return fires(() =>
      say(rule, 'fires', {
        when: when(),
        years,
        asOf: dateText(asOf),
        reachedBy: onset.hi !== NEG_INF ? anniversary(onset.hi, years) : undefined,
      }),
    );
  }
  if (t === 'unknown') {
    const span = () => (onset.lo === NEG_INF ? `before ${dateText(onset.hi)}` : `between ${anniversary(onset.lo, years)} and ${anniversary(onset.hi, years)}`);
    return unknown(
      () => say(rule, 'uncertain', { when: when(), onset: describeInterval(onset), years, span: span() }),
      [{ field: 'msOnset', why: () => say(rule, 'uncertainMissing', { recordedOnset: h.msOnset, years }) }],
    );
  }
  return CLEAR;
};

const edssAbove: Evaluator<'edss-above'> = (rule, { course }) => {
  const max = edssText(rule.maxEdss);
  const e = course.disabilityEdss;
  if (!e?.recent) {
    return unknown(
      () => say(rule, 'uncertain', { max }),
      [
        {
          field: 'edss',
          why: e ? () => say(rule, 'staleMissing', { score: edssText(e.score), date: e.date }) : () => say(rule, 'noneMissing'),
        },
      ],
    );
  }
  if (e.score > rule.maxEdss) return fires(() => say(rule, 'fires', { score: edssText(e.score), date: e.date, max }));
  return CLEAR;
};

const allOf: Evaluator<'all-of'> = (rule, { outcomes }) => {
  const parts: Outcome[] = [];
  for (const c of rule.allOf) parts.push(outcomes.get(c) ?? CLEAR);
  if (parts.some((p) => p.status === 'clear')) return CLEAR;
  const messages = () => parts.map((p) => (p.status === 'clear' ? '' : text(p.message))).join(' ');
  if (parts.every((p) => p.status === 'fires')) return fires(() => say(rule, 'fires', { parts: messages() }));
  return unknown(
    () => say(rule, 'possibly', { parts: messages() }),
    parts.flatMap((p) => (p.status === 'unknown' ? p.missing : [])),
  );
};

const inactiveDisease: Evaluator<'inactive-disease'> = (rule, { history: h, course, asOf }) => {
  const a = course.activity;
  const months = rule.windowMonths;
  if (a.status === 'met') return CLEAR;
  if (a.status === 'unmet') return fires(() => say(rule, 'fires', { months, detail: a.detail }));
  return unknown(() => say(rule, 'uncertain', { months, detail: a.detail }), activityGaps(h, asOf, months));
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

const licence: Evaluator<'licence'> = (rule, ctx) => {
  const { history: h, course, label } = ctx;
  const parts: Outcome[] = [];
  const adult = adultPart(rule, h, ctx.reads.ageRange(), rule.byLabel[label]?.minAge);
  if (adult) parts.push(adult);
  const phenotype = h.course?.phenotype;
  if (phenotype !== undefined && rule.excludedPhenotypes.includes(phenotype)) parts.push(fires(() => say(rule, 'excludedPhenotype', { phenotype })));
  else {
    const allowed = rule.byLabel[label]?.allowedPhenotypes;
    if (phenotype !== undefined && allowed && !allowed.includes(phenotype)) {
      parts.push(fires(() => say(rule, 'phenotypeOutside', { phenotype, label: label.toUpperCase(), allowed: allowed.join(' or ') })));
    }
  }
  if (label === 'eu' && rule.byLabel.eu) {
    const ha = course.highlyActiveDespiteTreatment;
    const res = course.rapidlyEvolvingSevere;
    if (ha.status === 'unmet' && res.status === 'unmet') {
      parts.push(fires(() => say(rule, 'euUnmet', { highlyActive: ha.detail, res: res.detail })));
    } else if (ha.status !== 'met' && res.status !== 'met') {
      parts.push(
        unknown(
          () => say(rule, 'euUncertain', { highlyActiveStatus: ha.status, highlyActive: ha.detail, resStatus: res.status, res: res.detail }),
          [
            ...(h.therapies === undefined ? [{ field: 'therapies', why: () => say(rule, 'euTherapiesMissing') }] : []),
            ...(h.relapses === undefined ? [{ field: 'relapses', why: () => say(rule, 'euRelapsesMissing') }] : []),
            ...(h.mri === undefined ? [{ field: 'mri', why: () => say(rule, 'euMriMissing') }] : []),
          ],
        ),
      );
    }
  } else if (label === 'us' && rule.byLabel.us) {
    parts.push(usFailedTherapies(rule, rule.byLabel.us, ctx));
  }
  return combine(parts);
};

/**
 * US label: generally reserved for an inadequate response to `min` or more MS drugs. Operational rule:
 * a drug counts when it was stopped for inefficacy, or is ongoing while the disease is highly active
 * despite it; a drug stopped without a reason might count, so it leaves the count uncertain.
 */
function usFailedTherapies(
  rule: RuleOf<'licence'>,
  { min: need, notCounting }: NonNullable<RuleOf<'licence'>['byLabel']['us']>,
  { history: h, course }: RuleContext,
): Outcome {
  if (h.therapies === undefined) {
    return unknown(() => say(rule, 'usNoTherapies', { min: need }), [{ field: 'therapies', why: () => say(rule, 'usNoTherapiesMissing', { min: need }) }]);
  }
  const definite = new Set<string>();
  const possible = new Set<string>();
  h.therapies.forEach((t) => {
    if (notCounting.includes(t.drug)) return;
    if (t.stopReason === 'inefficacy') definite.add(t.drug);
    else if (t.end === undefined && course.highlyActiveDespiteTreatment.status === 'met') definite.add(t.drug);
    else if ((t.end !== undefined && t.stopReason === undefined) || (t.end === undefined && course.highlyActiveDespiteTreatment.status === 'unknown'))
      possible.add(t.drug);
  });
  for (const d of definite) possible.delete(d);
  const drugs = definite.size > 0 ? [...definite].join(', ') : undefined;
  if (definite.size >= need) return CLEAR;
  if (definite.size + possible.size < need) return fires(() => say(rule, 'usUnmet', { min: need, count: definite.size, drugs }));
  const possibleText = () => [...possible].join(', ');
  return unknown(
    () => say(rule, 'usUncertain', { count: definite.size, drugs, possible: possibleText() }),
    [{ field: 'therapies[].stopReason', why: () => say(rule, 'usUncertainMissing', { possible: possibleText() }) }],
  );
}

const ageAboveRule: Evaluator<'age-above'> = (rule, { history: h, reads }) => {
  const max = rule.maxAge;
  const age = reads.ageRange();
  const t = ageAbove(age, max);
  if (t === 'met') return fires(() => say(rule, 'fires', { age: ageText(h, age), max }));
  if (t === 'unknown') return ageUnknown(rule, h, age, { max });
  return CLEAR;
};

const pregnancy: Evaluator<'pregnancy'> = (rule, { history: h }) => {
  const p = h.pregnancy;
  if (!p) return CLEAR;
  if (p.pregnant || p.breastfeeding) return fires(() => say(rule, 'fires', { state: p.pregnant ? 'Pregnant' : 'Breastfeeding' }));
  const planningCounts = !rule.planningSexes || rule.planningSexes.includes(h.sex ?? 'unknown');
  if (planningCounts && p.planningWithinMonths !== undefined && p.planningWithinMonths <= rule.planningWithinMonths) {
    // The record's planning field holds for any sex: a man plans to father a child, not a pregnancy.
    return fires(() => say(rule, h.sex === 'male' ? 'planningFather' : 'planning', { months: p.planningWithinMonths }), rule.planningEffect);
  }
  return CLEAR;
};

const activeDisease: Evaluator<'active-disease'> = (rule, { course }) =>
  course.activity.status === 'met' ? fires(() => say(rule, 'fires', { detail: course.activity.detail })) : CLEAR;

const highlyActive: Evaluator<'highly-active'> = (rule, { course, history: h }) => {
  // The indication it states covers only these courses (the EU licence: relapsing-remitting MS).
  if (rule.phenotypes && !(h.course?.phenotype !== undefined && rule.phenotypes.includes(h.course.phenotype))) return CLEAR;
  const ha = course.highlyActiveDespiteTreatment;
  const res = course.rapidlyEvolvingSevere;
  if (ha.status !== 'met' && res.status !== 'met') return CLEAR;
  return fires(() => {
    const parts = [
      ha.status === 'met' ? `highly active despite treatment (${ha.detail})` : '',
      res.status === 'met' ? `rapidly evolving severe (${res.detail})` : '',
    ].filter(Boolean);
    return say(rule, 'fires', { parts: parts.join('; ') });
  });
};

const insideTrial: Evaluator<'inside-trial'> = (rule, { evidence }) => {
  const inside = rule.trials.map((t) => evidence.get(t)).filter((e): e is LazyEvidence => e?.fit === 'inside');
  return inside.length > 0
    ? fires(() => say(rule, 'fires', { studies: inside.map((e) => e.study).join(' and '), boxes: inside.length > 1 ? 'boxes' : 'box' }))
    : CLEAR;
};

function unmetCriteria(e: LazyEvidence): string {
  return e.criteria
    .filter((c) => c.status === 'unmet')
    .map(criterionText)
    .join('; ');
}

const outsideAllTrials: Evaluator<'outside-all-trials'> = (rule, { evidence }) => {
  const entries = rule.trials.map((t) => evidence.get(t)).filter((e): e is LazyEvidence => e !== undefined);
  if (entries.some((e) => e.fit === 'inside')) return CLEAR;
  if (entries.every((e) => e.fit === 'outside')) {
    return fires(() => say(rule, 'fires', { unmet: entries.map((e) => `${e.study} (${unmetCriteria(e)})`).join(' and ') }));
  }
  const uncertain = entries.filter((e) => e.fit === 'uncertain');
  // The unknown criteria are listed in the evidence base; the gap can only call for caution.
  return unknown(
    () =>
      say(rule, 'uncertain', {
        studies: uncertain.map((e) => e.study).join(' or '),
        criteria: uncertain
          .map((e) =>
            e.criteria
              .filter((c) => c.status === 'unknown')
              .map(criterionText)
              .join('; '),
          )
          .join('; '),
      }),
    [],
  );
};

const labBelow: Evaluator<'lab-below'> = (rule, { reads, asOf }) => {
  const lab = reads.latestLab(rule.test);
  // No result is an outstanding pre-treatment check (the label asks for it before every dose), not a verdict.
  if (!lab || typeof lab.value !== 'number') return CLEAR;
  const value = lab.value;
  if (value < rule.min)
    return fires(() =>
      say(rule, 'fires', {
        value: withUnit(readable(value, rule.min), rule.unit),
        date: dateWithAge(lab.date, asOf, validMonthsFor(rule.code, rule.test), rule.test),
        min: withUnit(rule.min, rule.unit),
      }),
    );
  return CLEAR;
};

/** A fall of `points` or more from the best earlier result to the latest one. */
/** The months a drug's own pre-treatment check allows for a test's result (its data, with its source). */
function validMonthsFor(code: string, test: LabId): number | undefined {
  const drug = code.split('.')[0] as AssessDrug;
  const checks = KNOWLEDGE.rules[drug]?.checks ?? [];
  const months = checks.flatMap((c) => (c.kind === 'labs-recent' && c.tests.includes(test) ? [c.validMonths] : []));
  return months.length > 0 ? Math.min(...months) : undefined;
}

const labDecline: Evaluator<'lab-decline'> = (rule, { history: h }) => {
  const results = labsOf(h, rule.test).filter((l) => typeof l.value === 'number');
  if (results.length < 2) return CLEAR;
  const latest = results[results.length - 1]!;
  let best = results[0]!;
  for (const l of results.slice(0, -1)) if ((l.value as number) > (best.value as number)) best = l;
  const fall = (best.value as number) - (latest.value as number);
  if (fall >= rule.points) {
    return fires(() =>
      say(rule, 'fires', {
        fall: readable(fall, rule.points),
        best: withUnit(readable(best.value as number), rule.unit),
        bestDate: best.date,
        latest: withUnit(readable(latest.value as number), rule.unit),
        latestDate: latest.date,
      }),
    );
  }
  return CLEAR;
};

const cumulativeDoseRule: Evaluator<'cumulative-dose'> = (rule, { history: h, label, reads }) => {
  const limit = rule.limits[label];
  const next = rule.nextDoseMgM2;
  const labelName = label.toUpperCase();
  if (h.therapies === undefined) {
    return unknown(
      () => say(rule, 'noTherapies', { label: labelName, limit }),
      [{ field: 'therapies', why: () => say(rule, 'noTherapiesMissing', { label: labelName, limit }) }],
    );
  }
  const cum = reads.cumulativeDose(rule.drug);
  if (cum.status === 'unknown') return unknown(() => say(rule, 'unknown', { detail: cum.detail }), cum.missing);
  const after = cum.mgM2 + next;
  if (after > limit) return fires(() => say(rule, 'fires', { detail: cum.detail, next, after: round1(after), label: labelName, limit }));
  return CLEAR;
};

const priorDrug: Evaluator<'prior-drug'> = (rule, { history: h }) => {
  const drugs = rule.drugs.join(', ');
  if (h.therapies === undefined) return noTherapyRecord(rule, drugs);
  const hits = h.therapies.filter((t) => rule.drugs.includes(t.drug));
  if (hits.length === 0) return CLEAR;
  return fires(() => say(rule, 'fires', { therapies: hits.map((t) => `${t.drug} from ${t.start}`).join(', ') }));
};

/** Worsening: an EDSS rise of `points` within `months`, or a confirmed worsening event of the course engine in that time. */
function worsening(ctx: RuleContext, w: { months: number; points: number }): { status: Tri; detail: Text } {
  const rise = ctx.reads.edssWorsening(w.months, w.points);
  if (rise.status === 'met') return rise;
  const since = windowStart(ctx.asOf, w.months);
  // Worsening between relapses: the course engine's confirmed events counted on disability scores only
  // (its report's events may rest on a score taken during a relapse, relapseToEvent 0 as msprog).
  const event = ctx.course.disabilityProgression().events.find((e) => day(e.eventDate) >= since);
  if (event)
    return {
      status: 'met',
      detail: () =>
        `${event.type}: EDSS ${edssText(event.baselineScore)} to ${edssText(event.eventScore)} on ${event.eventDate}, confirmed ${event.confirmationDate}`,
    };
  return rise;
}

const activeOrWorseningIndication: Evaluator<'active-or-worsening-indication'> = (rule, ctx) => {
  const { history: h, course } = ctx;
  const recorded = h.course?.phenotype;
  const excluded = recorded === undefined ? undefined : rule.excludedPhenotypes[recorded];
  if (excluded !== undefined) return fires(() => fill(excluded, NO_VALUES, rule as unknown as TemplateValues));
  const a = course.activity;
  const w = worsening(ctx, rule.worsening);
  const parts: Outcome[] = [];
  if (!recorded && course.objectiveSpms.status !== 'met') {
    parts.push(unknown(() => say(rule, 'noCourse', { objective: course.phenotype.objective }), [{ field: 'course', why: () => say(rule, 'noCourseMissing') }]));
  }
  if (recorded !== undefined && rule.worseningRequired.includes(recorded)) {
    // Worsening RRMS (US label): neurological status abnormal between relapses; activity alone is not it.
    if (w.status === 'met') return combine(parts);
    if (w.status === 'unmet') return fires(() => say(rule, 'notWorsening', { phenotype: recorded, activity: a.detail, worsening: text(w.detail) }));
    parts.push(
      unknown(
        () => say(rule, 'uncertain', { activityStatus: a.status, activity: a.detail, worseningStatus: w.status, worsening: text(w.detail) }),
        [{ field: 'edss', why: () => say(rule, 'worseningMissing', { months: rule.worsening.months, detail: text(w.detail) }) }],
      ),
    );
    return combine(parts);
  }
  if (a.status === 'met' || w.status === 'met') return combine(parts);
  if (a.status === 'unmet' && w.status === 'unmet') return fires(() => say(rule, 'neither', { activity: a.detail, worsening: text(w.detail) }));
  parts.push(
    unknown(
      () => say(rule, 'uncertain', { activityStatus: a.status, activity: a.detail, worseningStatus: w.status, worsening: text(w.detail) }),
      [
        ...(a.status === 'unknown' ? activityGaps(h, ctx.asOf, rule.activityWindowMonths) : []),
        ...(w.status === 'unknown'
          ? [{ field: 'edss', why: () => say(rule, 'worseningMissing', { months: rule.worsening.months, detail: text(w.detail) }) }]
          : []),
      ],
    ),
  );
  return combine(parts);
};

const activeOrWorsening: Evaluator<'active-or-worsening'> = (rule, ctx) => {
  const a = ctx.course.activity;
  const w = worsening(ctx, rule.worsening);
  if (a.status !== 'met' && w.status !== 'met') return CLEAR;
  return fires(() =>
    say(rule, 'fires', {
      parts: [a.status === 'met' ? `active (${a.detail})` : '', w.status === 'met' ? `worsening (${text(w.detail)})` : ''].filter(Boolean).join(' and '),
    }),
  );
};

/**
 * A label for relapsing forms: adults whose recorded course is relapsing, or is one that counts only
 * while active (relapses or MRI activity in the course engine's activity window).
 */
const relapsingIndication: Evaluator<'relapsing-indication'> = (rule, { history: h, course, reads }) => {
  const parts: Outcome[] = [];
  const adult = adultPart(rule, h, reads.ageRange());
  if (adult) parts.push(adult);
  const phenotype = h.course?.phenotype;
  if (phenotype === undefined) {
    parts.push(unknown(() => say(rule, 'noCourse', { objective: course.phenotype.objective }), [{ field: 'course', why: () => say(rule, 'noCourseMissing') }]));
  } else if (rule.activeOnlyPhenotypes.includes(phenotype)) {
    const a = course.activity;
    if (a.status === 'unmet') parts.push(fires(() => say(rule, 'inactive', { phenotype, detail: a.detail })));
    else if (a.status === 'unknown') parts.push(unknown(() => say(rule, 'activityUnknown', { phenotype, detail: a.detail }), activityGaps(h, reads.asOf, 12)));
  } else if (!rule.relapsingPhenotypes.includes(phenotype)) {
    parts.push(fires(() => say(rule, 'notRelapsing', { phenotype })));
  }
  return combine(parts);
};

const currentDrug: Evaluator<'current-drug'> = (rule, { history: h, asOf }) => {
  const drugs = rule.drugs.join(', ');
  if (h.therapies === undefined) return noTherapyRecord(rule, drugs);
  const now = h.therapies.filter((t) => rule.drugs.includes(t.drug) && day(t.start) <= asOf && (t.end === undefined || day(t.end) >= asOf));
  if (now.length === 0) return CLEAR;
  return fires(() => say(rule, 'fires', { therapies: now.map((t) => `${t.drug} since ${t.start}${t.end ? ` (until ${t.end})` : ''}`).join(', ') }));
};

/** The estimate specs by id, from every drug's risk file. */
const ESTIMATES = new Map<string, RiskEstimateSpec>();
for (const r of Object.values(KNOWLEDGE.risks)) for (const e of r.estimates) ESTIMATES.set(e.id, e);

const riskEstimate: Evaluator<'risk-estimate'> = (rule, { history: h, asOf }) => {
  const spec = ESTIMATES.get(rule.estimate)!;
  // The label's higher-risk group alone decides the outcome; the table's figures are read for the
  // message only (a cohort screening never reads it).
  const group = higherRiskGroup(spec, h, asOf);
  if (group.higherRisk === 'no') return CLEAR;
  const values = () => {
    const e = estimateRisk(spec, h, asOf);
    return {
      now: round1(e.perThousand.now),
      in12Months: round1(e.perThousand.in12Months),
      stratum: spec.strata.find((s) => s.id === e.band.now.stratum)!.text,
      months: e.inputs.monthsOnDrug,
      table: e.table.title,
      detail: e.detail,
    };
  };
  if (group.higherRisk === 'yes') return fires(() => say(rule, 'fires', values()));
  return unknown(
    () => say(rule, 'uncertain', values()),
    group.missing.map((m) => ({ field: m.field, why: m.why })),
  );
};

const labAbove: Evaluator<'lab-above'> = (rule, { reads }) => {
  const lab = reads.latestLab(rule.test);
  // No result is an outstanding pre-treatment check, not a verdict (as lab-below).
  if (!lab || typeof lab.value !== 'number') return CLEAR;
  const value = lab.value;
  const max = rule.uln * rule.timesUln;
  if (value > max) {
    return fires(() =>
      say(rule, 'fires', {
        value: withUnit(value, rule.unit),
        date: lab.date,
        max: withUnit(max, rule.unit),
        uln: withUnit(rule.uln, rule.unit),
        timesUln: rule.timesUln,
      }),
    );
  }
  return CLEAR;
};

const ageBelow: Evaluator<'age-below'> = (rule, { history: h, reads }) => {
  const min = rule.minAge;
  const age = reads.ageRange();
  const t = ageAtLeast(age, min);
  if (t === 'unmet') return fires(() => say(rule, 'fires', { age: ageText(h, age), min }));
  if (t === 'unknown') return ageUnknown(rule, h, age, { min });
  return CLEAR;
};

const requiresPriorDrug: Evaluator<'requires-prior-drug'> = (rule, { history: h, asOf }) => {
  const drugs = rule.drugs.join(', ');
  if (h.therapies === undefined) return noTherapyRecord(rule, drugs);
  if (h.therapies.some((t) => rule.drugs.includes(t.drug) && day(t.start) <= asOf)) return CLEAR;
  return fires(() => say(rule, 'fires', { drugs }));
};

const recentTherapy: Evaluator<'recent-therapy'> = (rule, { history: h, asOf }) => {
  const drugs = rule.drugs.join(', ');
  if (h.therapies === undefined) return noTherapyRecord(rule, drugs);
  // Ongoing, or ended within the washout: the window runs as the activity window does (windowStart).
  const since = rule.withinMonths === 0 ? asOf : windowStart(asOf, rule.withinMonths);
  const hits = h.therapies.filter((t) => rule.drugs.includes(t.drug) && (t.end === undefined || day(t.end) >= since));
  const span = (t: (typeof hits)[number]) =>
    `${t.drug} from ${t.start}${t.endUnknown ? ', stopped on a day not recorded' : t.end ? ` to ${t.end}` : ', ongoing'}`;
  if (hits.length > 0) return fires(() => say(rule, 'fires', { therapies: hits.map(span).join(', '), months: rule.withinMonths }));
  // Stopped on a day not recorded and started before the window: it may have ended within it or not.
  const open = h.therapies.map((t, i) => ({ t, i })).filter(({ t }) => rule.drugs.includes(t.drug) && t.endUnknown === true && day(t.start) < since);
  if (open.length === 0) return CLEAR;
  return unknown(
    () => say(rule, 'endUnknown', { therapies: open.map(({ t }) => span(t)).join(', '), months: rule.withinMonths }),
    open.map(({ t, i }) => ({
      field: `therapies[${i}].end`,
      why: () => say(rule, 'endUnknownMissing', { therapy: `${t.drug} from ${t.start}`, months: rule.withinMonths }),
    })),
  );
};

const proxyLabBelow: Evaluator<'proxy-lab-below'> = (rule, { reads, asOf }) => {
  const lab = reads.latestLab(rule.proxy);
  if (!lab || typeof lab.value !== 'number' || lab.value >= rule.min) return CLEAR;
  const values = {
    value: withUnit(readable(lab.value, rule.min), rule.unit),
    date: dateWithAge(lab.date, asOf, validMonthsFor(rule.code, rule.proxy), rule.proxy),
    min: withUnit(rule.min, rule.unit),
    proxy: rule.proxy,
  };
  if (rule.insteadOf === undefined) return fires(() => say(rule, 'fires', values));
  // The test the rule needs, as recent as the stand-in or more, decides through its own rule.
  const own = reads.latestLab(rule.insteadOf);
  if (own && typeof own.value === 'number' && own.date >= lab.date) return CLEAR;
  const test = rule.insteadOf;
  const testLatest = own ? `the latest ${test} is older (${own.date})` : `no ${test} is recorded`;
  return unknown(
    () => say(rule, 'unknown', { ...values, test, testLatest }),
    [{ field: `labs.${test}`, why: () => say(rule, 'unknownMissing', { ...values, test }) }],
  );
};

const bloodPressureAbove: Evaluator<'blood-pressure-above'> = (rule, { history: h, asOf }) => {
  const since = windowStart(asOf, rule.withinMonths);
  const byDate = bloodPressureReadings(h.labs ?? [], (date) => {
    const d = day(date);
    return d >= since && d <= asOf;
  });
  let worst: { date: string; r: BloodPressureReading; g: number } | undefined;
  for (const [date, r] of byDate) {
    const g = bloodPressureGrade(r.systolic, r.diastolic);
    if (g >= 0 && (!worst || g > worst.g || (g === worst.g && date > worst.date))) worst = { date, r, g };
  }
  if (!worst) return CLEAR;
  // Whole mmHg as read, unless that would cross the grade's bound (139.6 is not 140).
  const { grades, unit } = BLOOD_PRESSURE;
  const g1 = grades[0]!;
  const text = (r: BloodPressureReading) => {
    const sys = r.systolic !== undefined ? readable(r.systolic, g1.systolic) : undefined;
    const dia = r.diastolic !== undefined ? readable(r.diastolic, g1.diastolic) : undefined;
    if (sys !== undefined && dia !== undefined) return `${sys}/${dia} ${unit}`;
    return sys !== undefined ? `systolic ${withUnit(sys, unit)}` : `diastolic ${withUnit(dia!, unit)}`;
  };
  const dates = [...byDate.keys()].sort();
  const lastDate = dates[dates.length - 1]!;
  const grade = grades[worst.g]!;
  const found = worst;
  return fires(() =>
    say(rule, 'fires', {
      reading: text(found.r),
      date: found.date,
      grade: grade.name,
      threshold: `systolic ${grade.systolic} or diastolic ${grade.diastolic} ${unit}`,
      months: rule.withinMonths,
      latest:
        lastDate === found.date
          ? ''
          : ` (the latest reading, ${text(byDate.get(lastDate)!)} on ${lastDate}, does not show it controlled: one reading does not)`,
      count: dates.length,
    }),
  );
};

const courseCount: Evaluator<'course-count'> = (rule, { history: h }) => {
  const max = rule.maxCourses;
  if (h.therapies === undefined)
    return unknown(() => say(rule, 'noTherapies', { max }), [{ field: 'therapies', why: () => say(rule, 'noTherapiesMissing', { max }) }]);
  const given = h.therapies.filter((t) => t.drug === rule.drug);
  if (given.length === 0) return CLEAR;
  const undated = given.filter((t) => !t.doses || t.doses.length === 0);
  // A therapy entry without infusion dates is at least one course; enough such entries decide it anyway.
  const days = given
    .flatMap((t) => t.doses ?? [])
    .map((x) => day(x.date))
    .sort((a, b) => a - b);
  let courses = 0;
  for (let i = 0; i < days.length; i++) if (i === 0 || days[i]! - days[i - 1]! > rule.courseGapDays) courses++;
  const least = courses + undated.length;
  const list = () => given.map((t) => `${t.drug} from ${t.start}`).join(', ');
  if (least >= max) return fires(() => say(rule, 'fires', { count: least, max, courses: list() }));
  if (undated.length > 0) {
    const detail = () => `${undated.length} ${rule.drug} entr${undated.length === 1 ? 'y has' : 'ies have'} no infusion dates (${list()})`;
    return unknown(
      () => say(rule, 'unknown', { detail: detail() }),
      [{ field: 'therapies[].doses', why: () => say(rule, 'unknownMissing', { detail: detail() }) }],
    );
  }
  return CLEAR;
};

/**
 * The label's indication as populations (arms), any one of which suffices, each a list of criteria
 * judged as the trial boxes judge theirs. Outside every arm: fires; inside none for certain but
 * possibly inside one: unknown, with what to record.
 */
const indication: Evaluator<'indication'> = (rule, ctx) => {
  const { history: h, label } = ctx;
  const parts: Outcome[] = [];
  const adult = adultPart(rule, h, ctx.reads.ageRange());
  if (adult) parts.push(adult);
  const arms = rule.byLabel[label].map((arm) => ({ arm, judged: judgeCriteria(arm.criteria, ctx) }));
  const armStatus = (j: ReturnType<typeof judgeCriteria>): Tri =>
    j.some((c) => c.status === 'unmet') ? 'unmet' : j.some((c) => c.status === 'unknown') ? 'unknown' : 'met';
  const labelName = label.toUpperCase();
  const armsText = (shown: typeof arms) => () =>
    shown
      .map(
        ({ arm, judged }) =>
          `${arm.text} (${judged
            .filter((c) => c.status !== 'met')
            .map((c) => `${c.spec.text}: ${c.status === 'unmet' ? 'not met' : 'unknown'}, ${text(c.detail)}`)
            .join('; ')})`,
      )
      .join('; or ');
  if (arms.some(({ judged }) => armStatus(judged) === 'met')) return combine(parts);
  if (arms.every(({ judged }) => armStatus(judged) === 'unmet')) {
    parts.push(fires(() => say(rule, 'unmet', { label: labelName, arms: armsText(arms)() })));
    return combine(parts);
  }
  const open = arms.filter(({ judged }) => armStatus(judged) === 'unknown');
  const gaps: LazyMissing[] = [];
  for (const { judged } of open) {
    for (const c of judged) {
      if (c.status !== 'unknown') continue;
      gaps.push({
        field: CRITERION_FIELD[c.spec.kind],
        why: () => say(rule, 'uncertainMissing', { label: labelName, criterion: `${c.spec.text} (${text(c.detail)})` }),
      });
    }
  }
  parts.push(unknown(() => say(rule, 'uncertain', { label: labelName, arms: armsText(open)() }), gaps));
  return combine(parts);
};

/**
 * The start days of a drug's courses: its dose days (or, without doses, its therapy starts) up to asOf,
 * a gap of more than `gapDays` starting a new course.
 */
export function courseStarts(h: History, drug: string, gapDays: number, asOf: Day): Day[] {
  const days: Day[] = [];
  for (const t of h.therapies ?? []) {
    if (t.drug !== drug) continue;
    if (t.doses && t.doses.length > 0) for (const d of t.doses) days.push(day(d.date));
    else days.push(day(t.start));
  }
  days.sort((a, b) => a - b);
  const starts: Day[] = [];
  let last: Day | undefined;
  for (const d of days) {
    if (d > asOf) continue;
    if (last === undefined || d - last > gapDays) starts.push(d);
    last = d;
  }
  return starts;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
const ordinal = (n: number) => ORDINALS[n - 1] ?? `${n}th`;

/** Before each course, the lab at or above that course's floor on a result recent enough to count. */
const labFloorBeforeCourse: Evaluator<'lab-floor-before-course'> = (rule, { history: h, asOf, reads }) => {
  if (h.therapies === undefined) {
    return unknown(
      () => say(rule, 'noTherapies', { drug: rule.drug }),
      [{ field: 'therapies', why: () => say(rule, 'noTherapiesMissing', { drug: rule.drug }) }],
    );
  }
  const next = courseStarts(h, rule.drug, rule.courseGapDays, asOf).length + 1;
  const floor = rule.floors[Math.min(next, rule.floors.length) - 1]!;
  const min = withUnit(floor.min, rule.unit);
  const course = ordinal(next);
  const lab = reads.latestLab(rule.test);
  const since = windowStart(asOf, rule.validMonths);
  if (!lab || typeof lab.value !== 'number' || day(lab.date) < since) {
    const latest = lab ? `${withUnit(String(lab.value), rule.unit)} on ${lab.date}` : undefined;
    return unknown(
      () => say(rule, 'stale', { course, min, floor: floor.text, months: rule.validMonths, latest }),
      [{ field: `labs.${rule.test}`, why: () => say(rule, 'staleMissing', { course, min, months: rule.validMonths }) }],
    );
  }
  const value = lab.value;
  if (value < floor.min) return fires(() => say(rule, 'fires', { value: withUnit(value, rule.unit), date: lab.date, min, course, floor: floor.text }));
  return CLEAR;
};

/** A drug given in a fixed number of courses: fires once that many have been given. */
const coursesAtMost: Evaluator<'courses-at-most'> = (rule, { history: h, asOf }) => {
  if (h.therapies === undefined) {
    return unknown(
      () => say(rule, 'noTherapies', { drug: rule.drug }),
      [{ field: 'therapies', why: () => say(rule, 'noTherapiesMissing', { drug: rule.drug }) }],
    );
  }
  const starts = courseStarts(h, rule.drug, rule.courseGapDays, asOf);
  if (starts.length < rule.max) return CLEAR;
  return fires(() => say(rule, 'fires', { count: starts.length, max: rule.max, courses: starts.map((d) => dateText(d)).join(', ') }));
};

/** A diplotype in one spelling whatever the order of its alleles: "*3/*1" is "*1/*3". */
export function normaliseDiplotype(value: string): string {
  return value
    .trim()
    .split('/')
    .map((a) => a.trim())
    .sort()
    .join('/');
}

const genotype: Evaluator<'genotype'> = (rule, { reads }) => {
  const lab = reads.latestLab(rule.test);
  // A genotype does not change: the latest recorded result is the patient's genotype.
  if (!lab || typeof lab.value !== 'string' || !lab.value.includes('/')) {
    return unknown(
      () => say(rule, 'noResult', { test: rule.test }),
      [{ field: `labs.${rule.test}`, why: () => say(rule, 'noResultMissing', { test: rule.test }) }],
    );
  }
  const value = normaliseDiplotype(lab.value);
  const alleles = value.split('/');
  const hit = rule.diplotypes.some((d) => normaliseDiplotype(d) === value) || alleles.some((a) => rule.alleles.includes(a));
  return hit ? fires(() => say(rule, 'fires', { genotype: value, date: lab.date })) : CLEAR;
};

const conditionWithin: Evaluator<'condition-within'> = (rule, { history: h, asOf }) => {
  const months = rule.windowMonths;
  const since = windowStart(asOf, months);
  const recent: string[] = [];
  const uncertain: string[] = [];
  for (const c of matchingConditions(h, rule.conditions, true)) {
    const onset = c.onset === undefined ? undefined : parsePartialDate(c.onset);
    if (onset !== undefined && onset.lo >= since) recent.push(`${c.code} (${c.status}, since ${c.onset})`);
    else if (onset === undefined || onset.hi >= since) uncertain.push(`${c.code} (${c.status}${c.onset ? `, onset ${c.onset}` : ', no onset recorded'})`);
  }
  if (recent.length > 0) return fires(() => say(rule, 'fires', { findings: recent.join(', '), months }));
  if (uncertain.length > 0) {
    const findings = uncertain.join(', ');
    return unknown(
      () => say(rule, 'uncertain', { findings, months }),
      [{ field: 'conditions[].onset', why: () => say(rule, 'uncertainMissing', { findings, months }) }],
    );
  }
  return CLEAR;
};

const phenotypeIndication: Evaluator<'phenotype-indication'> = (rule, ctx) => {
  const { history: h, course, label, asOf } = ctx;
  const parts: Outcome[] = [];
  const adult = adultPart(rule, h, ctx.reads.ageRange());
  if (adult) parts.push(adult);
  // The recorded course, or SPMS where the EDSS record meets the objective definition (Lorscheider 2016).
  const phenotype = h.course?.phenotype ?? (course.objectiveSpms.status === 'met' ? 'SPMS' : undefined);
  const labelName = label.toUpperCase();
  const admitted = rule.byLabel[label];
  if (phenotype === undefined) {
    parts.push(unknown(() => say(rule, 'noCourse', { objective: course.phenotype.objective }), [{ field: 'course', why: () => say(rule, 'noCourseMissing') }]));
    return combine(parts);
  }
  const need = admitted[phenotype];
  const months = rule.activityWindowMonths;
  if (need === undefined) {
    parts.push(fires(() => say(rule, 'outside', { phenotype, label: labelName, admitted: Object.keys(admitted).join(', ') })));
  } else if (need === 'active') {
    const a = course.activity;
    if (a.status === 'unmet') parts.push(fires(() => say(rule, 'inactive', { phenotype, label: labelName, months, detail: a.detail })));
    else if (a.status === 'unknown') {
      parts.push(unknown(() => say(rule, 'activityUnknown', { phenotype, label: labelName, months, detail: a.detail }), activityGaps(h, asOf, months)));
    }
  } else if (need === 'highly-active-or-res') {
    const ha = course.highlyActiveDespiteTreatment;
    const res = course.rapidlyEvolvingSevere;
    if (ha.status === 'unmet' && res.status === 'unmet') {
      parts.push(fires(() => say(rule, 'notHighlyActive', { phenotype, label: labelName, highlyActive: ha.detail, res: res.detail })));
    } else if (ha.status !== 'met' && res.status !== 'met') {
      const why = () => say(rule, 'highlyActiveMissing');
      parts.push(
        unknown(
          () => say(rule, 'highlyActiveUnknown', { phenotype, label: labelName, highlyActive: ha.detail, res: res.detail }),
          [
            ...(h.therapies === undefined ? [{ field: 'therapies', why }] : []),
            ...(h.relapses === undefined ? [{ field: 'relapses', why }] : []),
            ...(h.mri === undefined ? [{ field: 'mri', why }] : []),
          ],
        ),
      );
    }
  }
  return combine(parts);
};

const EVALUATORS_BY_KIND: { [K in RuleKind]: Evaluator<K> } = {
  condition,
  'progressive-course': progressiveCourse,
  'onset-duration-above': onsetDurationAbove,
  'edss-above': edssAbove,
  'all-of': allOf,
  'inactive-disease': inactiveDisease,
  licence,
  'age-above': ageAboveRule,
  pregnancy,
  'active-disease': activeDisease,
  'highly-active': highlyActive,
  'inside-trial': insideTrial,
  'lab-below': labBelow,
  'cumulative-dose': cumulativeDoseRule,
  'prior-drug': priorDrug,
  'active-or-worsening-indication': activeOrWorseningIndication,
  'active-or-worsening': activeOrWorsening,
  'outside-all-trials': outsideAllTrials,
  'lab-decline': labDecline,
  indication,
  'lab-floor-before-course': labFloorBeforeCourse,
  'courses-at-most': coursesAtMost,
  genotype,
  'condition-within': conditionWithin,
  'phenotype-indication': phenotypeIndication,
  'relapsing-indication': relapsingIndication,
  'current-drug': currentDrug,
  'risk-estimate': riskEstimate,
  'lab-above': labAbove,
  'age-below': ageBelow,
  'requires-prior-drug': requiresPriorDrug,
  'recent-therapy': recentTherapy,
  'course-count': courseCount,
  'proxy-lab-below': proxyLabBelow,
  'blood-pressure-above': bloodPressureAbove,
};

/** The evaluator of a rule's kind. */
export function evaluatorOf(rule: Rule): (rule: Rule, ctx: RuleContext) => Outcome {
  const evaluate = EVALUATORS_BY_KIND[rule.kind] as (rule: Rule, ctx: RuleContext) => Outcome;
  const drugs = rule.notWhileTaking;
  if (!drugs) return evaluate;
  return (r, ctx) => (takingNow(ctx, drugs) ? CLEAR : evaluate(r, ctx));
}

/** A therapy of one of `drugs` started on or before the assessment date and not ended before it. */
function takingNow({ history: h, asOf }: RuleContext, drugs: readonly string[]): boolean {
  return (h.therapies ?? []).some((t) => drugs.includes(t.drug) && day(t.start) <= asOf && (t.end === undefined || day(t.end) >= asOf));
}
