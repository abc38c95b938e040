import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // The web console is built once per run, before any file, so a file that serves /console/ passes alone.
    globalSetup: ['tests/support/build-console-once.ts'],
    // Only `npm run test:coverage` turns this on (CI's `npm test` stays fast); the thresholds make that command fail when missed.
    coverage: {
      provider: 'v8',
      include: ['proxy-core/**/*.ts'],
      exclude: ['**/*.test.ts', '**/__fixtures__/**'],
      reporter: ['text-summary', 'html', 'json-summary'],
      reportsDirectory: 'reports/coverage',
      // The figures are shown even when a test fails, so a red test elsewhere does not hide them (the command still fails).
      reportOnFailure: true,
      thresholds: { lines: 90, branches: 85 },
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['proxy-core/**/*.test.ts', 'main/**/*.test.ts', 'tests/**/*.test.ts'],
          // Processed by Vitest so that main/'s tests can mock the `electron` it imports (the binary cannot run here).
          server: { deps: { inline: ['electron-store'] } },
        },
      },
      {
        // The renderer is a web page: its tests run in jsdom, with Testing Library cleaned up after each.
        extends: true,
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['renderer/test-support/setup-renderer-tests.ts'],
        },
      },
    ],
  },
});
