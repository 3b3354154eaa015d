// The therapies Fulcrum assesses: the one list every door reads (CLI options, API schemas and
// OpenAPI, CDS Hooks services, screening, monitoring, the web app). Adding a drug is its knowledge
// files (knowledge/rules, knowledge/risks, knowledge/trials, knowledge/codes/drugs.json) plus one
// entry here and one in src/assess/drug-knowledge.ts; the compiler then names every table that must
// learn it. This module holds no rule data, so the web app can import it.

export const ASSESSABLE_DRUGS = ['alemtuzumab', 'mitoxantrone', 'natalizumab', 'ocrelizumab', 'ofatumumab', 'cladribine', 'siponimod', 'ahsct'] as const;
export type AssessDrug = (typeof ASSESSABLE_DRUGS)[number];

export const LABELS = ['eu', 'us'] as const;
export type LabelId = (typeof LABELS)[number];

export interface DrugEntry {
  /** The generic name as a sentence starts it. */
  name: string;
  /** The MS product's brand names, as prescribers know them. */
  brands: readonly string[];
  /** The prescribing information each `--label` stands for. */
  labels: Record<LabelId, string>;
  /** The pivotal trials whose eligibility boxes the assessment shows, in the order shown (knowledge/trials). */
  trials: readonly string[];
}

export const DRUGS: Record<AssessDrug, DrugEntry> = {
  alemtuzumab: {
    name: 'Alemtuzumab',
    brands: ['Lemtrada'],
    labels: { eu: 'Lemtrada EU SmPC', us: 'Lemtrada US prescribing information' },
    trials: ['camms223', 'care-ms-1', 'care-ms-2'],
  },
  mitoxantrone: {
    name: 'Mitoxantrone',
    brands: ['Novantrone'],
    labels: { eu: 'EU national mitoxantrone SmPCs', us: 'Novantrone US prescribing information' },
    trials: ['edan-1997', 'mims-2002'],
  },
  natalizumab: {
    name: 'Natalizumab',
    brands: ['Tysabri', 'Tyruko'],
    labels: { eu: 'Tysabri EU SmPC', us: 'Tysabri US prescribing information' },
    trials: ['affirm'],
  },
  ocrelizumab: {
    name: 'Ocrelizumab',
    brands: ['Ocrevus'],
    labels: { eu: 'Ocrevus EU SmPC', us: 'Ocrevus US prescribing information' },
    trials: ['opera', 'oratorio'],
  },
  ofatumumab: {
    name: 'Ofatumumab',
    brands: ['Kesimpta'],
    labels: { eu: 'Kesimpta EU SmPC', us: 'Kesimpta US prescribing information' },
    trials: ['asclepios'],
  },
  cladribine: {
    name: 'Cladribine',
    brands: ['Mavenclad'],
    labels: { eu: 'Mavenclad EU SmPC', us: 'Mavenclad US prescribing information' },
    trials: ['clarity'],
  },
  siponimod: {
    name: 'Siponimod',
    brands: ['Mayzent'],
    labels: { eu: 'Mayzent EU SmPC', us: 'Mayzent US prescribing information' },
    trials: ['expand'],
  },
  // A procedure without a product label: both labels stand for the same guideline-based rules
  // (knowledge/rules/ahsct.json says so in the indication rule).
  ahsct: {
    name: 'aHSCT',
    brands: [],
    labels: {
      eu: 'EBMT 2019 and ECTRIMS-EBMT recommendations (no product label; the same rules under either label)',
      us: 'EBMT 2019 and ECTRIMS-EBMT recommendations, with the National MS Society 2021 (no product label; the same rules under either label)',
    },
    trials: ['mist'],
  },
};
