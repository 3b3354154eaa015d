// `--settings FILE.json` for `fulcrum course`: a settings object in msprog's names, read and checked
// here so that an error names the file and the setting.

import type { ScanSettings } from '../../course/index.js';
import { CourseSettingsError, parseCourseSettings } from '../../course/settings-json.js';
import { InputError, readJsonFile } from '../io.js';

export function loadCourseSettings(file: string): ScanSettings {
  try {
    return parseCourseSettings(readJsonFile(file));
  } catch (e) {
    if (e instanceof CourseSettingsError) {
      throw new InputError(`${file}: ${e.issues.map((i) => `${i.path || '(settings)'}: ${i.message}`).join('; ')}`);
    }
    throw e;
  }
}
