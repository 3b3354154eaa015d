import type { LabId } from './vocabularies.js';

// Each lab is computed in one unit (spec: LabId list). Common alternatives are converted; anything
// else is rejected rather than guessed, because a platelet count in the wrong unit is a wrong alarm.

export type LabKind = 'quantitative' | 'qualitative' | 'graded-or-qualitative' | 'genotype';

interface LabUnits {
  kind: LabKind;
  /** The unit the product computes in (absent for purely qualitative tests). */
  unit?: string;
  /** Accepted spellings, lower-cased and without spaces, with the factor to the product's unit. */
  factors: Record<string, number>;
}

const cellsPerLitre: Record<string, number> = {
  '10^9/l': 1,
  '10*9/l': 1,
  'x10^9/l': 1,
  'x10*9/l': 1,
  'g/l': 1,
  '/nl': 1,
  '10^3/ul': 1,
  '10*3/ul': 1,
  'x10^3/ul': 1,
  'k/ul': 1,
  '10^3/µl': 1,
  'k/µl': 1,
  '/ul': 0.001,
  '/µl': 0.001,
  'cells/ul': 0.001,
  'cells/µl': 0.001,
  '/mm3': 0.001,
  'cells/mm3': 0.001,
};

const mmHg: Record<string, number> = { 'mm[hg]': 1, mmhg: 1, kpa: 7.50062 };

export const LAB_UNITS: Record<LabId, LabUnits> = {
  platelets: { kind: 'quantitative', unit: '10^9/L', factors: cellsPerLitre },
  neutrophils: { kind: 'quantitative', unit: '10^9/L', factors: cellsPerLitre },
  lymphocytes: { kind: 'quantitative', unit: '10^9/L', factors: cellsPerLitre },
  leukocytes: { kind: 'quantitative', unit: '10^9/L', factors: cellsPerLitre },
  // Hemoglobin molar mass per haem unit 16,114.5 g/mol: 1 mmol/L = 16.1145 g/L.
  hemoglobin: { kind: 'quantitative', unit: 'g/L', factors: { 'g/l': 1, 'g/dl': 10, 'mg/dl': 0.01, 'mmol/l': 16.1145 } },
  // Creatinine molar mass 113.12 g/mol: 1 mg/dL = 88.42 umol/L.
  creatinine: { kind: 'quantitative', unit: 'umol/L', factors: { 'umol/l': 1, 'µmol/l': 1, 'μmol/l': 1, 'mmol/l': 1000, 'mg/dl': 88.42, 'mg/l': 8.842 } },
  tsh: { kind: 'quantitative', unit: 'mIU/L', factors: { 'miu/l': 1, 'mu/l': 1, 'uiu/ml': 1, 'µiu/ml': 1, 'μiu/ml': 1, 'mui/l': 1 } },
  // Free T4 (776.87 g/mol): 1 ng/dL = 12.871 pmol/L.
  'free-t4': { kind: 'quantitative', unit: 'pmol/L', factors: { 'pmol/l': 1, 'ng/dl': 12.871, 'ng/l': 1.2871 } },
  'urine-protein': { kind: 'graded-or-qualitative', unit: 'grade', factors: { grade: 1 } },
  'urine-blood': { kind: 'graded-or-qualitative', unit: 'grade', factors: { grade: 1 } },
  lvef: { kind: 'quantitative', unit: '%', factors: { '%': 1 } },
  alt: { kind: 'quantitative', unit: 'U/L', factors: { 'u/l': 1, 'iu/l': 1, 'ukat/l': 60, 'µkat/l': 60 } },
  'vzv-igg': { kind: 'qualitative', factors: {} },
  'hiv-test': { kind: 'qualitative', factors: {} },
  'tb-test': { kind: 'qualitative', factors: {} },
  hbsag: { kind: 'qualitative', factors: {} },
  'anti-hbc': { kind: 'qualitative', factors: {} },
  'hcv-antibody': { kind: 'qualitative', factors: {} },
  'jcv-antibody': { kind: 'qualitative', factors: {} },
  // The anti-JCV antibody index is a ratio to the assay's calibrator: no unit to convert.
  'jcv-index': { kind: 'quantitative', unit: 'index', factors: { index: 1 } },
  igg: { kind: 'quantitative', unit: 'g/L', factors: { 'g/l': 1, 'mg/dl': 0.01 } },
  // Bilirubin 584.66 g/mol: 1 mg/dL = 17.104 umol/L.
  bilirubin: { kind: 'quantitative', unit: 'umol/L', factors: { 'umol/l': 1, 'µmol/l': 1, 'μmol/l': 1, 'mg/dl': 17.104 } },
  ast: { kind: 'quantitative', unit: 'U/L', factors: { 'u/l': 1, 'iu/l': 1, 'ukat/l': 60, 'µkat/l': 60 } },
  'creatinine-clearance': { kind: 'quantitative', unit: 'mL/min', factors: { 'ml/min': 1 } },
  cd19: { kind: 'quantitative', unit: '10^9/L', factors: cellsPerLitre },
  'pregnancy-test': { kind: 'qualitative', factors: {} },
  // A star-allele diplotype such as "*1/*3" (CYP2C9: the siponimod label's dose depends on it).
  cyp2c9: { kind: 'genotype', factors: {} },
  // Estimated GFR, indexed to 1.73 m2 of body surface: not a creatinine clearance (mL/min), so a plain
  // "mL/min" is not accepted here (the FHIR reader reads it for LOINC codes defined per 1.73 m2, and says so).
  egfr: { kind: 'quantitative', unit: 'mL/min/1.73m2', factors: { 'ml/min/1.73m2': 1, 'ml/min/{1.73_m2}': 1, 'ml/min/1.73m^2': 1, 'ml/min/1.73m²': 1 } },
  // 1 kPa = 7.50062 mmHg.
  'systolic-bp': { kind: 'quantitative', unit: 'mm[Hg]', factors: mmHg },
  'diastolic-bp': { kind: 'quantitative', unit: 'mm[Hg]', factors: mmHg },
};

/** A star-allele diplotype as laboratories report it: "*1/*3", "*3/*3", "*1/*11". */
export const GENOTYPE_PATTERN = /^\*\d+[A-Z]?\/\*\d+[A-Z]?$/;

/** Dipstick grades: 0 negative, 1 trace, 2 (+), 3 (++), 4 (+++), 5 (++++). */
export const MAX_URINE_GRADE = 5;

export function normaliseUnit(unit: string): string {
  return unit.replace(/\s+/g, '').toLowerCase();
}

/** The factor that converts `unit` to the product's unit for `test`, or undefined if not accepted. */
export function unitFactor(test: LabId, unit: string): number | undefined {
  // Validation and conversion ask for every lab result of a cohort: each test's spellings as written
  // are looked up once (null: not accepted), at most 1,024 spellings per test.
  let byUnit = factorCache.get(test);
  if (!byUnit) factorCache.set(test, (byUnit = new Map()));
  let f = byUnit.get(unit);
  if (f === undefined) {
    if (byUnit.size >= 1024) byUnit.clear();
    // Own keys only: a unit spelt "constructor" must not find Object.prototype's.
    const factors = LAB_UNITS[test].factors;
    const n = normaliseUnit(unit);
    f = Object.hasOwn(factors, n) ? factors[n]! : null;
    byUnit.set(unit, f);
  }
  return f ?? undefined;
}
const factorCache = new Map<string, Map<string, number | null>>();

export function acceptedUnits(test: LabId): string[] {
  return Object.keys(LAB_UNITS[test].factors);
}

/** Rounds away binary noise from a conversion without losing clinical precision. */
export function convertLabValue(test: LabId, value: number, unit: string): number | undefined {
  const f = unitFactor(test, unit);
  if (f === undefined) return undefined;
  return f === 1 ? value : Math.round(value * f * 1e6) / 1e6;
}
