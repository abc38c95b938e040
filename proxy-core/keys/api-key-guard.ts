/**
 * What the AI routes ask of the named keys on each request: whose key this is, and whether its
 * rules let the request through. Disabled and expired keys get a 401, a key over its rate a 429
 * with Retry-After; each message names the rule. The model allow-list is checked later, once the
 * body says which model (checkKeyModel, server/resolve-request-target.ts).
 */
import { GatewayError } from '../errors/gateway-error.js';
import type { ApiKeyRecord } from './api-key-schema.js';
import type { ApiKeyStore } from './api-key-store.js';
import { createKeyRateLimiter } from './create-key-rate-limiter.js';

export interface ApiKeyGuard {
  find(presented: string): ApiKeyRecord | undefined;
  /** The refusal for this key now, or undefined; `count` = this request counts against its rate. */
  admit(key: ApiKeyRecord, options: { count: boolean }): GatewayError | undefined;
}

export function createApiKeyGuard(store: Pick<ApiKeyStore, 'find' | 'list' | 'onChange'>, now: () => number): ApiKeyGuard {
  const limiter = createKeyRateLimiter(now);
  // A deleted or regenerated key's bucket goes with its id.
  let known = new Set(store.list().map((key) => key.id));
  store.onChange((keys) => {
    const ids = new Set(keys.map((key) => key.id));
    for (const id of known) if (!ids.has(id)) limiter.forget(id);
    known = ids;
  });
  return {
    find: (presented) => store.find(presented),
    admit(key, { count }) {
      if (key.disabled) return new GatewayError('authentication', `API key "${key.name}" is disabled.`, { code: 'api_key_disabled' });
      if (key.expires_at !== null && now() >= key.expires_at) {
        return new GatewayError('authentication', `API key "${key.name}" expired at ${new Date(key.expires_at).toISOString()}.`, { code: 'api_key_expired' });
      }
      if (!count || key.rpm === null) return undefined;
      const retryAfter = limiter.take(key.id, key.rpm);
      if (retryAfter === undefined) return undefined;
      return new GatewayError('rate_limit', `API key "${key.name}" is over its limit of ${key.rpm} requests per minute; retry in ${retryAfter} s.`, {
        code: 'api_key_rate_limited',
        retryAfterSeconds: retryAfter,
      });
    },
  };
}
