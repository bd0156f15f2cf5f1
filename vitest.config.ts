import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.{ts,tsx}'],
    // `*.postgres.test.ts` compare the embedded database with a real server: they run in the
    // PostgreSQL pass (`DATABASE_URL=… npm test`, which .ci/run makes), where a server exists.
    exclude: process.env.DATABASE_URL ? [] : ['**/*.postgres.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
