import { formatDay } from '../history/dates.js';
import { URGENCY_RANK, type Alert } from './alerts.js';
import type { Urgency } from './knowledge.js';
import { openMonitoring, planItemJson, type MonitoringInput, type PatientMonitoring, type PlanItemJson } from './monitoring.js';
import type { ItemState } from './status.js';

/** Alerts set the urgency; a patient with only overdue tests is 'routine' (chase the test). */
export type WorklistUrgency = Urgency | 'routine';
const RANK: Record<WorklistUrgency, number> = { ...URGENCY_RANK, routine: 3 };

export interface WorklistEntry {
  patientId: string;
  urgency: WorklistUrgency;
  overdue: ItemState[];
  /** Open (unacknowledged) alerts, most urgent first. */
  alerts: Alert[];
}

/**
 * Every patient with an open alert or an overdue item, most urgent first: by the most urgent open
 * alert, then by how many alerts of that urgency, then by the oldest overdue due date (waiting longest),
 * then by patient id so the order is stable.
 */
export function rankWorklist(patients: Iterable<{ patientId: string; overdue: ItemState[]; openAlerts: Alert[] }>): WorklistEntry[] {
  const entries: WorklistEntry[] = [];
  for (const p of patients) {
    if (p.openAlerts.length === 0 && p.overdue.length === 0) continue;
    const urgency: WorklistUrgency = p.openAlerts.length > 0 ? p.openAlerts[0]!.urgency : 'routine';
    entries.push({ patientId: p.patientId, urgency, overdue: p.overdue, alerts: p.openAlerts });
  }
  const topCount = (e: WorklistEntry) => e.alerts.filter((a) => a.urgency === e.urgency).length;
  const oldest = (e: WorklistEntry) => (e.overdue.length ? Math.min(...e.overdue.map((s) => s.item.due)) : Infinity);
  return entries.sort(
    (a, b) => RANK[a.urgency] - RANK[b.urgency] || topCount(b) - topCount(a) || oldest(a) - oldest(b) || (a.patientId < b.patientId ? -1 : a.patientId > b.patientId ? 1 : 0),
  );
}

/** The worklist from patients' full monitoring pictures. */
export function worklist(patients: Iterable<PatientMonitoring>): WorklistEntry[] {
  const open = [];
  for (const p of patients) open.push({ patientId: p.patientId, overdue: p.states.filter((s) => s.status === 'overdue'), openAlerts: p.alerts.filter((a) => !a.acknowledged) });
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
  alerts: Alert[];
}

export function worklistJson(entries: readonly WorklistEntry[]): { items: WorklistEntryJson[] } {
  return { items: entries.map((e) => ({ patientId: e.patientId, urgency: e.urgency, overdue: e.overdue.map(planItemJson), alerts: e.alerts })) };
}

/** One line per patient for a terminal. */
export function worklistText(entries: readonly WorklistEntry[]): string {
  if (entries.length === 0) return 'No patient has an open alert or an overdue test.\n';
  return entries
    .map((e) => {
      const parts = [`${e.urgency.toUpperCase().padEnd(9)} ${e.patientId}`];
      if (e.alerts.length) parts.push(`${e.alerts.length} open alert${e.alerts.length === 1 ? '' : 's'}: ${e.alerts.slice(0, 3).map((a) => `${a.ruleId} ${a.date}`).join(', ')}${e.alerts.length > 3 ? ', ...' : ''}`);
      if (e.overdue.length) parts.push(`${e.overdue.length} overdue: ${e.overdue.slice(0, 3).map((s) => `${s.item.group} due ${formatDay(s.item.due)}`).join(', ')}${e.overdue.length > 3 ? ', ...' : ''}`);
      return parts.join('  ');
    })
    .join('\n') + '\n';
}
