import { parseDay, type Day } from '../history/dates.js';
import type { History } from '../history/schema.js';
import { DRUG_MONITORING } from './knowledge.js';

/** An alemtuzumab course: a run of consecutive infusion days. */
export interface Course {
  number: number;
  start: Day;
  end: Day;
  infusionDays: Day[];
}

export interface MitoxantroneRecord {
  doses: Day[];
  /** The day treatment was stopped (the last therapy's end), or undefined while it is ongoing. */
  stopped?: Day;
}

export interface Missing {
  field: string;
  why: string;
}

export interface Treatment {
  alemtuzumab: Course[];
  mitoxantrone?: MitoxantroneRecord;
  missing: Missing[];
}

/**
 * Infusion days grouped into courses. Days no more than `gapDays` apart belong to one course (the
 * label gives 5, then 3 consecutive days); a later run starts a new course.
 */
export function coursesFromDays(days: readonly Day[], gapDays = DRUG_MONITORING.alemtuzumab.courseGapDays): Course[] {
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

/** The treatment record the monitoring plan is derived from; therapies without doses are reported missing. */
export function treatmentFromHistory(history: History): Treatment {
  const missing: Missing[] = [];
  const alemDays: Day[] = [];
  const mitoDoses: Day[] = [];
  const mitoEnds: (Day | undefined)[] = [];
  (history.therapies ?? []).forEach((t, i) => {
    if (t.drug !== 'alemtuzumab' && t.drug !== 'mitoxantrone') return;
    const days = (t.doses ?? []).map((d) => parseDay(d.date)).filter((d): d is Day => d !== undefined);
    if (days.length === 0) {
      missing.push({
        field: `$.therapies[${i}].doses`,
        why: `${t.drug} from ${t.start} has no recorded ${t.drug === 'alemtuzumab' ? 'infusion days' : 'doses'}; the monitoring plan is dated from them`,
      });
    }
    if (t.drug === 'alemtuzumab') alemDays.push(...days);
    else {
      mitoDoses.push(...days);
      mitoEnds.push(t.end === undefined ? undefined : parseDay(t.end));
    }
  });
  const treatment: Treatment = { alemtuzumab: coursesFromDays(alemDays), missing };
  if (mitoEnds.length > 0) {
    const doses = [...new Set(mitoDoses)].sort((a, b) => a - b);
    // Stopped only when every mitoxantrone therapy has ended: one ongoing therapy keeps the dosing phase open.
    const ended = mitoEnds.every((e) => e !== undefined);
    const lastEnd = ended ? Math.max(...(mitoEnds as Day[]), ...doses) : undefined;
    treatment.mitoxantrone = lastEnd === undefined ? { doses } : { doses, stopped: lastEnd };
  }
  return treatment;
}
