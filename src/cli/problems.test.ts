import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { runCommand, type Command } from './main.js';
import { jsonSyntaxError, lineColumn, shown, valueAtPath } from './problems.js';
import { command as assess } from './commands/assess.js';
import { command as course } from './commands/course.js';
import { command as convert } from './commands/convert.js';
import { command as validate } from './commands/validate.js';
import { command as screen } from './commands/screen.js';
import { parseDay } from '../history/dates.js';

const dir = mkdtempSync(join(tmpdir(), 'fulcrum-problems-'));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

async function run(name: string, cmd: Command, ...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), today: () => parseDay('2026-11-01')!, stdoutIsTTY: false, stderrIsTTY: false };
  const code = await runCommand(name, cmd, argv, io);
  return { code, out, err };
}

const history = { formatVersion: 1, id: 'p', birthDate: '1980', edss: [{ date: '2021-02-29', score: 0.5 }] };
const COMMANDS: [string, Command, string[]][] = [
  ['validate', validate, []],
  ['assess', assess, ['--drug', 'alemtuzumab']],
  ['course', course, []],
  ['convert', convert, []],
];

describe('every command names the file, the position and the value, in one format', () => {
  it.each(COMMANDS)('%s: a missing file, in words', async (name, cmd, extra) => {
    const r = await run(name, cmd, join(dir, 'absent.json'), ...extra);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`fulcrum ${name}: ${join(dir, 'absent.json')}: cannot read: no such file\n`);
  });

  it.each(COMMANDS)('%s: a folder, in words', async (name, cmd, extra) => {
    const r = await run(name, cmd, dir, ...extra);
    expect(r.err).toBe(`fulcrum ${name}: ${dir}: cannot read: is a folder, not a file\n`);
    expect(r.err).not.toMatch(/EISDIR/);
  });

  it.each(COMMANDS)('%s: invalid JSON with its line and column and what was found', async (name, cmd, extra) => {
    const p = file('syntax.json', '{\n  "formatVersion": 1,\n  "id": "x",,\n}\n');
    const r = await run(name, cmd, p, ...extra);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`fulcrum ${name}: ${p} line 3, column 13: invalid JSON: expected a property name in double quotes, found ","\n`);
  });

  it.each(COMMANDS)('%s: binary data is refused without echoing it', async (name, cmd, extra) => {
    const bytes = Buffer.alloc(1 << 20);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const r = await run(name, cmd, file('image.bin', bytes), ...extra);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/image\.bin: is binary data, not text/);
    expect(r.err.length).toBeLessThan(200);
  });

  it.each(COMMANDS)('%s: a bad date and a bad score show their values, each on a line of the same shape', async (name, cmd, extra) => {
    const p = file('bad.json', JSON.stringify(history));
    const r = await run(name, cmd, p, ...extra);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`\n  ${p} $.edss[0].date: is not a real calendar date (found "2021-02-29")\n`);
    expect(r.err).toContain(`\n  ${p} $.edss[0].score: must be an EDSS score`);
    expect(r.err).toContain('(found 0.5)');
  });

  it('validate and assess list the same problems in the same words', async () => {
    const p = file('same.json', JSON.stringify({ ...history, sex: 'f', extra: 1 }));
    const v = await run('validate', validate, p);
    const a = await run('assess', assess, p, '--drug', 'mitoxantrone');
    expect(v.err.replace('fulcrum validate: ', '')).toBe(a.err.replace('fulcrum assess: ', ''));
    expect(v.err).toMatch(/\$\.sex: must be one of .* \(found "f"\)/);
  });

  it('screen: an output in a folder that does not exist, in words, before any work', async () => {
    const input = file('cohort.ndjson', `${JSON.stringify({ formatVersion: 1, id: 'p' })}\n`);
    for (const option of ['--out', '--summary']) {
      const r = await run('screen', screen, input, '--drug', 'alemtuzumab', option, join(dir, 'no-such-folder', 'x'));
      expect(r.code).toBe(2);
      expect(r.err).toBe(`fulcrum screen: ${join(dir, 'no-such-folder', 'x')}: cannot write: its folder does not exist\n`);
      expect(r.out).toBe('');
    }
  });

  it('screen: a binary input is refused whole, not as a rejected row per line-like run of bytes', async () => {
    const bytes = Buffer.alloc(1 << 16);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const r = await run('screen', screen, file('cohort.bin', bytes), '--drug', 'alemtuzumab');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cohort\.bin: is binary data, not text/);
    expect(r.out).toBe('');
  });

  it('screen: a line that is not JSON is a rejected row saying where, quoting no more than the token', async () => {
    const input = file('mixed.ndjson', `{"formatVersion":1,,}\n${'x'.repeat(5000)}\n`);
    const r = await run('screen', screen, input, '--drug', 'alemtuzumab', '--format', 'ndjson');
    const rows = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { error: string });
    expect(rows.map((row) => row.error)).toEqual([
      '$: not valid JSON at column 20: expected a property name in double quotes, found ",}"',
      `$: not valid JSON at column 1: expected a value, found "${'x'.repeat(20)}"`,
    ]);
  });

  it('screen: a missing input in words', async () => {
    const r = await run('screen', screen, join(dir, 'absent.ndjson'), '--drug', 'alemtuzumab');
    expect(r.err).toBe(`fulcrum screen: ${join(dir, 'absent.ndjson')}: cannot read: no such file or folder\n`);
  });
});

describe('shown values', () => {
  it('are at most 40 characters, with no control or invisible character', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.double(), fc.boolean()), (v) => {
        const s = shown(v);
        expect(s.length).toBeLessThanOrEqual(40);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the property is that no control or invisible character is ever shown
        expect(s).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\ufeff\ufffd]/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('JSON syntax errors', () => {
  it('are found where JSON.parse fails, on any mangled document', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', '"', '\n', 'x', '\u0001'), (json, at, insert) => {
        const i = at % (json.length + 1);
        const text = json.slice(0, i) + insert + json.slice(i);
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const e = jsonSyntaxError(text);
        expect(e === undefined).toBe(parses);
        if (e) expect(e.offset).toBeLessThanOrEqual(text.length);
      }),
    );
  });

  it('line and column count from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('values at a path', () => {
  it('follow JSON paths and simple FHIRPaths, and nothing else', () => {
    const doc = { a: [{ b: 1 }], 'x y': 2, entry: [{ resource: { gender: 'M' } }] };
    expect(valueAtPath(doc, '$.a[0].b')).toBe(1);
    expect(valueAtPath(doc, '$["x y"]')).toBe(2);
    expect(valueAtPath(doc, 'Bundle.entry[0].resource.gender')).toBe('M');
    expect(valueAtPath(doc, '$.a[1].b')).toBeUndefined();
    expect(valueAtPath(doc, '$.constructor')).toBeUndefined();
    expect(valueAtPath(doc, 'Bundle.entry.where(x)')).toBeUndefined();
  });
});
