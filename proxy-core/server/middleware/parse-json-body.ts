/**
 * JSON bodies with a size limit (413) and a nesting limit (400): a deeply nested body must not
 * be able to exhaust the stack of the converters that walk it.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { GatewayError } from '../../errors/gateway-error.js';

export const maxJsonDepth = 100;

/** Depth of a parsed JSON value, walked without recursion. */
export function measureJsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
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
    const limit = options.maxBodyBytes();
    parserFor(limit)(request, response, (error?: unknown) => {
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
