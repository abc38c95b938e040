/** Quota protection keeps an account's last share of a model in reserve, until the quota resets. */
import { describe, expect, it } from 'vitest';
import type { Account } from './account-schema.js';
import { checkQuotaProtection, quotaProtectedReason } from './check-quota-protection.js';

const t0 = Date.parse('2026-11-26T12:00:00Z');
const model = 'gemini-3-flash';

function left(remainingFraction: number, resetTime?: string): Account {
  return {
    email: 'a@example.com',
    refreshToken: 'r',
    status: 'active',
    addedAt: '',
    cooldowns: {},
    quotas: { [model]: { remainingFraction, ...(resetTime === undefined ? {} : { resetTime }) } },
  };
}
const reset = new Date(t0 + 3_600_000).toISOString();

describe('checkQuotaProtection', () => {
  it('below the threshold: protected, says how much is left of which model, and until the reset', () => {
    expect(checkQuotaProtection(left(0.1, reset), model, 20, t0)).toEqual({
      protected: true,
      reason: 'quota_protected: 10% of gemini-3-flash left, below 20%',
      remainingFraction: 0.1,
      until: t0 + 3_600_000,
    });
    expect(quotaProtectedReason).toBe('quota_protected');
  });

  it('is off at 0 % (and below), for a model without data, and at or above the threshold', () => {
    expect(checkQuotaProtection(left(0.1, reset), model, 0, t0)).toEqual({ protected: false });
    expect(checkQuotaProtection(left(0, reset), model, -5, t0)).toEqual({ protected: false });
    expect(checkQuotaProtection(left(0.1, reset), 'gemini-3-pro-high', 20, t0)).toEqual({ protected: false });
    expect(checkQuotaProtection(left(0.2, reset), model, 20, t0)).toEqual({ protected: false });
    expect(checkQuotaProtection(left(0.199, reset), model, 20, t0)).toMatchObject({ protected: true });
    expect(checkQuotaProtection(left(0.01, reset), model, 1, t0)).toEqual({ protected: false });
  });

  it('a figure read before a reset that has passed is stale: not protected from the reset on', () => {
    expect(checkQuotaProtection(left(0.05, reset), model, 20, t0 + 3_600_000)).toEqual({ protected: false });
    expect(checkQuotaProtection(left(0.05, reset), model, 20, t0 + 3_599_999)).toMatchObject({ protected: true, until: t0 + 3_600_000 });
  });

  it('with no known reset it stays protected and names no end', () => {
    const result = checkQuotaProtection(left(0.05), model, 20, t0);
    expect(result).toEqual({ protected: true, reason: 'quota_protected: 5% of gemini-3-flash left, below 20%', remainingFraction: 0.05 });
    expect('until' in result).toBe(false);
    expect(checkQuotaProtection(left(0.05, 'soon'), model, 20, t0)).toEqual({ protected: true, reason: 'quota_protected: 5% of gemini-3-flash left, below 20%', remainingFraction: 0.05 });
  });

  it('says whole percents from 1 % up (rounded down) and tenths below', () => {
    const reason = (fraction: number) => {
      const result = checkQuotaProtection(left(fraction, reset), model, 50, t0);
      return result.protected ? result.reason : 'not protected';
    };
    expect(reason(0.129)).toBe('quota_protected: 12% of gemini-3-flash left, below 50%');
    expect(reason(0.01)).toBe('quota_protected: 1% of gemini-3-flash left, below 50%');
    expect(reason(0.0096)).toBe('quota_protected: 1% of gemini-3-flash left, below 50%');
    expect(reason(0.0094)).toBe('quota_protected: 0.9% of gemini-3-flash left, below 50%');
    expect(reason(0.0004)).toBe('quota_protected: 0% of gemini-3-flash left, below 50%');
    expect(reason(0)).toBe('quota_protected: 0% of gemini-3-flash left, below 50%');
  });
});
