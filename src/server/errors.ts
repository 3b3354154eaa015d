import type { ValidationIssue } from '../history/validate.js';
import type { IssueCode, OperationOutcome, OutcomeIssue } from '../fhir/outcome.js';

export type { IssueCode, OperationOutcome, OutcomeIssue };

// Every error the API returns is a FHIR OperationOutcome (docs/api.md): one issue per problem, each
// with the field path in `expression`, so a client can point at the offending field.

export function outcome(issues: OutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: issues };
}

/** Thrown anywhere in a handler; the app's error handler turns it into the response. */
export class HttpError extends Error {
  constructor(
    public readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 422 | 500 | 503,
    public readonly issues: OutcomeIssue[],
    public readonly headers: Record<string, string> = {},
  ) {
    super(issues.map((i) => i.diagnostics).join('; '));
  }
}

const issue = (code: IssueCode, diagnostics: string, expression?: string): OutcomeIssue => ({
  severity: 'error',
  code,
  diagnostics,
  ...(expression ? { expression: [expression] } : {}),
});

export const badRequest = (message: string, path?: string) => new HttpError(400, [issue('invalid', message, path)]);
export const notFound = (what: string) => new HttpError(404, [issue('not-found', `${what} not found`)]);
export const conflict = (message: string, path?: string) => new HttpError(409, [issue('conflict', message, path)]);
export const forbidden = (message: string) => new HttpError(403, [issue('forbidden', message)]);
export const unauthorized = (message: string) =>
  new HttpError(401, [{ severity: 'error', code: 'login', diagnostics: message }], { 'WWW-Authenticate': 'Bearer' });

/** Validation problems (history paths such as `$.edss[2].score`, or FHIRPath for Bundles) as one 400. */
export function invalid(issues: readonly ValidationIssue[]): HttpError {
  return new HttpError(
    400,
    issues.map((i) => ({ severity: 'error', code: 'invalid', diagnostics: `${i.path}: ${i.message}`, expression: [i.path] })),
  );
}
