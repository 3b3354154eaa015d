import { readable } from './readable.js';
import type { History } from '../history/schema.js';
import { ASSESSABLE_DRUGS } from '../drugs/index.js';
import { day, edssText, latestLab } from './facts.js';
import type { LetterWording, Rule } from './knowledge.js';
import { KNOWLEDGE } from './loaded-knowledge.js';
import { courseStarts, withUnit } from './rules.js';
import { fill, type TemplateValues } from './template.js';
import type { Assessment, Reason } from './schema.js';
import { isScaleVerdict, VERDICT_RANK, type Verdict } from './verdicts.js';
import { decideCodes } from './fast/decide-codes.js';
import { changedRecord } from './counterfactual.js';
import { parseDay } from '../history/dates.js';
import { monitoringOf } from '../monitor/knowledge.js';

// The plain-language letter for the patient (`--explain patient`): short sentences, every medical word
// explained where it first appears; what was decided and why, what the treatment would and would not
// do at their stage (spec/why.md point 6: an immune "reboot" cannot repair damage already done), what
// would change the answer, and what to discuss instead. It names no one: the history holds only an id.

interface Sentences {
  why: string[];
  change: string[];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "in 2012", "in June 2012" or "on 3 June 2012", for a partial date. */
function plainDate(text: string): string {
  const [y, m, d] = text.split('-');
  if (m === undefined) return `in ${y}`;
  const month = MONTHS[Number(m) - 1] ?? m;
  return d === undefined ? `in ${month} ${y}` : `on ${Number(d)} ${month} ${y}`;
}

/** The plain words for the patient's conditions among `codes` (with `activeOnly`, the active ones), each once. */
function conditionsIn(h: History, codes: readonly string[], activeOnly = false): string {
  const words = (h.conditions ?? [])
    .filter((c) => codes.includes(c.code) && (!activeOnly || c.status === 'active'))
    .map((c) => KNOWLEDGE.plainWords.conditions[c.code] ?? c.code);
  return [...new Set(words)].join(' and ');
}

/** What a reason's letter wording may quote: this patient's values and the rule's own thresholds. */
function letterValues(a: Assessment, h: History, rule: Rule | undefined): TemplateValues {
  const edss = a.course.disabilityEdss;
  const values: Record<string, string | number | undefined> = {
    drug: a.drug,
    onset: h.msOnset ? plainDate(h.msOnset) : undefined,
    edss: edss ? edssText(edss.score) : undefined,
  };
  if (!rule) return values;
  if (rule.kind === 'condition') values.conditions = conditionsIn(h, rule.conditions) || undefined;
  if (rule.kind === 'onset-duration-above') values.maxYears = rule.maxYears;
  if (rule.kind === 'edss-above') values.maxEdss = edssText(rule.maxEdss);
  if (rule.kind === 'age-above') values.maxAge = rule.maxAge;
  if (rule.kind === 'age-below') values.minAge = rule.minAge;
  if (rule.kind === 'pregnancy') values.months = rule.planningWithinMonths;
  if (rule.kind === 'lab-below') {
    const lab = latestLab(h, rule.test);
    values.lab = lab
      ? `${withUnit(typeof lab.value === 'number' ? readable(lab.value, rule.min) : String(lab.value), rule.unit)} ${plainDate(lab.date)}`
      : undefined;
    values.min = withUnit(rule.min, rule.unit);
  }
  if (rule.kind === 'lab-floor-before-course') {
    const lab = latestLab(h, rule.test);
    values.lab = lab ? `${withUnit(String(lab.value), rule.unit)} ${plainDate(lab.date)}` : undefined;
    const next = courseStarts(h, rule.drug, rule.courseGapDays, day(a.asOf)).length + 1;
    values.min = withUnit(rule.floors[Math.min(next, rule.floors.length) - 1]!.min, rule.unit);
  }
  return values;
}

/** The rule data behind each reason code (rules, and checks whose failure is a reason). */
const WORDING = new Map<string, { rule?: Rule; letter?: LetterWording }>();
for (const drug of ASSESSABLE_DRUGS) {
  for (const r of KNOWLEDGE.rules[drug].rules) {
    for (const code of [r.code, ...Object.values(r.codeByLabel ?? {})]) WORDING.set(code, { rule: r, letter: r.letter });
  }
  for (const c of KNOWLEDGE.rules[drug].checks) if ('letter' in c) WORDING.set(`${drug}.check.${c.id}`, { letter: c.letter });
}

function explainReason(r: Reason, a: Assessment, h: History, out: Sentences): void {
  if (r.message.startsWith('Uncertain')) {
    out.why.push('Some details in your record are not exact enough for us to be sure how well the studies apply to you.');
    return;
  }
  const wording = WORDING.get(r.code);
  const entry = wording?.letter?.find(
    (l) =>
      (l.when?.label === undefined || l.when.label === a.label) &&
      (l.when?.effect === undefined || l.when.effect === r.effect) &&
      (l.when?.phenotype === undefined || l.when.phenotype === h.course?.phenotype) &&
      (l.when?.sex === undefined || l.when.sex === h.sex),
  );
  if (!entry) {
    out.why.push(r.message);
    return;
  }
  const values = letterValues(a, h, wording?.rule);
  for (const t of entry.why) out.why.push(fill(t, values));
}

/**
 * What would change the answer: each scenario of what-would-change.json that changes this record is
 * tried by assessing the changed record again; only what the engine confirms is written.
 */
export function whatWouldChange(a: Assessment, h: History): { scenario: string; verdict: Verdict; sentence: string | undefined }[] {
  const asOf = parseDay(a.asOf)!;
  const out: { scenario: string; verdict: Verdict; sentence: string | undefined }[] = [];
  // Outside the scale (no MS diagnosis) nothing was weighed, so nothing could change it.
  if (!isScaleVerdict(a.verdict)) return out;
  const rank = VERDICT_RANK[a.verdict];
  for (const s of KNOWLEDGE.whatWouldChange.scenarios) {
    if (s.onlyIf === 'not-active' && a.course.activity.status === 'met') continue;
    const changed = changedRecord(h, asOf, s.change);
    if (!changed) continue;
    // Only the verdict is wanted: the codes-only decision gives the same one (property tests) and builds no text.
    const verdict = decideCodes(changed, { drug: a.drug, asOf, label: a.label }).verdict;
    const template = isScaleVerdict(verdict) && VERDICT_RANK[verdict] < rank ? s.changes : rank >= VERDICT_RANK['advise-against'] ? s.unchanged : undefined;
    // A resolved-conditions sentence names this patient's own (a pressure sore is not a catheter).
    const resolved = s.change.kind === 'resolve-conditions' ? conditionsIn(h, s.change.conditions, true) : undefined;
    const sentence = template === undefined ? undefined : fill(template, { conditions: resolved || undefined });
    out.push({ scenario: s.id, verdict, sentence });
  }
  return out;
}

function missingWords(field: string): string {
  const words = KNOWLEDGE.plainWords.missing;
  return words[field] ?? words[field.replace(/\[.*$/, '')] ?? field;
}

/** A not-applicable assessment (no MS diagnosis recorded) has no letter: there is nothing to explain to the patient. */
export class NoLetterError extends Error {
  constructor(drug: string) {
    super(`no patient letter: this ${drug} assessment is not-applicable (no MS diagnosis recorded), so nothing was weighed`);
    this.name = 'NoLetterError';
  }
}

function decision(a: Assessment): string[] {
  const name = KNOWLEDGE.risks[a.drug].letter.name;
  switch (a.verdict) {
    case 'offer':
      return [`We think ${name} is a reasonable choice for you.`, 'We would like to talk it through with you before you decide.'];
    case 'offer-with-caution':
      return [`We think ${name} could be a choice for you.`, 'But there are points we need to weigh carefully together.'];
    case 'insufficient-data':
      return [`We cannot decide about ${name} yet.`, 'Some information we need is missing.'];
    case 'advise-against':
      return [`We advise against ${name} for you.`, 'We think its risks are greater than the good it could do for you now.'];
    case 'contraindicated':
      return [`${name.charAt(0).toUpperCase() + name.slice(1)} is not safe for you.`, 'We will not use it.'];
    case 'not-applicable':
      throw new NoLetterError(a.drug);
  }
}

/** Reasons whose rule puts the patient at a progressive stage (knowledge/rules `progressiveStage`). */
function atProgressiveStage(a: Assessment): boolean {
  return a.reasons.some((r) => WORDING.get(r.code)?.rule?.progressiveStage === true);
}

function whatItDoes(a: Assessment, h: History): string[] {
  const words = KNOWLEDGE.risks[a.drug].letter;
  const progressive = h.course?.phenotype === 'SPMS' || h.course?.phenotype === 'PPMS' || a.course.objectiveSpms.status === 'met' || atProgressiveStage(a);
  // Contraception is asked of women who could become pregnant: a sentence quoting its months is not a man's.
  const risks = h.sex === 'male' ? words.risks.filter((t) => !t.includes('{contraceptionMonths}')) : words.risks;
  return [...words.about, ...(progressive && words.progressive ? [words.progressive] : []), ...risks.map((t) => fill(t, riskValues(a)))];
}

/**
 * The figures the risk sentences quote, from the data that decides them: the monitoring plan (tests
 * until followUpMonths after the last infusion; the burden's months for the standard courses) and the
 * pregnancy rule's contraception months.
 */
function riskValues(a: Assessment): TemplateValues {
  const m = monitoringOf(a.drug);
  const pregnancy = KNOWLEDGE.rules[a.drug].rules.find((r) => r.kind === 'pregnancy');
  return {
    followUpMonths: m.kind === 'courses' ? m.followUpMonths : undefined,
    courses: m.kind === 'courses' ? m.burden.courses : undefined,
    monitoringYears: Math.round(a.weights.monitoring.months / 12),
    contraceptionMonths: pregnancy?.kind === 'pregnancy' ? pregnancy.planningWithinMonths : undefined,
  };
}

function instead(a: Assessment, h: History): string[] {
  const s: string[] = [];
  if (a.verdict === 'offer' || a.verdict === 'offer-with-caution') {
    s.push('Other MS medicines, with different benefits and risks, so that you can compare.');
  } else if (a.verdict === 'insufficient-data') {
    s.push('What tests or records we need, and when we can meet again to decide.');
  } else {
    s.push('Other MS medicines that may suit you better at this stage.');
    const research = KNOWLEDGE.risks[a.drug].letter.research;
    if (atProgressiveStage(a)) {
      s.push('Some medicines have been studied in progressive MS. We can talk about whether one of them fits you.');
      if (research) s.push(research);
    }
  }
  s.push('Physiotherapy, rehabilitation and help with symptoms such as tiredness, stiffness or bladder problems.');
  for (const [code, care] of Object.entries(KNOWLEDGE.plainWords.care)) {
    if (h.conditions?.some((c) => c.code === code && c.status === 'active')) s.push(care);
  }
  return s;
}

export function patientLetter(a: Assessment, history: History): { text: string; html: string } {
  if (a.verdict === 'not-applicable') throw new NoLetterError(a.drug);
  const out: Sentences = { why: [], change: [] };
  // For a "no", only what decided it; for an offer, also what weighs for the drug.
  const offered = a.verdict === 'offer' || a.verdict === 'offer-with-caution';
  for (const r of a.reasons.filter((x) => x.effect === 'for')) if (offered) explainReason(r, a, history, out);
  for (const r of a.reasons.filter((x) => x.effect !== 'for')) explainReason(r, a, history, out);
  if (a.verdict !== 'insufficient-data') for (const c of whatWouldChange(a, history)) if (c.sentence) out.change.push(c.sentence);
  if (a.verdict === 'insufficient-data') {
    out.why.unshift('Some facts we need to weigh the benefits and the risks are not in your record yet.');
    const fields = [...new Set(a.missing.filter((m) => m.effect !== 'caution').map((m) => missingWords(m.field)))];
    for (const f of fields) out.change.push(`We need ${f}.`);
  }
  if (out.change.length === 0) {
    out.change.push(
      a.verdict === 'offer'
        ? 'If your health changes before treatment starts, for example a new infection or a pregnancy, we would look again.'
        : 'Some of these facts will not change with time. New research could change the answer, and we will tell you if it does.',
    );
  }
  const sections: [string, string[]][] = [
    ['What we decided', decision(a)],
    ['Why', out.why.length > 0 ? [...new Set(out.why)] : ['Your records show no reason against it.']],
    [
      `What ${(KNOWLEDGE.risks as Partial<Record<string, { letter: { name: string } }>>)[a.drug]?.letter.name ?? a.drug} would and would not do`,
      whatItDoes(a, history),
    ],
    ['What would change the answer', [...new Set(out.change)]],
    ['What we can talk about instead', instead(a, history)],
  ];
  const intro = `About ${KNOWLEDGE.risks[a.drug].letter.name} for your MS (multiple sclerosis). Written on ${a.asOf}.`;
  const outro = 'This letter is to help you think and talk it over. Please bring your questions to your next appointment.';
  const text = [intro, '', ...sections.flatMap(([title, lines]) => [title, ...lines.map((l) => `- ${l}`), '']), outro, ''].join('\n');
  const html = [
    '<article class="patient-letter" lang="en">',
    `<p>${esc(intro)}</p>`,
    ...sections.flatMap(([title, lines]) => [`<h2>${esc(title)}</h2>`, '<ul>', ...lines.map((l) => `<li>${esc(l)}</li>`), '</ul>']),
    `<p>${esc(outro)}</p>`,
    '</article>',
  ].join('\n');
  return { text, html };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
