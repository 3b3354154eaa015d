#!/usr/bin/env node
// Summarises vitest's JSON report (--reporter=json): every skipped test with the reason its suite
// gives (a test titled "skipped: why" in the same file), then one closing line,
// "N passed, N failed, N skipped". Usage: node scripts/test-summary.mjs REPORT.json
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const [reportPath] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(readFileSync(reportPath, 'utf8'));
} catch (e) {
  process.stdout.write(`test summary: no test report at ${reportPath} (${e.code ?? e.message}): the test run did not finish\n0 passed, 1 failed, 0 skipped\n`);
  process.exit(1);
}

const REASON = /(?:^|\s)skipped: (.*)$/;
const SKIPPED = new Set(['skipped', 'pending', 'todo', 'disabled']);
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];
for (const file of report.testResults ?? []) {
  const name = relative(process.cwd(), file.name);
  const tests = file.assertionResults ?? [];
  const reasons = [...new Set(tests.map((t) => REASON.exec(t.title)?.[1]).filter(Boolean))];
  // A file that failed with no failed test failed to load, or in a hook before its tests: it counts
  // as one failure, and the tests it did not run are counted as not run, not as skipped.
  const suiteFailed = file.status === 'failed' && !tests.some((t) => t.status === 'failed');
  let fileSkipped = 0;
  let notRun = 0;
  const unexplained = [];
  for (const t of tests) {
    if (t.status === 'passed') passed++;
    else if (t.status === 'failed') failed++;
    else if (SKIPPED.has(t.status) && suiteFailed && !REASON.test(t.title)) notRun++;
    else if (SKIPPED.has(t.status)) {
      skipped++;
      fileSkipped++;
      if (!REASON.test(t.title) && reasons.length === 0) unexplained.push(t.fullName);
    }
  }
  if (suiteFailed) {
    failed++;
    const why = String(file.message ?? '').split('\n')[0] || 'a hook failed (see the errors above)';
    lines.push(`failed to run: ${name}: ${why}${notRun ? `; ${notRun} test${notRun === 1 ? '' : 's'} not run` : ''}`);
  }
  if (fileSkipped > 0) for (const r of reasons) lines.push(`skipped in ${name} (${fileSkipped} test${fileSkipped === 1 ? '' : 's'}): ${r}`);
  for (const u of unexplained) lines.push(`skipped WITHOUT a reason: ${name}: ${u}`);
}
process.stdout.write(`${lines.map((l) => `${l}\n`).join('')}${passed} passed, ${failed} failed, ${skipped} skipped\n`);
