import type { Verdict } from '../assess/index.js';
import { parsePartialDate, wholeYearsBetween, type Day } from '../history/dates.js';
import type { History } from '../history/schema.js';

// --candidates: the patients a trial of the drug in progressive MS would want. They are advised
// against only because the course is progressive or the patient lies beyond the trials' evidence
// (seed-clinicspeak, coles-2006: the product's "no" here is about missing evidence, which is exactly
// what a trial would produce), and nothing contraindicates the drug, not even possibly.

/** Reasons against that a progressive-MS trial would accept (rule codes without the drug prefix). */
export const TRIAL_ACCEPTED_AGAINST = ['progressive-course', 'advanced-disease', 'outside-license', 'not-indicated'] as const;
/** At least one of these must be why: otherwise the "no" is not about progression or evidence. */
export const TRIAL_DEFINING = ['progressive-course', 'advanced-disease'] as const;

export interface CandidateRow {
  /** Pseudonym: the order of the candidate in this export, not the patient's id. */
  candidate: number;
  ageBand: string;
  sex: string;
  phenotype: string;
  diseaseYears: string;
  edss: string;
  reasons: string[];
}

const rule = (code: string) => code.slice(code.indexOf('.') + 1);

/** What the choice reads of an assessment (or of its codes alone). */
export interface CandidateInput {
  verdict: Verdict;
  reasons: readonly { code: string; effect: string }[];
  tipping: readonly { code: string; effect: string }[];
  checks: readonly { status: string }[];
}

export function isTrialCandidate(a: CandidateInput): boolean {
  if (a.verdict !== 'advise-against') return false;
  if (a.reasons.some((r) => r.effect === 'contraindication')) return false;
  // A contraindication that could not be judged (missing data) is not "no contraindication".
  if (a.tipping.some((t) => t.effect === 'contraindication' || (t.effect === 'unknown' && t.code.includes('.contraindication')))) return false;
  if (a.checks.some((c) => c.status === 'failed')) return false;
  const against = a.reasons.filter((r) => r.effect === 'against').map((r) => rule(r.code));
  if (!against.every((c) => (TRIAL_ACCEPTED_AGAINST as readonly string[]).includes(c))) return false;
  return against.some((c) => (TRIAL_DEFINING as readonly string[]).includes(c));
}

function band(years: number | undefined, width: number): string {
  if (years === undefined) return 'unknown';
  const lo = Math.floor(years / width) * width;
  return `${lo}-${lo + width - 1}`;
}

/** De-identified: no id, no dates, ages and durations in bands (5 years), sex and course as recorded. */
export function candidateRow(h: History, a: CandidateInput, asOf: Day): (Omit<CandidateRow, 'candidate'> & { candidate: 0 }) | undefined {
  if (!isTrialCandidate(a)) return undefined;
  const birth = h.birthDate ? parsePartialDate(h.birthDate) : undefined;
  // The youngest the patient can be: a partial birth date is an interval.
  const age = birth ? wholeYearsBetween(birth.hi, asOf) : undefined;
  const onset = h.msOnset ? parsePartialDate(h.msOnset) : undefined;
  const duration = onset ? wholeYearsBetween(onset.hi, asOf) : undefined;
  const lastEdss = h.edss && h.edss.length > 0 ? [...h.edss].sort((x, y) => (x.date < y.date ? -1 : 1)).at(-1)!.score : undefined;
  return {
    candidate: 0,
    ageBand: band(age, 5),
    sex: h.sex ?? 'unknown',
    phenotype: h.course?.phenotype ?? 'unrecorded',
    diseaseYears: band(duration, 5),
    edss: lastEdss === undefined ? 'unknown' : lastEdss.toFixed(1),
    reasons: a.reasons.filter((r) => r.effect !== 'for').map((r) => r.code),
  };
}
