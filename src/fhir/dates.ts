// FHIR date and dateTime (R4 datatypes) to the history's PartialDate and Date. A dateTime's date part
// is the local date the source recorded; the history works in whole days.

const FHIR_DATE_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` from a FHIR date/dateTime, or undefined if it is not one. */
export function partialFromFhir(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = FHIR_DATE_TIME.exec(value);
  if (!m) return undefined;
  return m[3] !== undefined ? `${m[1]}-${m[2]}-${m[3]}` : m[2] !== undefined ? `${m[1]}-${m[2]}` : m[1];
}

/** A full `YYYY-MM-DD` from a FHIR date/dateTime that has a day, else undefined. */
export function fullFromFhir(value: unknown): string | undefined {
  const p = partialFromFhir(value);
  return p !== undefined && p.length === 10 ? p : undefined;
}
