import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKeyGuard, type ApiKeyGuard } from '../../keys/api-key-guard.js';
import { createApiKeyStore, type ApiKeyStore } from '../../keys/api-key-store.js';
import { authenticateRequest, type AuthInput } from './auth.js';
import { createCredentialFailureLimiter } from './credential-failure-limiter.js';

const mainKey = 'sk-main-key-0123456789abcdef';
const strict = { auth_mode: 'strict' as const, allow_lan_access: false, api_key: mainKey, metrics_public: false };
const off = { ...strict, auth_mode: 'off' as const };
const lan = '192.168.1.50';

let dir: string;
let store: ApiKeyStore;
let guard: ApiKeyGuard;
let clock: number;

const request = (key: string | undefined, overrides: Partial<AuthInput> = {}): AuthInput => ({
  method: 'POST',
  path: '/v1/chat/completions',
  headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
  keyInQuery: false,
  clientAddress: lan,
  ...overrides,
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skyport-auth-'));
  clock = Date.UTC(2026, 11, 7);
  store = await createApiKeyStore({ filePath: join(dir, 'api-keys.json'), now: () => clock, logger: { warn: () => {} } });
  guard = createApiKeyGuard(store, () => clock);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('authenticateRequest', () => {
  it('names the key: a named one by its name, the main key as default; a wrong one is 401 and counted', async () => {
    const { secret } = await store.create({ name: 'ci', models: ['gemini-*'] });
    const failures = createCredentialFailureLimiter({ now: () => clock, maxFailures: 1 });
    expect(authenticateRequest(request(secret), strict, { keys: guard, failures })).toEqual({ key: { name: 'ci', models: ['gemini-*'] } });
    expect(authenticateRequest(request(mainKey), strict, { keys: guard, failures })).toEqual({ key: { name: 'default', models: [] } });
    expect(authenticateRequest(request(`${secret.slice(0, -1)}x`), strict, { keys: guard, failures }).refusal).toMatchObject({ status: 401, code: 'invalid_api_key' });
    // One wrong key was this address's budget: even a good key is refused now, before it is looked at.
    expect(authenticateRequest(request(secret), strict, { keys: guard, failures }).refusal).toMatchObject({ status: 429 });
  });

  it('refuses a disabled or expired named key with 401 naming it, and keeps the name for the log', async () => {
    const { secret } = await store.create({ name: 'temp', expires_at: clock + 1000 });
    clock += 1000;
    const expired = authenticateRequest(request(secret), strict, { keys: guard });
    expect(expired.refusal).toMatchObject({ status: 401, code: 'api_key_expired', message: 'API key "temp" expired at 2026-12-07T00:00:01.000Z.' });
    expect(expired.key?.name).toBe('temp');
    await store.update('temp', { expires_at: null, disabled: true });
    expect(authenticateRequest(request(secret), strict, { keys: guard }).refusal).toMatchObject({ status: 401, code: 'api_key_disabled' });
  });

  it('counts requests against rpm, except where told not to (a WebSocket handshake)', async () => {
    const { secret } = await store.create({ name: 'slow', rpm: 1 });
    expect(authenticateRequest(request(secret), strict, { keys: guard, countRequest: false }).refusal).toBeUndefined();
    expect(authenticateRequest(request(secret), strict, { keys: guard }).refusal).toBeUndefined();
    const limited = authenticateRequest(request(secret), strict, { keys: guard }).refusal;
    expect(limited).toMatchObject({ status: 429, code: 'api_key_rate_limited', retryAfterSeconds: 60 });
  });

  it('where no key is needed, a named key is still named and its rules hold; anything else is none', async () => {
    const { secret } = await store.create({ name: 'tool' });
    expect(authenticateRequest(request(secret), off, { keys: guard })).toEqual({ key: { name: 'tool', models: [] } });
    expect(authenticateRequest(request(mainKey), off, { keys: guard })).toEqual({ key: { name: 'none', models: [] } });
    expect(authenticateRequest(request('whatever'), off, { keys: guard })).toEqual({ key: { name: 'none', models: [] } });
    expect(authenticateRequest(request(undefined, { method: 'GET', path: '/healthz' }), { ...strict, auth_mode: 'all_except_health' }, { keys: guard }).refusal).toBeUndefined();
    await store.update('tool', { disabled: true });
    expect(authenticateRequest(request(secret), off, { keys: guard }).refusal).toMatchObject({ status: 401, code: 'api_key_disabled' });
    expect(authenticateRequest(request(secret, { method: 'GET', path: '/healthz' }), { ...strict, auth_mode: 'all_except_health' }, { keys: guard }).refusal).toMatchObject({ status: 401 });
  });

  it('refuses a key in the URL before anything else', () => {
    expect(authenticateRequest(request(mainKey, { keyInQuery: true }), strict, { keys: guard })).toEqual({ refusal: expect.objectContaining({ status: 400, param: 'key' }) });
  });
});
