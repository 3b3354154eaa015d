import { formatDay } from '../history/dates.js';
import { URGENCY_RANK, type Alert } from './alerts.js';
import type { Urgency } from './knowledge.js';
import { recentlyMissed, type MissedEscalation } from './missed.js';
import { openMonitoring, planItemJson, type MonitoringInput, type OpenMonitoring, type PatientMonitoring, type PlanItemJson } from './monitoring.js';
import type { ItemState } from './status.js';

/**
 * Alerts and missed-test escalations (knowledge/monitoring/missed.json) set the urgency; a patient
 * with only overdue or isolated missed tests is 'routine' (chase the test).
 */
export type WorklistUrgency = Urgency | 'routine';
const RANK: Record<WorklistUrgency, number> = { ...URGENCY_RANK, routine: 3 };

export interface WorklistEntry {
  patientId: string;
  urgency: WorklistUrgency;
  overdue: ItemState[];
  /** Items missed within the lookback (clinic setting missedLookbackMonths), by due date. */
  missed: ItemState[];
  /** Missed-test rules met, most urgent first. */
  escalations: MissedEscalation[];
  /** Open (unacknowledged) alerts, most urgent first. */
  alerts: Alert[];
}

/**
 * Every patient with an open alert, an overdue item or a recently missed item, most urgent first: by
 * the most urgent open alert or missed-test escalation, then by how many alerts and escalations of that
 * urgency, then by the oldest overdue or recently missed due date (waiting longest), then by patient id
 * so the order is stable.
 */
export function rankWorklist(patients: Iterable<OpenMonitoring>): WorklistEntry[] {
  const entries: WorklistEntry[] = [];
  for (const p of patients) {
    if (p.openAlerts.length === 0 && p.overdue.length === 0 && p.missed.length === 0) continue;
    let urgency: WorklistUrgency = 'routine';
    const alert = p.openAlerts[0];
    const escalation = p.escalations[0];
    if (alert && RANK[alert.urgency] < RANK[urgency]) urgency = alert.urgency;
    if (escalation && RANK[escalation.urgency] < RANK[urgency]) urgency = escalation.urgency;
    entries.push({ patientId: p.patientId, urgency, overdue: p.overdue, missed: p.missed, escalations: p.escalations, alerts: p.openAlerts });
  }
  const topCount = (e: WorklistEntry) => e.alerts.filter((a) => a.urgency === e.urgency).length + e.escalations.filter((x) => x.urgency === e.urgency).length;
  const oldest = (e: WorklistEntry) => {
    let d = Infinity;
    for (const s of e.overdue) d = Math.min(d, s.item.due);
    for (const s of e.missed) d = Math.min(d, s.item.due);
    return d;
  };
  return entries.sort(
    (a, b) =>
      RANK[a.urgency] - RANK[b.urgency] ||
      topCount(b) - topCount(a) ||
      oldest(a) - oldest(b) ||
      (a.patientId < b.patientId ? -1 : a.patientId > b.patientId ? 1 : 0),
  );
}

/** The worklist from patients' full monitoring pictures. */
export function worklist(patients: Iterable<PatientMonitoring>): WorklistEntry[] {
  const open: OpenMonitoring[] = [];
  for (const p of patients) {
    let last: number | undefined;
    for (const r of p.results) if (r.day <= p.asOf && (last === undefined || r.day > last)) last = r.day;
    const { missed, escalations } = recentlyMissed(p.states, p.missedLookbackStart, last);
    open.push({
      patientId: p.patientId,
      overdue: p.states.filter((s) => s.status === 'overdue'),
      missed,
      escalations,
      openAlerts: p.alerts.filter((a) => !a.acknowledged),
    });
  }
  return rankWorklist(open);
}

/** The worklist straight from the clinic's records, computing only what it shows (the fast path). */
export function clinicWorklist(inputs: Iterable<MonitoringInput>): WorklistEntry[] {
  const open = [];
  for (const i of inputs) open.push(openMonitoring(i));
  return rankWorklist(open);
}

export interface WorklistEntryJson {
  patientId: string;
  urgency: WorklistUrgency;
  overdue: PlanItemJson[];
  /** Added with the missed-test lookback: items missed within it, by due date. */
  missed: PlanItemJson[];
  /** Missed-test rules met (their item ids point into `missed`), most urgent first. */
  escalations: MissedEscalation[];
  alerts: Alert[];
}

export function worklistJson(entries: readonly WorklistEntry[]): { items: WorklistEntryJson[] } {
  return {
    items: entries.map((e) => ({
      patientId: e.patientId,
      urgency: e.urgency,
      overdue: e.overdue.map(planItemJson),
      missed: e.missed.map(planItemJson),
      escalations: e.escalations,
      alerts: e.alerts,
    })),
  };
}

const list = <T>(xs: readonly T[], show: (x: T) => string) => `${xs.slice(0, 3).map(show).join(', ')}${xs.length > 3 ? ', ...' : ''}`;

/** One line per patient for a terminal. */
export function worklistText(entries: readonly WorklistEntry[]): string {
  if (entries.length === 0) return 'No patient has an open alert, an overdue test or a recently missed test.\n';
  return (
    entries
      .map((e) => {
        const parts = [`${e.urgency.toUpperCase().padEnd(9)} ${e.patientId}`];
        if (e.alerts.length)
          parts.push(
            `${e.alerts.length} open alert${e.alerts.length === 1 ? '' : 's'}: ${e.alerts
              .slice(0, 3)
              .map((a) => `${a.ruleId} ${a.date}`)
              .join(', ')}${e.alerts.length > 3 ? ', ...' : ''}`,
          );
        if (e.overdue.length)
          parts.push(
            `${e.overdue.length} overdue: ${e.overdue
              .slice(0, 3)
              .map((s) => `${s.item.group} due ${formatDay(s.item.due)}`)
              .join(', ')}${e.overdue.length > 3 ? ', ...' : ''}`,
          );
        if (e.missed.length) parts.push(`${e.missed.length} missed recently: ${list(e.missed, (s) => `${s.item.group} due ${formatDay(s.item.due)}`)}`);
        for (const x of e.escalations) parts.push(`${x.urgency.toUpperCase()}: ${x.message} (${x.ruleId})`);
        return parts.join('  ');
      })
      .join('\n') + '\n'
  );
}
