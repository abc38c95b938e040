import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { listenForTest } from '../../tests/support/listen-for-test.js';
import { LightAbortController } from '../util/light-abort-controller.js';
import { dispatchUpstreamRequest, maxWaitingBytes, type UpstreamBody } from './dispatch-upstream-request.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Served {
  origin: string;
  /** How many requests reached the handler. */
  count(): number;
  /** How many connections the server accepted. */
  connections(): number;
}

async function serve(handler: (res: ServerResponse) => void): Promise<Served> {
  let count = 0;
  let connections = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count += 1;
      handler(res);
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  await listenForTest(server, (cleanup) => cleanups.push(cleanup));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, count: () => count, connections: () => connections };
}

function agent(): Agent {
  const created = new Agent({ pipelining: 1 });
  cleanups.unshift(() => created.close());
  return created;
}

const post = (origin: string) => ({ origin, path: '/v1internal:x', method: 'POST' as const, body: '{}', headersTimeout: 0, bodyTimeout: 0 });

async function readAll(body: UpstreamBody): Promise<string> {
  let text = '';
  for (let step = await body.next(); step.done !== true; step = await body.next()) text += step.value.toString('utf8');
  return text;
}

async function caught(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

/** Resolves when the response's connection closes (the client went away or was cut off). */
function closedOf(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => res.on('close', () => resolve()));
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('dispatchUpstreamRequest', () => {
  it('resolves at the head and reads the body to its end', async () => {
    const { origin } = await serve((res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n');
      setTimeout(() => res.end('data: 2\n\n'), 10);
    });
    const response = await dispatchUpstreamRequest(agent(), post(origin));
    expect(response.statusCode).toBe(200);
    expect(response.body.complete).toBe(false);
    expect(await readAll(response.body)).toBe('data: 1\n\ndata: 2\n\n');
    expect(response.body.complete).toBe(true);
    expect((await response.body.next()).done).toBe(true);
  });

  it('hands every byte that waited for a read over in one piece', async () => {
    const { origin } = await serve((res) => {
      res.writeHead(200);
      res.write('a');
      setTimeout(() => res.write('b'), 5);
      setTimeout(() => res.end('c'), 10);
    });
    const response = await dispatchUpstreamRequest(agent(), post(origin));
    // Every byte has arrived (and waits unread) before the first read.
    await expect.poll(() => response.body.complete).toBe(true);
    const first = await response.body.next();
    expect(first.value?.toString()).toBe('abc');
    expect((await response.body.next()).done).toBe(true);
  });

  it('gives the status, the headers (lower-cased) and the body of an error answer', async () => {
    const { origin } = await serve((res) => {
      res.writeHead(429, { 'Retry-After': '7', 'Content-Type': 'application/json' });
      res.end('{"error":{"code":429}}');
    });
    const response = await dispatchUpstreamRequest(agent(), post(origin));
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
    expect(response.headers['content-type']).toBe('application/json');
    expect(await readAll(response.body)).toBe('{"error":{"code":429}}');
  });

  it('rejects when the connection is refused', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await caught(dispatchUpstreamRequest(agent(), post(`http://127.0.0.1:${port}`)));
    expect(error.code).toBe('ECONNREFUSED');
  });

  it('rejects at once, sending nothing, when the signal is already aborted', async () => {
    const served = await serve((res) => res.end());
    const controller = new LightAbortController();
    const reason = new Error('caller left');
    controller.abort(reason);
    const error = await caught(dispatchUpstreamRequest(agent(), post(served.origin), controller.signal));
    expect(error).toBe(reason);
    await tick();
    expect(served.count()).toBe(0);
  });

  it('rejects with the reason and closes the connection when aborted before the head', async () => {
    let closed!: Promise<void>;
    const served = await serve((res) => {
      closed = closedOf(res);
    });
    const controller = new AbortController();
    const pending = dispatchUpstreamRequest(agent(), post(served.origin), controller.signal);
    // The request has reached the upstream, which has not answered.
    await expect.poll(() => served.count()).toBe(1);
    controller.abort(new Error('too slow'));
    expect((await caught(pending)).message).toBe('too slow');
    await closed;
  });

  it('fails the pending read with the reason and closes the connection when aborted mid-body', async () => {
    let closed!: Promise<void>;
    const { origin } = await serve((res) => {
      closed = closedOf(res);
      res.writeHead(200);
      res.write('first');
    });
    const controller = new LightAbortController();
    const response = await dispatchUpstreamRequest(agent(), post(origin), controller.signal);
    expect((await response.body.next()).value?.toString()).toBe('first');
    const pending = response.body.next();
    controller.abort(new Error('client went away'));
    expect((await caught(pending)).message).toBe('client went away');
    await closed;
    expect((await caught(response.body.next())).message).toBe('client went away');
  });

  it("fails the read with undici's error when the upstream cuts the connection mid-body", async () => {
    const { origin } = await serve((res) => {
      res.writeHead(200);
      res.write('first');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const response = await dispatchUpstreamRequest(agent(), post(origin));
    const error = await caught(readAll(response.body));
    expect(error.code).toBe('UND_ERR_SOCKET');
    expect(response.body.complete).toBe(false);
  });

  it('aborts the exchange on return(), and reads after it end at once', async () => {
    let closed!: Promise<void>;
    const { origin } = await serve((res) => {
      closed = closedOf(res);
      res.writeHead(200);
      res.write('first');
    });
    const response = await dispatchUpstreamRequest(agent(), post(origin));
    expect((await response.body.next()).value?.toString()).toBe('first');
    expect((await response.body.return()).done).toBe(true);
    await closed;
    expect((await response.body.next()).done).toBe(true);
  });

  it('leaves a completed exchange alone on return() (its connection is reused)', async () => {
    const served = await serve((res) => res.end('all'));
    const shared = agent();
    const response = await dispatchUpstreamRequest(shared, post(served.origin));
    expect(await readAll(response.body)).toBe('all');
    await response.body.return();
    // undici reuses a keep-alive socket one event-loop turn after its answer ended.
    await tick();
    const again = await dispatchUpstreamRequest(shared, { ...post(served.origin), path: '/second' });
    expect(await readAll(again.body)).toBe('all');
    expect(served.connections()).toBe(1);
  });

  it('stops reading the socket while more than maxWaitingBytes wait unread, and resumes on the next read', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    const total = 16 * chunk.length;
    expect(total).toBeGreaterThan(maxWaitingBytes);
    let server!: ServerResponse;
    const { origin } = await serve((res) => {
      server = res;
      res.writeHead(200);
      for (let sent = 0; sent < total; sent += chunk.length) res.write(chunk);
      res.end();
    });
    const response = await dispatchUpstreamRequest(agent(), post(origin));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Without the pause, undici would have drained the socket into memory by now.
    expect(server.writableLength).toBeGreaterThan(0);
    let received = 0;
    for (let step = await response.body.next(); step.done !== true; step = await response.body.next()) received += step.value.length;
    expect(received).toBe(total);
  });
});
