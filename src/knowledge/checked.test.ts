import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { KNOWLEDGE } from '../assess/knowledge.js';
import { SCOPE_FILE } from '../assess/scope-file.js';
import { EDSS_TABLE } from '../course/edss-table.js';
import { MONITORING_KNOWLEDGE } from '../monitor/knowledge-files.js';
import { readValueSetFiles } from '../fhir/value-set-files.js';
import { KNOWLEDGE_DIR, knowledgeFingerprint, readRecord, type CheckedRecord } from './checked.js';

const tmp = mkdtempSync(join(tmpdir(), 'fulcrum-checked-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const dirUrl = (d: string) => pathToFileURL(`${d}/`);

describe('the fingerprint of the knowledge files', () => {
  const copy = (name: string) => {
    const d = join(tmp, name);
    cpSync(KNOWLEDGE_DIR, d, { recursive: true });
    return d;
  };
  it('is the same for the same files, and changes with any edit, addition or renaming', () => {
    const base = knowledgeFingerprint(dirUrl(copy('same')));
    expect(knowledgeFingerprint(KNOWLEDGE_DIR)).toBe(base);
    const edited = copy('edited');
    const rules = join(edited, 'rules', 'ruleset.json');
    writeFileSync(rules, readFileSync(rules, 'utf8').replace('"version"', '"version" '));
    expect(knowledgeFingerprint(dirUrl(edited))).not.toBe(base);
    const added = copy('added');
    writeFileSync(join(added, 'rules', 'new.json'), '{}');
    expect(knowledgeFingerprint(dirUrl(added))).not.toBe(base);
    const renamed = copy('renamed');
    renameSync(join(renamed, 'rules', 'ruleset.json'), join(renamed, 'rules', 'ruleset2.json'));
    expect(knowledgeFingerprint(dirUrl(renamed))).not.toBe(base);
  });
});

describe("the build's record is used only for the files and the code it was made from", () => {
  const dir = join(tmp, 'k');
  cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
  const compiled = join(tmp, 'checked.js');
  const file = join(tmp, 'checked.json');
  writeFileSync(compiled, '');
  const record: CheckedRecord = { fingerprint: knowledgeFingerprint(dirUrl(dir)), sets: { x: { a: 1 } } };
  writeFileSync(file, JSON.stringify(record));
  const now = Date.now() / 1000;
  const read = () => readRecord(pathToFileURL(file), pathToFileURL(compiled), dirUrl(dir));
  it('a record newer than the code and made from these files is read', () => {
    utimesSync(compiled, now - 10, now - 10);
    utimesSync(file, now, now);
    expect(read()).toEqual(record);
  });
  it('code compiled after the record, or a knowledge file edited since, sets it aside', () => {
    utimesSync(compiled, now + 10, now + 10);
    expect(read()).toBeNull();
    utimesSync(compiled, now - 10, now - 10);
    writeFileSync(join(dir, 'sources.json'), `${readFileSync(join(dir, 'sources.json'), 'utf8')} `);
    expect(read()).toBeNull();
  });
  it('no record, or an unreadable one, is no record', () => {
    expect(readRecord(pathToFileURL(join(tmp, 'none.json')), pathToFileURL(compiled), dirUrl(dir))).toBeNull();
    writeFileSync(file, '{');
    expect(read()).toBeNull();
  });
});

// The record `npm run build` wrote, when it was made from the knowledge files as they are now: each
// set must be what its checker gives from the sources (the checkers themselves are tested beside them).
const built = new URL('../../dist/knowledge/checked.json', import.meta.url);
const record = existsSync(built) ? (JSON.parse(readFileSync(built, 'utf8')) as CheckedRecord) : undefined;
const current = record?.fingerprint === knowledgeFingerprint();
describe.skipIf(!current)("the build's record (skipped: no dist/knowledge/checked.json from these knowledge files; run npm run build)", () => {
  it('holds every checker and what each gives from the sources', () => {
    const checkers: Record<string, unknown> = {
      assess: KNOWLEDGE,
      'assess/scope': SCOPE_FILE,
      'course/edss-from-fs': EDSS_TABLE,
      monitor: MONITORING_KNOWLEDGE,
      'fhir/value-sets': readValueSetFiles(),
    };
    expect(Object.keys(record!.sets).sort()).toEqual(Object.keys(checkers).sort());
    for (const [name, value] of Object.entries(checkers)) expect(record!.sets[name], name).toEqual(value);
  });
});
