// The verdicts and effects of an assessment, without the schema library (src/assess/schema.ts builds
// the output schema from them): the engine ranks verdicts on every run, the schema is read only by the
// API's documents and the tests.

/** The verdicts on the benefit-risk scale, most permissive first. */
export const SCALE_VERDICTS = ['offer', 'offer-with-caution', 'insufficient-data', 'advise-against', 'contraindicated'] as const;
export type ScaleVerdict = (typeof SCALE_VERDICTS)[number];
/**
 * Addition: `not-applicable` is the verdict for a patient outside Fulcrum's purpose (no MS diagnosis
 * recorded, src/assess/scope.ts). It is not a point on the scale: it has no rank and sorts apart.
 */
export const VERDICTS = [...SCALE_VERDICTS, 'not-applicable'] as const;
export type Verdict = (typeof VERDICTS)[number];

export function isScaleVerdict(v: Verdict): v is ScaleVerdict {
  return v !== 'not-applicable';
}

/** Addition: `not-applicable` is the effect of the one reason a not-applicable assessment gives. */
export const EFFECTS = ['contraindication', 'against', 'caution', 'for', 'not-applicable'] as const;

/**
 * Most permissive first (spec): the verdict is the strictest any reason or gap calls for. Only the
 * scale's verdicts have a rank; `not-applicable` is decided before any rule and never compared.
 */
export const VERDICT_RANK: Record<ScaleVerdict, number> = {
  offer: 0,
  'offer-with-caution': 1,
  'insufficient-data': 2,
  'advise-against': 3,
  contraindicated: 4,
};
