// The EDSS implied by the functional-system scores and the ambulation score (Kurtzke 1983, the
// Neurostatus step rules as public calculators encode them; knowledge/definitions/edss-from-fs.json).
// It cross-checks a recorded EDSS and never replaces it: a neurologist's score stands, a disagreement
// is reported with both values.

import { z } from 'zod';
import table from '../../knowledge/definitions/edss-from-fs.json' with { type: 'json' };
import type { FunctionalSystems } from '../history/schema.js';

const Bound = z.tuple([z.number(), z.number()]);
const Rule = z.strictObject({ max: Bound.optional(), maxCount: Bound.optional(), second: Bound.optional(), secondCount: Bound.optional(), ambulation: Bound.optional(), edss: z.number() });
const Table = z.strictObject({
  note: z.string(),
  sources: z.array(z.enum(['kurtzke-1983', 'edss-calculator-dobrasinovic'])).min(1),
  conversions: z.strictObject({
    visual: z.strictObject({ note: z.string(), table: z.array(z.number()).length(7) }),
    bowelBladder: z.strictObject({ note: z.string(), table: z.array(z.number()).length(7) }),
  }),
  ambulationEdss: z.strictObject({ note: z.string(), table: z.array(z.number().nullable()).length(17) }),
  combinationRules: z.strictObject({ note: z.string(), rules: z.array(Rule).min(1) }),
  msoutcomesAmbulation: z.strictObject({ note: z.string(), fromMsoutcomes: z.array(z.number().int()).length(12), toMsoutcomes: z.array(z.number().int()).length(17) }),
});
const T = Table.parse(table);
const RULES = T.combinationRules.rules;

/** The seven Kurtzke systems (ambulation is read separately). */
export const KURTZKE_SYSTEMS = ['visual', 'brainstem', 'pyramidal', 'cerebellar', 'sensory', 'bowelBladder', 'cerebral'] as const;

export interface ImpliedEdss {
  edss: number;
  /** True when every system and the ambulation score were recorded; otherwise `edss` is a lower bound. */
  complete: boolean;
  /** The systems (and 'ambulation') left out, counted as 0 for the lower bound. */
  missing: string[];
}

const within = (x: number, b: readonly [number, number] | undefined) => b === undefined || (x >= b[0] && x <= b[1]);

/**
 * The EDSS the scores imply. Missing systems count as normal (0), so with gaps the value is the least
 * EDSS the recorded scores allow (every rule is non-decreasing in each score), flagged incomplete.
 * Undefined when no score at all was recorded.
 */
export function edssFromFunctionalSystems(fs: FunctionalSystems | undefined): ImpliedEdss | undefined {
  if (!fs) return undefined;
  const missing: string[] = [];
  const scores: number[] = [];
  for (const k of KURTZKE_SYSTEMS) {
    const raw = fs[k];
    if (raw === undefined) missing.push(k);
    const v = raw ?? 0;
    scores.push(k === 'visual' ? T.conversions.visual.table[v]! : k === 'bowelBladder' ? T.conversions.bowelBladder.table[v]! : v);
  }
  if (fs.ambulation === undefined) missing.push('ambulation');
  if (missing.length === KURTZKE_SYSTEMS.length + 1) return undefined;
  const amb = fs.ambulation ?? 0;
  const byAmbulation = T.ambulationEdss.table[amb];
  if (byAmbulation !== null && byAmbulation !== undefined) return { edss: byAmbulation, complete: missing.length === 0, missing };
  let max = -1, maxCount = 0;
  for (const s of scores) {
    if (s > max) {
      max = s;
      maxCount = 1;
    } else if (s === max) maxCount++;
  }
  let second = -1, secondCount = 0;
  for (const s of scores) {
    if (s >= max) continue;
    if (s > second) {
      second = s;
      secondCount = 1;
    } else if (s === second) secondCount++;
  }
  for (const r of RULES) {
    if (within(max, r.max) && within(maxCount, r.maxCount) && within(second, r.second) && within(secondCount, r.secondCount) && within(amb, r.ambulation)) {
      return { edss: r.edss, complete: missing.length === 0, missing };
    }
  }
  throw new Error('edss-from-fs.json: no rule matched (the last rule must match everything)');
}

/**
 * Whether a recorded EDSS disagrees with its scores: with every score recorded, any difference; with
 * gaps, only a recorded EDSS below the least the recorded scores imply.
 */
export function edssInconsistency(recorded: number, fs: FunctionalSystems | undefined): ImpliedEdss | undefined {
  const implied = edssFromFunctionalSystems(fs);
  if (!implied) return undefined;
  if (implied.complete ? implied.edss !== recorded : recorded < implied.edss) return implied;
  return undefined;
}

/** MSoutcomes' FSamb (0-11, an EDSS-like walking scale) as the Neurostatus ambulation score (0-16). */
export function ambulationFromMsoutcomes(fsamb: number): number | undefined {
  return T.msoutcomesAmbulation.fromMsoutcomes[fsamb];
}

/** The Neurostatus ambulation score on MSoutcomes' FSamb scale, as spmsDx reads it. */
export function ambulationToMsoutcomes(score: number): number | undefined {
  return T.msoutcomesAmbulation.toMsoutcomes[score];
}
