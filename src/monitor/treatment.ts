import { parseDay, type Day } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { MONITORED_DRUGS, monitoringOf, type DrugMonitoring, type MonitoredDrug } from './knowledge.js';

/** A course of a pulsed therapy: a run of infusion days no more than the drug's courseGapDays apart. */
export interface Course {
  number: number;
  start: Day;
  end: Day;
  infusionDays: Day[];
}

/**
 * One monitored drug's treatment record, in the shape of its treatment pattern (knowledge/monitoring
 * schedules.json `drugs.<drug>.kind`): what its monitoring plan is dated from.
 */
export type DrugTreatment =
  | { drug: MonitoredDrug; kind: 'courses'; courses: Course[] }
  | {
      drug: MonitoredDrug;
      kind: 'doses';
      doses: Day[];
      /** The day treatment was stopped (the last therapy's end), or undefined while it is ongoing. */
      stopped?: Day;
    }
  | {
      drug: MonitoredDrug;
      kind: 'continuous';
      /** The start of the current treatment period (therapies that overlap or follow without a gap make one period). */
      start: Day;
      /** Its end, or undefined while it is ongoing. */
      stopped?: Day;
    };

export interface Missing {
  field: string;
  why: string;
}

export interface Treatment {
  /** Every monitored drug the history records a therapy of, in the registry's order. */
  drugs: DrugTreatment[];
  missing: Missing[];
}

/**
 * Infusion days grouped into courses. Days no more than `gapDays` apart belong to one course (for
 * alemtuzumab the label gives 5, then 3 consecutive days); a later run starts a new course.
 */
export function coursesFromDays(days: readonly Day[], gapDays: number): Course[] {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const courses: Course[] = [];
  for (const d of sorted) {
    const last = courses[courses.length - 1];
    if (last && d - last.end <= gapDays) {
      last.end = d;
      last.infusionDays.push(d);
    } else {
      courses.push({ number: courses.length + 1, start: d, end: d, infusionDays: [d] });
    }
  }
  return courses;
}

/** The first day of treatment, from which results are monitored (undefined while nothing is recorded). */
export function firstTreatmentDay(t: DrugTreatment): Day | undefined {
  return t.kind === 'courses' ? t.courses[0]?.start : t.kind === 'doses' ? t.doses[0] : t.start;
}

/** One drug's therapies in the record: their dose days, and their exact start and end days. */
interface Gathered {
  days: Day[];
  periods: { start: Day; end: Day | undefined }[];
  ends: (Day | undefined)[];
}

/**
 * The treatment record the monitoring plan is derived from; therapies without what their pattern is
 * dated from (doses, or an exact start day) are reported missing. `monitoring` is the drugs' entries of
 * knowledge/monitoring/schedules.json (tests pass others).
 */
export function treatmentFromHistory(
  history: History,
  monitoring: (drug: MonitoredDrug) => DrugMonitoring = monitoringOf,
  drugs: readonly MonitoredDrug[] = MONITORED_DRUGS,
): Treatment {
  const missing: Missing[] = [];
  const gathered = new Map<MonitoredDrug, Gathered>();
  (history.therapies ?? []).forEach((t, i) => {
    if (!(drugs as readonly string[]).includes(t.drug)) return;
    const drug = t.drug as MonitoredDrug;
    const m = monitoring(drug);
    let g = gathered.get(drug);
    if (!g) gathered.set(drug, (g = { days: [], periods: [], ends: [] }));
    // Stopped on a day not recorded: dated from its start, the earliest it can have ended, and said.
    const end = t.end !== undefined ? parseDay(t.end) : t.endUnknown === true ? parseDay(t.start) : undefined;
    if (t.endUnknown === true && t.end === undefined) {
      missing.push({
        field: `$.therapies[${i}].end`,
        why: `${t.drug} from ${t.start} was stopped on a day not recorded: monitoring after stopping is dated from its start, the earliest it can have ended; record the end`,
      });
    }
    if (m.kind === 'continuous') {
      const start = parseDay(t.start);
      if (start === undefined) {
        missing.push({ field: `$.therapies[${i}].start`, why: `${t.drug} from ${t.start} has no exact start day; the monitoring plan is dated from it` });
        return;
      }
      if (t.end !== undefined && end === undefined) {
        missing.push({ field: `$.therapies[${i}].end`, why: `${t.drug} ended ${t.end}, not an exact day: monitored as if ongoing` });
      }
      g.periods.push({ start, end });
      return;
    }
    const days = (t.doses ?? []).map((d) => parseDay(d.date)).filter((d): d is Day => d !== undefined);
    if (days.length === 0) {
      missing.push({
        field: `$.therapies[${i}].doses`,
        why: `${t.drug} from ${t.start} has no recorded ${m.recordedAs}; the monitoring plan is dated from them`,
      });
    }
    g.days.push(...days);
    g.ends.push(end);
  });
  const out: DrugTreatment[] = [];
  for (const drug of drugs) {
    const g = gathered.get(drug);
    if (!g) continue;
    const m = monitoring(drug);
    if (m.kind === 'courses') {
      out.push({ drug, kind: 'courses', courses: coursesFromDays(g.days, m.courseGapDays) });
    } else if (m.kind === 'doses') {
      const doses = [...new Set(g.days)].sort((a, b) => a - b);
      // Stopped only when every therapy of the drug has ended: one ongoing therapy keeps the dosing phase open.
      const ended = g.ends.every((e) => e !== undefined);
      const lastEnd = ended ? Math.max(...(g.ends as Day[]), ...doses) : undefined;
      out.push(lastEnd === undefined ? { drug, kind: 'doses', doses } : { drug, kind: 'doses', doses, stopped: lastEnd });
    } else {
      const period = currentPeriod(g.periods);
      if (period)
        out.push(
          period.end === undefined ? { drug, kind: 'continuous', start: period.start } : { drug, kind: 'continuous', start: period.start, stopped: period.end },
        );
    }
  }
  return { drugs: out, missing };
}

/**
 * The latest treatment period: therapies that overlap or follow on the next day join into one. A
 * restart after a gap begins a new period, whose baseline tests and series start again.
 */
function currentPeriod(periods: readonly { start: Day; end: Day | undefined }[]): { start: Day; end: Day | undefined } | undefined {
  let current: { start: Day; end: Day | undefined } | undefined;
  for (const p of [...periods].sort((a, b) => a.start - b.start)) {
    if (current && (current.end === undefined || p.start <= current.end + 1)) {
      current.end = current.end === undefined || p.end === undefined ? undefined : Math.max(current.end, p.end);
    } else current = { ...p };
  }
  return current;
}

/** The treatment of `drug` in the record, if any. */
export function treatmentOf(t: Treatment, drug: MonitoredDrug): DrugTreatment | undefined {
  return t.drugs.find((d) => d.drug === drug);
}
