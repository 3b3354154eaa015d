import { parseDay, type Day } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { MONITORED_DRUGS, monitoringOf, type MonitoredDrug } from './knowledge.js';

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
  return t.kind === 'courses' ? t.courses[0]?.start : t.doses[0];
}

/** One drug's dose days and therapy ends, gathered across its therapies. */
interface Gathered {
  days: Day[];
  ends: (Day | undefined)[];
}

/** The treatment record the monitoring plan is derived from; therapies without doses are reported missing. */
export function treatmentFromHistory(history: History): Treatment {
  const missing: Missing[] = [];
  const gathered = new Map<MonitoredDrug, Gathered>();
  (history.therapies ?? []).forEach((t, i) => {
    if (!(MONITORED_DRUGS as readonly string[]).includes(t.drug)) return;
    const drug = t.drug as MonitoredDrug;
    const days = (t.doses ?? []).map((d) => parseDay(d.date)).filter((d): d is Day => d !== undefined);
    if (days.length === 0) {
      missing.push({
        field: `$.therapies[${i}].doses`,
        why: `${t.drug} from ${t.start} has no recorded ${monitoringOf(drug).recordedAs}; the monitoring plan is dated from them`,
      });
    }
    let g = gathered.get(drug);
    if (!g) gathered.set(drug, (g = { days: [], ends: [] }));
    g.days.push(...days);
    g.ends.push(t.end === undefined ? undefined : parseDay(t.end));
  });
  const drugs: DrugTreatment[] = [];
  for (const drug of MONITORED_DRUGS) {
    const g = gathered.get(drug);
    if (!g) continue;
    const m = monitoringOf(drug);
    if (m.kind === 'courses') {
      drugs.push({ drug, kind: 'courses', courses: coursesFromDays(g.days, m.courseGapDays) });
    } else {
      const doses = [...new Set(g.days)].sort((a, b) => a - b);
      // Stopped only when every therapy of the drug has ended: one ongoing therapy keeps the dosing phase open.
      const ended = g.ends.every((e) => e !== undefined);
      const lastEnd = ended ? Math.max(...(g.ends as Day[]), ...doses) : undefined;
      drugs.push(lastEnd === undefined ? { drug, kind: 'doses', doses } : { drug, kind: 'doses', doses, stopped: lastEnd });
    }
  }
  return { drugs, missing };
}

/** The treatment of `drug` in the record, if any. */
export function treatmentOf(t: Treatment, drug: MonitoredDrug): DrugTreatment | undefined {
  return t.drugs.find((d) => d.drug === drug);
}
