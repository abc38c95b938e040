/**
 * The body reader against body-parser: the same requests through createJsonBodyParser and through
 * the body-parser-only middleware it replaced must give the same body or the same error.
 */
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../../errors/gateway-error.js';
import { canReadDirectly, createJsonBodyParser, isMultipartForm, maxJsonDepth, mayNestDeeperThan, measureJsonDepth, readJsonBody, tooLarge } from './parse-json-body.js';

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
  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    const gatewayError = error as GatewayError;
    // hasBody: body-parser leaves request.body defined (undefined) even when it refuses the body.
    response.status(gatewayError.status ?? 500).json({ kind: gatewayError.kind ?? 'other', message: gatewayError.message, hasBody: 'body' in request });
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
  ['a number, chunked', { headers: { ...json, 'transfer-encoding': 'chunked' }, body: '42' }],
  ['nesting at the limit, chunked', { headers: { ...json, 'transfer-encoding': 'chunked' }, body: nested(maxJsonDepth) }],
  // More brackets than the limit, so the depth is measured, but no deeper than it.
  ['nesting at the limit beside another object', { headers: json, body: `[${nested(maxJsonDepth - 1)},{}]` }],
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
    expect(measureJsonDepth(null, 100)).toBe(0);
  });

  it('finds the deepest branch wherever it is', () => {
    expect(measureJsonDepth({ shallow: {}, deep: [[[]]] }, 100)).toBe(4);
    expect(measureJsonDepth({ deep: [[[]]], shallow: {} }, 100)).toBe(4);
    expect(measureJsonDepth([[[[]]], []], 100)).toBe(4);
  });

  it("counts an object's own fields only", () => {
    expect(measureJsonDepth(Object.create({ inherited: [[[]]] }) as object, 100)).toBe(1);
  });
});

describe('canReadDirectly', () => {
  const incoming = (headers: IncomingHttpHeaders, stream: { socket?: { readable: boolean } | null; complete?: boolean; readable?: boolean } = {}) =>
    ({ headers, socket: { readable: true }, complete: false, readable: true, ...stream }) as unknown as IncomingMessage;
  const sized = (headers: IncomingHttpHeaders = {}) => incoming({ 'content-length': '7', ...headers });

  it('reads plain JSON (or untyped) bodies with a length itself', () => {
    expect(canReadDirectly(sized())).toBe(true);
    for (const type of ['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;charset="UTF-8"', 'application/json ; charset = utf-8 ']) {
      expect(canReadDirectly(sized({ 'content-type': type })), type).toBe(true);
    }
    expect(canReadDirectly(sized({ 'content-encoding': 'identity' }))).toBe(true);
    expect(canReadDirectly(sized({ 'content-encoding': 'IDENTITY' }))).toBe(true);
    expect(canReadDirectly(sized({ 'content-length': '0' }))).toBe(true);
    expect(canReadDirectly(sized({ 'content-length': '1048576' }))).toBe(true);
  });

  it('leaves other media types, charsets and codings to body-parser', () => {
    for (const type of ['text/plain', 'application/jsonx', 'xapplication/json', 'application/json; charset=latin1', 'application/json; charset=utf-8; x=y', 'application/json; charset']) {
      expect(canReadDirectly(sized({ 'content-type': type })), type).toBe(false);
    }
    expect(canReadDirectly(sized({ 'content-encoding': 'gzip' }))).toBe(false);
    expect(canReadDirectly(sized({ 'transfer-encoding': 'chunked' }))).toBe(false);
  });

  it('leaves bodies without a plain decimal length to body-parser', () => {
    expect(canReadDirectly(incoming({}))).toBe(false);
    for (const length of ['', '-1', '1.5', '7 ', 'x7', '7x']) {
      expect(canReadDirectly(incoming({ 'content-length': length })), length).toBe(false);
    }
  });

  it('leaves a request whose body is already gone (socket closed, or read to the end) to body-parser', () => {
    expect(canReadDirectly(sized())).toBe(true);
    expect(canReadDirectly(incoming({ 'content-length': '7' }, { socket: null }))).toBe(false);
    expect(canReadDirectly(incoming({ 'content-length': '7' }, { socket: { readable: false } }))).toBe(false);
    expect(canReadDirectly(incoming({ 'content-length': '7' }, { complete: true, readable: false }))).toBe(false);
    expect(canReadDirectly(incoming({ 'content-length': '7' }, { complete: true, readable: true }))).toBe(true);
    expect(canReadDirectly(incoming({ 'content-length': '7' }, { complete: false, readable: false }))).toBe(true);
  });
});

describe('readJsonBody', () => {
  /** A request body the test sends piece by piece: data, end and close when the test says. */
  class FakeBody extends EventEmitter {
    complete = false;
    destroyed = false;
    readableEnded = false;
    resumed = 0;
    constructor(readonly headers: IncomingHttpHeaders) {
      super();
    }
    resume(): this {
      this.resumed += 1;
      return this;
    }
  }
  const body = (length: number) => new FakeBody({ 'content-length': String(length) });
  const start = (request: FakeBody, bodyLimit = 64) => {
    const done = vi.fn();
    readJsonBody(request as unknown as IncomingMessage, bodyLimit, done);
    return done;
  };
  const listeners = (request: FakeBody) => ['data', 'end', 'close'].map((event) => request.listenerCount(event));

  it('joins the pieces and parses them once the body ended, then lets go of the request', () => {
    const request = body(17);
    const done = start(request);
    request.emit('data', Buffer.from('{"model":'));
    request.emit('data', Buffer.from('"m"}    '));
    expect(done).not.toHaveBeenCalled();
    request.emit('end');
    expect(done.mock.calls).toEqual([[undefined, { model: 'm' }]]);
    expect(listeners(request)).toEqual([0, 0, 0]);
    request.emit('close');
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('reads an empty body (or a byte order mark alone) as {}', () => {
    const empty = body(0);
    const emptyDone = start(empty);
    empty.emit('end');
    expect(emptyDone.mock.calls).toEqual([[undefined, {}]]);
    const bom = body(3);
    const bomDone = start(bom);
    bom.emit('data', Buffer.from([0xef, 0xbb, 0xbf]));
    bom.emit('end');
    expect(bomDone.mock.calls).toEqual([[undefined, {}]]);
  });

  it('refuses a body declared too large without keeping it, and answers once the client has sent it all', () => {
    const request = body(100);
    const done = start(request, 64);
    expect(request.resumed).toBe(1);
    request.emit('data', Buffer.from('x'.repeat(60)));
    request.emit('data', Buffer.from('x'.repeat(40)));
    expect(done).not.toHaveBeenCalled();
    // What arrives while it is read off is neither counted again nor refused twice.
    expect(request.resumed).toBe(1);
    request.emit('end');
    expect(done).toHaveBeenCalledTimes(1);
    expect(done.mock.calls[0]?.[0]).toMatchObject({ kind: 'payload_too_large', status: 413, message: tooLarge(64).message });
    expect(listeners(request)).toEqual([0, 0, 0]);
  });

  it('names the limit in MiB', () => {
    expect(tooLarge(32 * 1024 * 1024).message).toBe('Request body is larger than 32 MiB (proxy.max_body_mb).');
  });

  it('refuses a body that grows past the limit while it arrives, keeping nothing more', () => {
    const request = body(10);
    const done = start(request, 10);
    request.emit('data', Buffer.from('[1,2,3,4,'));
    expect(request.resumed).toBe(0);
    request.emit('data', Buffer.from('5]'));
    expect(request.resumed).toBe(1);
    request.emit('data', Buffer.from('more'));
    expect(request.resumed).toBe(1);
    request.emit('end');
    expect(done.mock.calls).toEqual([[expect.objectContaining({ status: 413 }), undefined]]);
  });

  it('at exactly the limit, reads the body', () => {
    const request = body(10);
    const done = start(request, 10);
    request.emit('data', Buffer.from('[1,2,3,45]'));
    request.emit('end');
    expect(done.mock.calls).toEqual([[undefined, [1, 2, 3, 45]]]);
  });

  it('answers a refusal at once when the request has already been read off', () => {
    for (const flag of ['complete', 'destroyed', 'readableEnded'] as const) {
      const request = body(100);
      request[flag] = true;
      const done = start(request, 64);
      expect(done.mock.calls, flag).toEqual([[expect.objectContaining({ status: 413 }), undefined]]);
      expect(request.resumed).toBe(0);
      expect(listeners(request)).toEqual([0, 0, 0]);
    }
  });

  it('answers the refusal when the connection closes while the rest is read off', () => {
    const request = body(100);
    const done = start(request, 64);
    request.emit('close');
    expect(done.mock.calls).toEqual([[expect.objectContaining({ status: 413 }), undefined]]);
  });

  it('cannot read a body that ends short of its length or whose client went away', () => {
    const short = body(10);
    const shortDone = start(short);
    short.emit('data', Buffer.from('{}'));
    short.emit('end');
    expect(shortDone.mock.calls).toEqual([[expect.objectContaining({ status: 400, message: 'Could not read the request body.' }), undefined]]);
    const gone = body(10);
    const goneDone = start(gone);
    gone.emit('data', Buffer.from('{"a"'));
    gone.emit('close');
    expect(goneDone.mock.calls).toEqual([[expect.objectContaining({ status: 400, message: 'Could not read the request body.' }), undefined]]);
    expect(listeners(gone)).toEqual([0, 0, 0]);
  });

  it('refuses text that is not JSON, and JSON nested deeper than the limit', () => {
    const broken = body(6);
    const brokenDone = start(broken);
    broken.emit('data', Buffer.from('{"a":}'));
    broken.emit('end');
    expect(brokenDone.mock.calls[0]?.[0]).toMatchObject({ status: 400, message: expect.stringMatching(/^Request body is not valid JSON: /) });
    const text = nested(maxJsonDepth + 1);
    const deep = body(text.length);
    const deepDone = start(deep, 1024);
    deep.emit('data', Buffer.from(text));
    deep.emit('end');
    expect(deepDone.mock.calls).toEqual([[expect.objectContaining({ status: 400, message: 'Request body is nested deeper than 100 levels.' }), undefined]]);
  });
});

describe('isMultipartForm', () => {
  it('is true for a multipart form with its boundary, in any case', () => {
    const form = (type?: string) => isMultipartForm({ headers: type === undefined ? {} : { 'content-type': type } } as IncomingMessage);
    expect(form('multipart/form-data; boundary=x')).toBe(true);
    expect(form('Multipart/Form-Data ; boundary=x')).toBe(true);
    expect(form('multipart/form-data  ;boundary=x')).toBe(true);
    expect(form('multipart/form-data')).toBe(false);
    expect(form('multipart/form-datax; boundary=x')).toBe(false);
    expect(form('text/plain; multipart/form-data; boundary=x')).toBe(false);
    expect(form('application/json')).toBe(false);
    expect(form()).toBe(false);
  });
});

describe('createJsonBodyParser, what it leaves alone', () => {
  let server: Server;
  beforeAll(async () => {
    const app = express();
    app.use(createJsonBodyParser({ maxBodyBytes: () => limit }));
    app.use((request: Request, response: Response) => {
      // What the parser left: whether it set a body, and the bytes still unread on the stream.
      const pieces: Buffer[] = [];
      const answer = () => {
        response.setHeader('x-left', JSON.stringify({ hasBody: 'body' in request, body: request.body ?? null, unread: Buffer.concat(pieces).toString('utf8') }));
        response.end();
      };
      if (request.readableEnded) {
        answer();
        return;
      }
      request.on('data', (piece: Buffer) => pieces.push(piece));
      request.on('end', answer);
    });
    server = await new Promise<Server>((resolve) => {
      const started = app.listen(0, '127.0.0.1', () => resolve(started));
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const left = (method: string, headers: Record<string, string>, body: string) => {
    const { port } = server.address() as AddressInfo;
    return new Promise<unknown>((resolve, reject) => {
      const outgoing = httpRequest({ host: '127.0.0.1', port, method, path: '/', headers: { 'content-length': String(Buffer.byteLength(body)), ...headers }, agent: false }, (incoming) => {
        incoming.resume();
        incoming.on('end', () => resolve(JSON.parse(String(incoming.headers['x-left']))));
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  };

  it('does not read the body of GET, HEAD, OPTIONS and DELETE', async () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'DELETE']) {
      expect(await left(method, json, '{"a":1}'), method).toEqual({ hasBody: false, body: null, unread: '{"a":1}' });
    }
    expect(await left('PUT', json, '{"a":1}')).toEqual({ hasBody: true, body: { a: 1 }, unread: '' });
  });

  it('leaves a multipart form to the route that reads it', async () => {
    const form = '--x\r\nContent-Disposition: form-data; name="model"\r\n\r\ndall-e-2\r\n--x--\r\n';
    expect(await left('POST', { 'content-type': 'multipart/form-data; boundary=x' }, form)).toEqual({ hasBody: false, body: null, unread: form });
  });
});

describe('createJsonBodyParser, bodies only body-parser reads', () => {
  /** A chunked request (so body-parser reads it), as far as body-parser and on-finished look at one. */
  const chunked = (text: string, extraHeaders: Record<string, string> = {}) => {
    const request = Object.assign(new Readable({ read: () => {} }), {
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...extraHeaders } as IncomingHttpHeaders,
      socket: Object.assign(new EventEmitter(), { readable: true }),
      complete: false,
    });
    // As an IncomingMessage: complete once its end was read.
    request.on('end', () => {
      request.complete = true;
    });
    const send = () => {
      request.push(text);
      request.push(null);
    };
    return { request, send };
  };

  it('takes any JSON value at the top, not only objects and arrays', async () => {
    const { request, send } = chunked('42');
    const next = vi.fn();
    // A parser of its own: body-parser is made on first use, and this test is that use.
    createJsonBodyParser({ maxBodyBytes: () => limit })(request as unknown as Request, {} as Response, next);
    send();
    await expect.poll(() => next.mock.calls.length).toBe(1);
    expect(next.mock.calls[0]).toEqual([]);
    expect((request as unknown as Request).body).toBe(42);
  });
});

describe('createJsonBodyParser, a body that body-parser cannot read', () => {
  it('answers 400 "Could not read the request body." when the body ends short of its declared length', async () => {
    // Chunked framing (so body-parser reads it) that also declares a length it does not reach.
    const request = Object.assign(new Readable({ read: () => {} }), {
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'content-length': '10' },
      socket: Object.assign(new EventEmitter(), { readable: true }),
      complete: false,
    });
    // As an IncomingMessage: complete once its end was read.
    request.on('end', () => {
      request.complete = true;
    });
    const next = vi.fn();
    createJsonBodyParser({ maxBodyBytes: () => limit })(request as unknown as Request, {} as Response, next);
    request.push('{}');
    request.push(null);
    await expect.poll(() => next.mock.calls.length).toBe(1);
    expect(next.mock.calls[0]?.[0]).toMatchObject({ status: 400, message: 'Could not read the request body.' });
  });
});
