import { describe, expect, it } from 'vitest';
import { GatewayError, type UpstreamFailure } from '../errors/gateway-error.js';
import { accountCredentialsFailed, decideRetryAction, escalatingCooldownsMs, isCapacitySignal, type RetryContext } from './retry-policy.js';

const now = Date.parse('2026-11-26T12:00:00Z');
const fresh: RetryContext = {
  now,
  attempt: 1,
  strikes: 0,
  retriedSameAccount: false,
  refreshedToken: false,
  strippedSignatures: false,
  otherAccountAvailable: true,
  jitter: 0.5,
};
/** The same moment for a one-account pool (or one whose other accounts are resting or tried). */
const alone: RetryContext = { ...fresh, otherAccountAvailable: false };

function upstream(failure: Partial<UpstreamFailure> & { status: number }): GatewayError {
  return new GatewayError('upstream', failure.message ?? 'x', { upstream: { message: 'x', ...failure } });
}

describe('retry policy, row by row', () => {
  it('429 asking for <= 2 s: the same account once, no cooldown', () => {
    const action = decideRetryAction(upstream({ status: 429, reason: 'RATE_LIMIT_EXCEEDED', retryDelayMs: 540 }), fresh);
    expect(action).toMatchObject({ next: 'retry_same', delayMs: 540 });
    expect(action.cooldown).toBeUndefined();
  });

  it('429 short delay a second time: cool down and rotate', () => {
    const action = decideRetryAction(upstream({ status: 429, retryDelayMs: 540 }), { ...fresh, retriedSameAccount: true });
    expect(action).toMatchObject({ next: 'rotate', cooldown: { scope: 'model', until: now + 1000, reason: 'rate_limited' } });
  });

  it('429 with a longer delay: cool the model down for exactly that long and rotate', () => {
    const action = decideRetryAction(upstream({ status: 429, reason: 'RATE_LIMIT_EXCEEDED', retryDelayMs: 42_000 }), fresh);
    expect(action).toMatchObject({ next: 'rotate', delayMs: 0, cooldown: { scope: 'model', until: now + 42_000, reason: 'rate_limited' } });
  });

  it('429 QUOTA_EXHAUSTED: cool down until the quota reset time and refresh quotas', () => {
    const resetAt = now + 108 * 3600 * 1000;
    const action = decideRetryAction(upstream({ status: 429, reason: 'QUOTA_EXHAUSTED', retryDelayMs: 500, resetAt }), fresh);
    expect(action).toMatchObject({ next: 'rotate', cooldown: { until: resetAt, reason: 'quota_exhausted' }, refreshQuota: true });
  });

  it('429 without any delay: escalating cooldowns by strikes', () => {
    const seen = [0, 1, 2, 3, 4, 9].map((strikes) => decideRetryAction(upstream({ status: 429 }), { ...fresh, strikes }).cooldown?.until);
    expect(seen).toEqual([...escalatingCooldownsMs, escalatingCooldownsMs[4]].map((ms) => now + ms));
  });

  it('503 / 529 capacity with another account: short model cooldown, back off, rotate', () => {
    for (const status of [503, 529]) {
      expect(decideRetryAction(upstream({ status, reason: 'MODEL_CAPACITY_EXHAUSTED' }), { ...fresh, attempt: 2 })).toMatchObject({
        next: 'rotate',
        delayMs: 500,
        cooldown: { scope: 'model', until: now + 10_000, reason: 'capacity' },
      });
    }
    expect(decideRetryAction(upstream({ status: 503, retryDelayMs: 40_000 }), fresh).cooldown?.until).toBe(now + 40_000);
  });

  it('500, network errors, empty answers, 408, a bare 503 UNAVAILABLE: back off and rotate, no cooldown', () => {
    for (const status of [500, 502, 504, 0, 200, 408, 503]) {
      const action = decideRetryAction(upstream({ status, rpcStatus: status === 503 ? 'UNAVAILABLE' : 'INTERNAL' }), { ...fresh, attempt: 3 });
      expect(action).toMatchObject({ next: 'rotate', delayMs: 750 });
      expect(action.cooldown).toBeUndefined();
    }
  });

  it('a passing fault with no other account: the same account again after a jittered back-off, nothing rests', () => {
    for (const status of [503, 500, 0, 200]) {
      const action = decideRetryAction(upstream({ status, rpcStatus: 'UNAVAILABLE' }), { ...alone, attempt: 2, jitter: 0 });
      expect(action).toMatchObject({ next: 'retry_same', transient: true, delayMs: 250 });
      expect(action.rule).toMatch(/no other account: jittered back-off, retry same account$/);
      expect(action.cooldown).toBeUndefined();
    }
    // The jitter spreads the pause over half to one and a half steps.
    const delays = [0, 0.5, 0.999].map((jitter) => decideRetryAction(upstream({ status: 503 }), { ...alone, attempt: 2, jitter }).delayMs);
    expect(delays).toEqual([250, 500, 750]);
    // It does not use up the one same-account retry of short delays.
    expect(decideRetryAction(upstream({ status: 503 }), { ...alone, retriedSameAccount: true }).next).toBe('retry_same');
    expect(decideRetryAction(new GatewayError('timeout', 'silent'), alone)).toMatchObject({ next: 'retry_same', rule: 'no answer, no other account: jittered back-off, retry same account' });
  });

  it('tells a capacity or quota signal from a passing 503', () => {
    expect(isCapacitySignal({ status: 503, message: 'The service is currently unavailable.', rpcStatus: 'UNAVAILABLE' })).toBe(false);
    expect(isCapacitySignal({ status: 503, message: 'x', reason: 'MODEL_CAPACITY_EXHAUSTED', rpcStatus: 'UNAVAILABLE' })).toBe(true);
    expect(isCapacitySignal({ status: 503, message: 'x', rpcStatus: 'RESOURCE_EXHAUSTED' })).toBe(true);
    expect(isCapacitySignal({ status: 503, message: 'x', reason: 'QUOTA_EXHAUSTED' })).toBe(true);
    expect(isCapacitySignal({ status: 503, message: 'x', retryDelayMs: 40_000 })).toBe(true);
    expect(isCapacitySignal({ status: 529, message: 'Overloaded' })).toBe(true);
  });

  it('capacity with no other account and a short delay: wait it out on the same account, once', () => {
    const failure = upstream({ status: 503, reason: 'MODEL_CAPACITY_EXHAUSTED', retryDelayMs: 1_500 });
    const action = decideRetryAction(failure, alone);
    expect(action).toMatchObject({ next: 'retry_same', delayMs: 1_500, rule: '503 capacity short delay, no other account: retry same account' });
    expect(action.transient).toBeUndefined();
    expect(action.cooldown).toBeUndefined();
    expect(decideRetryAction(failure, { ...alone, retriedSameAccount: true })).toMatchObject({ next: 'fail', retryAfterMs: 1_500 });
  });

  it('capacity with no other account and a long or unknown delay: to the client with Retry-After', () => {
    const named = decideRetryAction(upstream({ status: 503, reason: 'MODEL_CAPACITY_EXHAUSTED', retryDelayMs: 40_000 }), alone);
    expect(named).toMatchObject({
      next: 'fail',
      retryAfterMs: 40_000,
      rule: '503 capacity, no other account: answer overloaded with Retry-After',
      cooldown: { scope: 'model', until: now + 40_000, reason: 'capacity' },
    });
    // No named delay: the client is told to come back in 10 s, but the lone account is not shut out.
    const unnamed = decideRetryAction(upstream({ status: 529 }), alone);
    expect(unnamed).toMatchObject({ next: 'fail', retryAfterMs: 10_000 });
    expect(unnamed.cooldown).toBeUndefined();
  });

  it('403 VALIDATION_REQUIRED: park the account with its link and rotate', () => {
    const action = decideRetryAction(upstream({ status: 403, reason: 'VALIDATION_REQUIRED', validationUrl: 'https://accounts.google.com/verify' }), fresh);
    expect(action).toMatchObject({ next: 'rotate', accountStatus: { status: 'validation_required', validationUrl: 'https://accounts.google.com/verify' } });
  });

  it('403 otherwise: mark forbidden and rotate', () => {
    expect(decideRetryAction(upstream({ status: 403, message: 'no license' }), fresh)).toMatchObject({
      next: 'rotate',
      accountStatus: { status: 'forbidden', reason: 'no license' },
    });
  });

  it('401: refresh the token once, then move on', () => {
    expect(decideRetryAction(upstream({ status: 401 }), fresh).next).toBe('refresh_token');
    expect(decideRetryAction(upstream({ status: 401 }), { ...fresh, refreshedToken: true }).next).toBe('rotate');
  });

  it('400 thought-signature errors: strip and retry once; other 400s and 404s: to the client', () => {
    expect(decideRetryAction(upstream({ status: 400, signatureError: true }), fresh).next).toBe('strip_signatures');
    expect(decideRetryAction(upstream({ status: 400, signatureError: true }), { ...fresh, strippedSignatures: true }).next).toBe('fail');
    expect(decideRetryAction(upstream({ status: 400 }), fresh).next).toBe('fail');
    expect(decideRetryAction(upstream({ status: 404 }), fresh).next).toBe('fail');
  });

  it('a client version Google refuses goes to the client at once, whatever the status, and rests nothing', () => {
    for (const status of [400, 403, 426]) {
      const refused = new GatewayError('upstream', 'refused', {
        status: 426,
        code: 'client_version_refused',
        upstream: { status, message: 'This version of Antigravity is no longer supported. Please update to receive the latest features!' },
      });
      const action = decideRetryAction(refused, fresh);
      expect(action).toEqual({ rule: 'client version refused: to the client', next: 'fail', delayMs: 0 });
    }
  });

  it('failures before the upstream: revoked credentials rotate at once, silence backs off', () => {
    expect(decideRetryAction(new GatewayError('upstream', 'revoked', { code: accountCredentialsFailed }), fresh)).toMatchObject({ next: 'rotate', delayMs: 0 });
    expect(decideRetryAction(new GatewayError('timeout', 'silent'), fresh)).toMatchObject({ next: 'rotate', delayMs: 250 });
    expect(decideRetryAction(new GatewayError('invalid_request', 'bad'), fresh).next).toBe('fail');
  });
});

describe('retry policy boundaries', () => {
  it('a delay of exactly 2 s is still short: the same account once; a longer one rests the account', () => {
    expect(decideRetryAction(upstream({ status: 429, reason: 'RATE_LIMIT_EXCEEDED', retryDelayMs: 2_000 }), fresh)).toEqual({
      rule: '429 short delay: retry same account',
      next: 'retry_same',
      delayMs: 2_000,
    });
    expect(decideRetryAction(upstream({ status: 429, reason: 'RATE_LIMIT_EXCEEDED', retryDelayMs: 2_001 }), fresh)).toMatchObject({
      next: 'rotate',
      delayMs: 0,
      cooldown: { scope: 'model', until: now + 2_001, reason: 'rate_limited' },
    });
    const capacity = (retryDelayMs: number) => upstream({ status: 503, reason: 'MODEL_CAPACITY_EXHAUSTED', retryDelayMs });
    expect(decideRetryAction(capacity(2_000), alone)).toMatchObject({ next: 'retry_same', delayMs: 2_000 });
    expect(decideRetryAction(capacity(2_001), alone)).toMatchObject({ next: 'fail', retryAfterMs: 2_001, cooldown: { until: now + 2_001 } });
  });

  it('499 CANCELLED is a passing fault like a 500: rotate, or the same account when alone', () => {
    expect(decideRetryAction(upstream({ status: 499, rpcStatus: 'CANCELLED' }), fresh)).toMatchObject({ next: 'rotate', delayMs: 250, rule: 'server or network failure: back off and rotate' });
    expect(decideRetryAction(upstream({ status: 499, rpcStatus: 'CANCELLED' }), alone)).toMatchObject({ next: 'retry_same', transient: true });
    // Other 4xx are the request's fault.
    for (const status of [400, 404, 409, 413, 422]) {
      expect(decideRetryAction(upstream({ status }), fresh)).toEqual({ rule: `${status}: return to client`, next: 'fail', delayMs: 0 });
    }
  });

  it('QUOTA_EXHAUSTED without a reset time rests until the RetryInfo delay, else by strikes; never the same account', () => {
    const delayOnly = decideRetryAction(upstream({ status: 429, reason: 'QUOTA_EXHAUSTED', retryDelayMs: 391_609_000 }), fresh);
    expect(delayOnly).toEqual({
      rule: '429 quota exhausted: cool down until reset',
      next: 'rotate',
      delayMs: 0,
      cooldown: { scope: 'model', until: now + 391_609_000, reason: 'quota_exhausted' },
      refreshQuota: true,
    });
    // A short delay on a quota error is not a reason to try the exhausted account again.
    expect(decideRetryAction(upstream({ status: 429, reason: 'QUOTA_EXHAUSTED', retryDelayMs: 500 }), fresh)).toMatchObject({ next: 'rotate', cooldown: { until: now + 500 } });
    const neither = decideRetryAction(upstream({ status: 429, reason: 'QUOTA_EXHAUSTED' }), { ...fresh, strikes: 2 });
    expect(neither.cooldown).toEqual({ scope: 'model', until: now + escalatingCooldownsMs[2], reason: 'quota_exhausted' });
  });

  it('a 429 without delay asks for fresh quotas; one with a delay does not', () => {
    expect(decideRetryAction(upstream({ status: 429 }), fresh)).toEqual({
      rule: '429 without delay: escalating cooldown',
      next: 'rotate',
      delayMs: 0,
      cooldown: { scope: 'model', until: now + escalatingCooldownsMs[0], reason: 'rate_limited' },
      refreshQuota: true,
    });
    expect(decideRetryAction(upstream({ status: 429, retryDelayMs: 42_000 }), fresh)).toEqual({
      rule: '429 with delay: cool down and rotate',
      next: 'rotate',
      delayMs: 0,
      cooldown: { scope: 'model', until: now + 42_000, reason: 'rate_limited' },
    });
  });

  it('a capacity signal may be only a reset time; capacity without a named delay rests 10 s when rotating', () => {
    expect(isCapacitySignal({ status: 503, message: 'x', resetAt: now + 60_000 })).toBe(true);
    expect(isCapacitySignal({ status: 503, message: 'x', reason: 'SOMETHING_ELSE', rpcStatus: 'UNAVAILABLE' })).toBe(false);
    expect(decideRetryAction(upstream({ status: 529 }), { ...fresh, attempt: 1 })).toEqual({
      rule: '529 capacity: back off and rotate',
      next: 'rotate',
      delayMs: 250,
      cooldown: { scope: 'model', until: now + 10_000, reason: 'capacity' },
    });
    // A bare 503 with someone else to serve: rotate without resting anyone.
    expect(decideRetryAction(upstream({ status: 503, rpcStatus: 'UNAVAILABLE' }), fresh)).toEqual({ rule: '503 unavailable: back off and rotate', next: 'rotate', delayMs: 250 });
  });

  it('403: the reason kept is the first 200 characters; no validation link means none is stored', () => {
    const long = 'x'.repeat(250);
    expect(decideRetryAction(upstream({ status: 403, message: long }), fresh).accountStatus).toEqual({ status: 'forbidden', reason: 'x'.repeat(200) });
    const unlinked = decideRetryAction(upstream({ status: 403, reason: 'VALIDATION_REQUIRED' }), fresh);
    expect(unlinked.rule).toBe('403 validation required: park account, rotate');
    expect(unlinked.accountStatus).toStrictEqual({ status: 'validation_required', reason: 'Google asks to verify this account' });
    expect(decideRetryAction(upstream({ status: 403, message: 'no' }), fresh).rule).toBe('403: mark forbidden, rotate');
  });

  it('401, signature and credential rows say which rule matched', () => {
    expect(decideRetryAction(upstream({ status: 401 }), fresh)).toEqual({ rule: '401: refresh token, retry once', next: 'refresh_token', delayMs: 0 });
    expect(decideRetryAction(upstream({ status: 401 }), { ...fresh, refreshedToken: true })).toEqual({ rule: '401 after refresh: rotate', next: 'rotate', delayMs: 0 });
    expect(decideRetryAction(upstream({ status: 400, signatureError: true }), fresh)).toEqual({ rule: '400 signature: strip signatures, retry once', next: 'strip_signatures', delayMs: 0 });
    expect(decideRetryAction(upstream({ status: 400, signatureError: true }), { ...fresh, strippedSignatures: true })).toEqual({ rule: 'signature rejected twice', next: 'fail', delayMs: 0 });
    expect(decideRetryAction(new GatewayError('upstream', 'revoked', { code: accountCredentialsFailed }), fresh)).toEqual({ rule: 'account credentials unusable: rotate', next: 'rotate', delayMs: 0 });
    expect(decideRetryAction(new GatewayError('upstream', 'unreadable'), fresh)).toMatchObject({ rule: 'no answer: back off and rotate', next: 'rotate' });
    expect(decideRetryAction(new GatewayError('invalid_request', 'bad'), fresh)).toEqual({ rule: 'not retryable', next: 'fail', delayMs: 0 });
  });
});
