import { checkedKnowledge } from '../knowledge/checked.js';
import type { AlertRule, DrugMonitoring, MissedRule, MonitoredDrug, MonitoringKnowledge, Schedule } from './knowledge-files.js';

// The monitoring rules are data (knowledge/monitoring/*.json, described in its README.md), checked by
// knowledge-files.ts; the engine reads the result, from the build's record when the files are
// unchanged (src/knowledge/checked.ts), so that a command does not load the schema library to check
// the same files again.

export { EXAM_IDS, MONITORING_TEST_IDS, TIMINGS_OF, URGENCIES, type ExamId, type MonitoringTestId, type Urgency } from './vocabulary.js';
export type {
  AlertRule,
  DrugMonitoring,
  MissedRule,
  MonitoredDrug,
  MonitoringFiles,
  MonitoringKnowledge,
  NumberSettingName,
  PatientCondition,
  Schedule,
  Timing,
  TimingKind,
  TreatmentKind,
} from './knowledge-files.js';

const knowledge: MonitoringKnowledge = await checkedKnowledge('monitor', async () => (await import('./knowledge-files.js')).MONITORING_KNOWLEDGE);
export const TEST_GROUPS = knowledge.testGroups;
export const EXAMS_FROM_LABS = knowledge.examsFromLabs;
export const MONITORED_DRUGS: readonly MonitoredDrug[] = knowledge.monitoredDrugs;
export const SCHEDULES: readonly Schedule[] = knowledge.schedules;
export const MONITORING_VERSION = knowledge.version;
export const SETTING_DOCS = knowledge.settingDocs;
export const DEFAULT_TIME_ZONE = knowledge.defaultTimeZone;
export const ALERT_RULES: readonly AlertRule[] = knowledge.alertRules;
export const MISSED_RULES: readonly MissedRule[] = knowledge.missedRules;
const NUMBER_SETTING_NAMES = knowledge.settingNames;
export { NUMBER_SETTING_NAMES };

const SCHEDULES_OF = new Map<MonitoredDrug, Schedule[]>();
for (const s of SCHEDULES) {
  const list = SCHEDULES_OF.get(s.drug);
  if (list) list.push(s);
  else SCHEDULES_OF.set(s.drug, [s]);
}
const NO_SCHEDULES: readonly Schedule[] = [];

/** The drug's schedules, in file order. */
export function schedulesOf(drug: MonitoredDrug): readonly Schedule[] {
  return SCHEDULES_OF.get(drug) ?? NO_SCHEDULES;
}

/** Whether the drug has a monitoring entry (a registry drug may have none yet). */
export function isMonitoredDrug(drug: string): drug is MonitoredDrug {
  return knowledge.drugs[drug as MonitoredDrug] !== undefined;
}

/** How a monitored drug is monitored; throws for a drug without a monitoring entry. */
export function monitoringOf(drug: MonitoredDrug): DrugMonitoring {
  const m = knowledge.drugs[drug];
  if (!m) throw new RangeError(`${drug} has no monitoring entry (knowledge/monitoring/schedules.json drugs)`);
  return m;
}
