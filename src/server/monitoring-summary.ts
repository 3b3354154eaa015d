import type { Day } from '../history/dates.js';
import type { AppContext } from './context.js';

export interface MonitoringSummary {
  status: 'none' | 'ok' | 'due' | 'overdue' | 'alert';
  openAlerts: number;
  overdueItems: number;
}

/** Each listed patient's monitoring standing for the patient list (docs/api.md `PatientSummary.monitoring`). */
export async function monitoringSummaries(_ctx: AppContext, _ids: readonly string[], _asOf: Day): Promise<Map<string, MonitoringSummary>> {
  return new Map();
}
