import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dayFromDate, parseDay, type Day } from '../history/dates.js';
import { describeJsonSyntaxError } from '../history/json-text.js';
import { problemLine, type Problem } from './problems.js';

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

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the file name is too long',
  EMFILE: 'too many open files',
};

/** A problem with a file as a whole or at a position in it, already worded for the user. */
export class FileProblemError extends InputError {
  constructor(readonly problem: Problem) {
    super(problemLine(problem));
  }
}

/**
 * Reads a text file ("-" is standard input), refusing in words what is not one: a missing file, a
 * folder, binary data, bytes that are not UTF-8. A leading byte order mark is dropped.
 */
export function readTextFile(path: string): string {
  const file = path === '-' ? 'standard input' : path;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path === '-' ? 0 : path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new FileProblemError({ file, message: `cannot read: ${READ_ERRORS[code] ?? code}` });
  }
  const zero = bytes.subarray(0, 1 << 16).indexOf(0);
  if (zero !== -1) throw new FileProblemError({ file, message: `is binary data, not text (a zero byte at byte ${zero + 1}); a JSON file was expected` });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FileProblemError({ file, message: 'is not UTF-8 text; save it as UTF-8' });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Opens a file for writing (created or emptied), refusing in words a missing folder or a read-only place. */
export function openOutputFile(path: string): number {
  try {
    return openSync(path, 'w');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    const words = code === 'ENOENT' ? 'its folder does not exist' : (READ_ERRORS[code] ?? code);
    throw new FileProblemError({ file: path, message: `cannot write: ${words}` });
  }
}

/** Writes a whole file, refusing in words as openOutputFile does. */
export function writeOutputFile(path: string, text: string): void {
  const fd = openOutputFile(path);
  try {
    writeFileSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** Parses JSON text, naming the file, the line and column and what was found there on an error. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (text.trim() === '') throw new FileProblemError({ file, message: 'is empty; a JSON document was expected' });
    // "at line L, column C: expected X, found Y" becomes the position and the message of the problem.
    const [, at, what] = /^at (line \d+, column \d+): (.*)$/s.exec(describeJsonSyntaxError(text))!;
    throw new FileProblemError({ file, at: at!, message: `invalid JSON: ${what!.replace(/the end of the text$/, 'the end of the file')}` });
  }
}

/** Reads and JSON-parses a file ("-" is standard input), naming the file in any error. */
export function readJsonFile(path: string): unknown {
  return parseJsonText(readTextFile(path), path === '-' ? 'standard input' : path);
}

export function parseAsOf(value: string | undefined, io: CliIo): Day {
  if (value === undefined) return io.today();
  const d = parseDay(value);
  if (d === undefined) throw new UsageError(`--as-of must be a date YYYY-MM-DD, not "${value}"`);
  return d;
}
