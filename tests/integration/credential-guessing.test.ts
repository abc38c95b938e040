/**
 * Wrong credentials from the network are rate limited, against the real gateway. No traffic may
 * leave loopback here, so the gateway is told that only 127.0.0.1 is this machine and the "LAN"
 * client binds its sockets to 127.0.0.2: to the limiter that is a caller from another address,
 * while the owner's own tools still connect from 127.0.0.1. The limiter's arithmetic (window,
 * Retry-After, loopback forms, memory bound) is unit-tested in credential-failure-limiter.test.ts;
 * the clock here is the gateway's injected `now`.
 */
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

const lanClientAddress = '127.0.0.2';
const lanClient = new Agent({ localAddress: lanClientAddress });
const ownerClient = new Agent({ localAddress: '127.0.0.1' });

let world: TestGateway;
let offsetMs = 0;

describe(`credential guessing from another address (${lanClientAddress})`, () => {
  beforeAll(async () => {
    world = await startTestGateway({
      settings: { 'proxy.auth_mode': 'strict' },
      isLocalClient: (address) => address === '127.0.0.1' || address === '::ffff:127.0.0.1',
      now: () => Date.now() + offsetMs,
    });
  });
  afterAll(async () => {
    await world?.close();
    await Promise.all([lanClient.close(), ownerClient.close()]);
  });

  const models = (from: Agent, key: string) => fetch(`${world.origin}/v1/models`, { dispatcher: from, headers: { authorization: `Bearer ${key}` } });

  it('answers 429 with Retry-After after 10 wrong API keys a minute, in the caller’s protocol, then lets the address in again', async () => {
    for (let attempt = 1; attempt <= 10; attempt += 1) expect((await models(lanClient, `sk-guess-${attempt}`)).status).toBe(401);
    const blocked = await models(lanClient, world.apiKey);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await blocked.json()).toMatchObject({ error: { code: 'too_many_failed_credentials' } });
    const anthropic = await fetch(`${world.origin}/v1/messages`, {
      dispatcher: lanClient,
      method: 'POST',
      headers: { 'x-api-key': world.apiKey, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(anthropic.status).toBe(429);
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });

    // The Responses WebSocket handshake shares the budget.
    const handshake = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${world.origin.replace('http', 'ws')}/v1/responses`, {
        localAddress: lanClientAddress,
        headers: { authorization: `Bearer ${world.apiKey}` },
      });
      socket.on('open', () => {
        socket.close();
        resolve(101);
      });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('error', (error) => {
        if (!/Unexpected server response/.test(error.message)) reject(error);
      });
    });
    expect(handshake).toBe(429);

    // Loopback is never limited: the owner's own tools keep working.
    for (let attempt = 1; attempt <= 12; attempt += 1) expect((await models(ownerClient, `sk-typo-${attempt}`)).status).toBe(401);
    expect((await models(ownerClient, world.apiKey)).status).toBe(200);

    offsetMs += 61_000;
    expect((await models(lanClient, world.apiKey)).status).toBe(200);
  });

  it('counts wrong admin credentials from the network the same way', async () => {
    offsetMs += 61_000;
    const status = (credential: string) =>
      fetch(`${world.origin}/api/admin/control/getStatus`, { dispatcher: lanClient, method: 'POST', headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' }, body: '{}' });
    for (let attempt = 1; attempt <= 10; attempt += 1) expect((await status(`skyport-admin-guess-${attempt}`)).status).toBe(401);
    const blocked = await status(world.adminToken);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).not.toBeNull();
    // The same address is blocked on the AI routes too: one budget per address.
    expect((await models(lanClient, world.apiKey)).status).toBe(429);
    offsetMs += 61_000;
    expect((await status(world.adminToken)).status).toBe(200);
  });

  it('never lets a LAN caller change owner settings, even with the admin token (only this machine may redirect where tokens go)', async () => {
    offsetMs += 61_000;
    const setOwnerSetting = (from: Agent) =>
      fetch(`${world.origin}/api/admin/owner/settings`, {
        dispatcher: from,
        method: 'POST',
        headers: { authorization: `Bearer ${world.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ key: 'upstream.oauth_token_url', value: 'http://127.0.0.1:9/token' }),
      });
    const remote = await setOwnerSetting(lanClient);
    expect(remote.status).toBe(403);
    expect(await remote.json()).toMatchObject({ error: { code: 'owner_only_local' } });
    expect(world.gateway.settingsStore.get().upstream.oauth_token_url).not.toBe('http://127.0.0.1:9/token');
    // The same call from this machine (what `config set` does) works.
    const local = await setOwnerSetting(ownerClient);
    expect(local.status).toBe(200);
    expect(world.gateway.settingsStore.get().upstream.oauth_token_url).toBe('http://127.0.0.1:9/token');
  });
});
