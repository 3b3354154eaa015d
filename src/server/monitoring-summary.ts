import type { Day } from '../history/dates.js';
import type { AppContext } from './context.js';

export interface MonitoringSummary {
  status: 'none' | 'ok' | 'due' | 'overdue' | 'alert';
  openAlerts: number;
  overdueItems: number;
}

/** Each listed patient's monitoring standing for the patient list (docs/api.md `PatientSummary.monitoring`). */
export async function monitoringSummaries(ctx: AppContext, ids: readonly string[], asOf: Day): Promise<Map<string, MonitoringSummary>> {
  // Computed by the monitoring module (src/server/routes/monitor.ts) from the same plan and alerts.
  const { monitoringSummariesFor } = await import('./routes/monitor.js');
  return monitoringSummariesFor(ctx, ids, asOf);
}
