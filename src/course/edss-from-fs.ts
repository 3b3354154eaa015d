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

// Every recorded EDSS of every history with scores is checked (edss-consistency.ts), so the check
// reads each system by name (one shape, not a lookup per key), allocates nothing for a visit whose
// scores agree, and looks the rule each combination of scores matches up in a table filled on first
// use (scores 0-6, counts up to 7, ambulation 0-16) instead of scanning the rules each time.
const VISUAL = T.conversions.visual.table;
const BOWEL_BLADDER = T.conversions.bowelBladder.table;
const AMBULATION_EDSS = T.ambulationEdss.table;
/** Bit of each system in the mask of scores not recorded, KURTZKE_SYSTEMS' order, then ambulation's. */
const AMBULATION_BIT = 1 << KURTZKE_SYSTEMS.length;
const NOTHING_RECORDED = (AMBULATION_BIT << 1) - 1;
const MISSING_NAMES: readonly string[] = [...KURTZKE_SYSTEMS, 'ambulation'];

// The implied EDSS of the last scores read, and which were not recorded: two numbers rather than an
// object, so that the common case (the scores agree with the recorded EDSS) allocates nothing.
let impliedEdss = 0;
let missingMask = 0;
const SCORES = new Int8Array(KURTZKE_SYSTEMS.length);

/**
 * Reads the scores into impliedEdss and missingMask. Missing systems count as normal (0). From an
 * ambulation score that decides the EDSS alone, the systems are not combined at all.
 */
function readScores(fs: FunctionalSystems): void {
  const visual = fs.visual;
  const brainstem = fs.brainstem;
  const pyramidal = fs.pyramidal;
  const cerebellar = fs.cerebellar;
  const sensory = fs.sensory;
  const bowelBladder = fs.bowelBladder;
  const cerebral = fs.cerebral;
  const ambulation = fs.ambulation;
  missingMask =
    (visual === undefined ? 1 : 0) |
    (brainstem === undefined ? 2 : 0) |
    (pyramidal === undefined ? 4 : 0) |
    (cerebellar === undefined ? 8 : 0) |
    (sensory === undefined ? 16 : 0) |
    (bowelBladder === undefined ? 32 : 0) |
    (cerebral === undefined ? 64 : 0) |
    (ambulation === undefined ? AMBULATION_BIT : 0);
  const amb = ambulation ?? 0;
  const byAmbulation = AMBULATION_EDSS[amb];
  if (byAmbulation !== null && byAmbulation !== undefined) {
    impliedEdss = byAmbulation;
    return;
  }
  // The converted scores, then the largest and how often it occurs and the next largest and its
  // count, in locals and a reused array (this runs for every recorded EDSS with scores).
  const scores = SCORES;
  scores[0] = VISUAL[visual ?? 0]!;
  scores[1] = brainstem ?? 0;
  scores[2] = pyramidal ?? 0;
  scores[3] = cerebellar ?? 0;
  scores[4] = sensory ?? 0;
  scores[5] = BOWEL_BLADDER[bowelBladder ?? 0]!;
  scores[6] = cerebral ?? 0;
  let max = -1;
  let maxCount = 0;
  let second = -1;
  let secondCount = 0;
  for (let k = 0; k < 7; k++) {
    const x = scores[k]!;
    if (x > max) {
      if (max >= 0) {
        second = max;
        secondCount = maxCount;
      }
      max = x;
      maxCount = 1;
    } else if (x === max) maxCount++;
    else if (x > second) {
      second = x;
      secondCount = 1;
    } else if (x === second) secondCount++;
  }
  impliedEdss = matchRule(max, maxCount, second, secondCount, amb);
}

function missingOf(mask: number): string[] {
  if (mask === 0) return NONE;
  const out: string[] = [];
  for (let i = 0; i < MISSING_NAMES.length; i++) if (mask & (1 << i)) out.push(MISSING_NAMES[i]!);
  return out;
}

/**
 * The EDSS the scores imply. Missing systems count as normal (0), so with gaps the value is the least
 * EDSS the recorded scores allow (every rule is non-decreasing in each score), flagged incomplete.
 * Undefined when no score at all was recorded.
 */
export function edssFromFunctionalSystems(fs: FunctionalSystems | undefined): ImpliedEdss | undefined {
  if (!fs) return undefined;
  readScores(fs);
  if (missingMask === NOTHING_RECORDED) return undefined;
  return { edss: impliedEdss, complete: missingMask === 0, missing: missingOf(missingMask) };
}
const NONE: string[] = [];

// The EDSS (times two, so that it fits a byte) of each combination's rule, -1 until first looked up.
const ruleTable = new Int8Array(8 * 8 * 8 * 8 * 17).fill(-1);
function matchRule(max: number, maxCount: number, second: number, secondCount: number, amb: number): number {
  const key = ((((max + 1) * 8 + maxCount) * 8 + (second + 1)) * 8 + secondCount) * 17 + amb;
  const known = ruleTable[key]!;
  if (known >= 0) return known / 2;
  const r = RULES.find(
    (x) => within(max, x.max) && within(maxCount, x.maxCount) && within(second, x.second) && within(secondCount, x.secondCount) && within(amb, x.ambulation),
  );
  if (!r) throw new Error('edss-from-fs.json: no rule matched (the last rule must match everything)');
  // Only half points fit the table; another value (none in the table today) is looked up each time.
  if (Number.isInteger(r.edss * 2) && r.edss >= 0 && r.edss <= 10) ruleTable[key] = r.edss * 2;
  return r.edss;
}

/**
 * Whether a recorded EDSS disagrees with its scores: with every score recorded, any difference; with
 * gaps, only a recorded EDSS below the least the recorded scores imply.
 */
export function edssInconsistency(recorded: number, fs: FunctionalSystems | undefined): ImpliedEdss | undefined {
  if (!isEdssInconsistent(recorded, fs)) return undefined;
  return { edss: impliedEdss, complete: missingMask === 0, missing: missingOf(missingMask) };
}

/** Whether edssInconsistency would report the visit, without building the report. */
export function isEdssInconsistent(recorded: number, fs: FunctionalSystems | undefined): boolean {
  if (!fs) return false;
  readScores(fs);
  if (missingMask === NOTHING_RECORDED) return false;
  return missingMask === 0 ? impliedEdss !== recorded : recorded < impliedEdss;
}

/** MSoutcomes' FSamb (0-11, an EDSS-like walking scale) as the Neurostatus ambulation score (0-16). */
export function ambulationFromMsoutcomes(fsamb: number): number | undefined {
  return T.msoutcomesAmbulation.fromMsoutcomes[fsamb];
}

/** The Neurostatus ambulation score on MSoutcomes' FSamb scale, as spmsDx reads it. */
export function ambulationToMsoutcomes(score: number): number | undefined {
  return T.msoutcomesAmbulation.toMsoutcomes[score];
}
