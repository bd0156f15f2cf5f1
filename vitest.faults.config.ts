import { defineConfig } from 'vitest/config';

// Fault tests: a private PostgreSQL cluster and the real service process, stopped, restarted and
// killed on purpose. Slow, one file at a time; `npm run test:faults`, called by .ci/run.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
  test: {
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
