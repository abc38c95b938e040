/**
 * No wildcard CORS: a page the user happens to visit must not spend the accounts. Requests from
 * a browser origin are served only when the origin is this server itself (the web console) or is
 * listed in `proxy.cors_origins`; a foreign origin is refused before anything runs.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError } from '../../errors/gateway-error.js';

function isSameOrigin(origin: string, hostHeader: string | undefined): boolean {
  try {
    return hostHeader !== undefined && new URL(origin).host === hostHeader.toLowerCase();
  } catch {
    return false;
  }
}

/** The refusal for a request from a foreign browser origin, or undefined (no origin, this server, or a listed one). */
export function checkOrigin(request: Pick<IncomingMessage, 'headers'>, allowedOrigins: readonly string[]): GatewayError | undefined {
  const origin = request.headers.origin;
  if (origin === undefined || isSameOrigin(origin, request.headers.host)) return undefined;
  if (allowedOrigins.some((value) => value.replace(/\/$/, '') === origin)) return undefined;
  return new GatewayError('permission', `Origin ${origin} is not allowed. Add it to proxy.cors_origins to call Skyport from that page.`);
}

/**
 * Applies the origin policy: a refusal for a foreign origin; otherwise the CORS headers an
 * allowed cross-origin caller needs, and `'preflight'` when an OPTIONS preflight has been answered.
 */
export function applyCorsPolicy(request: Pick<IncomingMessage, 'headers' | 'method'>, response: ServerResponse, allowedOrigins: readonly string[]): GatewayError | 'preflight' | undefined {
  const origin = request.headers.origin;
  if (origin === undefined || isSameOrigin(origin, request.headers.host)) return undefined;
  const refusal = checkOrigin(request, allowedOrigins);
  if (refusal !== undefined) return refusal;
  response.setHeader('Access-Control-Allow-Origin', origin);
  response.setHeader('Vary', 'Origin');
  response.setHeader('Access-Control-Expose-Headers', 'X-Request-Id, X-Mapped-Model, X-Mapping-Rule, X-Account-Email, Retry-After');
  if (request.method !== 'OPTIONS') return undefined;
  response.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
  response.setHeader('Access-Control-Allow-Headers', request.headers['access-control-request-headers'] ?? 'authorization, content-type, x-api-key, x-goog-api-key');
  response.setHeader('Access-Control-Max-Age', '600');
  response.statusCode = 204;
  response.end();
  return 'preflight';
}
