// `npm run build` runs this after tsc (node dist/knowledge/write-checked.js): every module of dist/
// that checks knowledge files is loaded with its checker made to run, so that a corrupt knowledge file
// fails the build with the checker's message, and the checkers' results are written to
// dist/knowledge/checked.json for the commands to start from (checked.ts).

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { CHECKED_RECORD, RECORDING, knowledgeFingerprint, type CheckedRecord } from './checked.js';

const dist = fileURLToPath(new URL('../', import.meta.url));
const here = fileURLToPath(new URL('./', import.meta.url));
const sets = new Map<string, unknown>();
(globalThis as { [RECORDING]?: Map<string, unknown> })[RECORDING] = sets;

const fingerprint = knowledgeFingerprint();
const modules = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile() && d.name.endsWith('.js') && !`${d.parentPath}/`.startsWith(here))
  .map((d) => `${d.parentPath}/${d.name}`)
  .filter((f) => readFileSync(f, 'utf8').includes('checkedKnowledge('))
  .sort();
for (const m of modules) await import(pathToFileURL(m).href);

for (const [name, value] of sets) {
  // The record is JSON: a result JSON cannot carry (undefined, Infinity, a Map, a class) is refused here.
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(value)), value)) {
    throw new Error(`knowledge checker ${name}: its result is not plain JSON data, so it cannot be kept in ${fileURLToPath(CHECKED_RECORD)}`);
  }
}
if (knowledgeFingerprint() !== fingerprint) throw new Error('knowledge/ changed during the build: build again');
const record: CheckedRecord = { fingerprint, sets: Object.fromEntries(sets) };
writeFileSync(CHECKED_RECORD, JSON.stringify(record));
process.stdout.write(`knowledge checked: ${[...sets.keys()].join(', ')} (${modules.length} modules)\n`);
