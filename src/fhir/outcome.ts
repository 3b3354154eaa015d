import type { ValidationIssue } from '../history/validate.js';

/** A problem with a FHIR input: `path` is a FHIRPath location into the Bundle. */
export type FhirIssue = ValidationIssue;

/** A resource the mapping did not use, and why. Nothing is dropped silently. */
export interface MappingReportEntry {
  resource: string;
  reason: string;
}

/**
 * The issues as a FHIR R4 OperationOutcome (what the HTTP API returns with a 400): one error per
 * problem, the location as a FHIRPath `expression` as R4 recommends over the deprecated `location`.
 */
export function operationOutcome(issues: readonly ValidationIssue[]): {
  resourceType: 'OperationOutcome';
  issue: { severity: 'error'; code: 'invalid' | 'required' | 'structure'; diagnostics: string; expression: string[] }[];
} {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: 'error' as const,
      code: /required/.test(i.message) ? ('required' as const) : /must be (an object|a list)|not a FHIR|resourceType/.test(i.message) ? ('structure' as const) : ('invalid' as const),
      diagnostics: i.message,
      expression: [i.path],
    })),
  };
}
