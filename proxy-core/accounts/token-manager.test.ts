import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from './account-schema.js';
import { createAccountStore, type AccountStore } from './account-store.js';
import type { OAuthTokens } from './google-oauth.js';
import { createTokenManager } from './token-manager.js';
import { GatewayError } from '../errors/gateway-error.js';

const hour = 3_600_000;
const minute = 60_000;

let directory: string;
let store: AccountStore;
let clock: number;
const now = () => clock;

function account(email: string, refreshToken = `1//rt-${email}`): Account {
  return { email, refreshToken, status: 'active', addedAt: '2026-01-01T00:00:00.000Z', quotas: {}, cooldowns: {} };
}

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'skyport-tokens-'));
  store = await createAccountStore({ filePath: join(directory, 'accounts.json'), logger: { warn: () => undefined } });
  await store.upsert(account('ada@example.com'));
  clock = 1_750_000_000_000;
});

afterEach(async () => {
  await store.flush().catch(() => undefined);
  await rm(directory, { recursive: true, force: true });
});

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A refresh function that counts calls and mints `ya29.<n>` tokens valid for an hour. */
function countingRefresh(extra: Partial<OAuthTokens> = {}) {
  const calls: string[] = [];
  const refresh = async (refreshToken: string): Promise<OAuthTokens> => {
    calls.push(refreshToken);
    return { accessToken: `ya29.${calls.length}`, expiresAt: clock + hour, ...extra };
  };
  return { calls, refresh };
}

const invalidGrant = () =>
  new GatewayError('authentication', 'The refresh token was revoked or has expired', { code: 'invalid_grant' });

describe('createTokenManager', () => {
  it('refreshes once and serves the cached token until it is within the skew of expiry', async () => {
    const { calls, refresh } = countingRefresh();
    const tokens = createTokenManager({ store, refresh, now });
    await expect(tokens.getAccessToken('ada@example.com')).resolves.toBe('ya29.1');
    expect(calls).toEqual(['1//rt-ada@example.com']);

    clock += hour - 5 * minute - 1;
    await expect(tokens.getAccessToken('ADA@example.com')).resolves.toBe('ya29.1');
    expect(calls).toHaveLength(1);

    clock += 1;
    await expect(tokens.getAccessToken('ada@example.com')).resolves.toBe('ya29.2');
    expect(calls).toHaveLength(2);
  });

  it('honours a custom skew', async () => {
    const { calls, refresh } = countingRefresh();
    const tokens = createTokenManager({ store, refresh, now, skewMs: 90_000 });
    await tokens.getAccessToken('ada@example.com');
    clock += hour - 91_000;
    await tokens.getAccessToken('ada@example.com');
    expect(calls).toHaveLength(1);
    clock += 1_000;
    await tokens.getAccessToken('ada@example.com');
    expect(calls).toHaveLength(2);
  });

  it('does not refresh on every call when a token lives shorter than the skew', async () => {
    const calls: string[] = [];
    const refresh = async (refreshToken: string) => {
      calls.push(refreshToken);
      return { accessToken: `ya29.${calls.length}`, expiresAt: clock + 2 * minute };
    };
    const tokens = createTokenManager({ store, refresh, now });
    await tokens.getAccessToken('ada@example.com');
    clock += minute - 1;
    await tokens.getAccessToken('ada@example.com');
    expect(calls).toHaveLength(1);
    clock += 1;
    await tokens.getAccessToken('ada@example.com');
    expect(calls).toHaveLength(2);
  });

  it('runs exactly one refresh for 50 concurrent callers', async () => {
    const pending = deferred<OAuthTokens>();
    let refreshes = 0;
    const tokens = createTokenManager({
      store,
      now,
      refresh: () => {
        refreshes += 1;
        return pending.promise;
      },
    });
    const callers = Array.from({ length: 50 }, () => tokens.getAccessToken('ada@example.com'));
    pending.resolve({ accessToken: 'ya29.shared', expiresAt: clock + hour });
    await expect(Promise.all(callers)).resolves.toEqual(Array.from({ length: 50 }, () => 'ya29.shared'));
    expect(refreshes).toBe(1);
  });

  it('refreshes different accounts independently', async () => {
    await store.upsert(account('bob@example.com'));
    const { calls, refresh } = countingRefresh();
    const tokens = createTokenManager({ store, refresh, now });
    await Promise.all([
      tokens.getAccessToken('ada@example.com'),
      tokens.getAccessToken('bob@example.com'),
      tokens.getAccessToken('ada@example.com'),
    ]);
    expect(calls.sort()).toEqual(['1//rt-ada@example.com', '1//rt-bob@example.com']);
  });

  it('rejects every waiter of a failed refresh and tries again on the next call', async () => {
    const pending = deferred<OAuthTokens>();
    let refreshes = 0;
    const tokens = createTokenManager({
      store,
      now,
      refresh: () => {
        refreshes += 1;
        return refreshes === 1 ? pending.promise : Promise.resolve({ accessToken: 'ya29.retry', expiresAt: clock + hour });
      },
    });
    const failure = new GatewayError('upstream', 'Could not reach the Google token endpoint: ECONNRESET');
    const callers = Array.from({ length: 5 }, () => tokens.getAccessToken('ada@example.com'));
    pending.reject(failure);
    const results = await Promise.allSettled(callers);
    expect(results.every((result) => result.status === 'rejected' && result.reason === failure)).toBe(true);
    expect(store.get('ada@example.com')?.status).toBe('active');

    await expect(tokens.getAccessToken('ada@example.com')).resolves.toBe('ya29.retry');
    expect(refreshes).toBe(2);
  });

  it('marks the account revoked on invalid_grant, rethrows, and stops asking Google', async () => {
    let refreshes = 0;
    const tokens = createTokenManager({
      store,
      now,
      refresh: () => {
        refreshes += 1;
        return Promise.reject(invalidGrant());
      },
    });
    await expect(tokens.getAccessToken('ada@example.com')).rejects.toMatchObject({ kind: 'authentication', code: 'invalid_grant' });
    expect(store.get('ada@example.com')).toMatchObject({
      status: 'revoked',
      statusReason: 'Refresh token revoked or expired',
      lastError: 'The refresh token was revoked or has expired',
    });

    await expect(tokens.getAccessToken('ada@example.com')).rejects.toMatchObject({ code: 'invalid_grant' });
    expect(refreshes).toBe(1);
  });

  it('does not revoke a token that was replaced while the failing refresh was in flight', async () => {
    const pending = deferred<OAuthTokens>();
    const tokens = createTokenManager({ store, now, refresh: () => pending.promise });
    const call = tokens.getAccessToken('ada@example.com');
    await store.upsert(account('ada@example.com', '1//re-added'));
    pending.reject(invalidGrant());
    await expect(call).rejects.toMatchObject({ code: 'invalid_grant' });
    expect(store.get('ada@example.com')).toMatchObject({ status: 'active', refreshToken: '1//re-added' });
  });

  it('stores a rotated refresh token and uses it next time', async () => {
    const { calls, refresh } = countingRefresh({ refreshToken: '1//rotated' });
    const tokens = createTokenManager({ store, refresh, now });
    await tokens.getAccessToken('ada@example.com');
    expect(store.get('ada@example.com')?.refreshToken).toBe('1//rotated');
    tokens.invalidate('ada@example.com');
    await tokens.getAccessToken('ada@example.com');
    expect(calls).toEqual(['1//rt-ada@example.com', '1//rotated']);
  });

  it('refreshes after invalidate', async () => {
    const { calls, refresh } = countingRefresh();
    const tokens = createTokenManager({ store, refresh, now });
    await tokens.getAccessToken('ada@example.com');
    tokens.invalidate('Ada@Example.com');
    await expect(tokens.getAccessToken('ada@example.com')).resolves.toBe('ya29.2');
    expect(calls).toHaveLength(2);
  });

  it('keeps access tokens out of the accounts file', async () => {
    const tokens = createTokenManager({ store, now, refresh: async () => ({ accessToken: 'ya29.memory-only', expiresAt: clock + hour, refreshToken: '1//r2' }) });
    await tokens.getAccessToken('ada@example.com');
    await store.flush();
    const file = await readFile(join(directory, 'accounts.json'), 'utf8');
    expect(file).toContain('1//r2');
    expect(file).not.toContain('ya29.memory-only');
  });

  it('refuses an account that is not in the pool, and forgets the token of a removed one', async () => {
    const { calls, refresh } = countingRefresh();
    const tokens = createTokenManager({ store, refresh, now });
    await expect(tokens.getAccessToken('nobody@example.com')).rejects.toMatchObject({ kind: 'no_account' });
    await tokens.getAccessToken('ada@example.com');
    await store.remove('ada@example.com');
    await expect(tokens.getAccessToken('ada@example.com')).rejects.toMatchObject({ kind: 'no_account' });
    expect(calls).toHaveLength(1);
  });
});
