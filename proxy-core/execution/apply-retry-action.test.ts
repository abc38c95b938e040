/** What a failed attempt writes on the account: its rest, its status and its last error, against the account as stored. */
import { describe, expect, it, vi } from 'vitest';
import type { Account } from '../accounts/account-schema.js';
import type { AccountPatch } from '../accounts/account-store.js';
import { applyRetryAction } from './apply-retry-action.js';
import type { RetryAction } from './retry-policy.js';

const t0 = Date.parse('2026-11-26T12:00:00Z');
const model = 'gemini-3-flash';

function account(overrides: Partial<Account> = {}): Account {
  return { email: 'a@example.com', refreshToken: 'r', status: 'active', addedAt: '', quotas: {}, cooldowns: {}, ...overrides };
}

/** Applies the patch to `stored` (the account as the store holds it when the write happens). */
function store(stored: Account) {
  const state = { stored, writes: [] as string[] };
  const updateAccount = vi.fn(async (email: string, patch: AccountPatch) => {
    state.writes.push(email);
    state.stored = { ...state.stored, ...(typeof patch === 'function' ? patch(state.stored) : patch) };
  });
  return { state, updateAccount };
}

describe('applyRetryAction', () => {
  it('rests the model until the time the policy named, counting the strike on top of the stored ones', () => {
    const leased = account();
    // Since the attempt began, another request rested this model (1 strike) and another one.
    const { state, updateAccount } = store(
      account({
        cooldowns: {
          [model]: { until: new Date(t0).toISOString(), reason: 'rate_limited', strikes: 1 },
          'gemini-3-pro-high': { until: new Date(t0 + 5_000).toISOString(), reason: 'capacity', strikes: 2 },
        },
      }),
    );
    const action: RetryAction = { rule: '429 with delay: cool down and rotate', next: 'rotate', delayMs: 0, cooldown: { scope: 'model', until: t0 + 42_000, reason: 'rate_limited' } };
    applyRetryAction(action, leased, model, { updateAccount });
    expect(updateAccount).toHaveBeenCalledWith('a@example.com', expect.any(Function));
    expect(state.stored.cooldowns).toEqual({
      [model]: { until: '2026-11-26T12:00:42.000Z', reason: 'rate_limited', strikes: 2 },
      'gemini-3-pro-high': { until: new Date(t0 + 5_000).toISOString(), reason: 'capacity', strikes: 2 },
    });
    expect(state.stored.lastError).toBe('429 with delay: cool down and rotate');
    expect(state.stored.status).toBe('active');
  });

  it('a first strike counts 1; an account-wide rest goes under "*"', () => {
    const { state, updateAccount } = store(account());
    applyRetryAction({ rule: 'r', next: 'rotate', delayMs: 0, cooldown: { scope: 'account', until: t0 + 1_000, reason: 'server_error' } }, account(), model, { updateAccount });
    expect(state.stored.cooldowns).toEqual({ '*': { until: '2026-11-26T12:00:01.000Z', reason: 'server_error', strikes: 1 } });
  });

  it('takes a forbidden account out of rotation with the reason, and keeps the verification link when there is one', () => {
    const forbidden = store(account());
    applyRetryAction({ rule: '403: mark forbidden, rotate', next: 'rotate', delayMs: 0, accountStatus: { status: 'forbidden', reason: 'no license' } }, account(), model, {
      updateAccount: forbidden.updateAccount,
    });
    expect(forbidden.state.stored).toMatchObject({ status: 'forbidden', statusReason: 'no license', lastError: '403: mark forbidden, rotate', cooldowns: {} });
    expect('validationUrl' in forbidden.state.stored).toBe(false);

    const parked = store(account());
    applyRetryAction(
      {
        rule: '403 validation required: park account, rotate',
        next: 'rotate',
        delayMs: 0,
        accountStatus: { status: 'validation_required', reason: 'Google asks to verify this account', validationUrl: 'https://accounts.google.com/verify' },
      },
      account(),
      model,
      { updateAccount: parked.updateAccount },
    );
    expect(parked.state.stored).toMatchObject({ status: 'validation_required', statusReason: 'Google asks to verify this account', validationUrl: 'https://accounts.google.com/verify' });
  });

  it('a passing fault writes only the last error: no rest, no status change', async () => {
    const { state, updateAccount } = store(account());
    const patches: Array<Partial<Account>> = [];
    applyRetryAction({ rule: 'server or network failure: back off and rotate', next: 'rotate', delayMs: 250 }, account(), model, {
      updateAccount: (email, patch) => {
        const fields = typeof patch === 'function' ? patch(state.stored) : patch;
        patches.push(fields);
        return updateAccount(email, () => fields);
      },
    });
    expect(patches).toEqual([{ lastError: 'server or network failure: back off and rotate' }]);
  });

  it('asks for fresh quotas only when the policy says so', () => {
    const refreshQuota = vi.fn();
    const { updateAccount } = store(account());
    applyRetryAction({ rule: 'r', next: 'rotate', delayMs: 0, refreshQuota: true }, account(), model, { updateAccount, refreshQuota });
    expect(refreshQuota).toHaveBeenCalledWith('a@example.com');
    refreshQuota.mockClear();
    applyRetryAction({ rule: 'r', next: 'rotate', delayMs: 0, refreshQuota: false }, account(), model, { updateAccount, refreshQuota });
    applyRetryAction({ rule: 'r', next: 'rotate', delayMs: 0 }, account(), model, { updateAccount, refreshQuota });
    expect(refreshQuota).not.toHaveBeenCalled();
    // A gateway without a quota refresher records the rest all the same.
    const { state, updateAccount: update } = store(account());
    expect(() => applyRetryAction({ rule: 'r', next: 'rotate', delayMs: 0, refreshQuota: true }, account(), model, { updateAccount: update })).not.toThrow();
    expect(state.stored.lastError).toBe('r');
  });

  it('a failed write is logged, not thrown into the request', async () => {
    const warn = vi.fn();
    applyRetryAction({ rule: 'r', next: 'rotate', delayMs: 0 }, account(), model, { updateAccount: () => Promise.reject(new Error('disk full')), logger: { warn } });
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('Could not record the state of a@example.com: disk full'));
    // Without a logger the failure is swallowed too.
    expect(() => applyRetryAction({ rule: 'r', next: 'rotate', delayMs: 0 }, account(), model, { updateAccount: () => Promise.reject(new Error('disk full')) })).not.toThrow();
  });
});
