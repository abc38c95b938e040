/**
 * Body capture for the request log (`monitor.capture_bodies`, off by default): the request
 * headers (credentials masked at once), the parsed request body as the routes saw it, and the
 * first bytes of the response, whatever route wrote it (JSON or SSE). Nothing is kept, and
 * nothing is wrapped, while capture is off. Redaction and cutting to size happen when the record
 * is made (monitor/redact-captured-exchange.ts), after the response has ended.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { redactHeaders } from '../../monitor/redact-captured-exchange.js';
import type { CapturedExchange, RequestState } from '../../monitor/completed-request.js';
import { requestState } from '../request-state.js';

/** Kept beyond the stored size so that a secret crossing the cut is still recognised and masked. */
const redactionMarginBytes = 512;

function toBuffer(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return undefined;
}

/** A capture with the request headers (credentials masked), or undefined while capture is off. */
export function openCapture(headers: IncomingHttpHeaders, settings: { enabled: boolean; maxBytes: number }): CapturedExchange | undefined {
  if (!settings.enabled) return undefined;
  return { requestHeaders: redactHeaders(headers), responseChunks: [], responseBytes: 0, limitBytes: settings.maxBytes + redactionMarginBytes };
}

/** The response's bytes as they leave: all counted, the first `limitBytes` copied (the writer may reuse its buffer). */
export function keepResponseBytes(capture: CapturedExchange, buffer: Buffer): void {
  // Everything is kept until the limit, nothing after: what is kept is the smaller of the two.
  const kept = Math.min(capture.responseBytes, capture.limitBytes);
  capture.responseBytes += buffer.length;
  const room = capture.limitBytes - kept;
  if (room > 0) capture.responseChunks.push(Buffer.from(buffer.subarray(0, room)));
}

/**
 * Starts keeping the exchange for the request log when capture is on (a no-op otherwise):
 * headers now, the body through `readBody` once the response starts, the response's first bytes.
 */
export function startBodyCapture(
  request: IncomingMessage,
  response: ServerResponse,
  state: RequestState,
  settings: { enabled: boolean; maxBytes: number },
  readBody: () => unknown,
): void {
  if (state.protocol === 'admin') return;
  const capture = openCapture(request.headers, settings);
  if (capture === undefined) return;
  state.capture = capture;
  const keep = (chunk: unknown, encoding: unknown) => {
    if (!('requestBody' in capture)) capture.requestBody = readBody();
    const buffer = toBuffer(chunk, encoding);
    if (buffer !== undefined) keepResponseBytes(capture, buffer);
  };
  const write = response.write;
  const end = response.end;
  response.write = function captureWrite(this: ServerResponse, ...args: unknown[]) {
    keep(args[0], args[1]);
    return (write as (...rest: unknown[]) => boolean).apply(this, args);
  } as ServerResponse['write'];
  response.end = function captureEnd(this: ServerResponse, ...args: unknown[]) {
    keep(args[0], args[1]);
    return (end as (...rest: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['end'];
}

export function createBodyCapture(options: { settings: () => { enabled: boolean; maxBytes: number } }) {
  return function captureBodies(request: Request, response: Response, next: NextFunction): void {
    const state = requestState(response);
    if (state !== undefined) startBodyCapture(request, response, state, options.settings(), () => request.body as unknown);
    next();
  };
}
