import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKeyGuard, type ApiKeyGuard } from '../../keys/api-key-guard.js';
import { createApiKeyStore, type ApiKeyStore } from '../../keys/api-key-store.js';
import { authenticateRequest, extractApiKey, type AuthInput } from './auth.js';
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

describe('extractApiKey', () => {
  const from = (headers: AuthInput['headers']) => extractApiKey({ headers });

  it('reads Authorization (with or without Bearer, any case), else x-api-key, else x-goog-api-key, trimmed', () => {
    expect(from({ authorization: 'Bearer sk-a' })).toBe('sk-a');
    expect(from({ authorization: 'bearer   sk-a  ' })).toBe('sk-a');
    expect(from({ authorization: 'sk-a' })).toBe('sk-a');
    expect(from({ authorization: 'xBearer sk-a' })).toBe('xBearer sk-a');
    expect(from({ authorization: 'Bearer sk-a', 'x-api-key': 'sk-b', 'x-goog-api-key': 'sk-c' })).toBe('sk-a');
    expect(from({ 'x-api-key': ' sk-b ', 'x-goog-api-key': 'sk-c' })).toBe('sk-b');
    expect(from({ 'x-goog-api-key': ' sk-c ' })).toBe('sk-c');
  });

  it('skips blank headers and finds nothing without one', () => {
    expect(from({ authorization: '  ', 'x-api-key': '', 'x-goog-api-key': 'sk-c' })).toBe('sk-c');
    expect(from({ authorization: '', 'x-api-key': '  ' })).toBeUndefined();
    expect(from({})).toBeUndefined();
  });
});

describe('authenticateRequest, per auth mode', () => {
  const health = { ...strict, auth_mode: 'all_except_health' as const };
  const refusal = (input: AuthInput, settings: Parameters<typeof authenticateRequest>[1]) => authenticateRequest(input, settings).refusal;
  const none = { key: { name: 'none', models: [] } };

  it('refuses a missing key with 401 missing_api_key saying where to send it', () => {
    expect(refusal(request(undefined), strict)).toMatchObject({
      kind: 'authentication',
      status: 401,
      code: 'missing_api_key',
      message: 'Missing API key. Send it as "Authorization: Bearer <key>", "x-api-key" or "x-goog-api-key".',
    });
  });

  it('refuses a key in the URL with a 400 saying why and where the key goes instead', () => {
    expect(refusal(request(undefined, { keyInQuery: true }), off)).toMatchObject({
      kind: 'invalid_request',
      message:
        'API keys in the URL (?key=) are not accepted because URLs end up in logs; send the key in the x-goog-api-key or Authorization header.',
    });
  });

  it('strict asks every request for the key, health probes too; only CORS preflights go without', () => {
    expect(refusal(request(undefined, { method: 'GET', path: '/healthz' }), strict)).toMatchObject({ code: 'missing_api_key' });
    expect(authenticateRequest(request(undefined, { method: 'OPTIONS' }), strict)).toEqual(none);
    expect(authenticateRequest(request(mainKey, { method: 'OPTIONS' }), strict)).toEqual(none);
  });

  it("answers a preflight without looking at a named key's rules, and needs no key store where no key is needed", async () => {
    const { secret } = await store.create({ name: 'off-duty' });
    await store.update('off-duty', { disabled: true });
    expect(authenticateRequest(request(secret, { method: 'OPTIONS' }), strict, { keys: guard })).toEqual(none);
    expect(authenticateRequest(request(secret), strict, { keys: guard }).refusal).toMatchObject({ code: 'api_key_disabled' });
    expect(authenticateRequest(request('anything'), off)).toEqual(none);
  });

  it('all_except_health lets GET and HEAD of /, /health and /healthz through without a key, nothing else', () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['HEAD', '/health'],
      ['GET', '/healthz'],
    ]) {
      expect(authenticateRequest(request(undefined, { method, path }), health), `${method} ${path}`).toEqual(none);
    }
    for (const [method, path] of [
      ['POST', '/healthz'],
      ['GET', '/v1/models'],
      ['GET', '/healthz/x'],
    ]) {
      expect(refusal(request(undefined, { method, path }), health), `${method} ${path}`).toMatchObject({ code: 'missing_api_key' });
    }
  });

  it('auto needs a key (but not for health) exactly when LAN access is on', () => {
    const auto = { ...strict, auth_mode: 'auto' as const };
    expect(authenticateRequest(request(undefined), auto)).toEqual(none);
    expect(refusal(request(undefined), { ...auto, allow_lan_access: true })).toMatchObject({ code: 'missing_api_key' });
    expect(authenticateRequest(request(undefined, { method: 'GET', path: '/healthz' }), { ...auto, allow_lan_access: true })).toEqual(none);
  });

  it('publishes GET/HEAD /metrics without a key only when metrics_public is on', () => {
    const scrape = (overrides: Partial<AuthInput>, settings: Parameters<typeof authenticateRequest>[1]) =>
      authenticateRequest(request(undefined, { method: 'GET', path: '/metrics', ...overrides }), settings);
    expect(scrape({}, { ...strict, metrics_public: true })).toEqual(none);
    expect(scrape({ method: 'HEAD' }, { ...strict, metrics_public: true })).toEqual(none);
    expect(scrape({}, strict).refusal).toMatchObject({ code: 'missing_api_key' });
    expect(scrape({ method: 'POST' }, { ...strict, metrics_public: true }).refusal).toMatchObject({ code: 'missing_api_key' });
    expect(scrape({ path: '/metrics/x' }, { ...strict, metrics_public: true }).refusal).toMatchObject({ code: 'missing_api_key' });
  });

  it('answers a wrong key 401 invalid_api_key and counts it against the sending address only', () => {
    const failures = createCredentialFailureLimiter({ now: () => clock, maxFailures: 1 });
    expect(authenticateRequest(request('wrong'), strict, { failures }).refusal).toMatchObject({ status: 401, code: 'invalid_api_key', message: 'Invalid API key.' });
    expect(authenticateRequest(request(mainKey), strict, { failures }).refusal).toMatchObject({ status: 429 });
    expect(authenticateRequest(request(mainKey, { clientAddress: '192.168.1.51' }), strict, { failures })).toEqual({ key: { name: 'default', models: [] } });
    // A right key is not counted.
    expect(authenticateRequest(request(mainKey, { clientAddress: '192.168.1.51' }), strict, { failures })).toEqual({ key: { name: 'default', models: [] } });
    // Without a failure budget (the gateway's own callers), a wrong key is still just refused.
    expect(authenticateRequest(request('wrong'), strict).refusal).toMatchObject({ status: 401, code: 'invalid_api_key' });
  });
});
