// A message built only when it is read. A full assessment reads every one; a cohort screening reads
// none (its rows hold codes), and building the texts was a sixth of a screening's time per patient
// (bench/screen.ts). A constant message stays a plain string.

export type Text = string | (() => string);

export function text(t: Text): string {
  return typeof t === 'string' ? t : t();
}

/** A gap in the record: the field to record, and why (built when read). */
export interface LazyMissing {
  field: string;
  why: Text;
}
