import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchedIterable } from '../util/batched-async-iterable.js';
import { writeSseResponse } from './write-sse-response.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(frames: (query: string) => AsyncIterable<string>, options: { heartbeatMs?: number; heartbeatFrame?: string } = {}): Promise<string> {
  const app = express();
  app.get('/', async (request, response) => {
    await writeSseResponse(response, frames(String(request.query.stream ?? '')), { abort: new AbortController(), ...options });
  });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** The whole body of a stream, once it ends. */
function fetchBody(url: string): Promise<string> {
  return openStream(url).then((stream) => stream.done);
}

interface OpenStream {
  status: number;
  contentType: string | undefined;
  /** The body received so far. */
  received(): string;
  /** Resolves once the body received so far satisfies `accept`. */
  until(accept: (received: string) => boolean): Promise<void>;
  /** The whole body, once the server ends it. */
  done: Promise<string>;
}

/** Resolves when the response headers arrive, before any frame; the body is then read as it comes. */
function openStream(url: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, (incoming) => {
      let text = '';
      const waiters: Array<{ accept: (received: string) => boolean; resolve: () => void }> = [];
      const check = () => {
        for (const waiter of waiters.splice(0)) {
          if (waiter.accept(text)) waiter.resolve();
          else waiters.push(waiter);
        }
      };
      const done = new Promise<string>((resolveDone) => incoming.on('end', () => resolveDone(text)));
      incoming.on('data', (piece: Buffer) => {
        text += piece.toString();
        check();
      });
      resolve({
        status: incoming.statusCode ?? 0,
        contentType: incoming.headers['content-type'],
        received: () => text,
        until: (accept) => (accept(text) ? Promise.resolve() : new Promise<void>((resolveWait) => waiters.push({ accept, resolve: resolveWait }))),
        done,
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** A promise the test opens when it is ready: the stream's source waits on it instead of sleeping. */
function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

const pingCount = (text: string, ping: string) => text.split(ping).length - 1;

describe('writeSseResponse', () => {
  it('sends the headers at once even when the first frame is slow', async () => {
    const firstFrame = gate();
    const url = await serve(async function* frames() {
      await firstFrame.opened;
      yield 'data: late\n\n';
    });
    // The headers arrive while the source has produced nothing yet.
    const stream = await openStream(url);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toBe('text/event-stream; charset=utf-8');
    expect(stream.received()).toBe('');
    firstFrame.open();
    expect(await stream.done).toBe('data: late\n\n');
  });

  it('sends the heartbeat frame while the source is silent, and not once frames flow', async () => {
    const ping = 'event: ping\ndata: {}\n\n';
    const firstFrame = gate();
    const url = await serve(
      async function* frames() {
        await firstFrame.opened;
        yield 'data: late\n\n';
        yield 'data: later\n\n';
      },
      { heartbeatMs: 200, heartbeatFrame: ping },
    );
    const stream = await openStream(url);
    await stream.until((received) => pingCount(received, ping) >= 2);
    firstFrame.open();
    const body = await stream.done;
    const pings = body.split(ping);
    expect(pings.length - 1).toBeGreaterThanOrEqual(2);
    expect(pings.at(-1)).toBe('data: late\n\ndata: later\n\n');
  });

  it('keeps beating for the other open streams when one in the middle of them ends', async () => {
    const ping = 'event: ping\ndata: {}\n\n';
    const gates: Record<string, ReturnType<typeof gate>> = { first: gate(), short: gate(), last: gate() };
    const url = await serve(
      async function* frames(stream) {
        await gates[stream]?.opened;
        yield `data: ${stream}\n\n`;
      },
      { heartbeatMs: 200, heartbeatFrame: ping },
    );
    // Opened in this order (each registered once its headers are out), the short one sits between the two long ones.
    const first = await openStream(`${url}?stream=first`);
    const short = await openStream(`${url}?stream=short`);
    const last = await openStream(`${url}?stream=last`);
    gates.short?.open();
    expect(await short.done).toBe('data: short\n\n');
    // After the middle stream left, both others still get beats of their own.
    const beatsBefore = [pingCount(first.received(), ping), pingCount(last.received(), ping)];
    await first.until((received) => pingCount(received, ping) >= (beatsBefore[0] ?? 0) + 2);
    await last.until((received) => pingCount(received, ping) >= (beatsBefore[1] ?? 0) + 2);
    gates.first?.open();
    gates.last?.open();
    for (const [stream, name] of [[first, 'first'], [last, 'last']] as const) {
      expect((await stream.done).split(ping).at(-1)).toBe(`data: ${name}\n\n`);
    }
  });

  it('writes every frame of a plain iterable, in order', async () => {
    const url = await serve(async function* frames() {
      yield 'data: 1\n\n';
      yield 'data: 2\n\n';
      await new Promise((resolve) => setImmediate(resolve));
      yield 'data: 3\n\n';
    });
    expect((await fetchBody(url))).toBe('data: 1\n\ndata: 2\n\ndata: 3\n\n');
  });

  it('writes the frames of a batched source, batch by batch', async () => {
    const batches = [['data: a\n\n', 'data: b\n\n'], [], ['data: c\n\n']];
    const url = await serve(() => {
      let index = 0;
      return new BatchedIterable<string>({
        next: async () => (index < batches.length ? { done: false, value: batches[index++] as string[] } : { done: true, value: undefined }),
      });
    });
    expect((await fetchBody(url))).toBe('data: a\n\ndata: b\n\ndata: c\n\n');
  });
});
