// FHIR R4 <-> patient history (adapter). See docs/fhir-mapping.md for the mapping and code tables.
export { bundleToHistory } from './bundle-to-history.js';
export { readBundle, type BundleMapping, type BundleRead } from './from-bundle.js';
export { historyToBundle } from './to-bundle.js';
export { operationOutcome, type FhirIssue, type MappingReportEntry } from './outcome.js';
