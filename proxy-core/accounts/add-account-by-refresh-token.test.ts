import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addAccountByRefreshToken, type AddAccountDependencies } from './add-account-by-refresh-token.js';
import { createAccountStore, type AccountStore } from './account-store.js';
import { createUndiciOAuthHttp } from './google-oauth.js';
import { upstreamSettingsSchema, type UpstreamSettings } from '../config/settings-schema.js';
import { GatewayError } from '../errors/gateway-error.js';
import type {
  CloudCodeApi,
  FetchAvailableModelsResponse,
  LoadCodeAssistResponse,
  UpstreamCallContext,
} from '../upstream/cloud-code-api.js';

/** The tiny Google OAuth server: a token endpoint and a userinfo endpoint. */
interface OAuthScript {
  token: { status: number; body: unknown };
  userinfo: { status: number; body: unknown };
}

let server: Server;
let agent: Agent;
let baseUrl: string;
let script: OAuthScript;
let tokenForms: Record<string, string>[];

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      if (request.url === '/token') {
        tokenForms.push(Object.fromEntries(new URLSearchParams(body)));
        json(response, script.token.status, script.token.body);
      } else if (request.url === '/userinfo' && request.headers.authorization === 'Bearer ya29.fresh') {
        json(response, script.userinfo.status, script.userinfo.body);
      } else {
        json(response, 401, { error: { code: 401, message: 'bad credentials', status: 'UNAUTHENTICATED' } });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  agent = new Agent();
});

afterAll(async () => {
  await agent.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const fixedNow = new Date('2026-03-04T05:06:07.000Z');
let directory: string;
let store: AccountStore;
let warnings: string[];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'skyport-add-account-'));
  store = await createAccountStore({ filePath: join(directory, 'accounts.json'), logger: { warn: () => undefined } });
  warnings = [];
  tokenForms = [];
  script = {
    token: { status: 200, body: { access_token: 'ya29.fresh', expires_in: 3599, token_type: 'Bearer' } },
    userinfo: { status: 200, body: { id: '42', email: 'ada@example.com', verified_email: true, name: 'Ada' } },
  };
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

interface FakeApiCalls {
  load: UpstreamCallContext[];
  models: { context: UpstreamCallContext; project: string | undefined }[];
}

function fakeApi(
  options: { load?: () => Promise<LoadCodeAssistResponse>; models?: () => Promise<FetchAvailableModelsResponse> } = {},
): CloudCodeApi & { calls: FakeApiCalls } {
  const calls: FakeApiCalls = { load: [], models: [] };
  return {
    calls,
    loadCodeAssist: async (context) => {
      calls.load.push(context);
      return options.load
        ? options.load()
        : { currentTier: { id: 'free-tier' }, paidTier: { id: 'g1-pro-tier' }, cloudaicompanionProject: 'proj-1' };
    },
    onboardUser: () => Promise.reject(new Error('not expected')),
    fetchAvailableModels: async (context, project) => {
      calls.models.push({ context, project });
      return options.models
        ? options.models()
        : {
            models: {
              'gemini-3-flash': { displayName: 'Gemini 3 Flash', quotaInfo: { remainingFraction: 0.8, resetTime: '2026-03-04T10:00:00Z' } },
              chat_20706: { quotaInfo: { remainingFraction: 1 } },
            },
          };
    },
    streamGenerateContent: () => Promise.reject(new Error('not used')),
    countTokens: () => Promise.reject(new Error('not used')),
  };
}

function upstream(overrides: Partial<UpstreamSettings> = {}): UpstreamSettings {
  return upstreamSettingsSchema.parse({ oauth_token_url: `${baseUrl}/token`, userinfo_url: `${baseUrl}/userinfo`, ...overrides });
}

function deps(api: CloudCodeApi, overrides: Partial<AddAccountDependencies> = {}): AddAccountDependencies {
  return {
    http: createUndiciOAuthHttp(agent),
    api,
    store,
    upstream: upstream(),
    now: () => fixedNow,
    logger: { warn: (message) => warnings.push(message) },
    ...overrides,
  };
}

describe('addAccountByRefreshToken', () => {
  it('verifies the token, finds the email and project, reads the quota and stores the account', async () => {
    const api = fakeApi();
    const added = await addAccountByRefreshToken(deps(api), '  1//refresh-ada  ');
    const expected = {
      email: 'ada@example.com',
      refreshToken: '1//refresh-ada',
      projectId: 'proj-1',
      tier: 'g1-pro-tier',
      status: 'active',
      addedAt: '2026-03-04T05:06:07.000Z',
      quotas: { 'gemini-3-flash': { remainingFraction: 0.8, resetTime: '2026-03-04T10:00:00Z', displayName: 'Gemini 3 Flash' } },
      quotasUpdatedAt: '2026-03-04T05:06:07.000Z',
      cooldowns: {},
    };
    expect(added).toEqual(expected);
    expect(store.list()).toEqual([expected]);
    expect(tokenForms[0]).toMatchObject({ grant_type: 'refresh_token', refresh_token: '1//refresh-ada' });
    expect(tokenForms[0]?.client_id).toMatch(/^681255809395-/);
    expect(api.calls.load).toEqual([{ accessToken: 'ya29.fresh' }]);
    expect(api.calls.models).toEqual([{ context: { accessToken: 'ya29.fresh' }, project: 'proj-1' }]);
  });

  it('signs with the configured OAuth client', async () => {
    await addAccountByRefreshToken(
      deps(fakeApi(), { upstream: upstream({ oauth_client_id: 'mine.apps.googleusercontent.com', oauth_client_secret: 'mine' }) }),
      '1//refresh-ada',
    );
    expect(tokenForms[0]).toMatchObject({ client_id: 'mine.apps.googleusercontent.com', client_secret: 'mine' });
  });

  it('stores the rotated refresh token when Google returns one', async () => {
    script.token.body = { access_token: 'ya29.fresh', expires_in: 3599, refresh_token: '1//rotated' };
    const added = await addAccountByRefreshToken(deps(fakeApi()), '1//refresh-ada');
    expect(added.refreshToken).toBe('1//rotated');
  });

  it('re-adding an account replaces its token, keeps addedAt and its proxy, and makes it active again', async () => {
    await store.upsert({
      email: 'Ada@Example.com',
      refreshToken: '1//old',
      status: 'revoked',
      statusReason: 'Refresh token revoked or expired',
      lastError: 'The refresh token was revoked or has expired',
      addedAt: '2025-12-01T00:00:00.000Z',
      quotas: {},
      cooldowns: { 'gemini-3-flash': { until: '2025-12-02T00:00:00.000Z', reason: 'rate_limited', strikes: 1 } },
      upstreamProxy: 'socks5://127.0.0.1:1080',
    });
    const api = fakeApi();
    const added = await addAccountByRefreshToken(deps(api), '1//new');
    expect(store.list()).toHaveLength(1);
    expect(added).toMatchObject({
      email: 'ada@example.com',
      refreshToken: '1//new',
      status: 'active',
      addedAt: '2025-12-01T00:00:00.000Z',
      upstreamProxy: 'socks5://127.0.0.1:1080',
    });
    expect(added.statusReason).toBeUndefined();
    expect(added.cooldowns).toEqual({});
    expect(added.lastError).toBeUndefined();
    expect(api.calls.load[0]?.proxyUrl).toBe('socks5://127.0.0.1:1080');
  });

  it('still adds the account when the quota read fails, and says so', async () => {
    const api = fakeApi({ models: () => Promise.reject(new GatewayError('upstream', 'Cloud Code answered 500')) });
    const added = await addAccountByRefreshToken(deps(api), '1//refresh-ada');
    expect(added).toMatchObject({ email: 'ada@example.com', projectId: 'proj-1', quotas: {}, lastError: 'Quota refresh failed: Cloud Code answered 500' });
    expect(added.quotasUpdatedAt).toBeUndefined();
    expect(store.list()).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('ada@example.com');
  });

  it('stores nothing when the token is revoked', async () => {
    script.token = { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
    const api = fakeApi();
    await expect(addAccountByRefreshToken(deps(api), '1//revoked')).rejects.toMatchObject({ kind: 'authentication', code: 'invalid_grant' });
    expect(store.list()).toEqual([]);
    expect(api.calls.load).toEqual([]);
  });

  it('stores nothing when userinfo fails', async () => {
    script.userinfo = { status: 500, body: { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } } };
    await expect(addAccountByRefreshToken(deps(fakeApi()), '1//refresh-ada')).rejects.toMatchObject({ kind: 'upstream' });
    expect(store.list()).toEqual([]);
  });

  it('stores nothing when project discovery fails', async () => {
    const api = fakeApi({ load: async () => ({ currentTier: { id: 'standard-tier' } }) });
    await expect(addAccountByRefreshToken(deps(api), '1//refresh-ada')).rejects.toMatchObject({ kind: 'permission' });
    expect(store.list()).toEqual([]);
    expect(api.calls.models).toEqual([]);
  });

  it('refuses an empty token or a pasted access token without asking Google', async () => {
    await expect(addAccountByRefreshToken(deps(fakeApi()), '   ')).rejects.toMatchObject({ kind: 'invalid_request' });
    await expect(addAccountByRefreshToken(deps(fakeApi()), 'ya29.a0Af')).rejects.toMatchObject({
      kind: 'invalid_request',
      message: expect.stringContaining('access token'),
    });
    expect(tokenForms).toEqual([]);
  });
});
