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

// The largest converted score of the scores being read and how often it occurs, then the next
// largest and its count (module state, like the two above: readScores is never re-entered).
let max = -1;
let maxCount = 0;
let second = -1;
let secondCount = 0;
function add(s: number): void {
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

/** Reads the scores into impliedEdss and missingMask. Missing systems count as normal (0). */
function readScores(fs: FunctionalSystems): void {
  let mask = 0;
  max = -1;
  maxCount = 0;
  second = -1;
  secondCount = 0;
  const visual = fs.visual;
  if (visual === undefined) mask |= 1;
  add(VISUAL[visual ?? 0]!);
  const brainstem = fs.brainstem;
  if (brainstem === undefined) mask |= 2;
  add(brainstem ?? 0);
  const pyramidal = fs.pyramidal;
  if (pyramidal === undefined) mask |= 4;
  add(pyramidal ?? 0);
  const cerebellar = fs.cerebellar;
  if (cerebellar === undefined) mask |= 8;
  add(cerebellar ?? 0);
  const sensory = fs.sensory;
  if (sensory === undefined) mask |= 16;
  add(sensory ?? 0);
  const bowelBladder = fs.bowelBladder;
  if (bowelBladder === undefined) mask |= 32;
  add(BOWEL_BLADDER[bowelBladder ?? 0]!);
  const cerebral = fs.cerebral;
  if (cerebral === undefined) mask |= 64;
  add(cerebral ?? 0);
  const ambulation = fs.ambulation;
  if (ambulation === undefined) mask |= AMBULATION_BIT;
  const amb = ambulation ?? 0;
  missingMask = mask;
  const byAmbulation = AMBULATION_EDSS[amb];
  impliedEdss = byAmbulation !== null && byAmbulation !== undefined ? byAmbulation : matchRule(max, maxCount, second, secondCount, amb);
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
