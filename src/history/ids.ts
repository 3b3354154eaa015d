// The patient id syntax, the one definition every door checks (API paths and bodies, CLI, FHIR
// import, screening): FHIR's id syntax (an id is exported as Patient.id), and starting with a letter
// or digit so that "." and ".." (which URLs resolve as path steps) are not ids. Anything else the
// id could carry (slashes, spaces, control and bidirectional-override characters, unbounded length)
// only breaks URLs, file names and logs, or makes two ids look alike.

export const PATIENT_ID_MAX_LENGTH = 64;
export const PATIENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

export const PATIENT_ID_SYNTAX = `1 to ${PATIENT_ID_MAX_LENGTH} characters from A-Z, a-z, 0-9, "-" and ".", starting with a letter or digit`;

/** Why `id` is not a patient id, or undefined when it is one. */
export function patientIdProblem(id: string): string | undefined {
  if (id.length === 0) return 'must not be empty';
  if (id.length > PATIENT_ID_MAX_LENGTH) return `must be at most ${PATIENT_ID_MAX_LENGTH} characters, not ${id.length}`;
  if (!PATIENT_ID_PATTERN.test(id)) return `must be ${PATIENT_ID_SYNTAX}`;
  return undefined;
}

export function isPatientId(id: unknown): id is string {
  return typeof id === 'string' && patientIdProblem(id) === undefined;
}
