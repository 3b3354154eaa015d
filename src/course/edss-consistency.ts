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
  // Entries are nearly always in date order already: sort only when they are not.
  for (let i = 1; i < out.length; i++) if (order(out[i - 1]!, out[i]!) > 0) return out.sort(order);
  return out;
}

/**
 * The result with `edssInconsistencies` set (last) when the history has any: the record check that a
 * course shown to a person carries (the CLI, the API, an assessment). It is apart from computeCourse
 * because a cohort run reads no such warning, and checking every recorded EDSS was a sixth of the
 * course's cost; both use this one check, so a shown course and its check cannot disagree.
 */
export function withEdssInconsistencies<T extends { edssInconsistencies?: EdssInconsistency[] }>(result: T, history: History): T {
  const list = edssInconsistencies(history);
  if (list.length > 0) result.edssInconsistencies = list;
  return result;
}

function order(a: EdssInconsistency, b: EdssInconsistency): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.recorded - b.recorded || a.implied - b.implied || (a.detail < b.detail ? -1 : a.detail > b.detail ? 1 : 0);
}
