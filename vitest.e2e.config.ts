import { defineConfig } from 'vitest/config';

// End-to-end tests: the real service on a real port, driven by Debian's Chromium (playwright-core).
// One file at a time: a browser and a server per file are enough for a 2-core machine.
// `--mode audit` (npm run test:audit) runs only the page-by-page audit and the weight budgets of
// test/e2e/audit, which are long: CI runs them once, the other browser tests on both databases.
export default defineConfig(({ mode }) => ({
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
  test: {
    include: mode === 'audit' ? ['test/e2e/audit/**/*.test.ts'] : ['test/e2e/**/*.test.ts'],
    exclude: mode === 'audit' ? ['**/node_modules/**'] : ['**/node_modules/**', 'test/e2e/audit/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: mode === 'audit' ? 180_000 : 90_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
}));
