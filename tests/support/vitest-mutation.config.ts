/**
 * The Vitest configuration StrykerJS runs (stryker.config.mjs): the unit tests next to the code
 * only. The integration and end-to-end suites start whole gateways and browsers; run for every
 * mutant on two shared cores they would take days, so the mutation score is what the unit tests
 * alone pin (a lower bound: the integration suite kills some survivors too).
 */
import { defineConfig } from 'vitest/config';

export const mutationTestConfig = defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    environment: 'node',
    include: ['proxy-core/**/*.test.ts'],
  },
});

// Vitest loads the config file's default export.
// eslint-disable-next-line no-restricted-syntax
export default mutationTestConfig;
