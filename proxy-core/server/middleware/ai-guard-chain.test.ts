import { EventEmitter } from 'node:events';
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

// The cases below were the tests of the per-guard Express wrappers (createHostGuard, createCorsGuard,
// createServingGuard, createAuth, checkApiKey), which the chain replaced; same assertions, through
// the chain's Express groups and its handshake.
describe('the Express groups and the handshake, case by case', () => {
  const withFailures = (maxFailures: number) =>
    createAiGuardChain({
      proxy: () => proxy,
      failures: createCredentialFailureLimiter({ now: () => clock, maxFailures }),
      keys: createApiKeyGuard(store, () => clock),
      serving: () => serving,
    });

  function call(
    group: Parameters<typeof guardMiddleware>[1],
    headers: IncomingHttpHeaders,
    overrides: { url?: string; method?: string; remoteAddress?: string; guards?: AiGuardChain } = {},
  ) {
    const { response } = fakeResponse();
    const state = newState();
    attachRequestState(response, state);
    const url = overrides.url ?? '/v1/chat/completions';
    const request = { method: overrides.method ?? 'POST', url, path: url.split('?')[0], headers, socket: { remoteAddress: overrides.remoteAddress ?? lan } } as unknown as Request;
    const next = vi.fn();
    guardMiddleware(overrides.guards ?? chain, group)(request, response as Response, next);
    return { next, state, response };
  }
  const passedOn = (next: ReturnType<typeof vi.fn>) => next.mock.lastCall?.[0] as unknown;

  it('Host (site): passes the refusal on, reading the allowed names afresh for every request', () => {
    proxy = { ...proxy, allowed_hosts: [] };
    expect(passedOn(call('site', { host: 'gateway.lan' }).next)).toMatchObject({ status: 403, message: expect.stringContaining('"gateway.lan"') });
    proxy = { ...proxy, allowed_hosts: ['gateway.lan'] };
    const allowed = call('site', { host: 'gateway.lan' }).next;
    expect(allowed).toHaveBeenCalledOnce();
    expect(allowed).toHaveBeenLastCalledWith(undefined);
    expect(passedOn(call('site', {}).next)).toMatchObject({ status: 403 });
  });

  it('origin (site): goes on with the refusal or nothing, and stops after answering a preflight', () => {
    proxy = { ...proxy, cors_origins: [] };
    const foreign = call('site', { host: '127.0.0.1:8045', origin: 'https://app.example' }, { method: 'OPTIONS' });
    expect(foreign.next).toHaveBeenLastCalledWith(expect.objectContaining({ status: 403 }));

    // The list is read for every request: a newly listed origin works without a restart.
    proxy = { ...proxy, cors_origins: ['https://app.example'] };
    const preflight = call('site', { host: '127.0.0.1:8045', origin: 'https://app.example' }, { method: 'OPTIONS' });
    expect(preflight.response.statusCode).toBe(204);
    expect(preflight.next).not.toHaveBeenCalled();

    const later = call('site', { host: '127.0.0.1:8045', origin: 'https://app.example' });
    expect(later.next).toHaveBeenCalledOnce();
    expect(later.next).toHaveBeenLastCalledWith(undefined);
  });

  it('serving (aiRoutes): reads whether the gateway serves for every request', () => {
    serving = false;
    expect(call('aiRoutes', {}, { url: '/v1/messages' }).next).toHaveBeenLastCalledWith(expect.objectContaining({ status: 503, code: 'gateway_stopped' }));
    expect(call('aiRoutes', {}, { url: '/healthz', method: 'GET' }).next).toHaveBeenLastCalledWith(undefined);
    serving = true;
    expect(call('aiRoutes', {}, { url: '/v1/messages' }).next).toHaveBeenLastCalledWith(undefined);
  });

  it("API key (caller): names the request's key on its record and goes on, or passes the refusal on", async () => {
    const { secret } = await store.create({ name: 'ci' });
    const named = call('caller', { authorization: `Bearer ${secret}` });
    expect(named.next).toHaveBeenLastCalledWith(undefined);
    expect(named.state.clientKey).toEqual({ name: 'ci', models: [] });

    expect(call('caller', { 'x-api-key': mainKey }).state.clientKey).toEqual({ name: 'default', models: [] });

    const missing = call('caller', {});
    expect(missing.next).toHaveBeenLastCalledWith(expect.objectContaining({ code: 'missing_api_key' }));
    expect(missing.state.clientKey).toBeUndefined();

    // The settings are read per request: switching auth off lets the next one through.
    proxy = { ...proxy, auth_mode: 'off' };
    const later = call('caller', {});
    expect(later.next).toHaveBeenLastCalledWith(undefined);
    expect(later.state.clientKey).toEqual({ name: 'none', models: [] });
  });

  it('API key (caller): refuses ?key= in the URL and counts wrong keys per remote address', () => {
    const guards = withFailures(1);
    const inUrl = call('caller', { authorization: `Bearer ${mainKey}` }, { url: `/v1/chat/completions?key=${mainKey}`, guards });
    expect(inUrl.next).toHaveBeenLastCalledWith(expect.objectContaining({ status: 400, param: 'key' }));
    expect(inUrl.state.clientKey).toBeUndefined();

    expect(call('caller', { authorization: 'Bearer wrong' }, { remoteAddress: '10.0.0.9', guards }).next).toHaveBeenLastCalledWith(
      expect.objectContaining({ code: 'invalid_api_key' }),
    );
    expect(call('caller', { authorization: `Bearer ${mainKey}` }, { remoteAddress: '10.0.0.9', guards }).next).toHaveBeenLastCalledWith(expect.objectContaining({ status: 429 }));
    expect(call('caller', { authorization: `Bearer ${mainKey}` }, { remoteAddress: '10.0.0.10', guards }).next).toHaveBeenLastCalledWith(undefined);
  });

  it("handshake: gives the refusal only, and does not spend the key's rate", async () => {
    const { secret } = await store.create({ name: 'socket', rpm: 1 });
    const guards = withFailures(1);
    const handshakeOf = (key: string) =>
      guards.checkHandshake({ headers: { host: '127.0.0.1:8045', authorization: `Bearer ${key}` }, socket: { remoteAddress: lan } } as IncomingMessage, '/v1/responses', new URLSearchParams());
    expect(handshakeOf(secret)).toBeUndefined();
    expect(handshakeOf(secret)).toBeUndefined();
    expect(handshakeOf('wrong')).toMatchObject({ code: 'invalid_api_key' });
    expect(handshakeOf(mainKey)).toMatchObject({ status: 429 });
    // The one request of the minute is still there for the first real call (from another address: this one is blocked now).
    const realCall = () => guards.check(exchange({ authorization: `Bearer ${secret}` }, { clientAddress: '10.0.0.11' }));
    expect(realCall()).toBeUndefined();
    expect(realCall()).toMatchObject({ code: 'api_key_rate_limited' });
  });
});

describe('createAiGuardChain, the rest of its options and parts', () => {
  it('serves always without a serving option, and takes the main key without a key store or failure budget', () => {
    const bare = createAiGuardChain({ proxy: () => proxy });
    expect(bare.check(exchange({ authorization: `Bearer ${mainKey}` }))).toBeUndefined();
    expect(bare.checkTurn({ headers: { authorization: `Bearer ${mainKey}` }, clientAddress: lan }, undefined)).toBeUndefined();
    expect(bare.check(exchange({ authorization: 'Bearer wrong' }))).toMatchObject({ code: 'invalid_api_key' });
  });

  it('accepts a handshake from a listed cross-origin page (no response to put CORS headers on)', () => {
    expect(handshake({ origin: 'https://app.example.com', authorization: `Bearer ${mainKey}` })).toBeUndefined();
    expect(handshake({ origin: 'https://evil.example.com', authorization: `Bearer ${mainKey}` })).toMatchObject({ status: 403 });
  });

  it('judges a handshake as the GET it is (a health path needs no key where health is open)', () => {
    proxy = { ...proxy, auth_mode: 'all_except_health' };
    const at = (path: string) => chain.checkHandshake({ headers: { host: '127.0.0.1:8045' }, socket: { remoteAddress: lan } } as IncomingMessage, path, new URLSearchParams());
    expect(at('/healthz')).toBeUndefined();
    expect(at('/v1/responses')).toMatchObject({ code: 'missing_api_key' });
  });

  it("spends a named key's requests per minute on every Express request", async () => {
    const { secret } = await store.create({ name: 'express', rpm: 1 });
    const caller = guardMiddleware(chain, 'caller');
    const next = vi.fn();
    for (let index = 0; index < 2; index += 1) {
      const { response } = fakeResponse();
      attachRequestState(response, newState());
      const request = { method: 'POST', url: '/v1/chat/completions', path: '/v1/chat/completions', headers: { authorization: `Bearer ${secret}` }, socket: { remoteAddress: lan } };
      caller(request as unknown as Request, response as Response, next);
    }
    expect(next.mock.calls).toEqual([[undefined], [expect.objectContaining({ status: 429, code: 'api_key_rate_limited' })]]);
  });

  /** A POST whose declared length is known and whose bytes have all arrived. */
  const arrivedBody = (length: number) =>
    Object.assign(new EventEmitter(), {
      method: 'POST',
      headers: { 'content-length': String(length), 'content-type': 'application/json' },
      socket: { readable: true },
      complete: true,
      readable: true,
      destroyed: false,
      readableEnded: false,
      resume: () => {},
    });

  it('reads bodies within proxy.max_body_mb of the moment, on the direct path and through Express', () => {
    proxy = { ...proxy, max_body_mb: 1 };
    const done = vi.fn();
    chain.readBody(arrivedBody(2 * 1024 * 1024) as unknown as IncomingMessage, done);
    expect(done).toHaveBeenCalledWith(expect.objectContaining({ status: 413, message: 'Request body is larger than 1 MiB (proxy.max_body_mb).' }), undefined);

    const next = vi.fn();
    chain.parseJsonBody(arrivedBody(2 * 1024 * 1024) as unknown as Request, {} as Response, next);
    expect(next).toHaveBeenCalledWith(expect.objectContaining({ status: 413, message: 'Request body is larger than 1 MiB (proxy.max_body_mb).' }));

    proxy = { ...proxy, max_body_mb: 4 };
    const small = arrivedBody(2);
    const read = vi.fn();
    chain.readBody(small as unknown as IncomingMessage, read);
    small.emit('data', Buffer.from('{}'));
    small.emit('end');
    expect(read).toHaveBeenCalledWith(undefined, {});
  });
});
