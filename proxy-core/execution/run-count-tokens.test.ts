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

const t0 = Date.parse('2026-11-26T12:00:00Z');

/** A pool of accounts whose countTokens answers follow a script per account ('ok' answers 42). */
function pool(emails: string[], scripts: Record<string, Array<GatewayError | 'ok'>>, options: { maxAttempts?: number; tokenFails?: string[]; revokeOnTokenFailure?: boolean } = {}) {
  const accounts: Account[] = emails.map((email) => ({ email, refreshToken: 'r', status: 'active', addedAt: '', quotas: {}, cooldowns: {} }));
  const calls: Array<{ email: string; model: string; signal: unknown; hasSignal: boolean }> = [];
  const invalidated: string[] = [];
  const api = {
    async countTokens(context: { accessToken: string; signal?: unknown }, model: string) {
      const email = context.accessToken.slice('token-'.length);
      calls.push({ email, model, signal: context.signal, hasSignal: 'signal' in context });
      const step = scripts[email]?.shift() ?? 'ok';
      if (step === 'ok') return 42;
      throw step;
    },
  } as unknown as CloudCodeApi;
  const run = createCountTokensRunner({
    scheduler: createAccountScheduler({ accounts: () => accounts, settings: () => ({ mode: 'balance', maxWaitSeconds: 60, preferredAccount: '' }), now: () => t0, random: () => 0 }),
    accessToken: async (email) => {
      if (options.tokenFails?.includes(email)) {
        const index = accounts.findIndex((account) => account.email === email);
        if (options.revokeOnTokenFailure === true) accounts[index] = { ...(accounts[index] as Account), status: 'revoked' };
        throw new GatewayError('authentication', 'revoked');
      }
      return `token-${email}`;
    },
    invalidateAccessToken: (email) => invalidated.push(email),
    api,
    maxAttempts: () => options.maxAttempts ?? 3,
    now: () => t0,
  });
  return { accounts, calls, invalidated, run };
}

const failure = (status: number, extra: Record<string, unknown> = {}) =>
  new GatewayError(status === 429 ? 'rate_limit' : 'upstream', `upstream ${status}`, { upstream: { status, message: `upstream ${status}`, ...extra } });
const contents = [{ role: 'user' as const, parts: [{ text: 'hi' }] }];

describe('runCountTokens across accounts', () => {
  it('refuses at once, without any call, when no account is usable', async () => {
    const w = pool([], {});
    await expect(w.run('gemini-3-flash', contents)).rejects.toMatchObject({ kind: 'no_account', message: 'No usable Google account to count tokens with.' });
    const disabled = pool(['a'], {});
    disabled.accounts[0] = { ...(disabled.accounts[0] as Account), status: 'disabled' };
    await expect(disabled.run('gemini-3-flash', contents)).rejects.toMatchObject({ kind: 'no_account' });
    expect(disabled.calls).toEqual([]);
  });

  it('counts for the model asked, passing the client signal on only when there is one', async () => {
    const w = pool(['a'], {});
    const controller = new AbortController();
    expect(await w.run('claude-sonnet-4-5', contents, controller.signal)).toBe(42);
    expect(await w.run('claude-sonnet-4-5', contents)).toBe(42);
    expect(w.calls).toEqual([
      { email: 'a', model: 'claude-sonnet-4-5', signal: controller.signal, hasSignal: true },
      { email: 'a', model: 'claude-sonnet-4-5', signal: undefined, hasSignal: false },
    ]);
  });

  it('moves to another account after a limit, and leaves the account state alone', async () => {
    const w = pool(['a', 'b'], { a: [failure(429, { retryDelayMs: 30_000 })] });
    expect(await w.run('gemini-3-flash', contents)).toBe(42);
    expect(w.calls.map((call) => call.email)).toEqual(['a', 'b']);
    expect(w.accounts.map((account) => account.cooldowns)).toEqual([{}, {}]);
  });

  it('a request error goes to the client at once, with no other account tried', async () => {
    const w = pool(['a', 'b'], { a: [failure(400)] });
    await expect(w.run('gemini-3-flash', contents)).rejects.toMatchObject({ message: 'upstream 400' });
    expect(w.calls.map((call) => call.email)).toEqual(['a']);
  });

  it('a capacity answer moves on to the next pass, even with a long delay and a lone account', async () => {
    const w = pool(['a'], { a: [failure(503, { reason: 'MODEL_CAPACITY_EXHAUSTED', retryDelayMs: 40_000 })] });
    expect(await w.run('gemini-3-flash', contents)).toBe(42);
    expect(w.calls.map((call) => call.email)).toEqual(['a', 'a']);
  });

  it('a refused thought signature goes to the client at once: counting cannot strip it', async () => {
    const w = pool(['a', 'b'], { a: [failure(400, { signatureError: true })] });
    await expect(w.run('gemini-3-flash', contents)).rejects.toMatchObject({ message: 'upstream 400' });
    expect(w.calls).toHaveLength(1);
  });

  it('a 401 drops the cached access token of that account before the next pass', async () => {
    const w = pool(['a'], { a: [failure(401)] });
    expect(await w.run('gemini-3-flash', contents)).toBe(42);
    expect(w.invalidated).toEqual(['a']);
    expect(w.calls.map((call) => call.email)).toEqual(['a', 'a']);
    const limited = pool(['a'], { a: [failure(500)] });
    await limited.run('gemini-3-flash', contents);
    expect(limited.invalidated).toEqual([]);
  });

  it('an account that cannot get a token is passed over for the next one', async () => {
    const w = pool(['a', 'b'], {}, { tokenFails: ['a'] });
    expect(await w.run('gemini-3-flash', contents)).toBe(42);
    expect(w.calls.map((call) => call.email)).toEqual(['b']);
  });

  it('when the pool runs dry it answers with when capacity returns, or with the last error seen', async () => {
    const resting = pool(['a'], {});
    resting.accounts[0] = { ...(resting.accounts[0] as Account), cooldowns: { 'gemini-3-flash': { until: new Date(t0 + 30_000).toISOString(), reason: 'rate_limited', strikes: 1 } } };
    await expect(resting.run('gemini-3-flash', contents)).rejects.toMatchObject({ kind: 'rate_limit', code: 'all_accounts_rate_limited', retryAfterSeconds: 30 });
    expect(resting.calls).toEqual([]);
    // The token manager marks an account whose refresh token is revoked: the next pass finds no
    // account, and the client hears about the token failure, not a bare "no account".
    const revoked = pool(['a'], {}, { tokenFails: ['a'], revokeOnTokenFailure: true });
    await expect(revoked.run('gemini-3-flash', contents)).rejects.toMatchObject({ kind: 'upstream', code: 'account_credentials_failed' });
  });

  it('at least one attempt even when max_attempts is 0', async () => {
    const w = pool(['a'], {}, { maxAttempts: 0 });
    expect(await w.run('gemini-3-flash', contents)).toBe(42);
    const failing = pool(['a'], { a: [failure(500), failure(500)] }, { maxAttempts: 0 });
    await expect(failing.run('gemini-3-flash', contents)).rejects.toMatchObject({ message: 'upstream 500' });
    expect(failing.calls).toHaveLength(1);
  });
});
