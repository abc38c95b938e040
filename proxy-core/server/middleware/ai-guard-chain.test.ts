import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDefaultSettings, type ProxySettings } from '../../config/settings-schema.js';
import { createApiKeyGuard } from '../../keys/api-key-guard.js';
import { createApiKeyStore, type ApiKeyStore } from '../../keys/api-key-store.js';
import type { RequestState } from '../../monitor/completed-request.js';
import { attachRequestState } from '../request-state.js';
import { createAiGuardChain, guardMiddleware, type AiGuardChain, type GuardExchange } from './ai-guard-chain.js';
import { createCredentialFailureLimiter } from './credential-failure-limiter.js';

const mainKey = 'sk-main-key-0123456789abcdef';
const lan = '192.168.1.50';

let dir: string;
let store: ApiKeyStore;
let clock: number;
let proxy: ProxySettings;
let serving: boolean;
let chain: AiGuardChain;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skyport-guards-'));
  clock = Date.UTC(2026, 11, 8);
  store = await createApiKeyStore({ filePath: join(dir, 'api-keys.json'), now: () => clock, logger: { warn: () => {} } });
  proxy = { ...createDefaultSettings().proxy, auth_mode: 'strict', api_key: mainKey, cors_origins: ['https://app.example.com'] };
  serving = true;
  chain = createAiGuardChain({
    proxy: () => proxy,
    failures: createCredentialFailureLimiter({ now: () => clock, maxFailures: 2 }),
    keys: createApiKeyGuard(store, () => clock),
    serving: () => serving,
  });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const newState = (): RequestState => ({ requestId: 'req_1', startedAt: 0, protocol: 'openai', attempts: [] });

function fakeResponse() {
  const headers: Record<string, unknown> = {};
  const response = {
    statusCode: 200,
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = value;
    },
    end: vi.fn(),
  };
  return { response: response as unknown as ServerResponse, headers, end: response.end };
}

function exchange(headers: IncomingHttpHeaders, overrides: Partial<GuardExchange> = {}): GuardExchange {
  return {
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { host: '127.0.0.1:8045', ...headers },
    keyInQuery: false,
    clientAddress: lan,
    response: fakeResponse().response,
    state: newState(),
    countRequest: true,
    ...overrides,
  };
}

const handshake = (headers: IncomingHttpHeaders, query = '') =>
  chain.checkHandshake({ headers: { host: '127.0.0.1:8045', ...headers }, socket: { remoteAddress: lan } } as IncomingMessage, '/v1/responses', new URLSearchParams(query));

describe('createAiGuardChain', () => {
  it('runs Host, origin, key, serving in that order: each refusal shows once the ones before it pass', () => {
    serving = false;
    const everythingWrong = { host: 'rebind.example.com', origin: 'https://evil.example.com' };
    expect(chain.check(exchange(everythingWrong))).toMatchObject({ status: 403, message: expect.stringMatching(/^Host "rebind.example.com"/) });
    expect(chain.check(exchange({ ...everythingWrong, host: 'localhost' }))).toMatchObject({ status: 403, message: expect.stringMatching(/^Origin https:\/\/evil/) });
    expect(chain.check(exchange({ host: 'localhost' }))).toMatchObject({ status: 401, code: 'missing_api_key' });
    expect(chain.check(exchange({ authorization: `Bearer ${mainKey}` }))).toMatchObject({ status: 503, code: 'gateway_stopped' });
    serving = true;
    const state = newState();
    expect(chain.check(exchange({ authorization: `Bearer ${mainKey}`, origin: 'https://app.example.com' }, { state }))).toBeUndefined();
    expect(state.clientKey).toEqual({ name: 'default', models: [] });
  });

  it('refuses a key in the URL even with auth off, and reads the settings of the moment', () => {
    proxy = { ...proxy, auth_mode: 'off' };
    expect(chain.check(exchange({}))).toBeUndefined();
    expect(chain.check(exchange({}, { keyInQuery: true }))).toMatchObject({ status: 400, param: 'key' });
    proxy = { ...proxy, allowed_hosts: ['gateway.lan'] };
    expect(chain.check(exchange({ host: 'gateway.lan:8045' }))).toBeUndefined();
  });

  it("adds CORS headers for a listed origin, and answers its preflight itself ('answered', 204, nothing else runs)", () => {
    const { response, headers } = fakeResponse();
    expect(chain.check(exchange({ origin: 'https://app.example.com', authorization: `Bearer ${mainKey}` }, { response }))).toBeUndefined();
    expect(headers['access-control-allow-origin']).toBe('https://app.example.com');

    const preflight = fakeResponse();
    // No key: a preflight never carries one, and the key guard must not run after the answer.
    expect(chain.check(exchange({ origin: 'https://app.example.com' }, { method: 'OPTIONS', response: preflight.response }))).toBe('answered');
    expect(preflight.response.statusCode).toBe(204);
    expect(preflight.end).toHaveBeenCalledOnce();
  });

  it('holds wrong keys from one address to one budget, whichever way they come (request or WebSocket handshake)', () => {
    expect(chain.check(exchange({ authorization: 'Bearer wrong-1' }))).toMatchObject({ status: 401, code: 'invalid_api_key' });
    expect(handshake({ authorization: 'Bearer wrong-2' })).toMatchObject({ status: 401, code: 'invalid_api_key' });
    const blocked = chain.check(exchange({ authorization: `Bearer ${mainKey}` }));
    expect(blocked).toMatchObject({ status: 429, code: 'too_many_failed_credentials', retryAfterSeconds: 60 });
    expect(handshake({ authorization: `Bearer ${mainKey}` })).toMatchObject({ status: 429, code: 'too_many_failed_credentials' });
  });

  it('runs every guard at a WebSocket handshake, without spending the key’s requests per minute; each turn spends one', async () => {
    const { secret } = await store.create({ name: 'socket', rpm: 1 });
    const bearer = { authorization: `Bearer ${secret}` };
    expect(handshake({ ...bearer, host: 'rebind.example.com' })).toMatchObject({ status: 403 });
    expect(handshake({ ...bearer, origin: 'https://evil.example.com' })).toMatchObject({ status: 403 });
    expect(handshake({}, 'key=abc')).toMatchObject({ status: 400, param: 'key' });
    expect(handshake(bearer)).toBeUndefined();
    expect(handshake(bearer)).toBeUndefined();

    const state = newState();
    expect(chain.checkTurn({ headers: bearer, clientAddress: lan }, state)).toBeUndefined();
    expect(state.clientKey).toEqual({ name: 'socket', models: [] });
    expect(chain.checkTurn({ headers: bearer, clientAddress: lan }, newState())).toMatchObject({ status: 429, code: 'api_key_rate_limited', retryAfterSeconds: 60 });
    serving = false;
    expect(handshake({ authorization: `Bearer ${mainKey}` })).toMatchObject({ status: 503, code: 'gateway_stopped' });
  });

  it('checks each turn against the key and the serving state of the moment', async () => {
    const { secret } = await store.create({ name: 'later-disabled' });
    const turn = { headers: { authorization: `Bearer ${secret}` }, clientAddress: lan };
    expect(chain.checkTurn(turn, undefined)).toBeUndefined();
    serving = false;
    expect(chain.checkTurn(turn, undefined)).toMatchObject({ status: 503, code: 'gateway_stopped' });
    serving = true;
    await store.update('later-disabled', { disabled: true });
    expect(chain.checkTurn(turn, undefined)).toMatchObject({ status: 401, code: 'api_key_disabled' });
  });

  it('gives the body limit of the moment in bytes', () => {
    proxy = { ...proxy, max_body_mb: 3 };
    expect(chain.maxBodyBytes()).toBe(3 * 1024 * 1024);
  });
});

describe('guardMiddleware', () => {
  function expressExchange(url: string, headers: IncomingHttpHeaders, method = 'POST') {
    const { response, headers: sent } = fakeResponse();
    const state = newState();
    attachRequestState(response, state);
    const request = { method, url, path: url.split('?')[0], headers: { host: 'localhost', ...headers }, socket: { remoteAddress: lan } } as unknown as Request;
    return { request, response: response as Response, state, sent };
  }

  it('runs one group and passes its refusal (or nothing) on; the groups share what the first one read', () => {
    const site = guardMiddleware(chain, 'site');
    const caller = guardMiddleware(chain, 'caller');
    const { request, response, state } = expressExchange('/v1/chat/completions', { authorization: `Bearer ${mainKey}` });
    const next = vi.fn();
    site(request, response, next);
    caller(request, response, next);
    expect(next.mock.calls).toEqual([[undefined], [undefined]]);
    expect(state.clientKey).toEqual({ name: 'default', models: [] });

    const wrongHost = expressExchange('/v1/chat/completions', { host: 'rebind.example.com' });
    const refused = vi.fn();
    site(wrongHost.request, wrongHost.response, refused);
    expect(refused).toHaveBeenCalledWith(expect.objectContaining({ status: 403 }));
  });

  it('reads ?key= from the URL as the direct path does', () => {
    proxy = { ...proxy, auth_mode: 'off' };
    const { request, response } = expressExchange('/v1/chat/completions?alt=sse&key=abc', {});
    const next = vi.fn();
    guardMiddleware(chain, 'caller')(request, response, next);
    expect(next).toHaveBeenCalledWith(expect.objectContaining({ status: 400, param: 'key' }));
  });

  it('ends at an answered preflight without calling next', () => {
    const { request, response, sent } = expressExchange('/v1/chat/completions', { origin: 'https://app.example.com' }, 'OPTIONS');
    const next = vi.fn();
    guardMiddleware(chain, 'site')(request, response, next);
    expect(next).not.toHaveBeenCalled();
    expect(sent['access-control-allow-methods']).toContain('POST');
  });

  it('refuses with 503 in the aiRoutes group while stopped, health excepted', () => {
    serving = false;
    const aiRoutes = guardMiddleware(chain, 'aiRoutes');
    const chat = expressExchange('/v1/chat/completions', {});
    const health = expressExchange('/healthz', {}, 'GET');
    const next = vi.fn();
    aiRoutes(chat.request, chat.response, next);
    aiRoutes(health.request, health.response, next);
    expect(next.mock.calls).toEqual([[expect.objectContaining({ status: 503, code: 'gateway_stopped' })], [undefined]]);
  });
});
