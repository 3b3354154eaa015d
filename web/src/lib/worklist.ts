// What the worklist view says about a patient's recently missed tests. The server adds `missed` and
// `escalations` to each entry (additive API fields); an older server sends neither, which shows as
// nothing missed rather than failing.
import type { PlanItem, WorklistItem } from '../api/types.js';
import { dueDate, itemLabel } from './calendar.js';

/** A missed-test rule (knowledge/monitoring/missed.json) that raised the patient's urgency. */
export interface MissedEscalation {
  ruleId: string;
  urgency: string;
  message: string;
  action: string;
  itemIds: string[];
  sources: string[];
}

export type WorklistEntry = WorklistItem & { missed?: PlanItem[]; escalations?: MissedEscalation[] };

export interface MissedGroup {
  label: string;
  count: number;
  /** The latest due date among the group's missed items. */
  lastDue?: string;
}

/** Missed items grouped by what they ask for, in order of first appearance: "Full blood count x2, last due ...". */
export function missedGroups(entry: WorklistEntry): MissedGroup[] {
  const groups = new Map<string, MissedGroup>();
  for (const item of entry.missed ?? []) {
    const label = itemLabel(item);
    const due = dueDate(item);
    const g = groups.get(label) ?? { label, count: 0 };
    g.count += 1;
    if (due !== undefined && (g.lastDue === undefined || due > g.lastDue)) g.lastDue = due;
    groups.set(label, g);
  }
  return [...groups.values()];
}

export function missedCount(entry: WorklistEntry): number {
  return entry.missed?.length ?? 0;
}

/** One line per group for the table cell. */
export function missedGroupText(g: MissedGroup): string {
  return `${g.label}${g.count > 1 ? ` ×${g.count}` : ''}${g.lastDue ? ` (last due ${g.lastDue})` : ''}`;
}
