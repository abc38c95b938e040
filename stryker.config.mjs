// @ts-check
/**
 * Mutation testing (`npm run test:mutation`): StrykerJS with its Vitest runner over the request
 * path's decision code: execution/ (retry policy, runner), mapping/, the account scheduler and its
 * cooldown and quota-protection checks, the HTTP middleware and the protocol converters. Only the
 * tests related to a mutated file run for it (the runner's `related` mode), per test coverage.
 *
 * The whole scope takes hours on two cores; narrow it for a run with --mutate, e.g.
 *   npm run test:mutation -- --mutate proxy-core/execution/retry-policy.ts,proxy-core/mapping/*.ts
 * The HTML report goes to reports/mutation/ (gitignored). README "Testing" has the measured scores.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export const config = {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'proxy-core/execution/**/*.ts',
    'proxy-core/mapping/**/*.ts',
    'proxy-core/accounts/account-scheduler.ts',
    'proxy-core/accounts/account-eligibility.ts',
    'proxy-core/accounts/check-quota-protection.ts',
    'proxy-core/server/middleware/**/*.ts',
    'proxy-core/protocols/**/convert-*.ts',
    '!**/*.test.ts',
    '!**/__fixtures__/**',
  ],
  reporters: ['html', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  tempDirName: '.stryker-tmp',
  // Two shared cores: one test process at a time beside the machine's other work.
  concurrency: 1,
  timeoutMS: 20000,
  thresholds: { high: 90, low: 85, break: null },
};

// Stryker loads the config file's default export.
// eslint-disable-next-line no-restricted-syntax
export default config;
