// The knowledge files (knowledge/) are checked with the schema library by the module that reads them,
// so that a typo in a rule file fails loudly. Loading that library and running the check were most of
// a one-patient command's start-up, paid again by every run on the same files. The build therefore
// runs every check once (write-checked.ts, after tsc) and keeps each checker's result in
// dist/knowledge/checked.json, beside a fingerprint of every file under knowledge/. A module takes its
// result from there only when the fingerprint is that of the files as they are now and the record is
// newer than the compiled code; otherwise (the tests, which run on the sources; a knowledge file
// edited since the build; code compiled since) its checker runs, as it always did.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the build keeps the checkers' results: beside this module's compiled file. */
export const CHECKED_RECORD = new URL('./checked.json', import.meta.url);
export const KNOWLEDGE_DIR = new URL('../../knowledge/', import.meta.url);
/** Set by the build's writer: every checker then runs, and its result is kept under its name. */
export const RECORDING = Symbol.for('fulcrum.knowledge.recording');

export interface CheckedRecord {
  fingerprint: string;
  sets: Record<string, unknown>;
}

/**
 * The result of `check` (the module's own validation of its knowledge files, imported only when it
 * runs), or the build's record of it when that record was made from the same files.
 */
export async function checkedKnowledge<T>(name: string, check: () => Promise<T>): Promise<T> {
  const recording = (globalThis as { [RECORDING]?: Map<string, unknown> })[RECORDING];
  if (recording) {
    if (recording.has(name)) throw new Error(`two knowledge checkers are named ${name}`);
    const value = await check();
    recording.set(name, value);
    return value;
  }
  const record = currentRecord();
  if (record && Object.hasOwn(record.sets, name)) return record.sets[name] as T;
  return check();
}

let record: CheckedRecord | null | undefined;
function currentRecord(): CheckedRecord | null {
  record ??= readRecord(CHECKED_RECORD, new URL(import.meta.url), KNOWLEDGE_DIR);
  return record;
}

/**
 * The record in `file` when it was written after `compiled` (a compile after the record may have
 * changed a checker) and from the files now in `dir`; null otherwise, or when there is none.
 */
export function readRecord(file: URL, compiled: URL, dir: URL): CheckedRecord | null {
  try {
    if (statSync(file).mtimeMs < statSync(compiled).mtimeMs) return null;
    const r = JSON.parse(readFileSync(file, 'utf8')) as CheckedRecord;
    return r.fingerprint === knowledgeFingerprint(dir) ? r : null;
  } catch {
    // No record (the sources, or a build without one): every checker runs.
    return null;
  }
}

/**
 * A fingerprint of every file under `dir` (names and contents): any edit, addition or removal changes
 * it. Two 32-bit FNV-1a hashes with different seeds, in plain JavaScript (node:crypto would cost more
 * to load than the hashing takes).
 */
export function knowledgeFingerprint(dir: URL = KNOWLEDGE_DIR): string {
  const root = fileURLToPath(dir);
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => `${d.parentPath}/${d.name}`.slice(root.length))
    .sort();
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const add = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) {
      a = Math.imul(a ^ bytes[i]!, 0x01000193);
      b = Math.imul(b ^ bytes[i]!, 0x01000193) ^ (b >>> 13);
    }
  };
  for (const f of files) {
    add(Buffer.from(`\0${f}\0`));
    add(readFileSync(root + f));
  }
  return `${files.length}-${(a >>> 0).toString(16)}${(b >>> 0).toString(16)}`;
}
