import type { History } from '../history/schema.js';
import type { ConditionId } from '../history/vocabularies.js';
import type { AssessDrug } from '../drugs/index.js';
import { KNOWLEDGE } from './knowledge.js';

// What the clinician must look at before deciding because no rule looked at it: problems the record's
// source holds that the product did not recognise (given by the adapter that mapped the record), and
// conditions the history records that no rule of the assessed drug reads. Never in the patient letter.

export interface UnrecognisedProblem {
  system: string;
  code: string;
  display: string;
}

export interface NotWeighed {
  condition: ConditionId;
  status: 'active' | 'resolved';
}

/** Every condition id the drug's rules name (any rule kind, at any depth of its data). */
function conditionsRead(drug: AssessDrug): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, key?: string): void => {
    if (Array.isArray(v)) {
      for (const x of v) {
        if (typeof x === 'string' && key !== undefined && /conditions?$/i.test(key)) out.add(x);
        else walk(x, key);
      }
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, k);
    }
  };
  walk(KNOWLEDGE.rules[drug].rules);
  return out;
}

const READ = new Map<AssessDrug, Set<string>>();

/** The history's conditions that no rule of this drug reads (each once, active before resolved). */
export function notWeighed(history: History, drug: AssessDrug): NotWeighed[] {
  let read = READ.get(drug);
  if (!read) READ.set(drug, (read = conditionsRead(drug)));
  const out = new Map<ConditionId, NotWeighed>();
  for (const c of history.conditions ?? []) {
    if (read.has(c.code)) continue;
    const before = out.get(c.code);
    if (!before || (before.status === 'resolved' && c.status === 'active')) out.set(c.code, { condition: c.code, status: c.status });
  }
  return [...out.values()];
}
