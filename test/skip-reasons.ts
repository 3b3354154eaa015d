// A reporter beside vitest's default one: after the run, each file's skipped tests with the reason its
// suite gives (a test titled "skipped: why"), so `npm test` says why, not only how many, were skipped.
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const REASON = /(?:^|\s)skipped: (.*)$/;

export default class SkipReasons implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const m of modules) {
      const reasons = new Set<string>();
      let skipped = 0;
      for (const t of m.children.allTests()) {
        if (t.result().state !== 'skipped') continue;
        skipped++;
        const why = REASON.exec(t.name)?.[1];
        if (why) reasons.add(why);
      }
      if (skipped === 0) continue;
      const file = relative(process.cwd(), m.moduleId);
      const count = `${skipped} test${skipped === 1 ? '' : 's'}`;
      if (reasons.size === 0) lines.push(`  ${file} (${count}): no reason given`);
      for (const why of reasons) lines.push(`  ${file} (${count}): ${why}`);
    }
    if (lines.length > 0) process.stdout.write(`\nSkipped, and why:\n${lines.join('\n')}\n`);
  }
}
