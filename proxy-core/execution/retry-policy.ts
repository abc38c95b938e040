/**
 * The one table that says what a failed attempt means for the request and for the account
 * (issue 3; ANCHOR-ANTIGRAVITY-MANAGER.md §9.3-9.5 with its quirks fixed: no "optimistic reset",
 * cooldowns last until the real reset, not a 300 s cap).
 *
 * Issue 16: a transient failure (a bare 503 UNAVAILABLE, a 500, a reset, an empty answer) says
 * nothing about the account, so it rests nothing; with nowhere else to go the same account is
 * tried again after a short jittered pause. Only a real capacity or quota signal
 * (MODEL_CAPACITY_EXHAUSTED, RESOURCE_EXHAUSTED, QUOTA_EXHAUSTED, an explicit delay) rests one.
 */
import type { GatewayError } from '../errors/gateway-error.js';
import { clientVersionRefusedCode } from '../upstream/classify-upstream-error.js';

export type RetryNext = 'retry_same' | 'rotate' | 'fail' | 'strip_signatures' | 'refresh_token';

export interface RetryAction {
  /** Short name of the row that matched, for the request log. */
  rule: string;
  next: RetryNext;
  /** Pause before the next attempt. */
  delayMs: number;
  /**
   * A `retry_same` for a transient failure: it does not use up the one same-account retry that
   * short 429/capacity delays get.
   */
  transient?: boolean;
  /** `fail`: how long the client should wait (its Retry-After) when the error has no delay of its own. */
  retryAfterMs?: number;
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
  /** Another account could take the next attempt now (not tried yet, not resting). */
  otherAccountAvailable: boolean;
  /** A draw in [0, 1) that spreads same-account retries (the caller owns the randomness). */
  jitter: number;
}

/** Cooldown steps when the upstream gives no delay: 30 s, 1 min, 5 min, 30 min, 2 h. */
export const escalatingCooldownsMs = [30_000, 60_000, 300_000, 1_800_000, 7_200_000] as const;
/** `GatewayError.code` of a failure to get an account's access token (it concerns that account only). */
export const accountCredentialsFailed = 'account_credentials_failed';

/** A 429 or capacity answer that asks for at most this long is retried on the same account. */
export const shortRetryDelayMs = 2_000;
/** What the client is told to wait after a capacity answer that named no delay. */
export const defaultCapacityWaitMs = 10_000;
const backoffStepMs = 250;

/** ErrorInfo reasons and canonical codes that mean "no capacity / no quota", not a passing fault. */
const capacityReasons = new Set(['MODEL_CAPACITY_EXHAUSTED', 'RESOURCE_EXHAUSTED', 'QUOTA_EXHAUSTED', 'RATE_LIMIT_EXCEEDED']);

/**
 * A 503/529 that carries a real capacity or quota signal. A bare `503 UNAVAILABLE` (Google's
 * "The service is currently unavailable.") is a passing fault of one front end. 529 means
 * "overloaded" by definition.
 */
export function isCapacitySignal(failure: NonNullable<GatewayError['upstream']>): boolean {
  if (failure.status === 529) return true;
  if (failure.retryDelayMs !== undefined || failure.resetAt !== undefined) return true;
  if (failure.reason !== undefined && capacityReasons.has(failure.reason)) return true;
  return failure.rpcStatus === 'RESOURCE_EXHAUSTED';
}

/** Back-off before trying the same account again: the attempt's step, spread by ±50 %. */
function jitteredBackoffMs(context: RetryContext): number {
  return Math.round(backoffStepMs * context.attempt * (0.5 + context.jitter));
}

/** A passing fault (`what` names it): nothing rests; another account, else the same one shortly. */
function transientAction(what: string, context: RetryContext): RetryAction {
  if (context.otherAccountAvailable) return { rule: `${what}: back off and rotate`, next: 'rotate', delayMs: backoffStepMs * context.attempt };
  return { rule: `${what}, no other account: jittered back-off, retry same account`, next: 'retry_same', delayMs: jitteredBackoffMs(context), transient: true };
}

function capacityAction(status: number, failure: NonNullable<GatewayError['upstream']>, context: RetryContext): RetryAction {
  const delay = failure.retryDelayMs;
  if (context.otherAccountAvailable) {
    return {
      rule: `${status} capacity: back off and rotate`,
      next: 'rotate',
      delayMs: backoffStepMs * context.attempt,
      cooldown: { scope: 'model', until: context.now + (delay ?? defaultCapacityWaitMs), reason: 'capacity' },
    };
  }
  if (delay !== undefined && delay <= shortRetryDelayMs && !context.retriedSameAccount) {
    return { rule: `${status} capacity short delay, no other account: retry same account`, next: 'retry_same', delayMs: delay };
  }
  // Only a delay the upstream named rests the account: a guessed one would shut a lone account
  // out for longer than Google asked.
  return {
    rule: `${status} capacity, no other account: answer overloaded with Retry-After`,
    next: 'fail',
    delayMs: 0,
    retryAfterMs: delay ?? defaultCapacityWaitMs,
    ...(delay === undefined ? {} : { cooldown: { scope: 'model' as const, until: context.now + delay, reason: 'capacity' } }),
  };
}

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
  // A revoked refresh token (the token manager already marked the account) or a token endpoint
  // that is down: this account cannot serve now; another may.
  if (error.code === accountCredentialsFailed) return { rule: 'account credentials unusable: rotate', next: 'rotate', delayMs: 0 };
  // Every account presents the same version: another one gets the same refusal, and no account is at fault.
  if (error.code === clientVersionRefusedCode) return { rule: 'client version refused: to the client', next: 'fail', delayMs: 0 };
  if (upstream === undefined) {
    // No upstream status: a stall before the first byte, an unreadable answer. This moment.
    if (error.kind === 'timeout' || error.kind === 'upstream') return transientAction('no answer', context);
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
    return isCapacitySignal(upstream) ? capacityAction(status, upstream, context) : transientAction(`${status} unavailable`, context);
  }
  if (status === 0 || status === 200 || status === 408 || status === 499 || status >= 500) {
    return transientAction('server or network failure', context);
  }
  // 400, 404 and the rest are about the request, not the account: the client must see them.
  return { rule: `${status}: return to client`, next: 'fail', delayMs: 0 };
}
