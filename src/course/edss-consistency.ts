// Each recorded EDSS checked against its own functional-system and ambulation scores: a warning with
// both values where they disagree, never a change to the recorded score.

import type { History } from '../history/schema.js';
import { edssInconsistency } from './edss-from-fs.js';
import { fmt } from './progression-finding.js';
import type { EdssInconsistency } from './types.js';

export function edssInconsistencies(history: History): EdssInconsistency[] {
  const out: EdssInconsistency[] = [];
  for (const v of history.edss ?? []) {
    if (!v.functionalSystems) continue;
    const implied = edssInconsistency(v.score, v.functionalSystems);
    if (!implied) continue;
    const detail = implied.complete
      ? `Recorded EDSS ${fmt(v.score)} on ${v.date}; its functional-system and ambulation scores imply ${fmt(implied.edss)}.`
      : `Recorded EDSS ${fmt(v.score)} on ${v.date}; its recorded functional-system scores imply at least ${fmt(implied.edss)} (not recorded: ${implied.missing.join(', ')}).`;
    out.push({ date: v.date, recorded: v.score, implied: implied.edss, complete: implied.complete, missing: implied.missing, detail });
  }
  // In date order, whatever the order of the list (ties by score), like every other list of the result.
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.recorded - b.recorded || a.implied - b.implied || a.detail.localeCompare(b.detail)));
}
