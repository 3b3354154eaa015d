import { addMonths, ymdFromDay, type Day } from '../history/dates.js';
import { DRUG_MONITORING, TEST_GROUPS, type MonitoredDrug } from './knowledge.js';
import { derivePlan } from './plan.js';
import { defaultSettings, type ClinicSettings } from './settings.js';
import { coursesFromDays } from './treatment.js';

export interface MonitoringBurden {
  /** Months from the first infusion or dose to the last test of the plan. */
  months: number;
  /** Tests in the plan (a blood count, a urinalysis, a TSH... each counts once). */
  tests: number;
  /** Distinct days on which a test falls due. */
  visits: number;
  detail: string;
  sources: string[];
}

export interface BurdenOptions {
  /** Alemtuzumab: treatment courses (default 2, as licensed). Mitoxantrone: doses (default 8, the MIMS schedule). */
  courses?: number;
  sex?: 'female' | 'male' | 'other' | 'unknown';
  settings?: ClinicSettings;
}

// The burden is the plan itself, derived from the same schedule data for a standard treatment starting on
// an arbitrary day, so the figure shown before treatment is the plan the patient will get.
const START: Day = 20089; // 2025-01-01; any day gives the same counts up to month-end effects

export function monitoringBurden(drug: MonitoredDrug, options: BurdenOptions = {}): MonitoringBurden {
  const settings = options.settings ?? defaultSettings();
  const sex = options.sex ?? 'unknown';
  if (drug === 'alemtuzumab') {
    const n = options.courses ?? 2;
    if (!Number.isInteger(n) || n < 1 || n > 4) throw new RangeError('alemtuzumab courses must be 1 to 4 (the label allows up to two further courses)');
    const days: Day[] = [];
    let start = START;
    for (let c = 1; c <= n; c++) {
      // Course 1: 5 consecutive days; later courses: 3 days, 12 months after the previous course.
      for (let d = 0; d < (c === 1 ? 5 : 3); d++) days.push(start + d);
      start = addMonths(start, 12);
    }
    const plan = derivePlan({ alemtuzumab: coursesFromDays(days), sex }, { settings, asOf: START });
    const months = monthsBetween(START, Math.max(...plan.map((i) => i.due)));
    const tests = plan.length;
    const visits = new Set(plan.map((i) => i.due)).size;
    const f = DRUG_MONITORING.alemtuzumab.followUpMonths;
    return {
      months, tests, visits,
      detail: `${n} course${n === 1 ? '' : 's'}: ${TEST_GROUPS.cbc!.label.toLowerCase()}, creatinine and urinalysis every month and thyroid function every 3 months until ${f} months after the last infusion, with baseline screening and yearly examinations: ${tests} tests at ${visits} visits over ${months} months.`,
      sources: sourcesOf(plan, DRUG_MONITORING.alemtuzumab.sources),
    };
  }
  const m = DRUG_MONITORING.mitoxantrone;
  const n = options.courses ?? m.burdenDoses;
  if (!Number.isInteger(n) || n < 1) throw new RangeError('mitoxantrone doses must be a whole number of at least 1');
  // Usual schedule: one dose every 3 months.
  const doses = Array.from({ length: n }, (_, i) => addMonths(START, 3 * i));
  const stopped = doses[doses.length - 1]!;
  const plan = derivePlan({ alemtuzumab: [], mitoxantrone: { doses, stopped }, sex }, { settings, asOf: START, openEndedRepeats: m.burdenYearsAfterStop });
  const months = monthsBetween(START, Math.max(...plan.map((i) => i.due)));
  const tests = plan.length;
  const visits = new Set(plan.map((i) => i.due)).size;
  return {
    months, tests, visits,
    detail: `${n} dose${n === 1 ? '' : 's'} every 3 months: LVEF, blood count and liver tests before every dose, then LVEF every year after stopping (for life; ${m.burdenYearsAfterStop} years counted here): ${tests} tests at ${visits} visits over ${months} months.`,
    sources: sourcesOf(plan, m.sources),
  };
}

function monthsBetween(a: Day, b: Day): number {
  const [ya, ma, da] = ymdFromDay(a);
  const [yb, mb, db] = ymdFromDay(b);
  return (yb - ya) * 12 + (mb - ma) - (db < da ? 1 : 0);
}

function sourcesOf(plan: readonly { sources: readonly string[] }[], extra: readonly string[]): string[] {
  return [...new Set([...extra, ...plan.flatMap((i) => i.sources)])].sort();
}
