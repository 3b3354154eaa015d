import { addMonths, type Day } from '../history/dates.js';
import { dateText } from '../course/facts.js';
import type { History } from '../history/schema.js';
import type { Tri } from '../course/types.js';
import type { DecisionCourse } from '../course/index.js';
import { DEFINITIONS } from '../course/definitions.js';
import type { CriterionSpec, Trial } from './knowledge.js';
import type { EvidenceEntry } from './schema.js';
import { text, type Text } from './lazy-text.js';
import { AssessmentReads, day, describeInterval, edssText, moreThanMonthsSince, therapiesOf, therapyEnd, windowStart } from './facts.js';

// Where the patient sits against each trial's eligibility box, criterion by criterion. A criterion the
// record cannot decide is `unknown`; the box is `inside` only when every criterion is met.

export interface EvidenceContext {
  history: History;
  asOf: Day;
  course: DecisionCourse;
  /**
   * Criteria judged so far in this assessment, by what they ask: the alemtuzumab trials share several
   * (relapsing-remitting course, 2 relapses in 2 years...), and each is judged once.
   */
  judged?: (Judged | undefined)[];
  /** The history's reads shared with the rules of the same assessment (made for this call when absent). */
  reads?: AssessmentReads;
  /**
   * Only the fit is wanted (a decision that shows no box): judging stops at the first unmet
   * criterion, since the patient is then outside whatever the others say.
   */
  fitOnly?: boolean;
}

type JudgeContext = EvidenceContext & { reads: AssessmentReads };

interface Judged {
  status: Tri;
  detail: Text;
}

/** A trial box with its criteria's texts built when read (`resolveEvidence`); rules read only the fit. */
export interface LazyEvidence {
  study: string;
  fit: EvidenceEntry['fit'];
  criteria: { id: string; status: Tri; text: string; detail: Text }[];
  trial: string;
  sources: EvidenceEntry['sources'];
}

export function criterionText(c: LazyEvidence['criteria'][number]): string {
  return `${c.text}: ${text(c.detail)}`;
}

export function resolveEvidence(e: LazyEvidence): EvidenceEntry {
  const criteria: EvidenceEntry['criteria'] = [];
  for (const c of e.criteria) criteria.push({ id: c.id, status: c.status, detail: criterionText(c) });
  return { study: e.study, fit: e.fit, criteria, trial: e.trial, sources: e.sources };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function judge(c: CriterionSpec, ctx: JudgeContext): Judged {
  const { history: h, asOf, course } = ctx;
  switch (c.kind) {
    case 'age-range': {
      const r = ctx.reads.ageRange();
      if (!r) return { status: 'unknown', detail: 'no birth date recorded' };
      const [lo, hi] = r;
      const age = () => (lo === hi ? `age ${lo}` : `age ${lo} to ${hi} (partial birth date)`);
      const min = c.min;
      // No upper limit in the data: the trial set none.
      const max = c.max ?? Number.POSITIVE_INFINITY;
      if (lo >= min && hi <= max) return { status: 'met', detail: age };
      if (hi < min || lo > max) return { status: 'unmet', detail: () => `${age()}; the trial took ${c.text.replace(/^age /, '')}` };
      return { status: 'unknown', detail: () => `${age()} straddles the limit` };
    }
    case 'phenotype': {
      const recorded = h.course?.phenotype ?? course.phenotype.recorded;
      // PPMS progresses from onset, so the objective SPMS definition (a transition from relapsing MS)
      // says nothing against a recorded PPMS course.
      const objectiveSpms = course.objectiveSpms.status === 'met' && recorded !== 'PPMS';
      const allowed = c.allowed;
      if (objectiveSpms && !allowed.includes('SPMS')) {
        return {
          status: 'unmet',
          detail: () =>
            `objective SPMS (Lorscheider 2016)${course.objectiveSpms.date ? ` met on ${course.objectiveSpms.date}` : ''}${recorded ? `; recorded ${recorded}` : ''}`,
        };
      }
      if (!recorded) return { status: 'unknown', detail: () => `no course recorded (objective classification: ${course.phenotype.objective})` };
      return allowed.includes(recorded)
        ? { status: 'met', detail: () => `recorded ${recorded}` }
        : { status: 'unmet', detail: () => `recorded ${recorded}; the trial took ${allowed.join(' or ')}` };
    }
    case 'onset-within': {
      const onset = ctx.reads.onsetInterval();
      if (!onset) return { status: 'unknown', detail: 'neither symptom onset nor diagnosis recorded' };
      const months = c.months;
      const beyond = moreThanMonthsSince(onset, asOf, months);
      const span = () => (months % 12 === 0 ? plural(months / 12, 'year') : plural(months, 'month'));
      const when = () => `onset ${describeInterval(onset)}`;
      if (beyond === 'met') return { status: 'unmet', detail: () => `${when()}: more than ${span()} before ${dateText(asOf)}` };
      if (beyond === 'unmet') return { status: 'met', detail: () => `${when()}: within ${span()}` };
      return { status: 'unknown', detail: () => `${when()}: the uncertain onset straddles ${span()}` };
    }
    case 'edss-range': {
      const e = course.disabilityEdss;
      if (!e) return { status: 'unknown', detail: 'no EDSS recorded' };
      if (!e.recent)
        return {
          status: 'unknown',
          detail: () => `latest EDSS ${edssText(e.score)} on ${e.date} is more than ${DEFINITIONS.recentEdssMonths.value} months old`,
        };
      const ok = e.score >= c.min && e.score <= c.max;
      return {
        status: ok ? 'met' : 'unmet',
        detail: () => `EDSS ${edssText(e.score)} on ${e.date}${ok ? '' : `; the trial took ${edssText(c.min)} to ${edssText(c.max)}`}`,
      };
    }
    case 'relapses-in-window': {
      if (h.relapses === undefined) return { status: 'unknown', detail: 'no relapse record' };
      const start = windowStart(asOf, c.months);
      let rs = ctx.reads.relapsesBetween(start, asOf);
      // Sequelae: a relapse that did not recover completely left lasting deficit.
      if (c.withSequelae) rs = rs.filter((r) => r.recovery !== 'complete');
      const n = rs.length;
      const what = c.withSequelae ? 'relapse(s) with sequelae' : 'relapse(s)';
      return {
        status: n >= c.count ? 'met' : 'unmet',
        detail: () => `${n} ${what} since ${dateText(start)}${n > 0 ? ` (${rs.map((r) => r.onset).join(', ')})` : ''}`,
      };
    }
    case 'gd-lesion': {
      if (h.mri === undefined) return { status: 'unknown', detail: 'no MRI record' };
      const start = windowStart(asOf, c.months);
      const scans = h.mri.filter((m) => day(m.date) >= start);
      const hit = scans.find((m) => m.gadoliniumEnhancingLesions > 0);
      if (hit) return { status: 'met', detail: () => `${hit.gadoliniumEnhancingLesions} Gd+ lesion(s) on ${hit.date} (${hit.region})` };
      if (scans.length === 0) return { status: 'unknown', detail: () => `no MRI since ${dateText(start)}` };
      return { status: 'unmet', detail: () => `no Gd+ lesion on ${plural(scans.length, 'scan')} since ${dateText(start)}` };
    }
    case 'mri-lesions': {
      if (h.mri === undefined) return { status: 'unknown', detail: 'no MRI record' };
      const withLesions = h.mri.find((m) => m.region === 'brain' && (m.gadoliniumEnhancingLesions > 0 || m.newOrEnlargingT2Lesions > 0));
      if (withLesions) return { status: 'met', detail: () => `brain MRI ${withLesions.date} shows lesions` };
      // The format records new and enhancing lesions, not the total lesion load: a quiet scan cannot tell.
      return { status: 'unknown', detail: 'the MRI record holds no lesion counts showing MS lesions; confirm the cranial MRI is consistent with MS' };
    }
    case 'no-prior-dmt': {
      if (h.therapies === undefined) return { status: 'unknown', detail: 'no therapy record' };
      const prior = h.therapies.filter((t) => day(t.start) <= asOf);
      return prior.length === 0
        ? { status: 'met', detail: 'no previous disease-modifying therapy' }
        : { status: 'unmet', detail: () => `previous therapy: ${uniqueDrugs(prior).join(', ')}` };
    }
    case 'prior-therapy': {
      if (h.therapies === undefined) return { status: 'unknown', detail: 'no therapy record' };
      const prior = therapiesOf(h, c.drugs);
      return prior.length > 0
        ? { status: 'met', detail: () => `previous ${uniqueDrugs(prior).join(', ')}` }
        : { status: 'unmet', detail: () => `none of ${c.drugs.join(', ')} recorded` };
    }
    case 'no-prior-drugs': {
      if (h.therapies === undefined) return { status: 'unknown', detail: 'no therapy record' };
      const since = c.withinMonths === undefined ? Number.NEGATIVE_INFINITY : windowStart(asOf, c.withinMonths);
      const hits = therapiesOf(h, c.drugs).filter((t) => therapyEnd(t, asOf) >= since);
      if (hits.length > 0) return { status: 'unmet', detail: () => `${hits.map((t) => `${t.drug} from ${t.start}`).join(', ')}` };
      // Stopped on a day not recorded, started before the window: whether it ended within it is unknown.
      const open = c.withinMonths === undefined ? [] : therapiesOf(h, c.drugs).filter((t) => t.endUnknown === true);
      if (open.length > 0)
        return {
          status: 'unknown',
          detail: () =>
            `${open.map((t) => `${t.drug} from ${t.start}, stopped on a day not recorded`).join(', ')}: whether within the past ${c.withinMonths} months is unknown`,
        };
      return { status: 'met', detail: () => `none of ${c.drugs.join(', ')}${c.withinMonths ? ` in the past ${c.withinMonths} months` : ''}` };
    }
    case 'relapse-on-therapy': {
      if (h.therapies === undefined) return { status: 'unknown', detail: 'no therapy record' };
      if (h.relapses === undefined) return { status: 'unknown', detail: 'no relapse record' };
      const minMonths = c.minMonths;
      for (const t of therapiesOf(h, c.drugs)) {
        const from = addMonths(day(t.start), minMonths);
        const to = therapyEnd(t, asOf);
        const r = h.relapses.find((x) => day(x.onset) >= from && day(x.onset) <= to);
        if (r) return { status: 'met', detail: () => `relapse on ${r.onset} after ${minMonths}+ months of ${t.drug} (from ${t.start})` };
      }
      return { status: 'unmet', detail: () => `no relapse recorded after ${minMonths} months of ${c.drugs.join(' or ')}` };
    }
    case 'edss-worsening':
      return ctx.reads.edssWorsening(c.months, c.points);
    case 'any-of': {
      const subs = c.anyOf.map((s) => ({ s, j: judge(s, ctx) }));
      const detail = () => subs.map(({ s, j }) => `${s.text}: ${j.status} (${text(j.detail)})`).join('; ');
      if (subs.some(({ j }) => j.status === 'met')) return { status: 'met', detail };
      if (subs.some(({ j }) => j.status === 'unknown')) return { status: 'unknown', detail };
      return { status: 'unmet', detail };
    }
    case 'all-of': {
      const subs = c.allOf.map((s) => ({ s, j: judge(s, ctx) }));
      const detail = () => subs.map(({ s, j }) => `${s.text}: ${j.status} (${text(j.detail)})`).join('; ');
      if (subs.some(({ j }) => j.status === 'unmet')) return { status: 'unmet', detail };
      if (subs.some(({ j }) => j.status === 'unknown')) return { status: 'unknown', detail };
      return { status: 'met', detail };
    }
    case 'active-disease':
      return { status: course.activity.status, detail: course.activity.detail };
    case 'highly-active':
      return { status: course.highlyActiveDespiteTreatment.status, detail: course.highlyActiveDespiteTreatment.detail };
    case 'mri-activity': {
      if (h.mri === undefined) return { status: 'unknown', detail: 'no MRI record' };
      const start = windowStart(asOf, c.months);
      const scans = h.mri.filter((m) => day(m.date) >= start);
      const hit = scans.find((m) => m.gadoliniumEnhancingLesions > 0 || m.newOrEnlargingT2Lesions > 0);
      if (hit) {
        return {
          status: 'met',
          detail: () => `${hit.gadoliniumEnhancingLesions} Gd+ and ${hit.newOrEnlargingT2Lesions} new or enlarging T2 lesion(s) on ${hit.date} (${hit.region})`,
        };
      }
      if (scans.length === 0) return { status: 'unknown', detail: () => `no MRI since ${dateText(start)}` };
      return { status: 'unmet', detail: () => `no Gd+ or new T2 lesion on ${plural(scans.length, 'scan')} since ${dateText(start)}` };
    }
    case 'therapy-failed':
      return therapyFailed(c, ctx);
  }
}

/**
 * Drugs that failed: stopped for one of the reasons, or (inefficacy) still taken while the disease is
 * active; a drug ended without a recorded reason might count, so it leaves the count uncertain.
 */
function therapyFailed(c: Extract<CriterionSpec, { kind: 'therapy-failed' }>, { history: h, course }: JudgeContext): Judged {
  if (h.therapies === undefined) return { status: 'unknown', detail: 'no therapy record' };
  const definite: string[] = [];
  const possible: string[] = [];
  for (const t of h.therapies) {
    if (c.notCounting.includes(t.drug) || definite.includes(t.drug)) continue;
    if (t.stopReason !== undefined && c.reasons.includes(t.stopReason)) definite.push(t.drug);
    else if (t.end === undefined && c.reasons.includes('inefficacy') && course.activity.status === 'met') definite.push(t.drug);
    else if ((t.end !== undefined && t.stopReason === undefined) || (t.end === undefined && course.activity.status === 'unknown')) possible.push(t.drug);
  }
  const maybe = possible.filter((d) => !definite.includes(d));
  const detail = () =>
    `${definite.length} drug(s) stopped for ${c.reasons.join(' or ')} or failing now${definite.length ? ` (${definite.join(', ')})` : ''}${maybe.length ? `; ${maybe.join(', ')} without a recorded reason` : ''}`;
  if (definite.length >= c.min) return { status: 'met', detail };
  if (definite.length + new Set(maybe).size < c.min) return { status: 'unmet', detail };
  return { status: 'unknown', detail };
}

/** Where an unknown criterion of this kind asks the record to be completed (a missing entry's field). */
export const CRITERION_FIELD: Record<CriterionSpec['kind'], string> = {
  'age-range': 'birthDate',
  phenotype: 'course',
  'onset-within': 'msOnset',
  'edss-range': 'edss',
  'relapses-in-window': 'relapses',
  'gd-lesion': 'mri',
  'mri-lesions': 'mri',
  'no-prior-dmt': 'therapies',
  'relapse-on-therapy': 'therapies',
  'no-prior-drugs': 'therapies',
  'edss-worsening': 'edss',
  'prior-therapy': 'therapies',
  'any-of': 'course',
  'all-of': 'course',
  'active-disease': 'mri',
  'highly-active': 'therapies',
  'mri-activity': 'mri',
  'therapy-failed': 'therapies[].stopReason',
};

/** A list of criteria judged as a box judges its own (a label's population, for the indication rule). */
export function judgeCriteria(criteria: readonly CriterionSpec[], context: EvidenceContext): { spec: CriterionSpec; status: Tri; detail: Text }[] {
  const ctx: JudgeContext = context.reads ? (context as JudgeContext) : { ...context, reads: new AssessmentReads(context.history, context.asOf) };
  return criteria.map((spec) => {
    const j = judge(spec, ctx);
    return { spec, status: j.status, detail: j.detail };
  });
}

/** What a criterion asks, as a key: equal keys give equal judgements (the text counts where it is quoted). */
function criterionKey(c: CriterionSpec): string {
  const { id: _id, text, ...asks } = c;
  return JSON.stringify(c.kind === 'age-range' || c.kind === 'any-of' || c.kind === 'all-of' ? { ...asks, text } : asks);
}
// Each distinct criterion has a slot in an assessment's `judged` list; one slot list per trial, made on
// first use (the trials are module-level data).
const criterionSlots = new Map<string, number>();
const trialSlots = new WeakMap<Trial, number[]>();
function slotsOf(trial: Trial): number[] {
  let slots = trialSlots.get(trial);
  if (!slots) {
    slots = trial.criteria.map((c) => {
      const key = criterionKey(c);
      if (!criterionSlots.has(key)) criterionSlots.set(key, criterionSlots.size);
      return criterionSlots.get(key)!;
    });
    trialSlots.set(trial, slots);
  }
  return slots;
}

/** The drugs of these therapies, each once, in record order. */
function uniqueDrugs(therapies: readonly { drug: string }[]): string[] {
  const drugs: string[] = [];
  for (const t of therapies) if (!drugs.includes(t.drug)) drugs.push(t.drug);
  return drugs;
}

export function evaluateTrial(trial: Trial, context: EvidenceContext): LazyEvidence {
  const ctx: JudgeContext = context.reads ? (context as JudgeContext) : { ...context, reads: new AssessmentReads(context.history, context.asOf) };
  const slots = slotsOf(trial);
  const criteria: LazyEvidence['criteria'] = [];
  let unmet = false;
  let unknown = false;
  for (let i = 0; i < trial.criteria.length; i++) {
    const c = trial.criteria[i]!;
    let j = ctx.judged?.[slots[i]!];
    if (!j) {
      j = judge(c, ctx);
      if (ctx.judged) ctx.judged[slots[i]!] = j;
    }
    criteria.push({ id: c.id, status: j.status, text: c.text, detail: j.detail });
    if (j.status === 'unmet') {
      unmet = true;
      if (ctx.fitOnly) break;
    } else if (j.status === 'unknown') unknown = true;
  }
  const fit = unmet ? 'outside' : unknown ? 'uncertain' : 'inside';
  return { study: trial.study, fit, criteria, trial: trial.id, sources: trial.sources };
}
