// The product's own identifiers (spec: patient-history.md, "Vocabularies"). An identifier once
// published keeps its meaning; lists may only grow.

export const DRUG_IDS = [
  'alemtuzumab',
  'mitoxantrone',
  'interferon-beta',
  'glatiramer-acetate',
  'teriflunomide',
  'dimethyl-fumarate',
  'diroximel-fumarate',
  'fingolimod',
  'siponimod',
  'ozanimod',
  'ponesimod',
  'cladribine',
  'natalizumab',
  'ocrelizumab',
  'ofatumumab',
  'ublituximab',
  'rituximab',
  'cyclophosphamide',
  'azathioprine',
  'methotrexate',
  'daclizumab',
  'ahsct',
  'other',
] as const;
export type DrugId = (typeof DRUG_IDS)[number];

export const CONDITION_IDS = [
  'urinary-catheter',
  'recurrent-uti',
  'active-infection',
  'hiv',
  'tuberculosis-active',
  'tuberculosis-latent',
  'hepatitis-b',
  'hepatitis-c',
  'uncontrolled-hypertension',
  'cervicocephalic-arterial-dissection',
  'stroke',
  'angina',
  'myocardial-infarction',
  'coagulopathy',
  'anticoagulant-or-antiplatelet-therapy',
  'autoimmune-disease',
  'malignancy',
  'heart-failure',
  'prior-anthracycline',
  'mediastinal-radiotherapy',
  'pressure-ulcer',
  'immunodeficiency',
  // Additions within version 1: the MS mimics (src/assess/mimics.ts).
  'nmosd',
  'mogad',
  // Additions within version 1 (2026-12): the label-complete rules and the further therapies.
  'pml',
  'hlh',
  'itp',
  'anti-gbm-disease',
  'autoimmune-hepatitis',
  'hepatic-impairment',
  'renal-impairment',
  'cardiovascular-disease',
  'cardiac-conduction-disorder',
  'transient-ischaemic-attack',
  'unstable-angina',
  'macular-oedema',
  'opportunistic-infection',
] as const;
export type ConditionId = (typeof CONDITION_IDS)[number];

export const LAB_IDS = [
  'platelets',
  'neutrophils',
  'lymphocytes',
  'leukocytes',
  'hemoglobin',
  'creatinine',
  'tsh',
  'free-t4',
  'urine-protein',
  'urine-blood',
  'lvef',
  'alt',
  'vzv-igg',
  'hiv-test',
  'tb-test',
  // Additions within version 1 (2026-12).
  'hbsag',
  'anti-hbc',
  'hcv-antibody',
  'jcv-antibody',
  'jcv-index',
  'igg',
  'bilirubin',
  'ast',
  'creatinine-clearance',
  'cd19',
  'pregnancy-test',
  'cyp2c9',
  // Additions within version 1 (issue 19): an estimated GFR, which is not a creatinine clearance, and
  // blood pressure as two results of one reading.
  'egfr',
  'systolic-bp',
  'diastolic-bp',
] as const;
export type LabId = (typeof LAB_IDS)[number];

export const PHENOTYPES = ['CIS', 'RRMS', 'SPMS', 'PPMS'] as const;
export type Phenotype = (typeof PHENOTYPES)[number];

/** 0, then 1.0 to 10.0 in steps of 0.5 (Kurtzke 1983: there is no 0.5). */
export const EDSS_SCORES: readonly number[] = [0, ...Array.from({ length: 19 }, (_, i) => 1 + i * 0.5)];
export function isEdssScore(x: number): boolean {
  return x === 0 || (x >= 1 && x <= 10 && Number.isInteger(x * 2));
}

/** Neurostatus functional-system maxima (Kurtzke 1983). */
export const FUNCTIONAL_SYSTEM_MAX = {
  visual: 6,
  brainstem: 5,
  pyramidal: 6,
  cerebellar: 5,
  sensory: 6,
  bowelBladder: 6,
  cerebral: 5,
  // The Neurostatus ambulation score (0 unrestricted ... 16 death due to MS), added within version 1.
  ambulation: 16,
} as const;
export type FunctionalSystem = keyof typeof FUNCTIONAL_SYSTEM_MAX;
