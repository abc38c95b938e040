/**
 * The one table that says what a failed attempt means for the request and for the account
 * (issue 3; ANCHOR-ANTIGRAVITY-MANAGER.md §9.3-9.5 with its quirks fixed: no "optimistic reset",
 * cooldowns last until the real reset, not a 300 s cap).
 */
import type { GatewayError } from '../errors/gateway-error.js';

export type RetryNext = 'retry_same' | 'rotate' | 'fail' | 'strip_signatures' | 'refresh_token';

export interface RetryAction {
  /** Short name of the row that matched, for the request log. */
  rule: string;
  next: RetryNext;
  /** Pause before the next attempt. */
  delayMs: number;
  /** Rest this account for this model (or `*` for all models) until `until` (epoch ms). */
  cooldown?: { scope: 'model' | 'account'; until: number; reason: string };
  /** Take the account out of rotation until a person acts. */
  accountStatus?: { status: 'forbidden' | 'validation_required'; reason: string; validationUrl?: string };
  /** Re-read the account's quotas (the limit may come with a precise reset time). */
  refreshQuota?: boolean;
}

export interface RetryContext {
  now: number;
  /** Attempts made so far in this request (1 after the first). */
  attempt: number;
  /** Consecutive limits of this account on this model before this one. */
  strikes: number;
  retriedSameAccount: boolean;
  refreshedToken: boolean;
  strippedSignatures: boolean;
}

/** Cooldown steps when the upstream gives no delay: 30 s, 1 min, 5 min, 30 min, 2 h. */
export const escalatingCooldownsMs = [30_000, 60_000, 300_000, 1_800_000, 7_200_000] as const;
/** `GatewayError.code` of a failure to get an account's access token (it concerns that account only). */
export const accountCredentialsFailed = 'account_credentials_failed';

/** A 429 that asks for at most this long is retried on the same account. */
export const shortRetryDelayMs = 2_000;
const backoffStepMs = 250;

export function escalatingCooldownMs(strikes: number): number {
  return escalatingCooldownsMs[Math.min(strikes, escalatingCooldownsMs.length - 1)] as number;
}

function rateLimitAction(error: GatewayError, context: RetryContext): RetryAction {
  const upstream = error.upstream;
  const delay = upstream?.retryDelayMs;
  const reason = upstream?.reason;
  if (reason !== 'QUOTA_EXHAUSTED' && delay !== undefined && delay <= shortRetryDelayMs && !context.retriedSameAccount) {
    return { rule: '429 short delay: retry same account', next: 'retry_same', delayMs: delay };
  }
  if (reason === 'QUOTA_EXHAUSTED') {
    const until = upstream?.resetAt ?? (delay === undefined ? context.now + escalatingCooldownMs(context.strikes) : context.now + delay);
    return { rule: '429 quota exhausted: cool down until reset', next: 'rotate', delayMs: 0, cooldown: { scope: 'model', until, reason: 'quota_exhausted' }, refreshQuota: true };
  }
  if (delay !== undefined) {
    return { rule: '429 with delay: cool down and rotate', next: 'rotate', delayMs: 0, cooldown: { scope: 'model', until: context.now + Math.max(delay, 1000), reason: 'rate_limited' } };
  }
  return {
    rule: '429 without delay: escalating cooldown',
    next: 'rotate',
    delayMs: 0,
    cooldown: { scope: 'model', until: context.now + escalatingCooldownMs(context.strikes), reason: 'rate_limited' },
    refreshQuota: true,
  };
}

export function decideRetryAction(error: GatewayError, context: RetryContext): RetryAction {
  const upstream = error.upstream;
  const backoff = backoffStepMs * context.attempt;
  // A revoked refresh token (the token manager already marked the account) or a token endpoint
  // that is down: this account cannot serve now; another may.
  if (error.code === accountCredentialsFailed) return { rule: 'account credentials unusable: rotate', next: 'rotate', delayMs: 0 };
  if (upstream === undefined) {
    // No upstream status: a stall before the first byte, an unreadable answer. This moment.
    if (error.kind === 'timeout' || error.kind === 'upstream') return { rule: 'no answer: back off and rotate', next: 'rotate', delayMs: backoff };
    return { rule: 'not retryable', next: 'fail', delayMs: 0 };
  }
  const status = upstream.status;
  if (upstream.signatureError === true) {
    return context.strippedSignatures
      ? { rule: 'signature rejected twice', next: 'fail', delayMs: 0 }
      : { rule: '400 signature: strip signatures, retry once', next: 'strip_signatures', delayMs: 0 };
  }
  if (status === 429) return rateLimitAction(error, context);
  if (status === 401) {
    return context.refreshedToken
      ? { rule: '401 after refresh: rotate', next: 'rotate', delayMs: 0 }
      : { rule: '401: refresh token, retry once', next: 'refresh_token', delayMs: 0 };
  }
  if (status === 403) {
    if (upstream.reason === 'VALIDATION_REQUIRED') {
      return {
        rule: '403 validation required: park account, rotate',
        next: 'rotate',
        delayMs: 0,
        accountStatus: {
          status: 'validation_required',
          reason: 'Google asks to verify this account',
          ...(upstream.validationUrl === undefined ? {} : { validationUrl: upstream.validationUrl }),
        },
      };
    }
    return { rule: '403: mark forbidden, rotate', next: 'rotate', delayMs: 0, accountStatus: { status: 'forbidden', reason: upstream.message.slice(0, 200) } };
  }
  if (status === 503 || status === 529) {
    const cooldownMs = upstream.retryDelayMs ?? 10_000;
    return { rule: `${status} capacity: back off and rotate`, next: 'rotate', delayMs: backoff, cooldown: { scope: 'model', until: context.now + cooldownMs, reason: 'capacity' } };
  }
  if (status === 0 || status === 200 || status === 408 || status === 499 || status >= 500) {
    return { rule: 'server or network failure: back off and rotate', next: 'rotate', delayMs: backoff };
  }
  // 400, 404 and the rest are about the request, not the account: the client must see them.
  return { rule: `${status}: return to client`, next: 'fail', delayMs: 0 };
}
