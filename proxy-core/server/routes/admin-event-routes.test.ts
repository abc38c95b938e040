import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayEvent } from '../../control/gateway-event.js';
import { createGatewayEventBus, type GatewayEventBus } from '../../events/gateway-event-bus.js';
import { createErrorHandler } from '../middleware/error-handler.js';
import { createRequestContext } from '../middleware/request-context.js';
import { RouteCatalog } from '../route-catalog.js';
import { registerAdminEventRoutes } from './admin-event-routes.js';

const servers: Array<{ close(): void; closeAllConnections(): void }> = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function serve(events: GatewayEventBus<GatewayEvent>, options: { heartbeatMs?: number; maxBufferedBytes?: number } = {}) {
  const app = express();
  app.set('query parser', 'simple');
  app.use(createRequestContext({ logger: { info: () => {}, debug: () => {} } }));
  const router = express.Router();
  registerAdminEventRoutes(router, new RouteCatalog(), { events, ...options });
  app.use(router);
  app.use(createErrorHandler({ logger: { error: () => {} } }));
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/admin/events`;
}

async function readUntil(body: ReadableStream<Uint8Array>, done: (text: string) => boolean): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!done(text)) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  await reader.cancel();
  return text;
}

const accountsEvent: GatewayEvent = { type: 'accounts', data: { items: [] } };

describe('GET /api/admin/events', () => {
  it('sends heartbeats while quiet and only the asked-for event types', async () => {
    const events = createGatewayEventBus<GatewayEvent>();
    const url = await serve(events, { heartbeatMs: 20 });
    const response = await fetch(`${url}?types=accounts`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readPast = async (needle: string) => {
      while (!received.includes(needle)) {
        const chunk = await reader.read();
        if (chunk.done) break;
        received += decoder.decode(chunk.value, { stream: true });
      }
    };
    // A heartbeat arrives while nothing is published; only then do the events go out.
    await readPast(': ping\n\n');
    events.publish({ type: 'settings', data: {} as never });
    events.publish(accountsEvent);
    await readPast('event: accounts');
    await reader.cancel();
    expect(received.startsWith(': connected\n\n')).toBe(true);
    expect(received).toContain(': ping\n\n');
    expect(received).not.toContain('event: settings');
    expect(received).toContain('event: accounts\ndata: {"items":[]}\n\n');
  });

  it('lets go of its subscription when the client leaves', async () => {
    const events = createGatewayEventBus<GatewayEvent>();
    const url = await serve(events);
    const response = await fetch(url);
    await readUntil(response.body as ReadableStream<Uint8Array>, (received) => received.includes('connected'));
    await expect.poll(() => events.subscriberCount, { timeout: 2000 }).toBe(0);
  });

  it('ends the stream when its scope is closed (the server stops)', async () => {
    const events = createGatewayEventBus<GatewayEvent>();
    const scope = events.scope();
    const url = await serve(scope);
    const response = await fetch(url);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    scope.closeAll();
    let ended = false;
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) {
        ended = true;
        break;
      }
    }
    expect(ended).toBe(true);
    expect(events.subscriberCount).toBe(0);
  });

  it('cuts off a client that stopped reading instead of buffering without end', async () => {
    const events = createGatewayEventBus<GatewayEvent>();
    const url = await serve(events, { maxBufferedBytes: 64 * 1024 });
    const response = await fetch(url);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const big = { type: 'accounts', data: { items: [{ email: 'x'.repeat(50_000) }] } } as never;
    for (let index = 0; index < 400 && events.subscriberCount > 0; index += 1) {
      events.publish(big);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(events.subscriberCount).toBe(0);
    await reader.cancel().catch(() => {});
  });

  it('refuses an unknown type', async () => {
    const url = await serve(createGatewayEventBus<GatewayEvent>());
    const response = await fetch(`${url}?types=log,weather`);
    expect(response.status).toBe(400);
  });
});
