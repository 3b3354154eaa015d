import { z } from 'zod';
import type { ValidationIssue } from '../history/validate.js';

/** A problem with a FHIR input: `path` is a FHIRPath location into the Bundle. */
export type FhirIssue = ValidationIssue;

export { unrecognisedOf, type MappingReportEntry, type UnrecognisedProblem } from './report.js';

/** The issue codes Fulcrum uses, from FHIR R4's IssueType value set. */
export const ISSUE_CODES = [
  'invalid',
  'structure',
  'required',
  'value',
  'security',
  'login',
  'forbidden',
  'not-found',
  'conflict',
  'too-long',
  'exception',
  'processing',
  'not-supported',
] as const;

/**
 * FHIR R4's OperationOutcome as Fulcrum writes it: the one definition behind the CLI's `--outcome`,
 * every HTTP API error and the OpenAPI document. `expression` holds field paths (`$.edss[2].score`
 * for histories, FHIRPath for Bundles), as R4 recommends over the deprecated `location`.
 */
export const OutcomeIssueSchema = z.object({
  severity: z.enum(['fatal', 'error', 'warning', 'information']),
  code: z.enum(ISSUE_CODES),
  diagnostics: z.string(),
  expression: z.array(z.string()).optional().meta({ description: 'Field paths: $.edss[2].score for histories, FHIRPath for Bundles.' }),
});

export const OperationOutcomeSchema = z
  .object({ resourceType: z.literal('OperationOutcome'), issue: z.array(OutcomeIssueSchema) })
  .meta({ description: 'FHIR R4 OperationOutcome' });

export type OutcomeIssue = z.infer<typeof OutcomeIssueSchema>;
export type IssueCode = OutcomeIssue['code'];
export type OperationOutcome = z.infer<typeof OperationOutcomeSchema>;

/** The issues as an OperationOutcome (what the HTTP API returns with a 400): one error per problem. */
export function operationOutcome(issues: readonly ValidationIssue[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: 'error' as const,
      code: /required/.test(i.message)
        ? ('required' as const)
        : /must be (an object|a list)|not a FHIR|resourceType/.test(i.message)
          ? ('structure' as const)
          : ('invalid' as const),
      diagnostics: i.message,
      expression: [i.path],
    })),
  };
}
