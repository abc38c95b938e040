/** What the client is told when no account can serve: when to come back, never which accounts. */
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { describePoolExhausted } from './describe-pool-exhausted.js';

const none = (fields: { usableAccounts: number; retryAfterMs?: number; protectedAccounts?: number }) => ({ kind: 'none' as const, skipped: [], ...fields });

describe('describePoolExhausted', () => {
  it('no usable account at all: 503 no_account that says where to look', () => {
    const error = describePoolExhausted('gemini-3-flash', none({ usableAccounts: 0, retryAfterMs: 5_000 }));
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({
      kind: 'no_account',
      status: 503,
      retryAfterSeconds: undefined,
      code: undefined,
      message: 'No usable Google account: every account is disabled, forbidden or revoked. Check the Accounts page or "npm run skyport -- accounts list".',
    });
  });

  it('usable accounts that cannot serve the model and will not come back by themselves: no_account without Retry-After', () => {
    const error = describePoolExhausted('gemini-3-flash', none({ usableAccounts: 2 }));
    expect(error).toMatchObject({ kind: 'no_account', status: 503, retryAfterSeconds: undefined, code: undefined, message: 'No account can serve gemini-3-flash right now.' });
    // protectedAccounts 0 is no protection.
    expect(describePoolExhausted('gemini-3-flash', none({ usableAccounts: 2, protectedAccounts: 0 }))).toMatchObject({ code: undefined, message: 'No account can serve gemini-3-flash right now.' });
  });

  it('accounts kept in reserve by quota protection: says it is the user setting, with code quota_protected', () => {
    const noReset = describePoolExhausted('gemini-3-flash', none({ usableAccounts: 1, protectedAccounts: 1 }));
    expect(noReset).toMatchObject({
      kind: 'no_account',
      code: 'quota_protected',
      retryAfterSeconds: undefined,
      message:
        'No account can serve gemini-3-flash right now (accounts below accounts.quota_protection_percent are kept in reserve; set accounts.quota_protection_mode to fallback to use them when nothing else can serve).',
    });
    const withReset = describePoolExhausted('gemini-3-flash', none({ usableAccounts: 1, protectedAccounts: 1, retryAfterMs: 3_600_000 }));
    expect(withReset).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      code: 'quota_protected',
      retryAfterSeconds: 3_600,
      message:
        'No account can serve gemini-3-flash now (accounts below accounts.quota_protection_percent are kept in reserve; set accounts.quota_protection_mode to fallback to use them when nothing else can serve); capacity returns in about 60 min.',
    });
  });

  it('every account rate limited: 429 with Retry-After in whole seconds, rounded up, at least 1', () => {
    const error = describePoolExhausted('gemini-3-flash', none({ usableAccounts: 2, retryAfterMs: 20_001 }));
    expect(error).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      code: 'all_accounts_rate_limited',
      retryAfterSeconds: 21,
      message: 'All accounts are rate limited for gemini-3-flash; capacity returns in about 21 s.',
    });
    expect(describePoolExhausted('m', none({ usableAccounts: 1, retryAfterMs: 20_000 })).retryAfterSeconds).toBe(20);
    expect(describePoolExhausted('m', none({ usableAccounts: 1, retryAfterMs: 1 })).retryAfterSeconds).toBe(1);
    expect(describePoolExhausted('m', none({ usableAccounts: 1, retryAfterMs: 0 })).retryAfterSeconds).toBe(1);
  });

  it('says the wait in seconds under 2 minutes, in minutes under 2 hours, else in hours', () => {
    const wait = (seconds: number) => /about (.*)\.$/.exec(describePoolExhausted('m', none({ usableAccounts: 1, retryAfterMs: seconds * 1000 })).message)?.[1];
    expect(wait(119)).toBe('119 s');
    expect(wait(120)).toBe('2 min');
    expect(wait(150)).toBe('3 min');
    expect(wait(7_199)).toBe('120 min');
    expect(wait(7_200)).toBe('2 h');
    expect(wait(9_000)).toBe('3 h');
  });
});
