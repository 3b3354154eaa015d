import { recogniseHistory } from '../history/recognise.js';
import type { History } from '../history/schema.js';
import type { ValidationIssue, ValidationResult } from '../history/validate.js';
import type { Day } from '../history/dates.js';
import { InputError, readJsonFile } from './io.js';
import { problemsText, valueAtPath, type Problem } from './problems.js';

import type { MappingReportEntry, UnrecognisedProblem } from '../fhir/outcome.js';
import type { MappingAccount } from '../fhir/from-bundle.js';

export type { MappingReportEntry, UnrecognisedProblem };

export interface LoadedHistory {
  history: History;
  /** Present when the input was FHIR. */
  mappingReport?: MappingReportEntry[];
  /** Active problems of the FHIR record the mapping did not recognise (for the assessment's review list). */
  unrecognised?: UnrecognisedProblem[];
  /** What became of each FHIR resource, by type. */
  account?: MappingAccount;
}

export interface LoadOptions {
  /** Refuse a FHIR record for any unreadable entry (a data-quality check), as before issue 19. */
  strict?: boolean;
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
export async function historyFromJson(json: unknown, asOf: Day, source = 'input', options: LoadOptions = {}): Promise<LoadedHistory> {
  if (isFhirResource(json)) {
    // The Bundle's reader alone: a record its one-pass check accepts never loads the schema library;
    // one it refuses is read again with the full validator, which says what is wrong.
    const { bundleToHistory, NEEDS_VALIDATOR } = await import('../fhir/from-bundle.js');
    let mapped = bundleToHistory(json, { asOf, strict: options.strict === true });
    if (!mapped.ok && mapped.issues.length === 1 && mapped.issues[0] === NEEDS_VALIDATOR) {
      const { validateHistory } = await import('../history/validate.js');
      mapped = bundleToHistory(json, { asOf, strict: options.strict === true, validate: validateHistory });
    }
    if (!mapped.ok) throw new InvalidHistoryError(source, mapped.issues, json);
    const v = await validateLazily(mapped.history, asOf);
    if (!v.ok) throw new InvalidHistoryError(source, v.issues, mapped.history);
    return { history: v.history, mappingReport: mapped.report, unrecognised: mapped.unrecognised, account: mapped.account };
  }
  const v = await validateLazily(json, asOf);
  if (!v.ok) throw new InvalidHistoryError(source, v.issues, json);
  return { history: v.history };
}

export async function loadHistoryFile(path: string, asOf: Day, options: LoadOptions = {}): Promise<LoadedHistory> {
  return historyFromJson(readJsonFile(path), asOf, path === '-' ? 'standard input' : path, options);
}
