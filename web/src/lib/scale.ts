import type { Assessment, Effect, Reason, Verdict } from '../api/types.js';

// The picture of the scale: reasons for the drug on one pan, reasons against on the other, and the
// ones that tipped the verdict picked out. The beam's tilt follows the verdict, not a count of
// reasons: one contraindication outweighs any number of benefits (why.md, point 1).

export interface Scale {
  benefits: Reason[];
  risks: Reason[];
  tipping: Set<string>;
  /** Degrees; negative = benefit side down (offer), positive = risk side down. */
  tilt: number;
  /** Rules that needed data the record lacks: the beam cannot settle. */
  undecided: boolean;
}

const VERDICT_TILT: Record<Verdict, number> = {
  offer: -14,
  'offer-with-caution': -6,
  'insufficient-data': 0,
  'advise-against': 10,
  contraindicated: 18,
  // Not on the scale (nothing weighed); the view shows no scale for it.
  'not-applicable': 0,
};

/** The effect a reason must have to call for a verdict at least this strict. */
const EFFECT_FOR_VERDICT: Partial<Record<Verdict, Effect>> = {
  'offer-with-caution': 'caution',
  'advise-against': 'against',
  contraindicated: 'contraindication',
};

function tippingCodes(a: Assessment): Set<string> {
  const t = a.tipping;
  if (Array.isArray(t)) {
    const codes = t
      .map((x: unknown) => (typeof x === 'string' ? x : typeof x === 'object' && x !== null && typeof (x as { code?: unknown }).code === 'string' ? (x as { code: string }).code : undefined))
      .filter((x): x is string => x !== undefined);
    return new Set(codes);
  }
  // Engines that do not report tipping reasons: the reasons calling for the verdict itself are the
  // ones without which it would be more permissive.
  const effect = EFFECT_FOR_VERDICT[a.verdict];
  return new Set(effect ? a.reasons.filter((r) => r.effect === effect).map((r) => r.code) : []);
}

export function weigh(a: Assessment): Scale {
  return {
    benefits: a.reasons.filter((r) => r.effect === 'for'),
    risks: a.reasons.filter((r) => r.effect !== 'for'),
    tipping: tippingCodes(a),
    tilt: VERDICT_TILT[a.verdict],
    undecided: a.verdict === 'insufficient-data',
  };
}

const EFFECT_RANK: Record<Effect, number> = { 'not-applicable': 0, contraindication: 0, against: 1, caution: 2, for: 3 };

/** Tipping reasons first, then the strictest: the order a clinician reads them in. */
export function orderReasons(reasons: readonly Reason[], tipping: Set<string>): Reason[] {
  return [...reasons].sort((a, b) => Number(tipping.has(b.code)) - Number(tipping.has(a.code)) || EFFECT_RANK[a.effect] - EFFECT_RANK[b.effect]);
}
