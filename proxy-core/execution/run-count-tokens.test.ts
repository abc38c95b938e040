import { describe, expect, it } from 'vitest';
import { createAccountScheduler } from '../accounts/account-scheduler.js';
import type { Account } from '../accounts/account-schema.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { CloudCodeApi } from '../upstream/cloud-code-api.js';
import { createCountTokensRunner } from './run-count-tokens.js';

function runner(failures: number, maxAttempts = 3) {
  const accounts: Account[] = [{ email: 'a', refreshToken: 'r', status: 'active', addedAt: '', quotas: {}, cooldowns: {} }];
  let calls = 0;
  const api = {
    async countTokens() {
      calls += 1;
      if (calls <= failures) {
        throw new GatewayError('overloaded', 'The service is currently unavailable.', { upstream: { status: 503, rpcStatus: 'UNAVAILABLE', message: 'The service is currently unavailable.' } });
      }
      return 42;
    },
  } as unknown as CloudCodeApi;
  const run = createCountTokensRunner({
    scheduler: createAccountScheduler({ accounts: () => accounts, settings: () => ({ mode: 'balance', maxWaitSeconds: 60, preferredAccount: '' }) }),
    accessToken: async () => 'token',
    invalidateAccessToken: () => {},
    api,
    maxAttempts: () => maxAttempts,
  });
  return { run: () => run('gemini-3-flash', [{ role: 'user', parts: [{ text: 'hi' }] }]), calls: () => calls };
}

describe('runCountTokens', () => {
  it('one account on a flaky upstream: passing faults are retried on it up to proxy.max_attempts', async () => {
    const w = runner(2);
    expect(await w.run()).toBe(42);
    expect(w.calls()).toBe(3);
  });

  it('gives up with the last error after max_attempts', async () => {
    const w = runner(5, 2);
    await expect(w.run()).rejects.toMatchObject({ kind: 'overloaded' });
    expect(w.calls()).toBe(2);
  });
});
