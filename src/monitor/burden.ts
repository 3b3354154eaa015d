import { addMonths, ymdFromDay, type Day } from '../history/dates.js';
import { monitoringOf, type DrugMonitoring, type MonitoredDrug, type Schedule } from './knowledge.js';
import { derivePlan, type PlanItem } from './plan.js';
import { defaultSettings, type ClinicSettings } from './settings.js';
import { coursesFromDays, type DrugTreatment } from './treatment.js';

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
  /**
   * Courses (courses pattern) or doses (doses pattern) of the standard treatment; the default and the
   * limits are the drug's `burden` in knowledge/monitoring/schedules.json (alemtuzumab 2 courses,
   * mitoxantrone 8 doses).
   */
  courses?: number;
  sex?: 'female' | 'male' | 'other' | 'unknown';
  /** Doses pattern: months between doses of the protocol assessed (default: the drug's `burden.monthsApart`). */
  monthsApart?: number;
  settings?: ClinicSettings;
  /** The drug's monitoring entry and the schedules, instead of knowledge/monitoring's (tests). */
  monitoring?: DrugMonitoring;
  schedules?: readonly Schedule[];
}

// The burden is the plan itself, derived from the same schedule data for a standard treatment starting on
// an arbitrary day, so the figure shown before treatment is the plan the patient will get.
const START: Day = 20089; // 2025-01-01; any day gives the same counts up to month-end effects

/** The standard treatment the burden counts (n courses or doses), and the words its sentence needs. */
function standardTreatment(
  drug: MonitoredDrug,
  m: DrugMonitoring,
  courses: number | undefined,
  monthsApartOption?: number,
): { treatment: DrugTreatment; words: Record<string, number | string> } {
  if (m.kind === 'courses') {
    const b = m.burden;
    const n = courses ?? b.courses;
    if (!Number.isInteger(n) || n < 1 || n > b.maxCourses) throw new RangeError(`${drug} courses must be 1 to ${b.maxCourses} (${b.maxCoursesWhy})`);
    const days: Day[] = [];
    let start = START;
    for (let c = 1; c <= n; c++) {
      // Each course's infusion days from the data (alemtuzumab: 5, then 3), courses monthsApart apart.
      const length = b.courseDays[Math.min(c, b.courseDays.length) - 1]!;
      for (let d = 0; d < length; d++) days.push(start + d);
      start = addMonths(start, b.monthsApart);
    }
    return {
      treatment: { drug, kind: 'courses', courses: coursesFromDays(days, m.courseGapDays) },
      words: { n, unit: n === 1 ? 'course' : 'courses', monthsApart: b.monthsApart, followUpMonths: m.followUpMonths },
    };
  }
  if (m.kind === 'doses') {
    const b = m.burden;
    const n = courses ?? b.doses;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`${drug} doses must be a whole number of at least 1`);
    const apart = monthsApartOption ?? b.monthsApart;
    if (!Number.isInteger(apart) || apart < 1) throw new RangeError(`${drug} months between doses must be a whole number of at least 1`);
    const doses = Array.from({ length: n }, (_, i) => addMonths(START, apart * i));
    return {
      treatment: { drug, kind: 'doses', doses, stopped: doses[doses.length - 1]! },
      words: {
        n,
        unit: n === 1 ? 'dose' : 'doses',
        monthsApart: apart,
        interval: apart === 1 ? 'every month' : `every ${apart} months`,
        openEndedRepeats: b.openEndedRepeats,
      },
    };
  }
  if (courses !== undefined)
    throw new RangeError(`${drug} is taken continuously: the burden counts ${m.burden.treatedMonths} months of treatment, not courses`);
  // Counted as if stopped after treatedMonths, so that the series taken while on the drug end there.
  return {
    treatment: { drug, kind: 'continuous', start: START, stopped: addMonths(START, m.burden.treatedMonths) },
    words: { treatedMonths: m.burden.treatedMonths },
  };
}

export function monitoringBurden(drug: MonitoredDrug, options: BurdenOptions = {}): MonitoringBurden {
  const settings = options.settings ?? defaultSettings();
  const sex = options.sex ?? 'unknown';
  const m = options.monitoring ?? monitoringOf(drug);
  const { treatment, words } = standardTreatment(drug, m, options.courses, options.monthsApart);
  const plan = derivePlan(
    { treatments: [treatment], sex },
    {
      settings,
      asOf: START,
      ...(m.kind === 'doses' ? { openEndedRepeats: m.burden.openEndedRepeats } : {}),
      ...(options.schedules ? { schedules: options.schedules } : {}),
    },
  );
  const months = plan.length === 0 ? 0 : monthsBetween(START, Math.max(...plan.map((i) => i.due)));
  const tests = plan.length;
  const visits = new Set(plan.map((i) => i.due)).size;
  const all: Record<string, number | string> = { ...words, tests, visits, months };
  return {
    months,
    tests,
    visits,
    // The knowledge loader checked that the sentence names only words its pattern fills.
    detail: m.burden.detail.replace(/\{(\w+)\}/g, (_, w: string) => String(all[w])),
    sources: sourcesOf(plan, m.sources),
  };
}

function monthsBetween(a: Day, b: Day): number {
  const [ya, ma, da] = ymdFromDay(a);
  const [yb, mb, db] = ymdFromDay(b);
  return (yb - ya) * 12 + (mb - ma) - (db < da ? 1 : 0);
}

function sourcesOf(plan: readonly PlanItem[], extra: readonly string[]): string[] {
  return [...new Set([...extra, ...plan.flatMap((i) => i.sources)])].sort();
}
