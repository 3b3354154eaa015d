import { validateHistory } from '../history/validate.js';
import { bundleToHistory as readBundle, type BundleMapping, type BundleOptions } from './from-bundle.js';

/**
 * Maps a FHIR R4 Bundle holding one patient's record to a validated patient history (from-bundle.ts),
 * with the format's full validator at hand to say what is wrong with a history the one-pass check
 * refuses. The CLI reads from-bundle.ts itself and loads the validator only for such a record.
 */
export function bundleToHistory(json: unknown, options: BundleOptions = {}): BundleMapping {
  return readBundle(json, { ...options, validate: options.validate ?? validateHistory });
}
