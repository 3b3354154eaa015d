import { recogniseHistory } from '../history/recognise.js';
import type { History } from '../history/schema.js';
import type { ValidationIssue, ValidationResult } from '../history/validate.js';
import type { Day } from '../history/dates.js';
import { InputError, readJsonFile } from './io.js';
import { problemsText, valueAtPath, type Problem } from './problems.js';

/** A resource the FHIR mapping did not use, and why (never dropped silently). */
export interface MappingReportEntry {
  resource: string;
  reason: string;
}

export interface LoadedHistory {
  history: History;
  /** Present when the input was FHIR. */
  mappingReport?: MappingReportEntry[];
}

export class InvalidHistoryError extends InputError {
  /** `document` is the parsed input the issues' paths point into: each problem then shows its value. */
  constructor(
    public readonly source: string,
    public readonly issues: ValidationIssue[],
    document?: unknown,
  ) {
    super(problemsText(source, issuesAsProblems(source, issues, document)));
  }
}

export function issuesAsProblems(file: string, issues: readonly ValidationIssue[], document?: unknown): Problem[] {
  return issues.map((i) => {
    const value = document === undefined ? undefined : valueAtPath(document, i.path);
    // A whole object or list as "found" says nothing the path does not: only scalars are shown.
    return { file, at: i.path, message: i.message, ...(value !== null && typeof value === 'object' ? {} : { value }) };
  });
}

/**
 * validateHistory, with the schema library loaded only for a document the one-pass check does not
 * recognise as valid: a valid history (nearly every run) never loads zod.
 */
export async function validateLazily(json: unknown, asOf: Day): Promise<ValidationResult> {
  const history = recogniseHistory(json, { asOf });
  if (history) return { ok: true, history };
  const { validateHistoryFully } = await import('../history/validate.js');
  return validateHistoryFully(json, { asOf });
}

export function isFhirResource(json: unknown): json is { resourceType: string } {
  return json !== null && typeof json === 'object' && typeof (json as { resourceType?: unknown }).resourceType === 'string';
}

/**
 * Turns a parsed document, our history JSON or a FHIR R4 Bundle (detected by `resourceType`), into a
 * validated history. FHIR is mapped by src/fhir, whose issues come back as paths into the Bundle.
 */
export async function historyFromJson(json: unknown, asOf: Day, source = 'input'): Promise<LoadedHistory> {
  if (isFhirResource(json)) {
    // The Bundle's reader alone: the history it gives is validated as a JSON history is, so that a
    // valid one never loads the schema library. Problems are shown at their place in the Bundle.
    const { readBundle } = await import('../fhir/from-bundle.js');
    const read = readBundle(json, { asOf });
    if (!read.ok) throw new InvalidHistoryError(source, read.issues, json);
    const v = await validateLazily(read.history, asOf);
    if (!v.ok)
      throw new InvalidHistoryError(
        source,
        v.issues.map((i) => ({ path: read.locate(i.path), message: i.message })),
        json,
      );
    return { history: v.history, mappingReport: read.report };
  }
  const v = await validateLazily(json, asOf);
  if (!v.ok) throw new InvalidHistoryError(source, v.issues, json);
  return { history: v.history };
}

export async function loadHistoryFile(path: string, asOf: Day): Promise<LoadedHistory> {
  return historyFromJson(readJsonFile(path), asOf, path === '-' ? 'standard input' : path);
}
