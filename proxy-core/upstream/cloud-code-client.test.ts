import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatcher } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import type { CloudCodeGenerateEnvelope, GeminiResponseChunk } from '../canonical/gemini-schemas.js';
import { listenForTest } from '../../tests/support/listen-for-test.js';
import { builtInClientVersion } from './resolve-client-version.js';
import { createCloudCodeClient, type CloudCodeClientOptions } from './cloud-code-client.js';
import { createDispatcherCache } from './create-upstream-dispatcher.js';
import { LightAbortController } from '../util/light-abort-controller.js';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
type Handler = (request: Recorded, res: ServerResponse) => unknown;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(handler: Handler): Promise<{ baseUrl: string; requests: Recorded[]; server: Server }> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const pieces: Buffer[] = [];
    req.on('data', (piece: Buffer) => pieces.push(piece));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(pieces).toString('utf8') };
      requests.push(recorded);
      void handler(recorded, res);
    });
  });
  await listenForTest(server, (cleanup) => cleanups.push(cleanup));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

async function refusedBaseUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function createClient(baseUrls: string[], options: Partial<CloudCodeClientOptions> = {}) {
  const cache = createDispatcherCache();
  const proxiesAsked: Array<string | undefined> = [];
  const dispatchers = {
    get(proxyUrl: string | undefined): Dispatcher {
      proxiesAsked.push(proxyUrl);
      return cache.get(undefined);
    },
  };
  // Runs after the servers are gone, so no in-flight stream can hold closeAll up.
  cleanups.unshift(() => cache.closeAll());
  const client = createCloudCodeClient({ baseUrls, dispatchers, pollIntervalMs: 1, ...options });
  return { client, proxiesAsked };
}

const envelope: CloudCodeGenerateEnvelope = {
  project: 'proj-1',
  model: 'gemini-3-flash',
  requestId: 'agent-1',
  userAgent: 'antigravity',
  requestType: 'agent',
  request: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] },
};

function sseChunk(text: string, finish?: string): string {
  return JSON.stringify({
    response: {
      candidates: [{ content: { role: 'model', parts: [{ text }] }, ...(finish === undefined ? {} : { finishReason: finish }) }],
      modelVersion: 'gemini-3-flash',
      responseId: 'r1',
    },
    traceId: 't1',
  });
}

function startSse(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.flushHeaders();
}

async function collect(chunks: AsyncIterable<GeminiResponseChunk>): Promise<GeminiResponseChunk[]> {
  const all: GeminiResponseChunk[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

async function caught(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected a GatewayError');
}

const googleError = (code: number, status: string, message: string, details: unknown[] = []) =>
  JSON.stringify({ error: { code, message, status, details } }, null, 2);

const context = { accessToken: 'ya29.test-token', idleTimeoutMs: 5000 };
/** Long enough that only our own cleanup, not the idle timer, can close the socket in time. */
const patientContext = { ...context, idleTimeoutMs: 60_000 };

async function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('createCloudCodeClient streamGenerateContent', () => {
  it('posts the envelope with the documented URL and headers and yields unwrapped chunks (\\n\\n)', async () => {
    const upstream = await startServer((_request, res) => {
      startSse(res);
      res.end(`data: ${sseChunk('Hel')}\n\ndata: ${sseChunk('lo', 'STOP')}\n\n`);
    });
    const { client } = createClient([upstream.baseUrl], { userAgent: 'antigravity/9.9.9 test/x64' });
    const result = await client.streamGenerateContent(context, envelope);
    expect(result.baseUrl).toBe(upstream.baseUrl);
    const chunks = await collect(result.chunks);
    expect(chunks.map((chunk) => chunk.candidates?.[0]?.content?.parts?.[0]?.text)).toEqual(['Hel', 'lo']);
    expect(chunks[1]).toMatchObject({ responseId: 'r1', modelVersion: 'gemini-3-flash' });
    expect(chunks[1]).not.toHaveProperty('traceId');

    const [request] = upstream.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1internal:streamGenerateContent?alt=sse');
    expect(request?.headers).toMatchObject({
      authorization: 'Bearer ya29.test-token',
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'user-agent': 'antigravity/9.9.9 test/x64',
    });
    expect(JSON.parse(request?.body ?? '')).toEqual(envelope);
  });

  it('uses the antigravity User-Agent by default', async () => {
    const upstream = await startServer((_request, res) => {
      startSse(res);
      res.end(`data: ${sseChunk('x', 'STOP')}\n\n`);
    });
    const { client } = createClient([upstream.baseUrl]);
    await collect((await client.streamGenerateContent(context, envelope)).chunks);
    expect(upstream.requests[0]?.headers['user-agent']).toBe(`antigravity/${builtInClientVersion} ${process.platform}/${process.arch}`);
    expect(upstream.requests[0]?.headers).toMatchObject({ 'x-client-name': 'antigravity', 'x-client-version': builtInClientVersion });
  });

  it('presents the client version in force on each call, and tells when Google refuses it', async () => {
    const upstream = await startServer((request, res) => {
      if (request.headers['x-client-version'] === '1.0.0') {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 400, status: 'FAILED_PRECONDITION', message: 'This version of Antigravity is no longer supported. Please update to receive the latest features!' } }));
        return;
      }
      startSse(res);
      res.end(`data: ${sseChunk('x', 'STOP')}\n\n`);
    });
    let version = '1.0.0';
    const refused: string[] = [];
    const { client } = createClient([upstream.baseUrl], { clientVersion: () => version, onClientVersionRefused: (presented) => refused.push(presented) });
    const error = await client.streamGenerateContent(context, envelope).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 426, code: 'client_version_refused' });
    expect((error as Error).message).toBe(
      'Google refuses client version 1.0.0; set upstream.client_version to the current Antigravity version (or "auto"), e.g. "npm run skyport -- config set upstream.client_version auto".',
    );
    expect(refused).toEqual(['1.0.0']);
    version = '2.0.0';
    await collect((await client.streamGenerateContent(context, envelope)).chunks);
    expect(upstream.requests[1]?.headers).toMatchObject({ 'user-agent': expect.stringMatching(/^antigravity\/2\.0\.0 /), 'x-client-version': '2.0.0' });
  });

  it('reads a refusal of the client version sent as the answer text of a 200, and leaves answers merely about it alone', async () => {
    let answer = 'Your current version of Antigravity is out of date. Please visit https://antigravity.google/download to download and install the latest version.';
    const upstream = await startServer((_request, res) => {
      startSse(res);
      res.end(`data: ${sseChunk(answer, 'STOP')}\n\n`);
    });
    const refused: string[] = [];
    const { client } = createClient([upstream.baseUrl], { clientVersion: () => '1.2.3', onClientVersionRefused: (version) => refused.push(version) });
    const error = await collect((await client.streamGenerateContent(context, envelope)).chunks).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 426, code: 'client_version_refused', message: expect.stringContaining('Google refuses client version 1.2.3') });
    expect(refused).toEqual(['1.2.3']);
    answer = 'That message means your Antigravity version is out of date: update it.';
    const chunks = await collect((await client.streamGenerateContent(context, envelope)).chunks);
    expect(chunks[0]?.candidates?.[0]?.content?.parts?.[0]?.text).toBe(answer);
  });

  it('reads \\r\\n\\r\\n events split mid-event across writes, and bare (unwrapped) chunks', async () => {
    const bare = JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text: 'bare' }] }, finishReason: 'STOP' }] });
    const wire = `data: ${sseChunk('one')}\r\n\r\ndata: ${bare}\r\n\r\n`;
    const upstream = await startServer(async (_request, res) => {
      startSse(res);
      const cut = [7, 40, wire.indexOf('\r\n\r\n') + 2, wire.length - 3];
      let last = 0;
      for (const at of cut) {
        res.write(wire.slice(last, at));
        last = at;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      res.end(wire.slice(last));
    });
    const { client } = createClient([upstream.baseUrl]);
    const chunks = await collect((await client.streamGenerateContent(context, envelope)).chunks);
    expect(chunks.map((chunk) => chunk.candidates?.[0]?.content?.parts?.[0]?.text)).toEqual(['one', 'bare']);
  });

  it('throws rate_limit with Retry-After for a 429 and does not try the next base URL', async () => {
    const limited = await startServer((_request, res) => {
      res.writeHead(429, { 'content-type': 'text/event-stream' });
      res.end(
        googleError(429, 'RESOURCE_EXHAUSTED', 'You have exhausted your capacity on this model. Your quota will reset after 3s.', [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED', domain: 'cloudcode-pa.googleapis.com' },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3.957525076s' },
        ]),
      );
    });
    const spare = await startServer((_request, res) => res.end());
    const { client } = createClient([limited.baseUrl, spare.baseUrl]);
    const error = await caught(client.streamGenerateContent(context, envelope));
    expect(error).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      retryAfterSeconds: 4,
      upstream: { status: 429, reason: 'RATE_LIMIT_EXCEEDED', retryDelayMs: 3958 },
    });
    expect(spare.requests).toHaveLength(0);
  });

  it('turns a streaming 400 (plain JSON under text/event-stream) into invalid_request with signatureError', async () => {
    const upstream = await startServer((_request, res) => {
      res.writeHead(400, { 'content-type': 'text/event-stream' });
      res.end(googleError(400, 'INVALID_ARGUMENT', 'Corrupted thought signature.'));
    });
    const spare = await startServer((_request, res) => res.end());
    const { client } = createClient([upstream.baseUrl, spare.baseUrl]);
    const error = await caught(client.streamGenerateContent(context, envelope));
    expect(error).toMatchObject({ kind: 'invalid_request', status: 400, message: 'Corrupted thought signature.', upstream: { signatureError: true } });
    expect(spare.requests).toHaveLength(0);
  });

  it.each([401, 403])('returns a %i at once as an account failure (502), without trying the next base URL', async (status) => {
    const upstream = await startServer((_request, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(googleError(status, 'PERMISSION_DENIED', 'nope'));
    });
    const spare = await startServer((_request, res) => res.end());
    const { client } = createClient([upstream.baseUrl, spare.baseUrl]);
    const error = await caught(client.streamGenerateContent(context, envelope));
    expect(error).toMatchObject({ kind: 'upstream', status: 502, upstream: { status } });
    expect(spare.requests).toHaveLength(0);
  });

  it('moves to the next base URL after a 404 and answers from there', async () => {
    const first = await startServer((_request, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(googleError(404, 'NOT_FOUND', 'Requested entity was not found.'));
    });
    const second = await startServer((_request, res) => {
      startSse(res);
      res.end(`data: ${sseChunk('from second', 'STOP')}\n\n`);
    });
    const { client } = createClient([first.baseUrl, second.baseUrl]);
    const result = await client.streamGenerateContent(context, envelope);
    expect(result.baseUrl).toBe(second.baseUrl);
    expect((await collect(result.chunks))[0]?.candidates?.[0]?.content?.parts?.[0]?.text).toBe('from second');
    expect(first.requests).toHaveLength(1);
  });

  it('reports not_found when the last base URL also answers 404', async () => {
    const notFound = (_request: Recorded, res: ServerResponse): void => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(googleError(404, 'NOT_FOUND', 'Requested entity was not found.'));
    };
    const first = await startServer(notFound);
    const second = await startServer(notFound);
    const { client } = createClient([first.baseUrl, second.baseUrl]);
    const error = await caught(client.streamGenerateContent(context, envelope));
    expect(error).toMatchObject({ kind: 'not_found', status: 404, code: 'model_not_found' });
    expect(second.requests).toHaveLength(1);
  });

  it('moves to the next base URL after a 503 and keeps the 503 when the next one is unreachable', async () => {
    const busy = await startServer((_request, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(googleError(503, 'UNAVAILABLE', 'No capacity available for model gemini-3-flash on the server'));
    });
    const { client } = createClient([busy.baseUrl, await refusedBaseUrl()]);
    const error = await caught(client.streamGenerateContent(context, envelope));
    expect(error).toMatchObject({ kind: 'overloaded', status: 503, upstream: { status: 503 } });
  });

  it('moves to the next base URL when the first refuses the connection', async () => {
    const second = await startServer((_request, res) => {
      startSse(res);
      res.end(`data: ${sseChunk('ok', 'STOP')}\n\n`);
    });
    const { client } = createClient([await refusedBaseUrl(), second.baseUrl]);
    const result = await client.streamGenerateContent(context, envelope);
    expect(result.baseUrl).toBe(second.baseUrl);
    expect(await collect(result.chunks)).toHaveLength(1);
  });

  it('reports an unreachable upstream when every base URL refuses', async () => {
    const { client } = createClient([await refusedBaseUrl(), await refusedBaseUrl()]);
    const error = await caught(client.streamGenerateContent(context, envelope));
    expect(error).toMatchObject({ kind: 'upstream', status: 502, upstream: { status: 0 } });
    expect(error.message).toMatch(/^Could not reach the upstream/);
    expect(error.upstream?.message).toMatch(/ECONNREFUSED/);
  });

  it('throws a timeout when the upstream goes silent mid-stream, and closes the connection', async () => {
    let closed!: Promise<void>;
    const upstream = await startServer((_request, res) => {
      closed = new Promise((resolve) => res.on('close', () => resolve()));
      startSse(res);
      res.write(`data: ${sseChunk('first')}\n\n`);
    });
    const { client } = createClient([upstream.baseUrl]);
    const result = await client.streamGenerateContent({ ...context, idleTimeoutMs: 100 }, envelope);
    const seen: GeminiResponseChunk[] = [];
    const error = await caught(
      (async () => {
        for await (const chunk of result.chunks) seen.push(chunk);
      })(),
    );
    expect(seen).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'timeout', status: 504, message: 'Upstream sent nothing for 0.1 s' });
    await within(closed, 2000);
  });

  it('throws a timeout when the response headers never come', async () => {
    const upstream = await startServer(() => undefined);
    const { client } = createClient([upstream.baseUrl]);
    const error = await caught(client.streamGenerateContent({ ...context, idleTimeoutMs: 100 }, envelope));
    expect(error).toMatchObject({ kind: 'timeout', message: 'Upstream sent nothing for 0.1 s' });
  });

  it('throws an upstream error when the connection is reset mid-stream', async () => {
    const upstream = await startServer(async (_request, res) => {
      startSse(res);
      res.write(`data: ${sseChunk('partial')}\n\n`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      res.socket?.resetAndDestroy();
    });
    const { client } = createClient([upstream.baseUrl]);
    const result = await client.streamGenerateContent(context, envelope);
    const seen: GeminiResponseChunk[] = [];
    const error = await caught(
      (async () => {
        for await (const chunk of result.chunks) seen.push(chunk);
      })(),
    );
    expect(seen).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'upstream', message: 'Upstream connection closed mid-stream', upstream: { status: 0 } });
  });

  it.each([
    ['an AbortController', () => new AbortController()],
    ['a LightAbortController (the request path uses these)', () => new LightAbortController()],
  ])('destroys the upstream request at once when the caller aborts through %s', async (_name, createController) => {
    let closed!: Promise<void>;
    const upstream = await startServer((_request, res) => {
      closed = new Promise((resolve) => res.on('close', () => resolve()));
      startSse(res);
      res.write(`data: ${sseChunk('first')}\n\n`);
    });
    const { client } = createClient([upstream.baseUrl]);
    const controller = createController();
    const result = await client.streamGenerateContent({ ...patientContext, signal: controller.signal }, envelope);
    const iterator = result.chunks[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    const pending = iterator.next();
    controller.abort();
    const error = await caught(pending);
    expect(error.name).toBe('AbortError');
    expect(error.code).toBe('request_aborted');
    await within(closed, 2000);
  });

  it('refuses to start when the signal is already aborted', async () => {
    const upstream = await startServer((_request, res) => res.end());
    const { client } = createClient([upstream.baseUrl]);
    const error = await caught(client.streamGenerateContent({ ...context, signal: AbortSignal.abort() }, envelope));
    expect(error.name).toBe('AbortError');
    expect(upstream.requests).toHaveLength(0);
  });

  it('destroys the upstream body when the consumer breaks out of the loop', async () => {
    let closed!: Promise<void>;
    const upstream = await startServer((_request, res) => {
      closed = new Promise((resolve) => res.on('close', () => resolve()));
      startSse(res);
      res.write(`data: ${sseChunk('first')}\n\ndata: ${sseChunk('second')}\n\n`);
    });
    const { client } = createClient([upstream.baseUrl]);
    const result = await client.streamGenerateContent(patientContext, envelope);
    for await (const chunk of result.chunks) {
      expect(chunk.candidates?.[0]?.content?.parts?.[0]?.text).toBe('first');
      break;
    }
    await within(closed, 2000);
  });

  it('destroys the upstream body when the consumer gives up before reading', async () => {
    let closed!: Promise<void>;
    const upstream = await startServer((_request, res) => {
      closed = new Promise((resolve) => res.on('close', () => resolve()));
      startSse(res);
      res.write(`data: ${sseChunk('first')}\n\n`);
    });
    const { client } = createClient([upstream.baseUrl]);
    const result = await client.streamGenerateContent(patientContext, envelope);
    await result.chunks[Symbol.asyncIterator]().return?.();
    await within(closed, 2000);
  });

  it.each([
    ['invalid JSON', 'data: {"response": {"candidates": [\n\n', 'Upstream sent invalid JSON in the stream'],
    ['an unexpected shape', 'data: {"response": {"candidates": "nope"}}\n\n', 'Upstream sent a stream chunk of an unexpected shape'],
  ])('fails on %s in a stream event', async (_name, wire, message) => {
    const upstream = await startServer((_request, res) => {
      startSse(res);
      res.end(wire);
    });
    const { client } = createClient([upstream.baseUrl]);
    const result = await client.streamGenerateContent(context, envelope);
    const error = await caught(collect(result.chunks));
    expect(error).toMatchObject({ kind: 'upstream', message, upstream: { status: 200 } });
  });

  it('classifies an error object sent inside a 200 stream', async () => {
    const upstream = await startServer((_request, res) => {
      startSse(res);
      res.end(`data: ${sseChunk('partial')}\n\ndata: ${JSON.stringify({ error: { code: 503, message: 'No capacity available', status: 'UNAVAILABLE' } })}\n\n`);
    });
    const { client } = createClient([upstream.baseUrl]);
    const result = await client.streamGenerateContent(context, envelope);
    const error = await caught(collect(result.chunks));
    expect(error).toMatchObject({ kind: 'overloaded', upstream: { status: 503, message: 'No capacity available' } });
  });

  it("uses the account's proxy, else the default proxy, to pick the dispatcher", async () => {
    const upstream = await startServer((_request, res) => {
      startSse(res);
      res.end(`data: ${sseChunk('x', 'STOP')}\n\n`);
    });
    const { client, proxiesAsked } = createClient([upstream.baseUrl], { defaultProxyUrl: 'http://global-proxy:3128' });
    await collect((await client.streamGenerateContent({ ...context, proxyUrl: 'socks5h://account-proxy:1080' }, envelope)).chunks);
    await collect((await client.streamGenerateContent(context, envelope)).chunks);
    await collect((await client.streamGenerateContent({ ...context, proxyUrl: '' }, envelope)).chunks);
    expect(proxiesAsked).toEqual(['socks5h://account-proxy:1080', 'http://global-proxy:3128', 'http://global-proxy:3128']);
  });
});

describe('createCloudCodeClient unary methods', () => {
  it('counts tokens with the models/ prefix, reading a missing total as 0', async () => {
    let answer: object = { totalTokens: 42 };
    const upstream = await startServer((_request, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer));
    });
    const { client } = createClient([upstream.baseUrl]);
    const contents = [{ role: 'user' as const, parts: [{ text: 'count me' }] }];
    expect(await client.countTokens(context, 'gemini-2.5-pro', contents)).toBe(42);
    answer = {};
    expect(await client.countTokens(context, 'models/gemini-2.5-pro', contents)).toBe(0);
    for (const request of upstream.requests) {
      expect(request.url).toBe('/v1internal:countTokens');
      expect(request.headers.accept).toBe('application/json');
      expect(JSON.parse(request.body)).toEqual({ request: { model: 'models/gemini-2.5-pro', contents } });
    }
  });

  it('sends loadCodeAssist metadata with and without a project', async () => {
    const upstream = await startServer((_request, res) => {
      res.end(JSON.stringify({ currentTier: { id: 'free-tier' }, cloudaicompanionProject: 'proj-9', extra: true }));
    });
    const { client } = createClient([upstream.baseUrl]);
    expect(await client.loadCodeAssist(context)).toMatchObject({ currentTier: { id: 'free-tier' }, cloudaicompanionProject: 'proj-9' });
    await client.loadCodeAssist(context, 'proj-9');
    const metadata = { ideType: 'IDE_UNSPECIFIED', platform: 'PLATFORM_UNSPECIFIED', pluginType: 'GEMINI' };
    expect(upstream.requests[0]?.url).toBe('/v1internal:loadCodeAssist');
    expect(JSON.parse(upstream.requests[0]?.body ?? '')).toEqual({ metadata });
    expect(JSON.parse(upstream.requests[1]?.body ?? '')).toEqual({ metadata: { ...metadata, duetProject: 'proj-9' }, cloudaicompanionProject: 'proj-9' });
  });

  it('fetches available models with or without a project', async () => {
    const upstream = await startServer((_request, res) => {
      res.end(JSON.stringify({ models: { 'gemini-3-flash': { displayName: 'Gemini 3 Flash', quotaInfo: { remainingFraction: 0.75 } } } }));
    });
    const { client } = createClient([upstream.baseUrl]);
    expect(await client.fetchAvailableModels(context, 'proj-1')).toMatchObject({ models: { 'gemini-3-flash': { quotaInfo: { remainingFraction: 0.75 } } } });
    await client.fetchAvailableModels(context);
    expect(upstream.requests.map((request) => JSON.parse(request.body))).toEqual([{ project: 'proj-1' }, {}]);
    expect(upstream.requests[0]?.url).toBe('/v1internal:fetchAvailableModels');
  });

  it('fails on a 200 that is not JSON', async () => {
    const upstream = await startServer((_request, res) => res.end('<html>captive portal</html>'));
    const { client } = createClient([upstream.baseUrl]);
    const error = await caught(client.fetchAvailableModels(context));
    expect(error).toMatchObject({ kind: 'upstream', message: 'Upstream sent invalid JSON' });
  });

  it('times out a unary call that never answers', async () => {
    const upstream = await startServer(() => undefined);
    const { client } = createClient([upstream.baseUrl], { requestTimeoutMs: 100 });
    const error = await caught(client.loadCodeAssist(context));
    expect(error).toMatchObject({ kind: 'timeout', message: 'Upstream did not answer within 0.1 s' });
  });

  it('onboards by polling the long-running operation until it is done', async () => {
    let polls = 0;
    const upstream = await startServer((request, res) => {
      res.setHeader('content-type', 'application/json');
      if (request.url === '/v1internal:onboardUser') {
        res.end(JSON.stringify({ name: 'operations/onboard-1', done: false }));
        return;
      }
      polls += 1;
      res.end(JSON.stringify(polls < 3 ? { name: 'operations/onboard-1', done: false } : { name: 'operations/onboard-1', done: true, response: { cloudaicompanionProject: { id: 'proj-new', name: 'x' } } }));
    });
    const { client } = createClient([upstream.baseUrl]);
    expect(await client.onboardUser(context, 'standard-tier', 'proj-own')).toBe('proj-new');
    expect(JSON.parse(upstream.requests[0]?.body ?? '')).toEqual({
      tierId: 'standard-tier',
      metadata: { ideType: 'IDE_UNSPECIFIED', platform: 'PLATFORM_UNSPECIFIED', pluginType: 'GEMINI' },
      cloudaicompanionProject: 'proj-own',
    });
    expect(upstream.requests.slice(1).map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /v1internal/operations/onboard-1',
      'GET /v1internal/operations/onboard-1',
      'GET /v1internal/operations/onboard-1',
    ]);
  });

  it('omits the project for free-tier onboarding and accepts a string project id', async () => {
    const upstream = await startServer((_request, res) => {
      res.end(JSON.stringify({ done: true, response: { cloudaicompanionProject: 'proj-free' } }));
    });
    const { client } = createClient([upstream.baseUrl]);
    expect(await client.onboardUser(context, 'free-tier', 'proj-own')).toBe('proj-free');
    expect(JSON.parse(upstream.requests[0]?.body ?? '')).not.toHaveProperty('cloudaicompanionProject');
  });

  it('gives up onboarding after the poll bound', async () => {
    const upstream = await startServer((_request, res) => res.end(JSON.stringify({ name: 'operations/slow', done: false })));
    const { client } = createClient([upstream.baseUrl], { maxPollAttempts: 3 });
    const error = await caught(client.onboardUser(context, 'free-tier'));
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(upstream.requests).toHaveLength(4);
  });
});
