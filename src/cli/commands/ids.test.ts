import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../../history/dates.js';
import type { CliIo } from '../io.js';
import { runCommand } from '../main.js';
import { command as screen } from './screen.js';
import { command as validate } from './validate.js';
import { captureIo } from '../capture-io.js';

// The patient id syntax (src/history/ids.ts) at the CLI's doors: a history file and a screened
// NDJSON line with an id outside it are refused, naming $.id (issue 15, probe defect 5).

const COMMANDS = { screen, validate } as const;
const main = (argv: string[], cli: CliIo): Promise<number> => runCommand(argv[0]!, COMMANDS[argv[0] as keyof typeof COMMANDS], argv.slice(1), cli);
const io = () => captureIo(parseDay('2026-11-01')!);
const dir = mkdtempSync(path.join(tmpdir(), 'fulcrum-ids-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('patient ids at the command line', () => {
  it('validate refuses a history whose id is a path, naming $.id', async () => {
    const a = io();
    expect(await main(['validate', file('bad.json', JSON.stringify({ formatVersion: 1, id: '../../etc/passwd' }))], a.cli)).toBe(2);
    expect(a.out() + a.err()).toMatch(/\$\.id/);
    expect(await main(['validate', file('good.json', JSON.stringify({ formatVersion: 1, id: 'MRN-0042.7' }))], io().cli)).toBe(0);
  });

  it('screen rejects the line whose id holds a right-to-left override, and screens the others', async () => {
    const lines = [
      { formatVersion: 1, id: 'ok-1' },
      { formatVersion: 1, id: 'evil\u202etxt.exe' },
    ]
      .map((h) => JSON.stringify(h))
      .join('\n');
    const a = io();
    await main(['screen', file('c.ndjson', lines), '--drug', 'alemtuzumab', '--format', 'ndjson'], a.cli);
    const rows = a
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.find((r) => r.id === 'ok-1')?.verdict).not.toBe('rejected');
    const bad = rows.find((r) => r.verdict === 'rejected');
    expect(bad?.error).toMatch(/\$\.id/);
  });
});
