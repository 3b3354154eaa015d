// The EDSS implied by the functional-system scores and the ambulation score (Kurtzke 1983, the
// Neurostatus step rules as public calculators encode them; knowledge/definitions/edss-from-fs.json).
// It cross-checks a recorded EDSS and never replaces it: a neurologist's score stands, a disagreement
// is reported with both values.

import type { FunctionalSystems } from '../history/schema.js';
import { checkedKnowledge } from '../knowledge/checked.js';
import type { EdssTable } from './edss-table.js';

const T: EdssTable = await checkedKnowledge('course/edss-from-fs', async () => (await import('./edss-table.js')).EDSS_TABLE);
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
  let missing: string[] | undefined;
  // The largest converted score and how often it occurs, then the next largest and its count.
  let max = -1,
    maxCount = 0,
    second = -1,
    secondCount = 0;
  for (const k of KURTZKE_SYSTEMS) {
    const raw = fs[k];
    if (raw === undefined) (missing ??= []).push(k);
    const v = raw ?? 0;
    const s = k === 'visual' ? T.conversions.visual.table[v]! : k === 'bowelBladder' ? T.conversions.bowelBladder.table[v]! : v;
    if (s > max) {
      if (max >= 0) {
        second = max;
        secondCount = maxCount;
      }
      max = s;
      maxCount = 1;
    } else if (s === max) maxCount++;
    else if (s > second) {
      second = s;
      secondCount = 1;
    } else if (s === second) secondCount++;
  }
  if (fs.ambulation === undefined) (missing ??= []).push('ambulation');
  const gaps = missing ?? NONE;
  if (gaps.length === KURTZKE_SYSTEMS.length + 1) return undefined;
  const amb = fs.ambulation ?? 0;
  const byAmbulation = T.ambulationEdss.table[amb];
  if (byAmbulation !== null && byAmbulation !== undefined) return { edss: byAmbulation, complete: gaps.length === 0, missing: gaps };
  return { edss: matchRule(max, maxCount, second, secondCount, amb), complete: gaps.length === 0, missing: gaps };
}
const NONE: string[] = [];

// Every recorded EDSS of every history is checked: the rule each combination of scores matches is
// looked up once (scores 0-6, counts up to 7, ambulation 0-16) instead of scanning the rules each time.
const ruleCache = new Map<number, number>();
function matchRule(max: number, maxCount: number, second: number, secondCount: number, amb: number): number {
  const key = ((((max + 1) * 8 + maxCount) * 8 + (second + 1)) * 8 + secondCount) * 17 + amb;
  let edss = ruleCache.get(key);
  if (edss === undefined) {
    const r = RULES.find(
      (x) => within(max, x.max) && within(maxCount, x.maxCount) && within(second, x.second) && within(secondCount, x.secondCount) && within(amb, x.ambulation),
    );
    if (!r) throw new Error('edss-from-fs.json: no rule matched (the last rule must match everything)');
    edss = r.edss;
    ruleCache.set(key, edss);
  }
  return edss;
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
