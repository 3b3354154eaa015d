import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { main } from './main.js';

function io() {
  let out = '';
  let err = '';
  const cli: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), today: () => 20_000, stdoutIsTTY: false, stderrIsTTY: false };
  return { cli, out: () => out, err: () => err };
}

describe('fulcrum --version', () => {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

  it.each(['--version', '-V', 'version'])('%s prints the package version and exits 0', async (flag) => {
    const t = io();
    expect(await main([flag], t.cli)).toBe(0);
    expect(t.out()).toBe(`fulcrum ${version}\n`);
    expect(t.err()).toBe('');
  });

  it('an unknown command points to --help', async () => {
    const t = io();
    expect(await main(['asses'], t.cli)).toBe(64);
    expect(t.err()).toMatch(/unknown command "asses".*fulcrum --help/);
  });
});
