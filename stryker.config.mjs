// @ts-check
/**
 * Mutation testing (`npm run test:mutation`): StrykerJS with its Vitest runner over the request
 * path's decision code: execution/ (retry policy, runner), mapping/, the account scheduler and its
 * cooldown and quota-protection checks, the HTTP middleware and the protocol converters. The unit
 * tests run (tests/support/vitest-mutation.config.ts says why not the integration suite); only
 * those related to a mutated file run for it (the runner's `related` mode), per test coverage.
 *
 * The whole scope takes hours on two cores; narrow it for a run with --mutate, e.g.
 *   npm run test:mutation -- --mutate proxy-core/execution/retry-policy.ts,proxy-core/mapping/resolve-model.ts
 * The HTML report goes to reports/mutation/ (gitignored). README "Testing" has the measured scores.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export const config = {
  testRunner: 'vitest',
  vitest: { configFile: 'tests/support/vitest-mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  // Module-level constants (the model tables, the cooldown steps) mutated one by one would rerun every
  // related test each time: most of the run's time for data, not decisions. They are left out.
  ignoreStatic: true,
  mutate: [
    'proxy-core/execution/**/*.ts',
    'proxy-core/mapping/**/*.ts',
    'proxy-core/accounts/account-scheduler.ts',
    'proxy-core/accounts/account-eligibility.ts',
    'proxy-core/accounts/check-quota-protection.ts',
    'proxy-core/server/middleware/**/*.ts',
    'proxy-core/protocols/**/convert-*.ts',
    // The converters' shared steps, moved out of the convert-*-to-gemini.ts files: one request builder, one tool-call pairing.
    'proxy-core/protocols/shared/build-gemini-request.ts',
    'proxy-core/protocols/shared/create-tool-call-pairing.ts',
    '!**/*.test.ts',
    '!**/__fixtures__/**',
  ],
  reporters: ['html', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  tempDirName: '.stryker-tmp',
  // The sandbox needs proxy-core, tests/ (fakes and helpers) and the configs, not the builds and the app layers.
  ignorePatterns: ['.stryker-tmp*', 'out', 'dist', 'test-results', 'reports', 'docs', 'assets', 'bench', 'renderer', 'main', 'bin'],
  // Two shared cores: one test process at a time beside the machine's other work.
  concurrency: 1,
  timeoutMS: 20000,
  thresholds: { high: 90, low: 85, break: null },
};

// Stryker loads the config file's default export.
// eslint-disable-next-line no-restricted-syntax
export default config;
