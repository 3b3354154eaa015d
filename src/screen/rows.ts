import type { CandidateRow } from './candidates.js';
import { ASSESSABLE_DRUGS } from '../drugs/index.js';
import type { ScreenRow } from './record.js';

export type RowFormat = 'csv' | 'ndjson';

export const CSV_HEADER = 'id,verdict,reasons,tipping,missing,error,source\n';
/** `--drug all`: the most permissive verdict, then one verdict column per drug. */
export const ALL_DRUGS_CSV_HEADER = `id,verdict,${ASSESSABLE_DRUGS.join(',')},reasons,tipping,missing,error,source\n`;
export const CANDIDATE_CSV_HEADER = 'candidate,ageBand,sex,phenotype,diseaseYears,edss,reasons\n';

/** RFC 4180 quoting; a leading =,+,-,@ is prefixed with ' so a spreadsheet never runs it as a formula. */
export function csvField(value: string): string {
  // Rule codes and ids (nearly every field of a cohort) need neither: one scan of the characters says so.
  if (plain(value)) return value;
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** No character that needs quoting and no leading character a spreadsheet would run. */
function plain(value: string): boolean {
  if (value.length === 0) return true;
  const first = value.charCodeAt(0);
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 34 || c === 44 || c === 10 || c === 13) return false;
  }
  return true;
}

/** One row; `allDrugs` (`--drug all`) gives every row a verdict column per drug, empty for a rejected record. */
export function formatRow(row: ScreenRow, format: RowFormat, allDrugs = false): string {
  if (allDrugs) return formatAllDrugsRow(row, format);
  if (format === 'ndjson') return JSON.stringify(row) + '\n';
  return `${csvField(row.id)},${csvField(row.verdict)},${csvField(row.reasons.join(';'))},${csvField(row.tipping.join(';'))},${csvField(row.missing.join(';'))},${csvField(row.error ?? '')},${csvField(row.source ?? '')}\n`;
}

function formatAllDrugsRow(row: ScreenRow, format: RowFormat): string {
  const { verdicts, ...rest } = row;
  if (format === 'ndjson') {
    const byDrug = verdicts ? Object.fromEntries(ASSESSABLE_DRUGS.map((d, i) => [d, verdicts[i]!])) : undefined;
    return JSON.stringify(byDrug ? { ...rest, verdicts: byDrug } : rest) + '\n';
  }
  const columns = ASSESSABLE_DRUGS.map((_, i) => verdicts?.[i] ?? '').join(',');
  return `${csvField(row.id)},${csvField(row.verdict)},${columns},${csvField(row.reasons.join(';'))},${csvField(row.tipping.join(';'))},${csvField(row.missing.join(';'))},${csvField(row.error ?? '')},${csvField(row.source ?? '')}\n`;
}

export function formatCandidate(c: CandidateRow, format: RowFormat): string {
  if (format === 'ndjson') return JSON.stringify(c) + '\n';
  return [String(c.candidate), c.ageBand, c.sex, c.phenotype, c.diseaseYears, c.edss, c.reasons.join(';')].map(csvField).join(',') + '\n';
}
