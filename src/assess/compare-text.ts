import type { Comparison } from './compare.js';
import { drugName } from './compare.js';
import type { Assessment } from './schema.js';
import { titledCode, VERDICT_TEXT } from './text.js';

// The comparison as a clinician reads it (`fulcrum compare` without --json): one block per therapy,
// most suitable first, each naming what decided its place. The full reasoning stays in each
// therapy's own report (`fulcrum assess --drug`).

const EFFECT_ORDER: Record<Assessment['reasons'][number]['effect'], number> = { contraindication: 0, against: 1, caution: 2, for: 3, 'not-applicable': 4 };
const FIT_ORDER = { inside: 0, uncertain: 1, outside: 2 } as const;

/** The reasons that decided the verdict: what tipped it, else the strictest reasons, at most three. */
export function mainReasons(a: Assessment, limit = 3): string[] {
  const tipping = a.tipping.filter((t) => t.effect !== 'unknown').map((t) => titledCode(a.drug, t.code));
  if (tipping.length > 0) return tipping.slice(0, limit);
  return [...a.reasons]
    .sort((x, y) => EFFECT_ORDER[x.effect] - EFFECT_ORDER[y.effect])
    .slice(0, limit)
    .map((r) => titledCode(a.drug, r.code));
}

/** The label risks with the highest stated frequency first, at most three. */
export function keyRisks(a: Assessment, limit = 3): string[] {
  return [...a.weights.risks]
    .sort((x, y) => (y.high ?? y.low ?? 0) - (x.high ?? x.low ?? 0))
    .slice(0, limit)
    .map((r) => `${r.name}: ${r.frequency}${r.patientFactors.length > 0 ? ' (raised for this patient)' : ''}`);
}

export function renderComparisonText(c: Comparison): string {
  const L: string[] = [];
  const ruleset = c.assessments[0]?.rulesetVersion ?? '';
  L.push(`Therapies compared as of ${c.asOf} (${c.label.toUpperCase()} label, ruleset ${ruleset})`);
  L.push(c.orderingRule);
  L.push('');
  c.assessments.forEach((a, i) => {
    L.push(`${i + 1}. ${drugName(a.drug)}: ${VERDICT_TEXT[a.verdict]}`);
    if (a.verdict === 'not-applicable') {
      for (const r of a.reasons) L.push(`   ${r.message}`);
      L.push('');
      return;
    }
    const trials = [...a.evidenceBase].sort((x, y) => FIT_ORDER[x.fit] - FIT_ORDER[y.fit]).map((e) => `${e.study} ${e.fit}`);
    L.push(`   Trial boxes: ${trials.length > 0 ? trials.join('; ') : 'none'}`);
    const reasons = mainReasons(a);
    if (reasons.length > 0) L.push(`   Main reasons: ${reasons.join('; ')}`);
    if (a.missing.length > 0) L.push(`   Missing: ${a.missing.map((m) => m.field).join(', ')}`);
    for (const r of a.risks ?? []) {
      L.push(
        `   This patient's ${r.name} risk: ${r.perThousand.now} per 1,000 now, ${r.perThousand.in12Months} per 1,000 in 12 months${r.worstCase ? ' (worst case: data missing)' : ''}`,
      );
    }
    const risks = keyRisks(a);
    if (risks.length > 0) L.push(`   Key risks: ${risks.join('; ')}`);
    L.push(`   Monitoring: ${a.weights.monitoring.detail}`);
    L.push('');
  });
  L.push('Each therapy in full: fulcrum assess FILE --drug <therapy>.');
  return L.join('\n') + '\n';
}
