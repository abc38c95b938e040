/**
 * Access tokens per account: kept in memory only, refreshed shortly before they expire, with one
 * refresh in flight per account however many requests ask at once (the anchor app guards the
 * same with a per-account mutex, ANCHOR-ANTIGRAVITY-MANAGER.md §8.4).
 */
import type { AccountStore } from './account-store.js';
import type { OAuthTokens } from './google-oauth.js';
import { GatewayError } from '../errors/gateway-error.js';

export interface TokenManager {
  getAccessToken(email: string): Promise<string>;
  /** Forget the cached token (after the upstream answered 401 with it); the next call refreshes. */
  invalidate(email: string): void;
}

export interface TokenManagerOptions {
  store: AccountStore;
  refresh: (refreshToken: string) => Promise<OAuthTokens>;
  now?: () => number;
  /** Refresh this long before expiry; default 5 minutes. */
  skewMs?: number;
  logger?: { warn(message: string): void };
}

const defaultSkewMs = 5 * 60_000;
const revokedReason = 'Refresh token revoked or expired';

interface CachedToken {
  accessToken: string;
  refreshAt: number;
}

export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const { store, refresh } = options;
  const now = options.now ?? Date.now;
  const skewMs = options.skewMs ?? defaultSkewMs;
  const cache = new Map<string, CachedToken>();
  const inFlight = new Map<string, Promise<string>>();

  async function refreshFor(key: string, email: string, refreshToken: string): Promise<string> {
    const requestedAt = now();
    let tokens: OAuthTokens;
    try {
      tokens = await refresh(refreshToken);
    } catch (error) {
      if (error instanceof GatewayError && error.code === 'invalid_grant') await markRevoked(email, refreshToken, error);
      throw error;
    }
    // A token that lives shorter than the skew would otherwise be refreshed on every call.
    const lifetime = Math.max(0, tokens.expiresAt - requestedAt);
    cache.set(key, { accessToken: tokens.accessToken, refreshAt: tokens.expiresAt - Math.min(skewMs, lifetime / 2) });
    if (tokens.refreshToken !== undefined && tokens.refreshToken !== refreshToken) {
      await storeRotatedToken(email, refreshToken, tokens.refreshToken);
    }
    return tokens.accessToken;
  }

  /** Only when the account still holds the token that failed: it may have been re-added meanwhile. */
  async function markRevoked(email: string, usedToken: string, error: GatewayError): Promise<void> {
    if (store.get(email)?.refreshToken !== usedToken) return;
    try {
      await store.update(email, { status: 'revoked', statusReason: revokedReason, lastError: error.message });
    } catch (writeError) {
      options.logger?.warn(`Could not mark ${email} as revoked: ${describe(writeError)}`);
    }
  }

  async function storeRotatedToken(email: string, usedToken: string, rotatedToken: string): Promise<void> {
    if (store.get(email)?.refreshToken !== usedToken) return;
    try {
      await store.update(email, { refreshToken: rotatedToken });
    } catch (writeError) {
      // The access token is good; the new refresh token is in memory and goes out with the next write.
      options.logger?.warn(`Could not save the rotated refresh token of ${email}: ${describe(writeError)}`);
    }
  }

  return {
    getAccessToken(email) {
      const key = email.trim().toLowerCase();
      const account = store.get(email);
      if (account === undefined) {
        cache.delete(key);
        return Promise.reject(new GatewayError('no_account', `Account ${email} is not in the pool`));
      }
      const cached = cache.get(key);
      if (cached !== undefined && now() < cached.refreshAt) return Promise.resolve(cached.accessToken);
      const pending = inFlight.get(key);
      if (pending !== undefined) return pending;
      if (account.status === 'revoked') {
        // Google would only answer invalid_grant again; re-adding the account clears this status.
        return Promise.reject(
          new GatewayError('authentication', `The refresh token of ${account.email} was revoked or has expired; add the account again`, {
            code: 'invalid_grant',
          }),
        );
      }
      const refreshing = refreshFor(key, account.email, account.refreshToken).finally(() => {
        if (inFlight.get(key) === refreshing) inFlight.delete(key);
      });
      inFlight.set(key, refreshing);
      return refreshing;
    },

    invalidate(email) {
      cache.delete(email.trim().toLowerCase());
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
