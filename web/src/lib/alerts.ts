import type { Alert } from '../api/types.js';

// Reading the monitoring engine's alerts for display: whether one is cleared, and which results raised it.

export function isAcknowledged(a: Alert): boolean {
  return Boolean(a.acknowledged) || typeof a.acknowledgedAt === 'string';
}

/** The results that raised an alert (the alert's `result` values), keyed by test and date. */
export function alertedResults(alerts: readonly Alert[]): Map<string, Alert[]> {
  const out = new Map<string, Alert[]>();
  for (const a of alerts) {
    const values = Array.isArray(a.values) ? (a.values as { date?: string; test?: string; role?: string }[]) : [];
    for (const v of values) {
      if (v.role !== undefined && v.role !== 'result') continue;
      const key = `${v.test ?? a.test}|${v.date ?? a.date}`;
      out.set(key, [...(out.get(key) ?? []), a]);
    }
  }
  return out;
}
