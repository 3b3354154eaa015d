import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Besides the usual output, every skipped test's reason (test/skip-reasons.ts).
    reporters: ['default', './test/skip-reasons.ts'],
  },
});
