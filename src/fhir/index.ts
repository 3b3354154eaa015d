// FHIR R4 <-> patient history (adapter). See docs/fhir-mapping.md for the mapping and code tables.
export { bundleToHistory } from './bundle-to-history.js';
export type { BundleMapping, BundleOptions, MappingAccount } from './from-bundle.js';
export { historyToBundle } from './to-bundle.js';
export { operationOutcome, type FhirIssue, type MappingReportEntry, type UnrecognisedProblem } from './outcome.js';
