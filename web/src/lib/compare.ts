import type { Assessment, Drug, Verdict } from '../api/types.js';
import { frequencyOf, type Frequency } from './frequency.js';

// The comparison view's rows, from the API's comparison alone: one row per therapy in the server's
// order (the ordering rule comes with it). Every risk is drawn over the same 1,000 people, so that
// the pictures of different therapies can be set side by side.

/** The API's answer (src/server/schemas.ts ComparisonSchema). */
export interface ComparisonRecord {
  patientId: string;
  historyVersion: number;
  asOf: string;
  label: 'eu' | 'us';
  orderingRule: string;
  order: Drug[];
  assessments: Assessment[];
}

export interface ComparisonRisk {
  name: string;
  /** The knowledge base's own words. */
  frequencyText: string;
  perThousand: Frequency;
  raised: boolean;
}

export interface ComparisonRow {
  rank: number;
  drug: Assessment['drug'];
  verdict: Verdict;
  trials: { study: string; fit: 'inside' | 'outside' | 'uncertain' }[];
  /** What decided the verdict: the tipping reasons' messages, else the strictest reasons', at most three. */
  reasons: string[];
  missing: string[];
  risks: ComparisonRisk[];
  /** This patient's own estimates (e.g. natalizumab's PML risk), drawn before the label's figures. */
  estimates: { name: string; now: Frequency; in12Months: Frequency; worstCase: boolean; detail: string }[];
  monitoring: string;
}

const EFFECT_ORDER = { contraindication: 0, against: 1, caution: 2, for: 3, 'not-applicable': 4 } as const;
const FIT_ORDER = { inside: 0, uncertain: 1, outside: 2 } as const;
const MAX_REASONS = 3;
const MAX_RISKS = 3;

/** A proportion range as a natural frequency over 1,000 people, whatever its size. */
export function perThousand(low: number | undefined, high: number | undefined): Frequency | undefined {
  return frequencyOf(low, high, 1000);
}

export function comparisonRows(c: ComparisonRecord): ComparisonRow[] {
  return c.assessments.map((a, i) => {
    const tipping = a.tipping.filter((t) => t.effect !== 'unknown').map((t) => t.message);
    const reasons =
      tipping.length > 0
        ? tipping.slice(0, MAX_REASONS)
        : [...a.reasons]
            .sort((x, y) => EFFECT_ORDER[x.effect] - EFFECT_ORDER[y.effect])
            .slice(0, MAX_REASONS)
            .map((r) => r.message);
    const risks = a.weights.risks
      .map((r) => ({ r, f: perThousand(r.low, r.high) }))
      .filter((x): x is { r: (typeof a.weights.risks)[number]; f: Frequency } => x.f !== undefined)
      .sort((x, y) => y.f.count - x.f.count)
      .slice(0, MAX_RISKS)
      .map(({ r, f }) => ({ name: r.name, frequencyText: r.frequency, perThousand: f, raised: r.patientFactors.length > 0 }));
    return {
      rank: i + 1,
      drug: a.drug,
      verdict: a.verdict,
      trials: [...a.evidenceBase].sort((x, y) => FIT_ORDER[x.fit] - FIT_ORDER[y.fit]).map((e) => ({ study: e.study, fit: e.fit })),
      reasons,
      missing: a.missing.map((m) => m.field),
      risks,
      estimates: (a.risks ?? []).map((r) => ({
        name: r.name,
        now: perThousand(r.perThousand.now / 1000, r.perThousand.now / 1000)!,
        in12Months: perThousand(r.perThousand.in12Months / 1000, r.perThousand.in12Months / 1000)!,
        worstCase: r.worstCase,
        detail: r.detail,
      })),
      monitoring: a.weights.monitoring.detail,
    };
  });
}
