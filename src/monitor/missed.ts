import { addMonths, type Day } from '../history/dates.js';
import { URGENCY_RANK } from './alerts.js';
import { MISSED_RULES, type MissedRule, type Urgency } from './knowledge.js';
import type { ClinicSettings } from './settings.js';
import type { ItemState } from './status.js';

/**
 * Why missed tests raise a patient on the worklist: a rule of knowledge/monitoring/missed.json met by
 * some of the patient's recently missed items. Not an alert (nothing was measured): it asks the clinic
 * to find the patient, not to act on a value.
 */
export interface MissedEscalation {
  ruleId: string;
  urgency: Urgency;
  message: string;
  action: string;
  /** Ids of the missed plan items that meet the rule, by due date. */
  itemIds: string[];
  sources: string[];
}

export interface RecentlyMissed {
  /** Items missed (window closed, a test still without result) whose window closed on or after the lookback start, by due date. */
  missed: ItemState[];
  /** Rules met, most urgent first, then in the order of missed.json. */
  escalations: MissedEscalation[];
}

/**
 * The first day of the worklist's lookback for missed tests: `missedLookbackMonths` before `asOf`
 * (month ends clamped). An item whose window closed on this day still counts; the day before does not.
 * A lookback of 0 months puts it on `asOf`, where nothing can have closed yet: no missed items at all.
 */
export function missedLookbackStart(asOf: Day, settings: ClinicSettings): Day {
  return addMonths(asOf, -Math.round(settings.numbers.missedLookbackMonths));
}

/**
 * The recently missed items of one patient and the escalation rules they meet.
 * `states`: in plan order (due date, then id), at least every item whose window overlaps
 * `since`..asOf (the worklist's partial plan and the full plan give the same answer).
 * `lastResultDay`: the latest result of any test on or before the as-of day, if any.
 */
export function recentlyMissed(
  states: readonly ItemState[],
  since: Day,
  lastResultDay: Day | undefined,
  rules: readonly MissedRule[] = MISSED_RULES,
): RecentlyMissed {
  const recent: ItemState[] = [];
  for (const s of states) if (s.item.to >= since && s.status === 'missed') recent.push(s);
  const escalations: MissedEscalation[] = [];
  if (recent.length === 0) return { missed: recent, escalations };
  for (const rule of rules) {
    const ids =
      rule.kind === 'consecutive' ? consecutiveRuns(states, since, rule.schedules, rule.atLeast) : nothingSince(recent, lastResultDay, rule.schedules);
    if (ids.length > 0)
      escalations.push({ ruleId: rule.id, urgency: rule.urgency, message: rule.message, action: rule.action, itemIds: ids, sources: [...rule.sources] });
  }
  // Stable sort keeps the file's order within one urgency.
  escalations.sort((a, b) => URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency]);
  return { missed: recent, escalations };
}

/**
 * Items of runs of at least `atLeast` missed items in a row of one schedule. "In a row" follows the
 * schedule's own items in due order (a later course's series continues the earlier one's: the patient
 * went unwatched either way); any item of the schedule that is not missed (done, overdue, due,
 * upcoming) breaks the run. Only items whose window closed within the lookback count, so a run that
 * began before it counts only with its recent part.
 */
function consecutiveRuns(states: readonly ItemState[], since: Day, schedules: readonly string[], atLeast: number): string[] {
  const out: ItemState[] = [];
  for (const scheduleId of schedules) {
    let run: ItemState[] = [];
    const flush = () => {
      if (run.length >= atLeast) out.push(...run);
      run = [];
    };
    for (const s of states) {
      if (s.item.scheduleId !== scheduleId || s.item.to < since) continue;
      if (s.status === 'missed') run.push(s);
      else flush();
    }
    flush();
  }
  return inPlanOrder(out);
}

/** Recently missed items (of the listed schedules, or any) with no result of any test dated after their window closed. */
function nothingSince(recent: readonly ItemState[], lastResultDay: Day | undefined, schedules: readonly string[] | undefined): string[] {
  const out: ItemState[] = [];
  for (const s of recent) {
    if (schedules && !schedules.includes(s.item.scheduleId)) continue;
    if (lastResultDay === undefined || lastResultDay <= s.item.to) out.push(s);
  }
  return inPlanOrder(out);
}

function inPlanOrder(states: ItemState[]): string[] {
  return states.sort((a, b) => a.item.due - b.item.due || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0)).map((s) => s.item.id);
}
