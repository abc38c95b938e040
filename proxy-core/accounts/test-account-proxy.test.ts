import { describe, expect, it, vi } from 'vitest';
import type { Dispatcher } from 'undici';
import type { Account } from './account-schema.js';
import type { OAuthHttp } from './google-oauth.js';
import { testAccountProxy, type AccountProxyTestDependencies } from './test-account-proxy.js';
import { GatewayError } from '../errors/gateway-error.js';

const account: Account = { email: 'a@x', refreshToken: '1//secret-refresh-token', status: 'active', addedAt: '2026-01-01T00:00:00Z', quotas: {}, cooldowns: {}, projectId: 'p-1' };

function deps(overrides: Partial<AccountProxyTestDependencies> = {}) {
  let time = 1_000;
  const close = vi.fn(async () => undefined);
  const createDispatcher = vi.fn((_url: string) => ({ close }) as unknown as Dispatcher);
  const base: AccountProxyTestDependencies = {
    createDispatcher,
    oauthHttp: () => (async () => ({ status: 200, text: async () => '' })) as OAuthHttp,
    refreshAccessToken: async () => {
      time += 120;
      return { accessToken: 'ya29.fresh-access', expiresAt: 0 };
    },
    api: {
      fetchAvailableModels: vi.fn(async () => {
        time += 80;
        return { models: { 'gemini-3-flash': {}, 'claude-sonnet-4-5': {} } };
      }),
    },
    now: () => time,
    ...overrides,
  };
  return { deps: base, close, createDispatcher };
}

describe('testAccountProxy', () => {
  it('refreshes the token and reads quotas through the proxy, timed, and closes its own dispatcher', async () => {
    const world = deps();
    const result = await testAccountProxy(world.deps, account, 'http://me:pw@127.0.0.1:3128');
    expect(result).toEqual({ ok: true, step: null, latency_ms: 200, proxy: 'http://me:***@127.0.0.1:3128', models: 2, error: null });
    expect(world.createDispatcher).toHaveBeenCalledWith('http://me:pw@127.0.0.1:3128');
    expect(world.deps.api.fetchAvailableModels).toHaveBeenCalledWith({ accessToken: 'ya29.fresh-access', proxyUrl: 'http://me:pw@127.0.0.1:3128' }, 'p-1');
    expect(world.close).toHaveBeenCalledTimes(1);
  });

  it('says direct (null) for an empty URL and passes no proxy to the quota read', async () => {
    const world = deps();
    const result = await testAccountProxy(world.deps, account, '');
    expect(result.proxy).toBeNull();
    expect(world.deps.api.fetchAvailableModels).toHaveBeenCalledWith({ accessToken: 'ya29.fresh-access' }, 'p-1');
  });

  it('a failed token refresh reports the step and the message with the token and proxy password scrubbed', async () => {
    const world = deps({
      refreshAccessToken: async () => {
        throw new GatewayError('upstream', 'relay echoed refresh_token=1//secret-refresh-token via http://me:pw-long@proxy');
      },
    });
    const result = await testAccountProxy(world.deps, account, 'http://me:pw-long@127.0.0.1:3128');
    expect(result).toMatchObject({ ok: false, step: 'token_refresh', models: null });
    expect(result.error).toBe('relay echoed refresh_token=[redacted] via http://me:[redacted]@proxy');
    expect(world.close).toHaveBeenCalledTimes(1);
  });

  it('a failed quota read reports that step, never the fresh access token', async () => {
    const world = deps({
      api: {
        fetchAvailableModels: async () => {
          throw new GatewayError('upstream', 'denied for ya29.fresh-access');
        },
      },
    });
    const result = await testAccountProxy(world.deps, account, 'socks5://127.0.0.1:1080');
    expect(result).toMatchObject({ ok: false, step: 'quota_read', error: 'denied for [redacted]', latency_ms: 120 });
  });

  it('an unusable proxy URL is a failed test, not a thrown error', async () => {
    const world = deps({
      createDispatcher: () => {
        throw new GatewayError('upstream', 'Unsupported upstream proxy scheme "ftp:"');
      },
    });
    expect(await testAccountProxy(world.deps, account, 'ftp://x')).toMatchObject({ ok: false, step: 'token_refresh', error: 'Unsupported upstream proxy scheme "ftp:"' });
  });
});
