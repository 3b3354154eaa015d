// Each recorded EDSS checked against its own functional-system and ambulation scores: a warning with
// both values where they disagree, never a change to the recorded score.

import type { History } from '../history/schema.js';
import { edssInconsistency, isEdssInconsistent } from './edss-from-fs.js';
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

/** Whether any recorded EDSS disagrees with its scores: the first that does answers. */
export function hasEdssInconsistency(history: History): boolean {
  const visits = history.edss;
  if (!visits) return false;
  for (let i = 0; i < visits.length; i++) {
    const v = visits[i]!;
    if (v.functionalSystems && isEdssInconsistent(v.score, v.functionalSystems)) return true;
  }
  return false;
}

/**
 * Sets `result.edssInconsistencies` to the history's inconsistencies when there are any, computed and
 * kept when first read. Nearly every synthetic history has some, and their list (with its texts) was
 * a fifth of a course's cost, though a screening or a decision never reads it; JSON.stringify, the
 * report and every other reader see the same list as before.
 */
export function setEdssInconsistencies(result: { edssInconsistencies?: EdssInconsistency[] }, history: History): void {
  if (!hasEdssInconsistency(history)) return;
  PENDING.set(result, history);
  Object.defineProperty(result, 'edssInconsistencies', LAZY);
}

// One getter and setter for every result (the history waits in a WeakMap): an accessor of its own per
// object would give each result a hidden class of its own, which cost more than the list it saves.
const PENDING = new WeakMap<object, History>();
function keep(result: object, value: EdssInconsistency[] | undefined): void {
  // A result frozen before it was read keeps its getter, which then computes the list at each read.
  if (Reflect.defineProperty(result, 'edssInconsistencies', { value, writable: true, enumerable: true, configurable: true })) PENDING.delete(result);
}
const LAZY: PropertyDescriptor = {
  get(this: object) {
    const list = edssInconsistencies(PENDING.get(this)!);
    keep(this, list);
    return list;
  },
  set(this: object, value: EdssInconsistency[] | undefined) {
    keep(this, value);
  },
  enumerable: true,
  configurable: true,
};

function order(a: EdssInconsistency, b: EdssInconsistency): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.recorded - b.recorded || a.implied - b.implied || (a.detail < b.detail ? -1 : a.detail > b.detail ? 1 : 0);
}
