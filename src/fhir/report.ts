// The mapping report's entries and the problems for review it holds: plain data, apart from the
// OperationOutcome schema (outcome.ts) so that reading a Bundle does not load the schema library.

/** A resource the mapping did not use, and why. Nothing is dropped silently. */
export interface MappingReportEntry {
  resource: string;
  reason: string;
  /** FHIRPath of the problem when the resource could not be read (it was left out, the rest read). */
  path?: string;
  /** not-read: not used (the default); unreadable: left out for a problem at `path`; read: used, with a note. */
  status?: 'not-read' | 'unreadable' | 'read';
  /** The coding the product did not recognise, for a cohort's coverage summary and review. */
  coding?: { system: string; code: string; display?: string };
  /** An active problem the product does not recognise: listed in the assessment for review. */
  review?: boolean;
}

/** An active problem the mapping did not recognise: shown to the clinician, never in the patient letter. */
export interface UnrecognisedProblem {
  system: string;
  code: string;
  display: string;
}

/**
 * The problems for review that a stored mapping report holds (one per resource), so that an
 * assessment run later on a stored history lists them as the first one did.
 */
export function unrecognisedOf(report: readonly MappingReportEntry[] | undefined): UnrecognisedProblem[] {
  const out: UnrecognisedProblem[] = [];
  const seen = new Set<string>();
  for (const e of report ?? []) {
    if (!e.review || seen.has(e.resource)) continue;
    seen.add(e.resource);
    out.push({ system: e.coding?.system ?? '', code: e.coding?.code ?? '', display: e.coding?.display ?? '' });
  }
  return out;
}
