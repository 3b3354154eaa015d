// Placeholder surface until the FHIR mapping lands (issue 4); the helper owning src/fhir replaces it.
import type { ValidationIssue } from '../history/validate.js';
import type { MappingReportEntry } from '../cli/input.js';

export type BundleMapping =
  | { ok: true; history: unknown; report: MappingReportEntry[] }
  | { ok: false; issues: ValidationIssue[] };

export function bundleToHistory(_json: unknown): BundleMapping {
  return { ok: false, issues: [{ path: 'Bundle', message: 'FHIR input is not available in this build' }] };
}
