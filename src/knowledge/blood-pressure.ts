// The office blood-pressure grades (knowledge/definitions/blood-pressure.json): the one definition of
// a raised reading that the assessment's blood-pressure rules and monitoring's blood-pressure check
// both read. Checked by hand when the module loads, as the course definitions are, so that loading it
// costs no schema library.

import bloodPressureJson from '../../knowledge/definitions/blood-pressure.json' with { type: 'json' };

export interface BloodPressureGrade {
  name: string;
  systolic: number;
  diastolic: number;
}
export interface BloodPressureDefinition {
  unit: string;
  sources: string[];
  /** From the lowest grade (where a reading counts as raised) up; each bound above the one before. */
  grades: BloodPressureGrade[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const positive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** The definition, or an error naming the field that is wrong. Exported for its test. */
export function checkBloodPressure(json: unknown): BloodPressureDefinition {
  const fail = (where: string, what: string): never => {
    throw new Error(`knowledge/definitions/blood-pressure.json: ${where} ${what}`);
  };
  if (!isObject(json)) return fail('the file', 'must be an object');
  for (const k of Object.keys(json)) if (!['note', 'unit', 'sources', 'grades'].includes(k)) fail(k, 'is not a field of the file');
  if (typeof json.note !== 'string' || json.note === '') fail('note', 'must be non-empty text');
  if (typeof json.unit !== 'string' || json.unit === '') fail('unit', 'must be non-empty text');
  if (!Array.isArray(json.sources) || json.sources.length === 0 || !json.sources.every((s) => typeof s === 'string' && s !== ''))
    fail('sources', 'must list at least one source id');
  if (!Array.isArray(json.grades) || json.grades.length === 0) return fail('grades', 'must list at least one grade');
  const grades: BloodPressureGrade[] = json.grades.map((g: unknown, i: number) => {
    const at = `grades.${i}`;
    if (!isObject(g)) return fail(at, 'must be an object');
    for (const k of Object.keys(g)) if (!['name', 'systolic', 'diastolic'].includes(k)) fail(`${at}.${k}`, 'is not a field of a grade');
    if (typeof g.name !== 'string' || g.name === '') fail(`${at}.name`, 'must be non-empty text');
    if (!positive(g.systolic)) fail(`${at}.systolic`, 'must be a positive number');
    if (!positive(g.diastolic)) fail(`${at}.diastolic`, 'must be a positive number');
    return { name: g.name as string, systolic: g.systolic as number, diastolic: g.diastolic as number };
  });
  grades.forEach((g, i) => {
    const before = grades[i - 1];
    if (before && (g.systolic <= before.systolic || g.diastolic <= before.diastolic)) fail(`grades.${i}`, 'must have bounds above the grade before it');
  });
  return { unit: json.unit as string, sources: json.sources as string[], grades };
}

export const BLOOD_PRESSURE: Readonly<BloodPressureDefinition> = checkBloodPressure(bloodPressureJson);

/** One reading: the systolic and diastolic values of one date. */
export interface BloodPressureReading {
  systolic?: number;
  diastolic?: number;
}

/**
 * The readings among a list of results, by date: the systolic-bp and diastolic-bp values of one day
 * are one reading (the highest of each, if repeated). `counts` leaves out results by their date.
 */
export function bloodPressureReadings(
  labs: readonly { date: string; test: string; value: unknown }[],
  counts: (date: string) => boolean = () => true,
): Map<string, BloodPressureReading> {
  const byDate = new Map<string, BloodPressureReading>();
  for (const l of labs) {
    if ((l.test !== 'systolic-bp' && l.test !== 'diastolic-bp') || typeof l.value !== 'number' || !counts(l.date)) continue;
    const r = byDate.get(l.date) ?? {};
    const key = l.test === 'systolic-bp' ? 'systolic' : 'diastolic';
    r[key] = Math.max(r[key] ?? Number.NEGATIVE_INFINITY, l.value);
    byDate.set(l.date, r);
  }
  return byDate;
}

/** The index of the highest grade a reading reaches (either value at its bound), -1 below the first. */
export function bloodPressureGrade(systolic: number | undefined, diastolic: number | undefined): number {
  let g = -1;
  const grades = BLOOD_PRESSURE.grades;
  for (let i = 0; i < grades.length; i++) {
    if ((systolic ?? Number.NEGATIVE_INFINITY) >= grades[i]!.systolic || (diastolic ?? Number.NEGATIVE_INFINITY) >= grades[i]!.diastolic) g = i;
  }
  return g;
}
