import { z } from 'zod';
import { DRUG_IDS, LAB_IDS } from '../history/vocabularies.js';

// The schema of a risk table (knowledge/risks/<drug>.json `estimates`), apart from risk-estimate.ts so
// that reading the table does not load the schema library: knowledge.ts checks the files with it.

const Sources = z.array(z.string()).min(1);

const StratumSchema = z.strictObject({
  id: z.string(),
  text: z.string(),
  /** What the stratum asks of the patient; an absent key asks nothing of that input. */
  when: z.strictObject({
    antibody: z.enum(['positive', 'negative']).optional(),
    priorImmunosuppressant: z.boolean().optional(),
    /** The index band: above `above`, at most `atMost`, or no index result at all (`absent`). */
    index: z.union([z.strictObject({ above: z.number() }), z.strictObject({ atMost: z.number() }), z.strictObject({ absent: z.literal(true) })]).optional(),
  }),
  /** Per 1,000 patients, one figure per exposure epoch in the table's order. */
  perThousand: z.array(z.number().min(0)),
});

const ScenarioSchema = z.strictObject({
  id: z.string(),
  /** What is changed, in the clinician's words. */
  text: z.string(),
  change: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('antibody'), value: z.enum(['positive', 'negative']) }),
    z.strictObject({ kind: z.literal('index'), value: z.number().min(0) }),
    z.strictObject({ kind: z.literal('dosing-interval'), weeks: z.number().int().positive() }),
  ]),
  /** Said when the changed input leaves the figure where it is (the table has no stratum for it). */
  unchangedNote: z.string().optional(),
  sources: Sources,
});

export const RiskEstimateSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+\.[a-z0-9.-]+$/),
  name: z.string(),
  /** The table the figures come from (its id and title, and the sources that publish it). */
  table: z.strictObject({ id: z.string(), title: z.string(), sources: Sources, confidence: z.string() }),
  /** The drug whose months of treatment are the exposure. */
  exposureDrug: z.enum(DRUG_IDS),
  epochs: z.array(z.strictObject({ id: z.string(), text: z.string(), maxMonths: z.number().int().positive() })).min(1),
  /** Said when the exposure passes the last epoch: the table's last figure is given. */
  beyondLastEpoch: z.string(),
  antibody: z.strictObject({
    test: z.enum(LAB_IDS),
    index: z.enum(LAB_IDS),
    /** A negative result or an index older than this no longer says today's status (the label retests every 6 months). */
    validMonths: z.number().int().positive(),
    sources: Sources,
  }),
  /** The therapies that count as prior immunosuppressants for the table. */
  priorImmunosuppressants: z.strictObject({ drugs: z.array(z.enum(DRUG_IDS)).min(1), sources: Sources }),
  strata: z.array(StratumSchema).min(1),
  /** The strata and exposure the label calls higher risk (continue only if the benefit outweighs it). */
  higherRisk: z.strictObject({ strata: z.array(z.string()).min(1), moreThanMonths: z.number().int().positive(), why: z.string(), sources: Sources }),
  whatWouldChange: z.array(ScenarioSchema),
});
export type RiskEstimateSpec = z.infer<typeof RiskEstimateSchema>;

/** A risk table's own consistency: one figure per epoch, epochs increasing, named strata that exist. */
export function riskEstimateProblems(spec: RiskEstimateSpec): string[] {
  const problems: string[] = [];
  const ids = new Set(spec.strata.map((s) => s.id));
  for (const s of spec.strata) {
    if (s.perThousand.length !== spec.epochs.length) problems.push(`stratum ${s.id} has ${s.perThousand.length} figures for ${spec.epochs.length} epochs`);
  }
  spec.epochs.forEach((e, i) => {
    if (i > 0 && e.maxMonths <= spec.epochs[i - 1]!.maxMonths) problems.push(`epoch ${e.id} does not end after the one before it`);
  });
  for (const s of spec.higherRisk.strata) if (!ids.has(s)) problems.push(`higherRisk names unknown stratum ${s}`);
  return problems;
}
