import type { Alert } from '../api/types.js';

// Reading the monitoring engine's alerts for display: whether one is cleared, and which results raised it.
// The readers also take an alert with fields missing (or the acknowledgement under an older name),
// as they did before the app's types came from the engine.

type AlertLike = Partial<Alert> & { acknowledgedAt?: string };

export function isAcknowledged(a: AlertLike): boolean {
  return Boolean(a.acknowledged) || typeof a.acknowledgedAt === 'string';
}

/** The results that raised an alert (the alert's `result` values), keyed by test and date. */
export function alertedResults<A extends AlertLike>(alerts: readonly A[]): Map<string, A[]> {
  const out = new Map<string, A[]>();
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
