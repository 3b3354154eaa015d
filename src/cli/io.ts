import { readFileSync } from 'node:fs';
import { dayFromDate, parseDay, type Day } from '../history/dates.js';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** The clock lives here, in the adapter, never in the core. */
  today(): Day;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
}

export const processIo: CliIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  today: () => dayFromDate(new Date()),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
};

export const EXIT = { ok: 0, failure: 1, invalidInput: 2, usage: 64 } as const;

export class UsageError extends Error {}
export class InputError extends Error {}

/** Reads and JSON-parses a file ("-" is standard input), naming the file in any error. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

export function parseAsOf(value: string | undefined, io: CliIo): Day {
  if (value === undefined) return io.today();
  const d = parseDay(value);
  if (d === undefined) throw new UsageError(`--as-of must be a date YYYY-MM-DD, not "${value}"`);
  return d;
}
