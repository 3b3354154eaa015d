import type { History } from '../history/schema.js';
import { monitoringBurden } from '../monitor/burden.js';
import type { AssessDrug, RiskFile, Trial } from './knowledge.js';
import type { EvidenceEntry, Protocol, Reason, Weights } from './schema.js';

// The weights on the scale: expected benefit in the trials this patient resembles, the risks with
// their frequencies and this patient's factors that raise them, the monitoring burden (from the
// monitoring schedules, src/monitor/burden.ts) and the cost as the clinic configured it.

// The burden depends only on the drug, the sex (cervical screening) and the number of courses or
// doses, and deriving the plan takes far longer than the rest of an assessment: remember each answer.
const burdenCache = new Map<AssessDrug, Map<NonNullable<History['sex']>, Map<string, ReturnType<typeof monitoringBurden>>>>();
function burdenOf(
  drug: AssessDrug,
  sex: NonNullable<History['sex']>,
  courses: number | undefined,
  monthsApart: number | undefined,
): ReturnType<typeof monitoringBurden> {
  let bySex = burdenCache.get(drug);
  if (!bySex) burdenCache.set(drug, (bySex = new Map()));
  let byCourses = bySex.get(sex);
  if (!byCourses) bySex.set(sex, (byCourses = new Map()));
  // No courses and 0 courses ask for the same plan (the option is left out for both).
  const key = `${courses ? courses : ''}|${monthsApart ?? ''}`;
  let b = byCourses.get(key);
  if (!b) {
    b = monitoringBurden(drug, { sex, ...(courses ? { courses } : {}), ...(monthsApart ? { monthsApart } : {}) });
    byCourses.set(key, b);
  }
  return b;
}

/** The reason with this code (the last one, as a Map built from the list would keep). */
function firedReason(reasons: readonly Reason[], code: string): Reason | undefined {
  for (let i = reasons.length - 1; i >= 0; i--) if (reasons[i]!.code === code) return reasons[i];
  return undefined;
}

export interface CostSetting {
  amount: number;
  currency: string;
  detail?: string;
}

export function weighScale(
  drug: AssessDrug,
  h: History,
  risks: RiskFile,
  evidence: Map<string, EvidenceEntry>,
  reasons: readonly Reason[],
  progressive: 'yes' | 'no' | 'unknown',
  protocol: Protocol | undefined,
  cost: CostSetting | undefined,
  /** The protocol whose burden counts when none is recommended (knowledge/trials `standard`). */
  standardProtocol?: string,
  /** The drug's trials, whose protocols give the interval between doses. */
  trials: readonly Trial[] = [],
): Weights {
  // Built property by property in the contract's key order (no spreads: a cohort run builds millions).
  const benefits: Weights['benefits'] = [];
  for (const b of risks.benefits) {
    // Coles 2006's progressive-MS finding applies to progressive patients; trial results to those inside the box.
    const applies =
      b.appliesTo === 'progressive'
        ? progressive === 'yes'
          ? 'inside'
          : progressive === 'no'
            ? 'outside'
            : 'uncertain'
        : (evidence.get(b.trial)?.fit ?? 'uncertain');
    benefits.push(
      b.relativeReduction !== undefined
        ? {
            id: b.id,
            trial: b.trial,
            outcome: b.outcome,
            detail: b.detail,
            relativeReduction: b.relativeReduction,
            applies,
            sources: b.sources,
            confidence: b.confidence,
          }
        : { id: b.id, trial: b.trial, outcome: b.outcome, detail: b.detail, applies, sources: b.sources, confidence: b.confidence },
    );
  }
  const riskWeights: Weights['risks'] = [];
  for (const r of risks.risks) {
    const w: Weights['risks'][number] = { id: r.id, name: r.name, frequency: r.frequency } as Weights['risks'][number];
    if (r.low !== undefined) w.low = r.low;
    if (r.high !== undefined) w.high = r.high;
    const factors: string[] = [];
    for (const code of r.factorRules ?? []) {
      const fired = firedReason(reasons, code);
      if (fired) factors.push(fired.message);
    }
    w.patientFactors = factors;
    w.sources = r.sources;
    w.confidence = r.confidence;
    riskWeights.push(w);
  }
  const sex = h.sex ?? 'unknown';
  // A drug given in protocols: the burden of the recommended one, or of the standard one when none is.
  // Its doses and their interval: the monitoring line follows the protocol assessed (Edan monthly, MIMS every 3 months).
  const protocolId = protocol ? (protocol.recommended ?? standardProtocol) : undefined;
  const doses = protocol ? protocol.options.find((o) => o.id === protocolId)?.dosesWithinLimit || undefined : undefined;
  const monthsApart = protocolId === undefined ? undefined : trials.find((t) => t.protocol?.id === protocolId)?.protocol?.monthsApart;
  const burden = burdenOf(drug, sex, doses, monthsApart);
  const c = cost;
  return {
    benefits,
    risks: riskWeights,
    monitoring: { months: burden.months, tests: burden.tests, visits: burden.visits, detail: burden.detail, sources: burden.sources },
    cost: c
      ? { configured: true, amount: c.amount, currency: c.currency, detail: c.detail ?? `${c.amount} ${c.currency} as configured by the clinic` }
      : { configured: false, detail: 'no cost configured for this clinic' },
  };
}
