// Recognising a valid history in one pass, and putting it in the product's units, without zod: the
// command line reads one history per run and would otherwise spend most of its start-up loading the
// schema library (bench/cli-startup.ts). Only an invalid document needs validate.ts to say why.

import type { Day } from './dates.js';
import { isValidHistoryFast } from './fast-path.js';
import type { History, Lab } from './schema.js';
import { LAB_UNITS, convertLabValue } from './units.js';

/**
 * The validated history when the one-pass check recognises the document as valid, else undefined
 * (invalid, or something else: a caller that also reads FHIR tries that before asking why).
 */
export function recogniseHistory(input: unknown, options: { asOf: Day }): History | undefined {
  return isValidHistoryFast(input, options.asOf) ? normalise(input as History) : undefined;
}

/**
 * The history with its labs in the product's units, as an object with always the same keys in the
 * same order (an absent field is undefined, which JSON leaves out). Every history then has one hidden
 * class, so the engine's reads of its fields stay monomorphic: 7% of a cohort screening's time
 * (bench/screen.ts), against the keys in whatever order and subset each document happened to have.
 */
export function normalise(h: History): History {
  const fixed = {
    formatVersion: h.formatVersion,
    id: h.id,
    birthDate: h.birthDate,
    sex: h.sex,
    msOnset: h.msOnset,
    msDiagnosis: h.msDiagnosis,
    course: h.course,
    edss: h.edss,
    relapses: h.relapses,
    mri: h.mri,
    therapies: h.therapies,
    conditions: h.conditions,
    labs: h.labs === undefined ? undefined : h.labs.map(normaliseLab),
    body: h.body,
    pregnancy: h.pregnancy,
    performanceTests: h.performanceTests,
  } satisfies Record<keyof History, unknown>;
  return fixed as History;
}

function normaliseLab(lab: Lab): Lab {
  if (typeof lab.value !== 'number' || lab.unit === undefined) return lab;
  const spec = LAB_UNITS[lab.test];
  const value = convertLabValue(lab.test, lab.value, lab.unit);
  // Already in the product's unit (most results): the same object, not a copy.
  if (value === undefined || (value === lab.value && lab.unit === spec.unit)) return lab;
  return { ...lab, value, unit: spec.unit };
}
