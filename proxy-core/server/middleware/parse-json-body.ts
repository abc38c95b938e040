/**
 * JSON bodies with a size limit (413) and a nesting limit (400): a deeply nested body must not
 * be able to exhaust the stack of the converters that walk it.
 *
 * The usual request (a JSON or untyped body, no content coding) is read here directly: bytes up
 * to the limit, one JSON.parse, and the depth walk only when the text has enough brackets to be
 * that deep at all. Anything else (compressed bodies, other charsets or media types, bodies
 * without a length or chunked framing) goes through body-parser as before. Both paths give the
 * same results and errors; parse-json-body.test.ts holds them together.
 */
import type { IncomingMessage } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GatewayError } from '../../errors/gateway-error.js';

export const maxJsonDepth = 100;

/** Depth of a parsed JSON value, walked without recursion. */
export function measureJsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const nodes: unknown[] = [value];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop() as number;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    if (Array.isArray(node)) {
      for (const child of node) {
        if (typeof child !== 'object' || child === null) continue;
        nodes.push(child);
        depths.push(depth + 1);
      }
    } else {
      for (const key in node) {
        if (!Object.hasOwn(node, key)) continue;
        const child = (node as Record<string, unknown>)[key];
        if (typeof child !== 'object' || child === null) continue;
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return deepest;
}

/**
 * Whether JSON `text` can hold more than `limit` nested arrays and objects: each one opens with
 * a `[` or `{`, so a text with at most `limit` of them (strings included) cannot.
 */
export function mayNestDeeperThan(text: string, limit: number): boolean {
  let count = 0;
  for (const bracket of ['[', '{']) {
    for (let index = text.indexOf(bracket); index !== -1; index = text.indexOf(bracket, index + 1)) {
      count += 1;
      if (count > limit) return true;
    }
  }
  return false;
}

/** `proxy.max_body_mb` in bytes: the one body limit, for JSON bodies, multipart forms and WebSocket messages. */
export function maxBodyBytes(proxy: { max_body_mb: number }): number {
  return proxy.max_body_mb * 1024 * 1024;
}

const tooDeep = () => new GatewayError('invalid_request', `Request body is nested deeper than ${maxJsonDepth} levels.`);
export const tooLarge = (limit: number) =>
  new GatewayError('payload_too_large', `Request body is larger than ${Math.round(limit / 1024 / 1024)} MiB (proxy.max_body_mb).`);
const notJson = (error: unknown) => new GatewayError('invalid_request', `Request body is not valid JSON: ${(error as Error).message}`);
export const unreadable = () => new GatewayError('invalid_request', 'Could not read the request body.');

/** `application/json`, optionally with charset utf-8, as the `content-type` package parses it. */
const plainJsonType = /^application\/json *(?:; *charset *= *(?:utf-8|"utf-8") *)?$/i;

/**
 * The requests read directly: body-parser would read them with no decompression, as UTF-8, with
 * a known length, and nothing has read them yet. Everything else is left to body-parser.
 */
export function canReadDirectly(request: IncomingMessage): boolean {
  const { headers } = request;
  const contentType = headers['content-type'];
  if (contentType !== undefined && !plainJsonType.test(contentType)) return false;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  if (headers['transfer-encoding'] !== undefined) return false;
  const length = headers['content-length'];
  if (length === undefined || !/^\d+$/.test(length)) return false;
  // on-finished's "already finished" test, under which body-parser reads nothing.
  if (request.socket === null || !request.socket.readable || (request.complete && !request.readable)) return false;
  return true;
}

/** One body being read. The listeners below are shared by every request and find this through `kBodyRead`. */
interface BodyRead {
  limit: number;
  expected: number;
  received: number;
  pieces: Buffer[];
  /** reading; draining: refused, the rest of the body is read off before answering; settled: `done` was called. */
  state: 'reading' | 'draining' | 'settled';
  refusal: GatewayError | undefined;
  done: BodyCallback;
}

/** Called once: with the refusal, or with the parsed body (`{}` for an empty one). */
export type BodyCallback = (error: GatewayError | undefined, body?: unknown) => void;

const kBodyRead = Symbol('skyport.bodyRead');
type ReadingRequest = IncomingMessage & { [kBodyRead]?: BodyRead };

/**
 * Reads and parses a body that `canReadDirectly` accepted, then calls `done` (with a refusal
 * only once the request has been read off, so the connection stays usable).
 */
export function readJsonBody(request: ReadingRequest, limit: number, done: BodyCallback): void {
  const read: BodyRead = { limit, expected: Number(request.headers['content-length']), received: 0, pieces: [], state: 'reading', refusal: undefined, done };
  request[kBodyRead] = read;
  request.on('data', onBodyData);
  request.on('end', onBodyEnd);
  request.on('close', onBodyClose);
  // Known to be too large: refused without keeping a byte.
  if (read.expected > limit) refuse(request, read, tooLarge(limit));
}

function onBodyData(this: ReadingRequest, piece: Buffer): void {
  const read = this[kBodyRead];
  if (read === undefined || read.state !== 'reading') return;
  read.received += piece.length;
  if (read.received > read.limit) {
    refuse(this, read, tooLarge(read.limit));
    return;
  }
  read.pieces.push(piece);
}

function onBodyEnd(this: ReadingRequest): void {
  const read = this[kBodyRead];
  if (read === undefined) return;
  if (read.state === 'draining') {
    settle(this, read, read.refusal);
    return;
  }
  if (read.state !== 'reading') return;
  if (read.received !== read.expected) {
    settle(this, read, unreadable());
    return;
  }
  const buffer = read.pieces.length === 1 ? (read.pieces[0] as Buffer) : Buffer.concat(read.pieces, read.received);
  read.pieces = [];
  let text = buffer.toString('utf8');
  // body-parser's decoder drops a byte order mark.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) {
    settle(this, read, undefined, {});
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    settle(this, read, notJson(error));
    return;
  }
  if (mayNestDeeperThan(text, maxJsonDepth) && measureJsonDepth(body, maxJsonDepth) > maxJsonDepth) {
    settle(this, read, tooDeep());
    return;
  }
  settle(this, read, undefined, body);
}

/** Closed before the end (the client went away mid-body), or after the rest of a refused body. */
function onBodyClose(this: ReadingRequest): void {
  const read = this[kBodyRead];
  if (read === undefined || read.state === 'settled') return;
  settle(this, read, read.state === 'draining' ? read.refusal : unreadable());
}

/** Refuses the body, answering once the client has sent all of it, so the connection stays usable. */
function refuse(request: ReadingRequest, read: BodyRead, error: GatewayError): void {
  read.pieces = [];
  if (request.complete || request.destroyed || request.readableEnded) {
    settle(request, read, error);
    return;
  }
  read.state = 'draining';
  read.refusal = error;
  request.resume();
}

function settle(request: ReadingRequest, read: BodyRead, error: GatewayError | undefined, body?: unknown): void {
  read.state = 'settled';
  request.off('data', onBodyData);
  request.off('end', onBodyEnd);
  request.off('close', onBodyClose);
  request[kBodyRead] = undefined;
  read.done(error, body);
}

export function isMultipartForm(request: IncomingMessage): boolean {
  return /^multipart\/form-data\s*;/i.test(request.headers['content-type'] ?? '');
}

export function createJsonBodyParser(options: { maxBodyBytes: () => number }) {
  const parsers = new Map<number, ReturnType<typeof express.json>>();
  const parserFor = (limit: number) => {
    let parser = parsers.get(limit);
    if (parser === undefined) {
      // Any content type: curl without -H and SDKs that say text/plain still mean JSON; the
      // origin guard already refuses cross-site browser posts, which is what the type check defends.
      parser = express.json({ limit, strict: false, type: () => true });
      parsers.set(limit, parser);
    }
    return parser;
  };
  return function parseJsonBody(request: Request, response: Response, next: NextFunction): void {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS' || request.method === 'DELETE') {
      next();
      return;
    }
    // Forms (image edits, audio transcriptions) are read by their own routes (read-multipart-form.ts).
    if (isMultipartForm(request)) {
      next();
      return;
    }
    const limit = options.maxBodyBytes();
    if (canReadDirectly(request)) {
      // As body-parser: the property exists from here on, whatever happens.
      if (!Object.hasOwn(request, 'body')) request.body = undefined;
      readJsonBody(request, limit, (error, body) => {
        if (error === undefined) request.body = body;
        next(error);
      });
      return;
    }
    parserFor(limit)(request, response, (error?: unknown) => {
      if (error !== undefined && error !== null) {
        const type = (error as { type?: string }).type;
        if (type === 'entity.too.large') {
          next(tooLarge(limit));
        } else if (type === 'entity.parse.failed') {
          next(notJson(error));
        } else if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
          next(new GatewayError('invalid_request', (error as Error).message));
        } else {
          next(unreadable());
        }
        return;
      }
      if (measureJsonDepth(request.body, maxJsonDepth) > maxJsonDepth) {
        next(tooDeep());
        return;
      }
      next();
    });
  };
}
