// The rule data as the engine reads it: knowledge.ts's validated KNOWLEDGE, taken from the build's
// record when the knowledge files are those it checked (src/knowledge/checked.ts), so that a command
// does not load the schema library to check the same files again. The tests run on the sources, where
// knowledge.ts always validates.

import sourcesJson from '../../knowledge/sources.json' with { type: 'json' };
import { ASSESSABLE_DRUGS, DRUGS, type AssessDrug } from '../drugs/index.js';
import { checkedKnowledge } from '../knowledge/checked.js';
import type { Knowledge } from './knowledge.js';

export const KNOWLEDGE: Knowledge = await checkedKnowledge('assess', async () => (await import('./knowledge.js')).KNOWLEDGE);
export const RULESET_VERSION: string = KNOWLEDGE.version;

/** The source ids every figure in the rule data cites (knowledge/sources.json, with their citations). */
export const SOURCES: Readonly<Record<string, string>> = sourcesJson.sources;
export const SOURCE_IDS = Object.keys(SOURCES) as [string, ...string[]];

/** The trials whose boxes are shown for a drug, in the registry's order. */
export const EVIDENCE_TRIALS: Record<AssessDrug, readonly string[]> = Object.fromEntries(ASSESSABLE_DRUGS.map((d) => [d, DRUGS[d].trials])) as Record<
  AssessDrug,
  readonly string[]
>;
