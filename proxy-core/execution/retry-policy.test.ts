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
