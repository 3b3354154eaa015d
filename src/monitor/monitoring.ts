import { formatDay, type Day } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { evaluateAlerts, type Acknowledgement, type Alert } from './alerts.js';
import type { MonitoredDrug, MonitoringTestId } from './knowledge.js';
import { missedLookbackStart, recentlyMissed, type MissedEscalation } from './missed.js';
import { derivePlan, followUpEnd, type PlanItem } from './plan.js';
import { mergeResults, resultJson, resultsFromHistory, type MonitoringResult, type MonitoringResultInput } from './results.js';
import { defaultSettings, type ClinicSettings } from './settings.js';
import { ResultIndex, itemDone, itemState, type ItemState, type ItemStatus } from './status.js';
import { firstTreatmentDay, treatmentFromHistory, type Missing } from './treatment.js';

export type MonitoringStatus = 'none' | 'ok' | 'due' | 'overdue' | 'alert';

export interface MonitoringSummary {
  /** none: no monitored treatment; alert: an unacknowledged alert; overdue: an item past its due date still undone. */
  status: MonitoringStatus;
  openAlerts: number;
  overdueItems: number;
  dueItems: number;
  missedItems: number;
  nextDue?: Day;
}

export interface PatientMonitoring {
  patientId: string;
  asOf: Day;
  drugs: MonitoredDrug[];
  /** Last day of monitoring of the drugs with a fixed follow-up (courses pattern: 48 months after the last alemtuzumab infusion), by drug. */
  followUpEnds: { drug: MonitoredDrug; end: Day }[];
  /** The latest of followUpEnds: the day the fixed-length monitoring ends. */
  followUpEnd?: Day;
  /**
   * Missed items whose window closed on or after this day are 'recently missed': the worklist carries
   * them (clinic setting missedLookbackMonths). The plan keeps every missed item regardless.
   */
  missedLookbackStart: Day;
  states: ItemState[];
  /** Every result considered: the history's labs and results recorded since, without duplicates. */
  results: MonitoringResult[];
  alerts: Alert[];
  missing: Missing[];
  summary: MonitoringSummary;
}

export interface MonitoringInput {
  history: History;
  asOf: Day;
  /** Results recorded outside the history (the service's results table, a CLI results file). */
  results?: readonly MonitoringResult[];
  acknowledgements?: readonly Acknowledgement[];
  settings?: ClinicSettings;
}

interface Prepared {
  treatment: ReturnType<typeof treatmentFromHistory>;
  plan: PlanItem[];
  index: ResultIndex;
  drugs: MonitoredDrug[];
  settings: ClinicSettings;
  alerts: ReturnType<typeof evaluateAlerts>;
}

function prepare(input: MonitoringInput, openOnly: boolean): Prepared {
  const { history, asOf } = input;
  const settings = input.settings ?? defaultSettings();
  const treatment = treatmentFromHistory(history);
  const plan = derivePlan(
    { treatments: treatment.drugs, sex: history.sex ?? 'unknown', record: history },
    { settings, asOf, openOnly, closedSince: missedLookbackStart(asOf, settings) },
  );
  const index = new ResultIndex(asOf, { labs: history.labs ?? [], results: input.results ?? [] });
  // A drug is being monitored once its first dose is recorded.
  const drugs: MonitoredDrug[] = [];
  const firstDays: Partial<Record<MonitoredDrug, Day>> = {};
  for (const t of treatment.drugs) {
    const first = firstTreatmentDay(t);
    if (first === undefined) continue;
    drugs.push(t.drug);
    firstDays[t.drug] = first;
  }
  const alerts = evaluateAlerts(index, { patientId: history.id, drugs, firstTreatmentDay: firstDays, settings }, input.acknowledgements);
  return { treatment, plan, index, drugs, settings, alerts };
}

/** The whole monitoring picture of one patient on one day: plan with statuses, results, alerts. */
export function monitorPatient(input: MonitoringInput): PatientMonitoring {
  const { history, asOf } = input;
  const p = prepare(input, false);
  const states = p.plan.map((i) => itemState(i, p.index, asOf));
  const out: PatientMonitoring = {
    patientId: history.id,
    asOf,
    drugs: p.drugs,
    missedLookbackStart: missedLookbackStart(asOf, p.settings),
    states,
    // The full view lists every result once, in date order; the index behind the statuses needs no such care.
    results: mergeResults(resultsFromHistory(history), input.results ?? []),
    alerts: p.alerts.alerts,
    missing: [...p.treatment.missing, ...p.alerts.missing],
    summary: summarise(states, p.alerts.alerts, p.drugs.length > 0),
    followUpEnds: [],
  };
  for (const t of p.treatment.drugs) {
    const end = followUpEnd(t);
    if (end === undefined) continue;
    out.followUpEnds.push({ drug: t.drug, end });
    out.followUpEnd = Math.max(out.followUpEnd ?? end, end);
  }
  return out;
}

// Shared by the done items of the worklist's view, which never show their results (never written to).
const NONE: MonitoringResult[] = [];
const NO_TESTS: MonitoringTestId[] = [];

/** What the worklist needs of one patient. */
export interface OpenMonitoring {
  patientId: string;
  overdue: ItemState[];
  /** Items missed within the lookback (missedLookbackMonths), by due date. */
  missed: ItemState[];
  escalations: MissedEscalation[];
  openAlerts: Alert[];
}

/**
 * What the worklist needs of one patient, computed without the whole plan: the items whose window is
 * open today (only they can be overdue) or closed within the missed-test lookback (recently missed, and
 * the done items between them that break a run of misses), and the open alerts. Same rules, same
 * answers as monitorPatient.
 */
export function openMonitoring(input: MonitoringInput): OpenMonitoring {
  const p = prepare(input, true);
  const overdue: ItemState[] = [];
  const past: ItemState[] = [];
  for (const i of p.plan) {
    // Due today or later: neither overdue nor missed, and after every missed item of its series.
    if (i.due >= input.asOf) continue;
    // A done item only breaks a run of missed ones; its results are not shown, so they are not gathered.
    if (itemDone(i, p.index)) {
      past.push({ item: i, status: 'done', results: NONE, missingTests: NO_TESTS });
      continue;
    }
    const st = itemState(i, p.index, input.asOf);
    if (st.status === 'overdue') overdue.push(st);
    past.push(st);
  }
  const { missed, escalations } = recentlyMissed(past, missedLookbackStart(input.asOf, p.settings), p.index.lastDay());
  return { patientId: input.history.id, overdue, missed, escalations, openAlerts: p.alerts.alerts.filter((a) => !a.acknowledged) };
}

function summarise(states: readonly ItemState[], alerts: readonly Alert[], treated: boolean): MonitoringSummary {
  const count = (s: ItemStatus) => states.reduce((n, x) => n + (x.status === s ? 1 : 0), 0);
  const openAlerts = alerts.filter((a) => !a.acknowledged).length;
  const overdueItems = count('overdue');
  const dueItems = count('due');
  const status: MonitoringStatus = !treated ? 'none' : openAlerts > 0 ? 'alert' : overdueItems > 0 ? 'overdue' : dueItems > 0 ? 'due' : 'ok';
  const summary: MonitoringSummary = { status, openAlerts, overdueItems, dueItems, missedItems: count('missed') };
  const next = states.find((s) => s.status === 'due' || s.status === 'upcoming');
  if (next) summary.nextDue = next.item.due;
  return summary;
}

// ---- the JSON shapes of the API and the CLI (dates as YYYY-MM-DD)

export interface PlanItemJson {
  id: string;
  scheduleId: string;
  drug: MonitoredDrug;
  group: string;
  label: string;
  tests: MonitoringTestId[];
  due: string;
  window: { from: string; to: string };
  course?: number;
  status: ItemStatus;
  completedOn?: string;
  late?: boolean;
  missingTests: MonitoringTestId[];
  results: MonitoringResultInput[];
  sources: string[];
}

export function planItemJson(s: ItemState): PlanItemJson {
  const i = s.item;
  const out: PlanItemJson = {
    id: i.id,
    scheduleId: i.scheduleId,
    drug: i.drug,
    group: i.group,
    label: i.label,
    tests: [...i.tests],
    due: formatDay(i.due),
    window: { from: formatDay(i.from), to: formatDay(i.to) },
    status: s.status,
    missingTests: s.missingTests,
    results: s.results.map(resultJson),
    sources: [...i.sources],
  };
  if (i.course !== undefined) out.course = i.course;
  if (s.completedOn !== undefined) out.completedOn = formatDay(s.completedOn);
  if (s.late !== undefined) out.late = s.late;
  return out;
}

export interface MonitoringBurdenOfPlan {
  planned: number;
  done: number;
  outstanding: number;
  missed: number;
  /** First and last due date of the plan. */
  from?: string;
  to?: string;
}

export interface MonitoringJson {
  patientId: string;
  asOf: string;
  drugs: MonitoredDrug[];
  followUpEnd?: string;
  summary: Omit<MonitoringSummary, 'nextDue'> & { nextDue?: string };
  plan: PlanItemJson[];
  results: MonitoringResultInput[];
  alerts: Alert[];
  burden: MonitoringBurdenOfPlan;
  missing: Missing[];
}

export function monitoringJson(m: PatientMonitoring): MonitoringJson {
  const { nextDue, ...rest } = m.summary;
  const burden: MonitoringBurdenOfPlan = {
    planned: m.states.length,
    done: m.states.filter((s) => s.status === 'done').length,
    outstanding: m.states.filter((s) => s.status === 'upcoming' || s.status === 'due' || s.status === 'overdue').length,
    missed: m.summary.missedItems,
  };
  if (m.states.length > 0) {
    burden.from = formatDay(m.states[0]!.item.due);
    burden.to = formatDay(Math.max(...m.states.map((s) => s.item.due)));
  }
  const out: MonitoringJson = {
    patientId: m.patientId,
    asOf: formatDay(m.asOf),
    drugs: m.drugs,
    summary: { ...rest, ...(nextDue !== undefined ? { nextDue: formatDay(nextDue) } : {}) },
    plan: m.states.map(planItemJson),
    results: m.results.map(resultJson),
    alerts: m.alerts,
    burden,
    missing: m.missing,
  };
  if (m.followUpEnd !== undefined) out.followUpEnd = formatDay(m.followUpEnd);
  return out;
}
