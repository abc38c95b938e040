/**
 * No wildcard CORS: a page the user happens to visit must not spend the accounts. Requests from
 * a browser origin are served only when the origin is this server itself (the web console) or is
 * listed in `proxy.cors_origins`; a foreign origin is refused before anything runs.
 */
import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../../errors/gateway-error.js';

function isSameOrigin(origin: string, hostHeader: string | undefined): boolean {
  try {
    return hostHeader !== undefined && new URL(origin).host === hostHeader.toLowerCase();
  } catch {
    return false;
  }
}

export function createCorsGuard(options: { allowedOrigins: () => readonly string[] }) {
  return function corsGuard(request: Request, response: Response, next: NextFunction): void {
    const origin = request.headers.origin;
    if (origin === undefined || isSameOrigin(origin, request.headers.host)) {
      next();
      return;
    }
    const allowed = options.allowedOrigins().map((value) => value.replace(/\/$/, ''));
    if (!allowed.includes(origin)) {
      next(new GatewayError('permission', `Origin ${origin} is not allowed. Add it to proxy.cors_origins to call Skyport from that page.`));
      return;
    }
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Vary', 'Origin');
    response.setHeader('Access-Control-Expose-Headers', 'X-Request-Id, X-Mapped-Model, X-Account-Email, Retry-After');
    if (request.method === 'OPTIONS') {
      response.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
      response.setHeader(
        'Access-Control-Allow-Headers',
        request.headers['access-control-request-headers'] ?? 'authorization, content-type, x-api-key, x-goog-api-key',
      );
      response.setHeader('Access-Control-Max-Age', '600');
      response.status(204).end();
      return;
    }
    next();
  };
}
