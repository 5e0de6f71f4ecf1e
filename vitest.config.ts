import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Workspace packages resolve to their TypeScript sources, so tests need no build step.
    conditions: ['@shoppilot/source'],
  },
  ssr: {
    resolve: {
      conditions: ['@shoppilot/source'],
      externalConditions: ['@shoppilot/source'],
    },
  },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'bench/*.test.ts',
      'examples/*/src/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
    ],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './vitest.summary-reporter.ts'],
  },
});
