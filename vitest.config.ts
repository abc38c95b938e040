import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
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
