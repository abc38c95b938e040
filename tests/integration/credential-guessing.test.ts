/**
 * Wrong credentials from the network are rate limited, against the real gateway. The client must
 * really come from a non-loopback address (127.0.0.2 is loopback too), so the gateway listens on
 * all interfaces and the test connects to this machine's own network address: the connection's
 * source is then that address. Skipped, and says so, on a machine with no network interface.
 * The limiter's arithmetic (window, Retry-After, loopback forms, memory bound) is unit-tested in
 * credential-failure-limiter.test.ts; the clock here is the gateway's injected `now`.
 */
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

const networkAddress = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal)?.address;

let world: TestGateway;
let offsetMs = 0;
let lanOrigin: string;

describe.skipIf(networkAddress === undefined)(`credential guessing from ${networkAddress ?? '(no network interface here)'}`, () => {
  beforeAll(async () => {
    world = await startTestGateway({
      listen: { host: '0.0.0.0', port: 0 },
      settings: { 'proxy.auth_mode': 'strict' },
      now: () => Date.now() + offsetMs,
    });
    lanOrigin = `http://${networkAddress}:${new URL(world.origin).port}`;
  });
  afterAll(async () => {
    await world?.close();
  });

  const models = (origin: string, key: string) => fetch(`${origin}/v1/models`, { headers: { authorization: `Bearer ${key}` } });

  it('answers 429 with Retry-After after 10 wrong API keys a minute, in the caller’s protocol, then lets the address in again', async () => {
    for (let attempt = 1; attempt <= 10; attempt += 1) expect((await models(lanOrigin, `sk-guess-${attempt}`)).status).toBe(401);
    const blocked = await models(lanOrigin, world.apiKey);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await blocked.json()).toMatchObject({ error: { code: 'too_many_failed_credentials' } });
    const anthropic = await fetch(`${lanOrigin}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': world.apiKey, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(anthropic.status).toBe(429);
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });

    // The Responses WebSocket handshake shares the budget.
    const handshake = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${lanOrigin.replace('http', 'ws')}/v1/responses`, { headers: { authorization: `Bearer ${world.apiKey}` } });
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
    for (let attempt = 1; attempt <= 12; attempt += 1) expect((await models(world.origin, `sk-typo-${attempt}`)).status).toBe(401);
    expect((await models(world.origin, world.apiKey)).status).toBe(200);

    offsetMs += 61_000;
    expect((await models(lanOrigin, world.apiKey)).status).toBe(200);
  });

  it('counts wrong admin credentials from the network the same way', async () => {
    offsetMs += 61_000;
    const status = (credential: string) =>
      fetch(`${lanOrigin}/api/admin/control/getStatus`, { method: 'POST', headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' }, body: '{}' });
    for (let attempt = 1; attempt <= 10; attempt += 1) expect((await status(`skyport-admin-guess-${attempt}`)).status).toBe(401);
    const blocked = await status(world.adminToken);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).not.toBeNull();
    // The same address is blocked on the AI routes too: one budget per address.
    expect((await models(lanOrigin, world.apiKey)).status).toBe(429);
    offsetMs += 61_000;
    expect((await status(world.adminToken)).status).toBe(200);
  });
});
