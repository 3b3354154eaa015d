import type { CandidateRow } from './candidates.js';
import type { ScreenRow } from './record.js';

export type RowFormat = 'csv' | 'ndjson';

export const CSV_HEADER = 'id,verdict,reasons,tipping,missing,error,source\n';
export const CANDIDATE_CSV_HEADER = 'candidate,ageBand,sex,phenotype,diseaseYears,edss,reasons\n';

/** RFC 4180 quoting; a leading =,+,-,@ is prefixed with ' so a spreadsheet never runs it as a formula. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function formatRow(row: ScreenRow, format: RowFormat): string {
  if (format === 'ndjson') return JSON.stringify(row) + '\n';
  return [row.id, row.verdict, row.reasons.join(';'), row.tipping.join(';'), row.missing.join(';'), row.error ?? '', row.source ?? ''].map(csvField).join(',') + '\n';
}

export function formatCandidate(c: CandidateRow, format: RowFormat): string {
  if (format === 'ndjson') return JSON.stringify(c) + '\n';
  return [String(c.candidate), c.ageBand, c.sex, c.phenotype, c.diseaseYears, c.edss, c.reasons.join(';')].map(csvField).join(',') + '\n';
}
