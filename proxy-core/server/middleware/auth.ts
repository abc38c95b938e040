/**
 * API key check for the AI routes. Keys come from `Authorization: Bearer`, `x-api-key` (Anthropic
 * clients) or `x-goog-api-key` (Gemini clients); never from the URL, where they end up in logs.
 * Modes (ARCHITECTURE.md): off, strict, all_except_health, auto (= all_except_health with LAN on).
 */
import type { NextFunction, Request, Response } from 'express';
import { resolveAuthMode, type ProxySettings } from '../../config/settings-schema.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { safeEqual } from './safe-equal.js';

const healthPaths = new Set(['/', '/health', '/healthz']);

export function extractApiKey(request: Request): string | undefined {
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

export function createAuth(options: { settings: () => Pick<ProxySettings, 'auth_mode' | 'allow_lan_access' | 'api_key' | 'metrics_public'> }) {
  return function auth(request: Request, _response: Response, next: NextFunction): void {
    if (typeof request.query.key === 'string') {
      next(
        new GatewayError(
          'invalid_request',
          'API keys in the URL (?key=) are not accepted because URLs end up in logs; send the key in the x-goog-api-key or Authorization header.',
          { param: 'key' },
        ),
      );
      return;
    }
    const settings = options.settings();
    const mode = resolveAuthMode(settings);
    if (mode === 'off' || request.method === 'OPTIONS') {
      next();
      return;
    }
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (mode === 'all_except_health' && read && healthPaths.has(request.path)) {
      next();
      return;
    }
    // Scrapers without a key, when the user chose to publish the metrics.
    if (settings.metrics_public && read && request.path === '/metrics') {
      next();
      return;
    }
    const key = extractApiKey(request);
    if (key === undefined) {
      next(
        new GatewayError('authentication', 'Missing API key. Send it as "Authorization: Bearer <key>", "x-api-key" or "x-goog-api-key".', {
          code: 'missing_api_key',
        }),
      );
      return;
    }
    if (!safeEqual(key, settings.api_key)) {
      next(new GatewayError('authentication', 'Invalid API key.', { code: 'invalid_api_key' }));
      return;
    }
    next();
  };
}
