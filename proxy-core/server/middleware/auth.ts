/**
 * API key check for the AI routes. Keys come from `Authorization: Bearer`, `x-api-key` (Anthropic
 * clients) or `x-goog-api-key` (Gemini clients); never from the URL, where they end up in logs.
 * Modes (ARCHITECTURE.md): off, strict, all_except_health, auto (= all_except_health with LAN on).
 * Run as the `caller` guard of ai-guard-chain.ts, for Express, the direct path and the WebSocket alike.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { resolveAuthMode, type ProxySettings } from '../../config/settings-schema.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { ApiKeyGuard } from '../../keys/api-key-guard.js';
import type { ApiKeyRecord } from '../../keys/api-key-schema.js';
import type { ClientKey } from '../../keys/check-key-model.js';
import type { CredentialFailureLimiter } from './credential-failure-limiter.js';
import { safeEqual } from '../../util/safe-equal.js';

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

const noKey: ClientKey = { name: 'none', models: [] };
const mainKey: ClientKey = { name: 'default', models: [] };

/** Whose key a request carries, and the refusal when there is one. */
export interface AuthOutcome {
  refusal?: GatewayError;
  /** Absent only when the request was refused before its key was read (a key in the URL). */
  key?: ClientKey;
}

export interface AuthOptions {
  failures?: CredentialFailureLimiter | undefined;
  /** Named keys (keys/api-key-guard.ts); absent = only the main key. */
  keys?: ApiKeyGuard | undefined;
  /** This request counts against a named key's requests per minute (not a WebSocket handshake: its turns do). */
  countRequest?: boolean;
}

function admitNamed(named: ApiKeyRecord, keys: ApiKeyGuard, countRequest: boolean): AuthOutcome {
  const key: ClientKey = { name: named.name, models: named.models };
  const refusal = keys.admit(named, { count: countRequest });
  return refusal === undefined ? { key } : { refusal, key };
}

/**
 * The 400/401 for a request the auth mode refuses (429 for an address that sent too many wrong
 * keys lately, when `failures` is given; 401/429 for a named key that is disabled, expired or over
 * its rate), and whose key it is. Where the mode asks for no key (off, health probes, public
 * metrics), a named key sent anyway is still attributed and its rules still hold (a key that was
 * limited or revoked stays so whichever way the gateway is set up); anything else there is `none`.
 */
export function authenticateRequest(input: AuthInput, settings: AuthSettings, options: AuthOptions = {}): AuthOutcome {
  if (input.keyInQuery) {
    return {
      refusal: new GatewayError(
        'invalid_request',
        'API keys in the URL (?key=) are not accepted because URLs end up in logs; send the key in the x-goog-api-key or Authorization header.',
        { param: 'key' },
      ),
    };
  }
  const { failures, keys } = options;
  const countRequest = options.countRequest ?? true;
  const mode = resolveAuthMode(settings);
  const read = input.method === 'GET' || input.method === 'HEAD';
  const exempt =
    mode === 'off' ||
    input.method === 'OPTIONS' ||
    (mode === 'all_except_health' && read && healthPaths.has(input.path)) ||
    // Scrapers without a key, when the user chose to publish the metrics.
    (settings.metrics_public && read && input.path === '/metrics');
  const key = extractApiKey(input);
  if (exempt) {
    if (key === undefined || input.method === 'OPTIONS') return { key: noKey };
    const named = keys?.find(key);
    if (named !== undefined) return admitNamed(named, keys as ApiKeyGuard, countRequest);
    // The main key (or any other text) was not needed: `none`, as the request log always said here.
    return { key: noKey };
  }
  if (key === undefined) {
    return {
      refusal: new GatewayError('authentication', 'Missing API key. Send it as "Authorization: Bearer <key>", "x-api-key" or "x-goog-api-key".', {
        code: 'missing_api_key',
      }),
    };
  }
  const blocked = failures?.check(input.clientAddress);
  if (blocked !== undefined) return { refusal: blocked };
  const named = keys?.find(key);
  if (named !== undefined) return admitNamed(named, keys as ApiKeyGuard, countRequest);
  if (!safeEqual(key, settings.api_key)) {
    failures?.recordFailure(input.clientAddress);
    return { refusal: new GatewayError('authentication', 'Invalid API key.', { code: 'invalid_api_key' }) };
  }
  return { key: mainKey };
}
