/**
 * The body reader against body-parser: the same requests through createJsonBodyParser and through
 * the body-parser-only middleware it replaced must give the same body or the same error.
 */
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../errors/gateway-error.js';
import { createJsonBodyParser, maxJsonDepth, mayNestDeeperThan, measureJsonDepth } from './parse-json-body.js';

const limit = 1024;

/** The middleware as it was before the direct reader: body-parser for everything. */
function createReferenceParser() {
  const parser = express.json({ limit, strict: false, type: () => true });
  return function parseJsonBody(request: Request, response: Response, next: NextFunction): void {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS' || request.method === 'DELETE') {
      next();
      return;
    }
    parser(request, response, (error?: unknown) => {
      if (error !== undefined && error !== null) {
        const type = (error as { type?: string }).type;
        if (type === 'entity.too.large') {
          next(new GatewayError('payload_too_large', `Request body is larger than ${Math.round(limit / 1024 / 1024)} MiB (proxy.max_body_mb).`));
        } else if (type === 'entity.parse.failed') {
          next(new GatewayError('invalid_request', `Request body is not valid JSON: ${(error as Error).message}`));
        } else if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
          next(new GatewayError('invalid_request', (error as Error).message));
        } else {
          next(new GatewayError('invalid_request', 'Could not read the request body.'));
        }
        return;
      }
      if (measureJsonDepth(request.body, maxJsonDepth) > maxJsonDepth) {
        next(new GatewayError('invalid_request', `Request body is nested deeper than ${maxJsonDepth} levels.`));
        return;
      }
      next();
    });
  };
}

function startApp(parser: express.RequestHandler): Promise<Server> {
  const app = express();
  app.use(parser);
  app.post('/', (request, response) => {
    response.json({ hasBody: 'body' in request, body: request.body === undefined ? '(undefined)' : request.body });
  });
  app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    const gatewayError = error as GatewayError;
    response.status(gatewayError.status ?? 500).json({ kind: gatewayError.kind ?? 'other', message: gatewayError.message });
  });
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

interface Sent {
  headers?: Record<string, string>;
  body: Buffer | string;
}

function send(server: Server, sent: Sent): Promise<{ status: number; body: unknown }> {
  const { port } = server.address() as AddressInfo;
  const payload = typeof sent.body === 'string' ? Buffer.from(sent.body) : sent.body;
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'content-length': String(payload.length), ...sent.headers }, agent: false },
      (incoming) => {
        const pieces: Buffer[] = [];
        incoming.on('data', (piece: Buffer) => pieces.push(piece));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: JSON.parse(Buffer.concat(pieces).toString('utf8')) }));
      },
    );
    outgoing.on('error', reject);
    if (sent.headers?.['transfer-encoding'] === 'chunked') {
      outgoing.removeHeader('content-length');
      outgoing.write(payload.subarray(0, 3));
      outgoing.end(payload.subarray(3));
    } else {
      outgoing.end(payload);
    }
  });
}

let direct: Server;
let reference: Server;
beforeAll(async () => {
  direct = await startApp(createJsonBodyParser({ maxBodyBytes: () => limit }));
  reference = await startApp(createReferenceParser());
});
afterAll(async () => {
  await Promise.all([direct, reference].map((server) => new Promise((resolve) => server.close(resolve))));
});

const json = { 'content-type': 'application/json' };
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const cases: Array<[string, Sent]> = [
  ['an object', { headers: json, body: '{"model":"m","messages":[{"role":"user","content":"hi"}]}' }],
  ['no content type', { body: '{"a":1}' }],
  ['charset utf-8', { headers: { 'content-type': 'application/json; charset=UTF-8' }, body: '{"a":"é"}' }],
  ['text/plain', { headers: { 'content-type': 'text/plain' }, body: '{"a":1}' }],
  ['an unsupported charset', { headers: { 'content-type': 'application/json; charset=latin1' }, body: '{"a":1}' }],
  ['a malformed content type', { headers: { 'content-type': 'application/json; charset' }, body: '{"a":1}' }],
  ['an empty body', { headers: json, body: '' }],
  ['whitespace only', { headers: json, body: '  \n' }],
  ['malformed JSON', { headers: json, body: '{"model": "m", "messages": [' }],
  ['trailing garbage', { headers: json, body: '{"a":1} x' }],
  ['a byte order mark', { headers: json, body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]) }],
  ['invalid UTF-8 in a string', { headers: json, body: Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]) }],
  ['an array', { headers: json, body: '[1,2,3]' }],
  ['null', { headers: json, body: 'null' }],
  ['a number', { headers: json, body: '42' }],
  ['a body over the limit', { headers: json, body: `{"a":"${'x'.repeat(limit)}"}` }],
  ['a body at the limit', { headers: json, body: `{"a":"${'x'.repeat(limit - 8)}"}` }],
  ['nesting at the limit', { headers: json, body: nested(maxJsonDepth) }],
  ['nesting past the limit', { headers: json, body: nested(maxJsonDepth + 1) }],
  ['many brackets inside strings', { headers: json, body: JSON.stringify({ a: '['.repeat(300) }) }],
  ['many shallow objects', { headers: json, body: JSON.stringify(Array.from({ length: 150 }, () => ({}))) }],
  ['a gzip body', { headers: { ...json, 'content-encoding': 'gzip' }, body: gzipSync('{"a":1}') }],
  ['an unknown content coding', { headers: { ...json, 'content-encoding': 'snappy' }, body: '{"a":1}' }],
  ['identity coding', { headers: { ...json, 'content-encoding': 'Identity' }, body: '{"a":1}' }],
  ['chunked framing', { headers: { ...json, 'transfer-encoding': 'chunked' }, body: '{"a":1}' }],
  // The same refusals on the body-parser path (chunked or compressed bodies are not read directly).
  ['malformed JSON, chunked', { headers: { ...json, 'transfer-encoding': 'chunked' }, body: '{"model": "m", "messages": [' }],
  ['a body over the limit, chunked', { headers: { ...json, 'transfer-encoding': 'chunked' }, body: `{"a":"${'x'.repeat(limit)}"}` }],
  ['nesting past the limit, chunked', { headers: { ...json, 'transfer-encoding': 'chunked' }, body: nested(maxJsonDepth + 1) }],
  ['a gzip body that is not JSON', { headers: { ...json, 'content-encoding': 'gzip' }, body: gzipSync('not json') }],
  ['an unsupported charset, chunked', { headers: { 'content-type': 'application/json; charset=latin1', 'transfer-encoding': 'chunked' }, body: '{"a":1}' }],
];

describe('createJsonBodyParser', () => {
  it.each(cases)('treats %s as body-parser does', async (_name, sent) => {
    const [got, expected] = await Promise.all([send(direct, sent), send(reference, sent)]);
    expect(got).toEqual(expected);
  });

  it('answers 413 and 400 with the gateway messages', async () => {
    expect(await send(direct, { headers: json, body: `{"a":"${'x'.repeat(limit)}"}` })).toMatchObject({ status: 413, body: { kind: 'payload_too_large' } });
    expect(await send(direct, { headers: json, body: '{' })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^Request body is not valid JSON: /) } });
    expect(await send(direct, { headers: json, body: nested(400) })).toMatchObject({ status: 400, body: { message: 'Request body is nested deeper than 100 levels.' } });
  });
});

describe('mayNestDeeperThan', () => {
  it('is false only when the text cannot be that deep', () => {
    expect(mayNestDeeperThan('{"a":[1,{"b":2}]}', 3)).toBe(false);
    expect(mayNestDeeperThan('{"a":[1,{"b":2}]}', 2)).toBe(true);
    expect(mayNestDeeperThan('"no brackets"', 0)).toBe(false);
    expect(mayNestDeeperThan(nested(maxJsonDepth), maxJsonDepth)).toBe(false);
    expect(mayNestDeeperThan(nested(maxJsonDepth + 1), maxJsonDepth)).toBe(true);
  });
});

describe('measureJsonDepth', () => {
  it('counts nested arrays and objects, not primitives', () => {
    expect(measureJsonDepth('text', 100)).toBe(0);
    expect(measureJsonDepth({}, 100)).toBe(1);
    expect(measureJsonDepth({ a: [1, { b: [null] }], c: 'x' }, 100)).toBe(4);
    expect(measureJsonDepth(JSON.parse(nested(50)), 100)).toBe(50);
    expect(measureJsonDepth(JSON.parse(nested(500)), 100)).toBe(101);
  });
});
