/** Whether an account can serve a model now, why not, and until when (per model, to the millisecond). */
import { describe, expect, it } from 'vitest';
import { checkEligibility, remainingFraction } from './account-eligibility.js';
import type { Account } from './account-schema.js';

const t0 = Date.parse('2026-11-26T12:00:00Z');
const model = 'gemini-3-flash';
const iso = (ms: number) => new Date(ms).toISOString();

function account(overrides: Partial<Account> = {}): Account {
  return { email: 'a@example.com', refreshToken: 'r', status: 'active', addedAt: '', quotas: {}, cooldowns: {}, ...overrides };
}
const rest = (until: number, reason = 'rate_limited') => ({ until: iso(until), reason, strikes: 1 });

describe('checkEligibility', () => {
  it('an active account with nothing against it serves', () => {
    expect(checkEligibility(account(), model, t0)).toEqual({ eligible: true });
  });

  it('an account a person must act on never serves, and says its status and why', () => {
    expect(checkEligibility(account({ status: 'disabled' }), model, t0)).toEqual({ eligible: false, reason: 'disabled' });
    expect(checkEligibility(account({ status: 'revoked', statusReason: 'invalid_grant' }), model, t0)).toEqual({ eligible: false, reason: 'revoked: invalid_grant' });
    // Whatever its cooldowns say: it does not come back by itself.
    expect(checkEligibility(account({ status: 'forbidden', cooldowns: { [model]: rest(t0 + 1_000) } }), model, t0)).toEqual({ eligible: false, reason: 'forbidden' });
  });

  it('a rest on this model lasts until its end, to the millisecond, and names the model', () => {
    const resting = account({ cooldowns: { [model]: rest(t0 + 30_000) } });
    expect(checkEligibility(resting, model, t0)).toEqual({ eligible: false, reason: 'cooling down (rate_limited on gemini-3-flash)', until: t0 + 30_000 });
    expect(checkEligibility(resting, model, t0 + 29_999)).toMatchObject({ eligible: false });
    expect(checkEligibility(resting, model, t0 + 30_000)).toEqual({ eligible: true });
    // Other models are not affected.
    expect(checkEligibility(resting, 'gemini-3-pro-high', t0)).toEqual({ eligible: true });
  });

  it('an account-wide rest stops every model; with both, the later end wins', () => {
    const wide = account({ cooldowns: { '*': rest(t0 + 10_000, 'server_error') } });
    expect(checkEligibility(wide, 'gemini-3-pro-high', t0)).toEqual({ eligible: false, reason: 'cooling down (server_error)', until: t0 + 10_000 });
    const both = (modelUntil: number, allUntil: number) => account({ cooldowns: { [model]: rest(modelUntil, 'capacity'), '*': rest(allUntil, 'server_error') } });
    expect(checkEligibility(both(t0 + 5_000, t0 + 10_000), model, t0)).toEqual({ eligible: false, reason: 'cooling down (server_error)', until: t0 + 10_000 });
    expect(checkEligibility(both(t0 + 20_000, t0 + 10_000), model, t0)).toEqual({ eligible: false, reason: 'cooling down (capacity on gemini-3-flash)', until: t0 + 20_000 });
    // Ending together: the model's own rest is named.
    expect(checkEligibility(both(t0 + 10_000, t0 + 10_000), model, t0)).toEqual({ eligible: false, reason: 'cooling down (capacity on gemini-3-flash)', until: t0 + 10_000 });
    // An ended account-wide rest does not hide a running model rest.
    expect(checkEligibility(both(t0 + 5_000, t0 - 1), model, t0)).toMatchObject({ until: t0 + 5_000 });
  });

  it('an exhausted quota blocks the model until its reset; an exhausted quota with no or a past reset lets the account try', () => {
    const exhausted = (resetTime?: string, fraction = 0) => account({ quotas: { [model]: { remainingFraction: fraction, ...(resetTime === undefined ? {} : { resetTime }) } } });
    expect(checkEligibility(exhausted(iso(t0 + 3_600_000)), model, t0)).toEqual({ eligible: false, reason: 'quota for gemini-3-flash exhausted', until: t0 + 3_600_000 });
    expect(checkEligibility(exhausted(iso(t0 + 3_600_000)), model, t0 + 3_600_000)).toEqual({ eligible: true });
    expect(checkEligibility(exhausted(iso(t0 - 1)), model, t0)).toEqual({ eligible: true });
    expect(checkEligibility(exhausted(), model, t0)).toEqual({ eligible: true });
    expect(checkEligibility(exhausted('not a date'), model, t0)).toEqual({ eligible: true });
    // A little left is not exhausted.
    expect(checkEligibility(exhausted(iso(t0 + 3_600_000), 0.01), model, t0)).toEqual({ eligible: true });
    // Another model's quota says nothing about this one.
    expect(checkEligibility(exhausted(iso(t0 + 3_600_000)), 'gemini-3-pro-high', t0)).toEqual({ eligible: true });
  });

  it('a rest and an exhausted quota together: whichever ends later decides', () => {
    const reset = t0 + 3_600_000;
    const quotas = { [model]: { remainingFraction: 0, resetTime: iso(reset) } };
    expect(checkEligibility(account({ quotas, cooldowns: { [model]: rest(t0 + 30_000) } }), model, t0)).toEqual({
      eligible: false,
      reason: 'quota for gemini-3-flash exhausted',
      until: reset,
    });
    // Ending together: the rest is named.
    expect(checkEligibility(account({ quotas, cooldowns: { [model]: rest(reset) } }), model, t0)).toEqual({
      eligible: false,
      reason: 'cooling down (rate_limited on gemini-3-flash)',
      until: reset,
    });
    expect(checkEligibility(account({ quotas, cooldowns: { [model]: rest(reset + 1) } }), model, t0)).toEqual({
      eligible: false,
      reason: 'cooling down (rate_limited on gemini-3-flash)',
      until: reset + 1,
    });
  });
});

describe('remainingFraction', () => {
  it('is the stored share for the model, and full when nothing is known yet', () => {
    expect(remainingFraction(account({ quotas: { [model]: { remainingFraction: 0.25 } } }), model)).toBe(0.25);
    expect(remainingFraction(account({ quotas: { [model]: { remainingFraction: 0 } } }), model)).toBe(0);
    expect(remainingFraction(account(), model)).toBe(1);
  });
});
