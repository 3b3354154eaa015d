import type { History } from '../history/schema.js';
import type { ConditionId } from '../history/vocabularies.js';
import type { AssessDrug } from '../drugs/index.js';
import { KNOWLEDGE } from './loaded-knowledge.js';

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

type Status = NotWeighed['status'];

/**
 * Every condition id the drug's rules name (any rule kind, at any depth of its data), with the
 * statuses a rule counts it in: a `condition` rule counts an active one unless it reads only past
 * ones (`resolvedOnly`), and a resolved one only with `countResolved`; other kinds read either.
 */
function conditionsRead(drug: AssessDrug): Map<string, Set<Status>> {
  const out = new Map<string, Set<Status>>();
  const add = (c: string, statuses: readonly Status[]) => {
    let s = out.get(c);
    if (!s) out.set(c, (s = new Set()));
    for (const x of statuses) s.add(x);
  };
  const walk = (v: unknown, statuses: readonly Status[], key?: string): void => {
    if (Array.isArray(v)) {
      for (const x of v) {
        if (typeof x === 'string' && key !== undefined && /conditions?$/i.test(key)) add(x, statuses);
        else walk(x, statuses, key);
      }
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, statuses, k);
    }
  };
  for (const r of KNOWLEDGE.rules[drug].rules) {
    const flags = r as { kind: string; countResolved?: boolean; resolvedOnly?: boolean };
    const statuses: Status[] =
      flags.kind !== 'condition' ? ['active', 'resolved'] : flags.resolvedOnly ? ['resolved'] : flags.countResolved ? ['active', 'resolved'] : ['active'];
    walk(r, statuses);
  }
  return out;
}

const READ = new Map<AssessDrug, Map<string, Set<Status>>>();

/** The history's conditions that no rule of this drug reads (each once, active before resolved). */
export function notWeighed(history: History, drug: AssessDrug): NotWeighed[] {
  let read = READ.get(drug);
  if (!read) READ.set(drug, (read = conditionsRead(drug)));
  const out = new Map<ConditionId, NotWeighed>();
  for (const c of history.conditions ?? []) {
    if (read.get(c.code)?.has(c.status)) continue;
    const before = out.get(c.code);
    if (!before || (before.status === 'resolved' && c.status === 'active')) out.set(c.code, { condition: c.code, status: c.status });
  }
  return [...out.values()];
}
