import { defineConfig } from 'vitest/config';

// End-to-end tests: the real service on a real port, driven by Debian's Chromium (playwright-core).
// One file at a time: a browser and a server per file are enough for a 2-core machine.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
