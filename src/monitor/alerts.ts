import { formatDay, type Day } from '../history/dates.js';
import { LAB_UNITS } from '../history/units.js';
import { ALERT_RULES, SETTING_DOCS, URGENCIES, type AlertRule, type MonitoredDrug, type MonitoringTestId, type Urgency } from './knowledge.js';
import type { Missing } from './treatment.js';
import type { MonitoringResult } from './results.js';
import type { ClinicSettings } from './settings.js';
import type { ResultIndex } from './status.js';

export interface AlertValue {
  date: string;
  test: MonitoringTestId;
  value: number | 'positive' | 'negative';
  unit?: string;
  /** What the value is to the rule: the result that raised it, or the value it was compared with. */
  role: 'result' | 'previous' | 'baseline';
}

export interface Acknowledgement {
  alertId: string;
  at: string;
  by: string;
  note?: string;
}

export interface Alert {
  /** `<patient id>/<rule id>/<date>`: stable, so an acknowledgement stays attached when the plan is re-derived. */
  id: string;
  ruleId: string;
  condition: string;
  urgency: Urgency;
  date: string;
  test: MonitoringTestId;
  message: string;
  action: string;
  /** The values that raised it. */
  values: AlertValue[];
  threshold: { setting: string; value: number; unit: string };
  sources: string[];
  acknowledged?: { at: string; by: string; note?: string };
}

export const URGENCY_RANK: Record<Urgency, number> = { emergency: 0, urgent: 1, soon: 2 };

export interface AlertContext {
  patientId: string;
  drugs: readonly MonitoredDrug[];
  /** The first treatment day per drug: results from then on are monitored; the last result before is the baseline. */
  firstTreatmentDay: Partial<Record<MonitoredDrug, Day>>;
  settings: ClinicSettings;
}

export interface AlertEvaluation {
  alerts: Alert[];
  /** A rule that needs a baseline the record lacks says so instead of staying silent. */
  missing: Missing[];
}

/**
 * Runs the alert rules of the drugs being monitored over the results from the first treatment day.
 * For one result only the most urgent rule of each condition is raised (platelets of 20 are an
 * emergency, not also a 'low' and a 'falling' alert).
 */
export function evaluateAlerts(index: ResultIndex, ctx: AlertContext, acknowledgements: readonly Acknowledgement[] = []): AlertEvaluation {
  const rules = ALERT_RULES.filter((r) => r.drugs.some((d) => ctx.drugs.includes(d)));
  const best = new Map<string, { rule: AlertRule; alert: Alert }>();
  const missing: Missing[] = [];
  const acks = new Map(acknowledgements.map((a) => [a.alertId, a]));
  for (const rule of rules) {
    const start = Math.min(...rule.drugs.map((d) => ctx.firstTreatmentDay[d] ?? Infinity));
    if (start === Infinity) continue;
    const b = index.bucket(rule.test);
    if (!b) {
      if (rule.kind === 'rise-from-baseline' || rule.kind === 'fall-from-baseline-points') {
        missing.push({
          field: `labs.${rule.test}`,
          why: `no ${rule.test} on or before the first treatment day ${formatDay(start)}: rule ${rule.id} cannot judge a change from baseline`,
        });
      }
      continue;
    }
    const { days, values } = b;
    const threshold = ctx.settings.numbers[rule.setting];
    let baseline = -1;
    if (rule.kind === 'rise-from-baseline' || rule.kind === 'fall-from-baseline-points') {
      for (let i = 0; i < days.length && days[i]! <= start; i++) if (typeof values[i] === 'number') baseline = i;
      if (baseline < 0) {
        missing.push({
          field: `labs.${rule.test}`,
          why: `no ${rule.test} on or before the first treatment day ${formatDay(start)}: rule ${rule.id} cannot judge a change from baseline`,
        });
        continue;
      }
    }
    // `earlier` is the last numeric result on a day before the current one: two counts on one day are
    // not a trend.
    let earlier = -1;
    let current = -1;
    // For turns-positive, the last result of any kind on an earlier day (a negative before a positive).
    let earlierAny = -1;
    let currentAny = -1;
    for (let i = 0; i < days.length; i++) {
      const v = values[i]!;
      if (typeof v === 'number') {
        if (current >= 0 && days[i]! > days[current]!) earlier = current;
        current = i;
      }
      if (currentAny >= 0 && days[i]! > days[currentAny]!) earlierAny = currentAny;
      currentAny = i;
      if (days[i]! < start) continue;
      const prior = rule.kind === 'turns-positive' ? earlierAny : earlier;
      const against = fires(
        rule,
        v,
        days[i]!,
        threshold,
        prior >= 0 ? values[prior]! : undefined,
        baseline >= 0 ? values[baseline]! : undefined,
        baseline >= 0 ? days[baseline]! : 0,
      );
      if (against === false) continue;
      const r = index.result(rule.test, i);
      const compared =
        against === 'previous'
          ? { value: index.result(rule.test, rule.kind === 'turns-positive' ? earlierAny : earlier), role: against }
          : against === 'baseline'
            ? { value: index.result(rule.test, baseline), role: against }
            : undefined;
      const alert = makeAlert(rule, r, threshold, ctx.patientId, compared);
      const ack = acks.get(alert.id);
      if (ack) alert.acknowledged = { at: ack.at, by: ack.by, ...(ack.note !== undefined ? { note: ack.note } : {}) };
      const key = `${rule.condition}|${r.day}|${String(r.value)}`;
      const held = best.get(key);
      if (!held || URGENCY_RANK[rule.urgency] < URGENCY_RANK[held.rule.urgency]) best.set(key, { rule, alert });
    }
  }
  const byId = new Map<string, Alert>();
  for (const { alert } of best.values()) if (!byId.has(alert.id)) byId.set(alert.id, alert);
  const alerts = [...byId.values()].sort(
    (a, b) => URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || (a.id < b.id ? -1 : 1),
  );
  return { alerts, missing };
}

type Value = MonitoringResult['value'];

/** true when the rule fires on the value alone; which value it was compared with when it fired against another; false otherwise. */
function fires(
  rule: AlertRule,
  v: Value,
  day: Day,
  threshold: number,
  previous: Value | undefined,
  baseline: Value | undefined,
  baselineDay: Day,
): boolean | 'previous' | 'baseline' {
  switch (rule.kind) {
    case 'below':
      return typeof v === 'number' && v < threshold;
    case 'above':
      return typeof v === 'number' && v > threshold;
    case 'grade-at-least':
      return isPositive(v, threshold);
    case 'turns-positive':
      // Seroconversion: positive now, negative at the result before; a first result that is positive is
      // a known status (judged by the assessment), not a change.
      return isPositive(v, threshold) && previous !== undefined && !isPositive(previous, threshold) ? 'previous' : false;
    case 'fall-from-previous':
      return typeof v === 'number' && typeof previous === 'number' && v <= previous * (1 - threshold / 100) ? 'previous' : false;
    case 'rise-from-baseline':
      return typeof v === 'number' && typeof baseline === 'number' && day > baselineDay && v >= baseline * (1 + threshold / 100) ? 'baseline' : false;
    case 'fall-from-baseline-points':
      return typeof v === 'number' && typeof baseline === 'number' && day > baselineDay && baseline - v >= threshold ? 'baseline' : false;
  }
}

function isPositive(v: Value, threshold: number): boolean {
  return v === 'positive' || (typeof v === 'number' && v >= threshold);
}

function valueOf(r: MonitoringResult, role: AlertValue['role']): AlertValue {
  const out: AlertValue = { date: formatDay(r.day), test: r.test, value: r.value, role };
  if (r.unit !== undefined) out.unit = r.unit;
  return out;
}

function makeAlert(
  rule: AlertRule,
  r: MonitoringResult,
  threshold: number,
  patientId: string,
  compared?: { value: MonitoringResult; role: 'previous' | 'baseline' },
): Alert {
  const date = formatDay(r.day);
  const values = [valueOf(r, 'result')];
  if (compared) values.push(valueOf(compared.value, compared.role));
  return {
    id: `${patientId}/${rule.id}/${date}`,
    ruleId: rule.id,
    condition: rule.condition,
    urgency: rule.urgency,
    date,
    test: rule.test,
    message: rule.message,
    action: rule.action,
    values,
    threshold: {
      setting: rule.setting,
      value: threshold,
      unit: SETTING_DOCS[rule.setting]?.unit ?? (LAB_UNITS as Partial<Record<string, { unit?: string }>>)[rule.test]?.unit ?? '',
    },
    sources: [...rule.sources],
  };
}

export function mostUrgent(urgencies: readonly Urgency[]): Urgency | undefined {
  return URGENCIES.find((u) => urgencies.includes(u));
}
