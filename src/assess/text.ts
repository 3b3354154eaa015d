import { DRUGS } from '../drugs/index.js';
import { KNOWLEDGE } from './loaded-knowledge.js';
import type { Assessment } from './schema.js';

// The clinician's readable report (`fulcrum assess` without --json): the verdict first, then what
// tipped it, every reason with its sources, the evidence boxes, gaps, checks and the weights.

export const VERDICT_TEXT: Record<Assessment['verdict'], string> = {
  offer: 'OFFER',
  'offer-with-caution': 'OFFER WITH CAUTION',
  'insufficient-data': 'INSUFFICIENT DATA',
  'advise-against': 'ADVISE AGAINST',
  contraindicated: 'CONTRAINDICATED',
  'not-applicable': 'NOT APPLICABLE (no MS diagnosis recorded: no assessment made)',
};

const STATUS_MARK = { met: '[x]', unmet: '[ ]', unknown: '[?]' } as const;

const RECORD_WORDS: Record<string, string> = {
  edss: 'a recent EDSS',
  relapses: 'the relapse history',
  mri: 'the MRI history',
  course: 'the disease course (phenotype)',
  therapies: 'the therapy history',
  conditions: 'the other conditions',
  birthDate: 'the birth date',
  msOnset: 'the date of MS onset',
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A reason code with the plain title a clinician reads first: "Clinically progressive MS
 * [alemtuzumab.progressive-course]". Titles come from the rule data; a code without one stays bare.
 */
export function titledCode(drug: Assessment['drug'], code: string): string {
  const file = KNOWLEDGE.rules[drug];
  const rule = file.rules.find((r) => r.code === code || Object.values(r.codeByLabel ?? {}).includes(code));
  if (rule) return `${capital(rule.title)} [${code}]`;
  const check = file.checks.find((c) => code === `${drug}.check.${c.id}`);
  if (check) return `Failed check: ${check.title} [${code}]`;
  const field = code.startsWith(`${drug}.required-data.`) ? code.slice(`${drug}.required-data.`.length) : undefined;
  if (field) return `Not recorded: ${RECORD_WORDS[field] ?? field} [${code}]`;
  return code;
}

export function renderAssessmentText(a: Assessment): string {
  const L: string[] = [];
  // The registry's display name (aHSCT is not a capitalised id); the same as the capitalised id for the drugs.
  const drug = (DRUGS as Partial<Record<string, { name: string }>>)[a.drug]?.name ?? a.drug.charAt(0).toUpperCase() + a.drug.slice(1);
  L.push(`${drug} as of ${a.asOf} (${a.label.toUpperCase()} label, ruleset ${a.rulesetVersion})`);
  L.push(`Verdict: ${VERDICT_TEXT[a.verdict]}`);
  L.push('');
  if (a.verdict === 'not-applicable') {
    // Nothing was weighed: the reason alone, without empty sections or requests for MS data.
    for (const r of a.reasons) L.push(r.message);
    L.push('');
    return L.join('\n');
  }
  if (a.tipping.length > 0) {
    L.push('What tipped the scale:');
    for (const t of a.tipping) L.push(`  * ${titledCode(a.drug, t.code)}${t.effect === 'unknown' ? ' (cannot be judged)' : ''}`);
    L.push('');
  }
  if (a.reasons.length > 0) {
    L.push('Reasons:');
    for (const r of a.reasons) {
      L.push(`  - [${r.effect}] ${titledCode(a.drug, r.code)}`);
      L.push(`      ${r.message}`);
      L.push(`      sources: ${r.sources.join(', ')}`);
    }
    L.push('');
  }
  if (a.missing.length > 0) {
    L.push('Missing data (record these):');
    for (const m of a.missing) L.push(`  - ${m.field}${m.effect === 'caution' ? ' (caution only)' : ''}: ${m.why}`);
    L.push('');
  }
  for (const line of reviewLines(a)) L.push(line);
  L.push('Evidence base (patient against each trial box):');
  for (const e of a.evidenceBase) {
    L.push(`  ${e.study}: ${e.fit}`);
    for (const c of e.criteria) L.push(`    ${STATUS_MARK[c.status]} ${c.detail}`);
  }
  L.push('');
  if (a.protocol) {
    L.push('Protocol:');
    L.push(`  ${a.protocol.detail}`);
    for (const o of a.protocol.options) L.push(`  - ${o.name}: ${o.detail}`);
    L.push('');
  }
  L.push('Pre-treatment checks:');
  for (const c of a.checks) L.push(`  - [${c.status}] ${c.detail}`);
  L.push('');
  L.push('On the scale:');
  L.push('  Benefits (trial results; "inside" = this patient resembles the trial population):');
  for (const b of a.weights.benefits) {
    L.push(`    - ${b.trial} [${b.applies}] ${b.outcome}: ${b.detail}`);
  }
  L.push('  Risks:');
  for (const r of a.weights.risks) {
    L.push(`    - ${r.name}: ${r.frequency}${r.patientFactors.length > 0 ? ` — raised for this patient: ${r.patientFactors.length} factor(s)` : ''}`);
  }
  L.push(`  Monitoring: ${a.weights.monitoring.detail}`);
  L.push(`  Cost: ${a.weights.cost.detail}`);
  L.push('');
  // A risk read from a published table for this patient (natalizumab's PML risk), with what would change it.
  for (const r of a.risks ?? []) {
    L.push(`${r.name} risk for this patient${r.worstCase ? ' (worst case: some inputs unknown)' : ''}: ${r.detail}`);
    L.push(`  sources: ${r.sources.join(', ')}`);
    for (const w of r.whatWouldChange) {
      L.push(`  - with ${w.change}: ${w.perThousand.now} per 1,000 now, ${w.perThousand.in12Months} in 12 months${w.note ? ` (${w.note})` : ''}`);
    }
    L.push('');
  }
  const c = a.course;
  L.push('Course:');
  L.push(`  phenotype: ${c.phenotype.detail}`);
  L.push(`  activity (12 months): ${c.activity.status} — ${c.activity.detail}`);
  if (c.disabilityEdss) L.push(`  EDSS: ${c.disabilityEdss.score.toFixed(1)} on ${c.disabilityEdss.date}${c.disabilityEdss.recent ? '' : ' (not recent)'}`);
  L.push(`  objective SPMS: ${c.objectiveSpms.status} — ${c.objectiveSpms.detail}`);
  return L.join('\n') + '\n';
}

/**
 * Problems no rule looked at: those the mapping did not recognise and recorded conditions no rule of
 * this drug reads. For the clinician only (the patient letter never shows them).
 */
export function reviewLines(a: Assessment): string[] {
  const L: string[] = [];
  if (a.unrecognised && a.unrecognised.length > 0) {
    L.push('Not recognised: review before deciding (problems in the record the product does not read):');
    for (const u of a.unrecognised) L.push(`  - ${u.display || '(no display)'}${u.code ? ` (${u.system ? `${systemName(u.system)} ` : ''}${u.code})` : ''}`);
    L.push('');
  }
  if (a.notWeighed && a.notWeighed.length > 0) {
    L.push(`Recorded, not weighed by any ${a.drug} rule: review before deciding:`);
    for (const n of a.notWeighed) L.push(`  - ${n.condition}${n.status === 'resolved' ? ' (past)' : ''}`);
    L.push('');
  }
  return L;
}

const SYSTEM_NAMES: Record<string, string> = {
  'http://snomed.info/sct': 'SNOMED CT',
  'http://hl7.org/fhir/sid/icd-10': 'ICD-10',
  'http://hl7.org/fhir/sid/icd-10-cm': 'ICD-10-CM',
  'http://loinc.org': 'LOINC',
};
const systemName = (s: string) => SYSTEM_NAMES[s] ?? s;
