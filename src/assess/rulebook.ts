import { DEFINITIONS } from '../course/definitions.js';
import { ASSESSABLE_DRUGS, DRUGS, LABELS, type AssessDrug, type LabelId } from '../drugs/index.js';
import type { CriterionSpec, Effect, Rule, RuleKind } from './knowledge.js';
import { KNOWLEDGE, RULESET_VERSION, SOURCES } from './loaded-knowledge.js';
import { BLOOD_PRESSURE } from '../knowledge/blood-pressure.js';

// The rulebook: every rule, check and trial box of every drug, generated from the rule data, for a
// neurologist to review in one place (`fulcrum rules`, docs/rulebook.md). It adds nothing of its own
// but the list of what each kind of rule reads from the record.

/** What each kind of rule reads from the patient's record (the fields of the history format). */
const READS: Record<RuleKind, string> = {
  condition: 'conditions (and a positive lab where named)',
  'progressive-course': 'course.phenotype; the EDSS record (objective SPMS, Lorscheider 2016)',
  'onset-duration-above': 'msOnset (bounded by msDiagnosis)',
  'edss-above': `the disability EDSS (the latest score not taken within ${DEFINITIONS.relapseExclusionDays.value} days after a relapse)`,
  'all-of': 'the outcomes of the rules it combines',
  'inactive-disease': 'relapses and MRI in the activity window',
  licence: 'birthDate, course.phenotype, therapies, relapses, MRI',
  'age-above': 'birthDate',
  pregnancy: 'pregnancy',
  'active-disease': 'relapses and MRI in the activity window',
  'highly-active': 'therapies, relapses, MRI',
  'inside-trial': 'the trial boxes named',
  'outside-all-trials': 'the trial boxes named',
  'lab-below': 'the latest result of the lab test',
  'lab-decline': 'every result of the lab test',
  'cumulative-dose': 'therapies[].doses of the drug; height and weight for mg doses',
  'prior-drug': 'therapies',
  'active-or-worsening-indication': 'course.phenotype; relapses, MRI and EDSS over the windows given',
  'active-or-worsening': 'relapses, MRI and EDSS over the windows given',
  'relapsing-indication': 'birthDate, course.phenotype; relapses and MRI in the activity window for a course that counts only while active',
  'current-drug': 'therapies (start and end against the assessment date)',
  'risk-estimate': "the estimate's inputs: anti-JCV antibody and index results, therapies (prior immunosuppressants, months on the drug)",
  genotype: 'the latest result of the genotype test (a diplotype)',
  'condition-within': 'conditions and their onset dates',
  'phenotype-indication': 'birthDate, course.phenotype (or objective SPMS), relapses, MRI, therapies',
  'lab-above': 'the latest result of the lab test',
  'age-below': 'birthDate',
  'requires-prior-drug': 'therapies',
  'recent-therapy': 'therapies (start and end)',
  'course-count': 'therapies[].doses of the drug (infusion days grouped into courses)',
  'proxy-lab-below': 'the latest result of the stand-in test, and of the test it stands in for',
  'blood-pressure-above': `every systolic-bp and diastolic-bp result within the window (a reading: both of one date), graded by knowledge/definitions/blood-pressure.json (${BLOOD_PRESSURE.sources.join(', ')}): ${BLOOD_PRESSURE.grades.map((g) => `${g.name} from ${g.systolic}/${g.diastolic}`).join(', ')} ${BLOOD_PRESSURE.unit}`,
  indication: 'birthDate, and what each population criterion reads (course.phenotype, relapses, MRI, EDSS, msOnset, therapies)',
  'lab-floor-before-course': 'the latest result of the lab test within its window; therapies[] (and their doses) of the drug, to count its courses',
  'courses-at-most': 'therapies[] (and their doses) of the drug, to count its courses',
};

/** Fields of a rule that are not its thresholds. */
const NOT_THRESHOLDS = new Set([
  'code',
  'codeByLabel',
  'kind',
  'effect',
  'effectByLabel',
  'labels',
  'title',
  'why',
  'sources',
  'messages',
  'letter',
  'progressiveStage',
]);

export interface RulebookRule {
  code: string;
  /** The code under a label where it differs. */
  codeByLabel?: Partial<Record<LabelId, string>>;
  title: string;
  kind: RuleKind;
  /** The effect under each label; absent where the rule does not apply under that label. */
  effect: Partial<Record<LabelId, Effect>>;
  thresholds: Record<string, unknown>;
  reads: string;
  why?: string;
  sources: string[];
}

export interface RulebookDrug {
  drug: AssessDrug;
  name: string;
  labels: Record<LabelId, string>;
  requiredData: { field: string; recentMonths?: number; why: string; sources: string[] }[];
  rules: RulebookRule[];
  checks: { id: string; kind: string; title: string; labels?: LabelId[]; failEffect?: Effect; sources: string[] }[];
  trials: {
    id: string;
    study: string;
    population: string;
    confidence: string;
    criteria: { id: string; kind: string; text: string; parameters: Record<string, unknown> }[];
    sources: string[];
  }[];
}

export interface Rulebook {
  rulesetVersion: string;
  drugs: RulebookDrug[];
  sources: Record<string, string>;
}

function ruleEntry(r: Rule, labels: readonly LabelId[]): RulebookRule {
  const effect: Partial<Record<LabelId, Effect>> = {};
  for (const l of labels) if (r.labels.includes(l)) effect[l] = r.effectByLabel?.[l] ?? r.effect;
  const thresholds: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) if (!NOT_THRESHOLDS.has(k)) thresholds[k] = v;
  return {
    code: r.code,
    ...(r.codeByLabel ? { codeByLabel: r.codeByLabel } : {}),
    title: r.title,
    kind: r.kind,
    effect,
    thresholds,
    reads: READS[r.kind],
    ...(r.why ? { why: r.why } : {}),
    sources: r.sources,
  };
}

function criterionEntry(c: CriterionSpec): RulebookDrug['trials'][number]['criteria'][number] {
  const { id, kind, text, ...parameters } = c;
  return { id, kind, text, parameters };
}

export function rulebook(options: { drugs?: readonly AssessDrug[]; label?: LabelId } = {}): Rulebook {
  const labels = options.label ? [options.label] : LABELS;
  const drugs = (options.drugs ?? ASSESSABLE_DRUGS).map((drug): RulebookDrug => {
    const file = KNOWLEDGE.rules[drug];
    return {
      drug,
      name: DRUGS[drug].name,
      labels: DRUGS[drug].labels,
      requiredData: file.requiredData.map((d) => ({
        field: d.field,
        ...(d.recentMonths !== undefined ? { recentMonths: d.recentMonths } : {}),
        why: d.why,
        sources: d.sources,
      })),
      rules: file.rules.filter((r) => labels.some((l) => r.labels.includes(l))).map((r) => ruleEntry(r, labels)),
      checks: file.checks
        .filter((c) => !c.labels || labels.some((l) => c.labels!.includes(l)))
        .map((c) => ({
          id: c.id,
          kind: c.kind,
          title: c.title,
          ...(c.labels ? { labels: c.labels } : {}),
          ...('failEffect' in c && c.failEffect ? { failEffect: c.failEffect } : {}),
          sources: c.sources,
        })),
      trials: DRUGS[drug].trials.map((id) => {
        const t = KNOWLEDGE.trials[id]!;
        return { id, study: t.study, population: t.population, confidence: t.confidence, criteria: t.criteria.map(criterionEntry), sources: t.sources };
      }),
    };
  });
  const cited = new Set<string>();
  for (const d of drugs) {
    for (const x of [...d.requiredData, ...d.rules, ...d.checks, ...d.trials]) for (const s of x.sources) cited.add(s);
  }
  const sources: Record<string, string> = {};
  for (const id of Object.keys(SOURCES)) if (cited.has(id)) sources[id] = SOURCES[id]!;
  return { rulesetVersion: RULESET_VERSION, drugs, sources };
}

const value = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v).replace(/"/g, '').replace(/,/g, ', ').replace(/:/g, ': '));
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The rulebook as Markdown: a section per drug, a line per rule with its basis. */
export function rulebookMarkdown(book: Rulebook, labels: readonly LabelId[] = LABELS): string {
  const out: string[] = [
    '# Fulcrum rulebook',
    '',
    `Ruleset ${book.rulesetVersion}. Generated from the rule data in \`knowledge/\` by \`fulcrum rules --format md\`; do not edit by hand`,
    '(a test fails when this file is stale). Effects: `contraindication` gives the verdict contraindicated, `against`',
    'advise-against, `caution` offer-with-caution, `for` weighs for the drug; a rule that cannot be judged from the',
    'record counts at its worst case and says what to record.',
    '',
  ];
  for (const d of book.drugs) {
    out.push(`## ${d.name}`, '', ...labels.map((l) => `- ${l.toUpperCase()} label: ${d.labels[l]}`), '');
    out.push('### Data required to decide', '', '| field | why | sources |', '|---|---|---|');
    for (const r of d.requiredData)
      out.push(`| \`${r.field}\`${r.recentMonths ? ` (within ${r.recentMonths} months)` : ''} | ${cell(r.why)} | ${r.sources.join(', ')} |`);
    out.push('', '### Rules', '');
    for (const r of d.rules) {
      const effects = labels.map((l) => `${l.toUpperCase()}: ${r.effect[l] ?? 'does not apply'}`).join('; ');
      out.push(`#### ${r.title[0]!.toUpperCase()}${r.title.slice(1)} [\`${r.code}\`]`, '');
      out.push(`- Effect: ${effects}`);
      for (const l of labels) if (r.codeByLabel?.[l] && r.effect[l]) out.push(`- Code under the ${l.toUpperCase()} label: \`${r.codeByLabel[l]}\``);
      const t = Object.entries(r.thresholds);
      if (t.length > 0) out.push(`- Thresholds: ${t.map(([k, v]) => `${k} = ${value(v)}`).join('; ')}`);
      out.push(`- Reads: ${r.reads}`);
      if (r.why) out.push(`- Basis: ${r.why}`);
      out.push(`- Sources: ${r.sources.join(', ')}`, '');
    }
    out.push('### Pre-treatment checks', '', '| check | what | labels | a failure gives | sources |', '|---|---|---|---|---|');
    for (const c of d.checks)
      out.push(
        `| \`${c.id}\` | ${cell(c.title)} | ${c.labels ? c.labels.join(', ') : 'all'} | ${c.failEffect ?? 'an outstanding or failed check (another rule weighs it)'} | ${c.sources.join(', ')} |`,
      );
    out.push('', '### Evidence boxes', '');
    for (const t of d.trials) {
      out.push(`#### ${t.study} (\`${t.id}\`)`, '', `Population: ${t.population}. Sources: ${t.sources.join(', ')}.`, '', `Confidence: ${t.confidence}`, '');
      for (const c of t.criteria) {
        const p = Object.entries(c.parameters).filter(([k]) => k !== 'anyOf');
        out.push(`- ${c.text}${p.length ? ` (${c.kind}: ${p.map(([k, v]) => `${k} = ${value(v)}`).join('; ')})` : ` (${c.kind})`}`);
      }
      out.push('');
    }
  }
  out.push('## Sources', '', '| id | source |', '|---|---|');
  for (const [id, s] of Object.entries(book.sources)) out.push(`| \`${id}\` | ${cell(s)} |`);
  out.push('');
  return out.join('\n');
}
