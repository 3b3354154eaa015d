import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// .ci/run ends with scripts/test-summary.mjs: every skip with its reason, then "N passed, N failed, N skipped".
const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'fulcrum-summary-'));
const summarise = (report: string) => spawnSync(process.execPath, ['scripts/test-summary.mjs', report], { cwd: root, encoding: 'utf8' });

const test = (title: string, status: string, ancestors: string[] = []) => ({
  title,
  status,
  fullName: [...ancestors, title].join(' '),
  ancestorTitles: ancestors,
});

describe('the test summary', () => {
  it('counts passes, failures and skips, and gives each skip its reason', () => {
    const report = join(dir, 'r.json');
    writeFileSync(
      report,
      JSON.stringify({
        testResults: [
          { name: join(root, 'a.test.ts'), status: 'failed', assertionResults: [test('works', 'passed'), test('breaks', 'failed')] },
          {
            name: join(root, 'b.test.ts'),
            status: 'passed',
            assertionResults: [test('skipped: no database here', 'skipped', ['on postgres']), test('a case', 'skipped', ['x'])],
          },
          { name: join(root, 'c.test.ts'), status: 'passed', assertionResults: [test('quietly', 'skipped')] },
          { name: join(root, 'd.test.ts'), status: 'failed', message: 'SyntaxError: bad\nstack', assertionResults: [] },
          { name: join(root, 'e.test.ts'), status: 'failed', message: '', assertionResults: [test('after a hook that timed out', 'skipped', ['s'])] },
        ],
      }),
    );
    const r = summarise(report);
    expect(r.stdout).toContain('skipped in b.test.ts (2 tests): no database here\n');
    expect(r.stdout).toContain('skipped WITHOUT a reason: c.test.ts: quietly\n');
    expect(r.stdout).toContain('failed to run: d.test.ts: SyntaxError: bad\n');
    expect(r.stdout).toContain('failed to run: e.test.ts: a hook failed (see the errors above); 1 test not run\n');
    expect(r.stdout.endsWith('\n1 passed, 3 failed, 3 skipped\n')).toBe(true);
  });

  it('without a report, says the run did not finish and counts it as a failure', () => {
    const r = summarise(join(dir, 'absent.json'));
    expect(r.status).toBe(1);
    expect(r.stdout.endsWith('0 passed, 1 failed, 0 skipped\n')).toBe(true);
  });

  it('a clone without the reference outputs reports the oracle tests as skipped, with why', { timeout: 120_000 }, () => {
    const report = join(dir, 'oracles.json');
    const run = spawnSync(
      process.execPath,
      [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/oracles', '--reporter=json', `--outputFile.json=${report}`],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, FULCRUM_ORACLES: join(dir, 'no-oracles') },
      },
    );
    expect(run.status).toBe(0);
    const r = summarise(report);
    expect(r.stdout).toMatch(/skipped in test\/oracles\/msprog\.test\.ts \(\d+ tests\): the reference outputs are not at .*no-oracles/);
    expect(r.stdout).not.toContain('WITHOUT a reason');
    expect(r.stdout).toMatch(/\n0 passed, 0 failed, [1-9]\d* skipped\n$/);
  });
});
