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

/** When the headers and each piece of the body arrived, in ms from the request. */
function fetchTimed(url: string): Promise<{ headersAtMs: number; status: number; contentType: string | undefined; body: string; pieces: Array<{ atMs: number; text: string }> }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, (incoming) => {
      const headersAtMs = performance.now() - started;
      const pieces: Array<{ atMs: number; text: string }> = [];
      incoming.on('data', (piece: Buffer) => pieces.push({ atMs: performance.now() - started, text: piece.toString() }));
      incoming.on('end', () =>
        resolve({ headersAtMs, status: incoming.statusCode ?? 0, contentType: incoming.headers['content-type'], body: pieces.map((piece) => piece.text).join(''), pieces }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('writeSseResponse', () => {
  it('sends the headers at once even when the first frame is slow', async () => {
    const url = await serve(async function* frames() {
      await sleep(300);
      yield 'data: late\n\n';
    });
    const result = await fetchTimed(url);
    expect(result.status).toBe(200);
    expect(result.contentType).toBe('text/event-stream; charset=utf-8');
    expect(result.headersAtMs).toBeLessThan(250);
    expect(result.body).toBe('data: late\n\n');
    expect(result.pieces[0]?.atMs).toBeGreaterThanOrEqual(250);
  });

  it('sends the heartbeat frame while the source is silent, and not once frames flow', async () => {
    const url = await serve(
      async function* frames() {
        await sleep(900);
        yield 'data: late\n\n';
      },
      { heartbeatMs: 200, heartbeatFrame: 'event: ping\ndata: {}\n\n' },
    );
    const { body } = await fetchTimed(url);
    const pings = body.split('event: ping\ndata: {}\n\n');
    // About one per 200 ms of the 900 ms of silence, on a 250 ms tick.
    expect(pings.length - 1).toBeGreaterThanOrEqual(2);
    expect(pings.at(-1)).toBe('data: late\n\n');
  });

  it('keeps beating for the other open streams when one in the middle of them ends', async () => {
    const ping = 'event: ping\ndata: {}\n\n';
    const url = await serve(
      async function* frames(stream) {
        await sleep(stream === 'short' ? 50 : 900);
        yield `data: ${stream}\n\n`;
      },
      { heartbeatMs: 200, heartbeatFrame: ping },
    );
    // Opened in this order, the short one sits between the two long ones, and ends first.
    const first = fetchTimed(`${url}?stream=first`);
    await sleep(20);
    const short = fetchTimed(`${url}?stream=short`);
    await sleep(20);
    const last = fetchTimed(`${url}?stream=last`);
    const [a, b, c] = await Promise.all([first, short, last]);
    expect(b.body).toBe('data: short\n\n');
    for (const [result, name] of [[a, 'first'], [c, 'last']] as const) {
      const pings = result.body.split(ping);
      expect(pings.length - 1).toBeGreaterThanOrEqual(2);
      expect(pings.at(-1)).toBe(`data: ${name}\n\n`);
    }
  });

  it('writes every frame of a plain iterable, in order', async () => {
    const url = await serve(async function* frames() {
      yield 'data: 1\n\n';
      yield 'data: 2\n\n';
      await sleep(10);
      yield 'data: 3\n\n';
    });
    expect((await fetchTimed(url)).body).toBe('data: 1\n\ndata: 2\n\ndata: 3\n\n');
  });

  it('writes the frames of a batched source, batch by batch', async () => {
    const batches = [['data: a\n\n', 'data: b\n\n'], [], ['data: c\n\n']];
    const url = await serve(() => {
      let index = 0;
      return new BatchedIterable<string>({
        next: async () => (index < batches.length ? { done: false, value: batches[index++] as string[] } : { done: true, value: undefined }),
      });
    });
    expect((await fetchTimed(url)).body).toBe('data: a\n\ndata: b\n\ndata: c\n\n');
  });
});
