import type { Day } from '../history/dates.js';
import { validateHistory } from '../history/validate.js';
import { readBundle, type BundleMapping } from './from-bundle.js';

/**
 * Maps a FHIR R4 Bundle holding one patient's record to a patient history. Either every problem is
 * returned (FHIRPath locations into the Bundle) and no history, or a history that passes the format's
 * validation plus a report of every resource that was not used and why. With `asOf`, events after it
 * are problems too (at their Bundle location); without, the caller checks dates with its own asOf.
 */
export function bundleToHistory(json: unknown, options: { asOf?: Day } = {}): BundleMapping {
  const read = readBundle(json, options);
  if (!read.ok) return read;
  const v = validateHistory(read.history, { asOf: read.asOf });
  if (!v.ok) return { ok: false, issues: v.issues.map((i) => ({ path: read.locate(i.path), message: i.message })) };
  return { ok: true, history: v.history, report: read.report };
}
