/**
 * API key check for the AI routes. Keys come from `Authorization: Bearer`, `x-api-key` (Anthropic
 * clients) or `x-goog-api-key` (Gemini clients); never from the URL, where they end up in logs.
 * Modes (ARCHITECTURE.md): off, strict, all_except_health, auto (= all_except_health with LAN on).
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { resolveAuthMode, type ProxySettings } from '../../config/settings-schema.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { CredentialFailureLimiter } from './credential-failure-limiter.js';
import { safeEqual } from './safe-equal.js';

const healthPaths = new Set(['/', '/health', '/healthz']);

export function extractApiKey(request: Pick<IncomingMessage, 'headers'>): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && authorization.trim() !== '') {
    return authorization.replace(/^Bearer\s+/i, '').trim();
  }
  for (const header of ['x-api-key', 'x-goog-api-key']) {
    const value = request.headers[header];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

type AuthSettings = Pick<ProxySettings, 'auth_mode' | 'allow_lan_access' | 'api_key' | 'metrics_public'>;

/** The request as the key check sees it; `keyInQuery` is whether the URL carries `?key=`. */
export interface AuthInput {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  keyInQuery: boolean;
  /** The connection's remote address, for the limit on wrong keys. */
  clientAddress?: string | undefined;
}

/**
 * The 400/401 for a request the auth mode refuses (429 for an address that sent too many wrong
 * keys lately, when `failures` is given), or undefined to go on.
 */
export function checkApiKey(input: AuthInput, settings: AuthSettings, failures?: CredentialFailureLimiter): GatewayError | undefined {
  if (input.keyInQuery) {
    return new GatewayError(
      'invalid_request',
      'API keys in the URL (?key=) are not accepted because URLs end up in logs; send the key in the x-goog-api-key or Authorization header.',
      { param: 'key' },
    );
  }
  const mode = resolveAuthMode(settings);
  if (mode === 'off' || input.method === 'OPTIONS') return undefined;
  const read = input.method === 'GET' || input.method === 'HEAD';
  if (mode === 'all_except_health' && read && healthPaths.has(input.path)) return undefined;
  // Scrapers without a key, when the user chose to publish the metrics.
  if (settings.metrics_public && read && input.path === '/metrics') return undefined;
  const key = extractApiKey(input);
  if (key === undefined) {
    return new GatewayError('authentication', 'Missing API key. Send it as "Authorization: Bearer <key>", "x-api-key" or "x-goog-api-key".', {
      code: 'missing_api_key',
    });
  }
  const blocked = failures?.check(input.clientAddress);
  if (blocked !== undefined) return blocked;
  if (!safeEqual(key, settings.api_key)) {
    failures?.recordFailure(input.clientAddress);
    return new GatewayError('authentication', 'Invalid API key.', { code: 'invalid_api_key' });
  }
  return undefined;
}

export function createAuth(options: { settings: () => AuthSettings; failures?: CredentialFailureLimiter }) {
  return function auth(request: Request, _response: Response, next: NextFunction): void {
    const input = {
      method: request.method,
      path: request.path,
      headers: request.headers,
      keyInQuery: request.query.key !== undefined,
      clientAddress: request.socket.remoteAddress,
    };
    next(checkApiKey(input, options.settings(), options.failures));
  };
}
