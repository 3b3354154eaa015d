import { DEFAULT_TIME_ZONE, NUMBER_SETTING_NAMES, SETTING_DOCS, type NumberSettingName } from './knowledge.js';

/** A clinic's settings: the numbers the labels leave to judgement, and its time zone. */
export interface ClinicSettings {
  timeZone: string;
  numbers: Record<NumberSettingName, number>;
}

export type ClinicSettingsInput = { timeZone?: string; numbers?: Partial<Record<string, number>> };

export class SettingsError extends Error {
  constructor(
    public readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

export function defaultSettings(): ClinicSettings {
  const numbers = {} as Record<NumberSettingName, number>;
  for (const n of NUMBER_SETTING_NAMES) numbers[n] = SETTING_DOCS[n]!.default;
  return { timeZone: DEFAULT_TIME_ZONE, numbers };
}

/** Overrides merged over the documented defaults; an unknown name or a bad value is an error, not ignored. */
export function resolveSettings(input?: ClinicSettingsInput): ClinicSettings {
  const s = defaultSettings();
  if (!input) return s;
  if (input.timeZone !== undefined) {
    if (!isTimeZone(input.timeZone)) throw new SettingsError('timeZone', `"${input.timeZone}" is not an IANA time zone`);
    s.timeZone = input.timeZone;
  }
  for (const [name, value] of Object.entries(input.numbers ?? {})) {
    if (!(NUMBER_SETTING_NAMES as readonly string[]).includes(name)) {
      throw new SettingsError(`numbers.${name}`, `unknown setting; known: ${NUMBER_SETTING_NAMES.join(', ')}`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new SettingsError(`numbers.${name}`, 'must be a number at least 0');
    }
    s.numbers[name as NumberSettingName] = value;
  }
  return s;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
