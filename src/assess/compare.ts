import { ASSESSABLE_DRUGS, DRUGS, type AssessDrug, type LabelId } from '../drugs/index.js';
import { courseWithRecordChecks } from '../course/index.js';
import type { Day } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { assess } from './assess.js';
import { type Assessment, isScaleVerdict, VERDICT_RANK } from './schema.js';

// Every assessable therapy weighed for one patient, side by side: "then what?" after a "no". Each
// column is the ordinary assessment of that drug; the comparison adds only their order, and the
// rule that orders them is stated with it so that a reader can check it against the rows.

export const ORDERING_RULE =
  'Ordered by verdict (offer, offer with caution, insufficient data, advise against, contraindicated; not applicable last), ' +
  'then by fit to the pivotal trials (more trial boxes the patient is inside, then more uncertain), ' +
  'then by fewer reasons against or for caution, then by the lighter monitoring burden (fewer visits); ' +
  'equal therapies keep the order of the product list.';

export interface ComparisonOptions {
  asOf: Day;
  label: LabelId;
  /** The therapies to compare (default: every assessable therapy), each once. */
  drugs?: readonly AssessDrug[];
  /** As in AssessOptions: the FHIR source holds an MS Condition without a date. */
  msInSource?: boolean;
}

export interface Comparison {
  asOf: string;
  label: LabelId;
  orderingRule: string;
  /** The therapies from most to least suitable by the ordering rule. */
  order: AssessDrug[];
  /** One assessment per therapy, in `order`. */
  assessments: Assessment[];
}

/** The sort key of one assessment, smaller first; each component is one clause of ORDERING_RULE. */
export function suitabilityKey(a: Assessment): number[] {
  const verdictRank = isScaleVerdict(a.verdict) ? VERDICT_RANK[a.verdict] : Object.keys(VERDICT_RANK).length;
  const inside = a.evidenceBase.filter((e) => e.fit === 'inside').length;
  const uncertain = a.evidenceBase.filter((e) => e.fit === 'uncertain').length;
  const weighing = a.reasons.filter((r) => r.effect !== 'for').length;
  return [verdictRank, -inside, -uncertain, weighing, a.weights.monitoring.visits];
}

function compareKeys(x: number[], y: number[]): number {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

export function compareTherapies(history: History, options: ComparisonOptions): Comparison {
  const drugs = options.drugs ?? ASSESSABLE_DRUGS;
  // The course does not depend on the drug: computed once for every column.
  const course = courseWithRecordChecks(history, options.asOf);
  const rows = drugs.map((drug, i) => {
    const a = assess(history, { drug, asOf: options.asOf, label: options.label, course, ...(options.msInSource ? { msInSource: true } : {}) });
    return { a, key: suitabilityKey(a), i };
  });
  // Array.prototype.sort is stable, and the list index breaks the last ties explicitly.
  rows.sort((x, y) => compareKeys(x.key, y.key) || x.i - y.i);
  const first = rows[0]?.a;
  return {
    asOf: first?.asOf ?? '',
    label: options.label,
    orderingRule: ORDERING_RULE,
    order: rows.map((r) => r.a.drug),
    assessments: rows.map((r) => r.a),
  };
}

const OFFERS: ReadonlySet<string> = new Set(['offer', 'offer-with-caution']);

/**
 * The alternatives worth naming beside `drug`: therapies that can be offered (with or without caution)
 * and sit before it in the comparison's order. A therapy that merely fails less badly is not named.
 */
export function betterFitting(c: Comparison, drug: AssessDrug): AssessDrug[] {
  const at = c.order.indexOf(drug);
  if (at < 0) return [];
  return c.assessments
    .slice(0, at)
    .filter((a) => OFFERS.has(a.verdict))
    .map((a) => a.drug);
}

export const drugName = (drug: AssessDrug): string => DRUGS[drug].name;
