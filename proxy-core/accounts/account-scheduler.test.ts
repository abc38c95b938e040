import { describe, expect, it } from 'vitest';
import { createAccountScheduler, type SchedulerSettings } from './account-scheduler.js';
import type { Account } from './account-schema.js';

const t0 = Date.parse('2026-11-26T12:00:00Z');

function account(email: string, overrides: Partial<Account> = {}): Account {
  return { email, refreshToken: `1//${email}`, status: 'active', addedAt: '2026-01-01T00:00:00Z', quotas: {}, cooldowns: {}, ...overrides };
}
function cooling(until: number, reason = 'rate_limited') {
  return { 'gemini-3-flash': { until: new Date(until).toISOString(), reason, strikes: 1 } };
}

function world(accounts: Account[], settings: Partial<SchedulerSettings> = {}) {
  let time = t0;
  const state = { accounts };
  const scheduler = createAccountScheduler({
    accounts: () => state.accounts,
    settings: () => ({ mode: 'balance', maxWaitSeconds: 60, preferredAccount: '', ...settings }),
    now: () => time,
    random: () => 0,
  });
  return {
    scheduler,
    state,
    advance(ms: number) {
      time += ms;
    },
    pick(sessionKey?: string, tried: string[] = []) {
      return scheduler.pick({ model: 'gemini-3-flash', tried: new Set(tried), ...(sessionKey === undefined ? {} : { sessionKey }) });
    },
  };
}
const emailOf = (result: ReturnType<ReturnType<typeof world>['pick']>) => (result.kind === 'none' ? 'none' : result.account.email);

describe('eligibility', () => {
  it('skips disabled, forbidden and revoked accounts, and says why', () => {
    const w = world([account('a', { status: 'revoked', statusReason: 'token revoked' }), account('b', { status: 'forbidden' }), account('c')]);
    const result = w.pick();
    expect(emailOf(result)).toBe('c');
    expect(result.skipped).toEqual([
      { email: 'a', reason: 'revoked: token revoked' },
      { email: 'b', reason: 'forbidden' },
    ]);
  });

  it('skips an account cooling down for this model until the cooldown ends, but not for other models', () => {
    const w = world([account('a', { cooldowns: cooling(t0 + 30_000) })]);
    expect(w.pick()).toMatchObject({ kind: 'none', retryAfterMs: 30_000, usableAccounts: 1 });
    expect(w.scheduler.pick({ model: 'gemini-3-pro-high', tried: new Set() }).kind).toBe('account');
    w.advance(30_000);
    expect(emailOf(w.pick())).toBe('a');
  });

  it('skips an exhausted quota until its reset; accounts without quota data are eligible', () => {
    const reset = new Date(t0 + 3_600_000).toISOString();
    const w = world([account('a', { quotas: { 'gemini-3-flash': { remainingFraction: 0, resetTime: reset } } }), account('b')]);
    expect(emailOf(w.pick())).toBe('b');
    w.state.accounts = [w.state.accounts[0] as Account];
    expect(w.pick()).toMatchObject({ kind: 'none', retryAfterMs: 3_600_000 });
  });
});

describe('modes', () => {
  it('performance_first picks by remaining quota (power of two choices)', () => {
    const w = world(
      [
        account('low', { quotas: { 'gemini-3-flash': { remainingFraction: 0.1 } } }),
        account('high', { quotas: { 'gemini-3-flash': { remainingFraction: 0.9 } } }),
      ],
      { mode: 'performance_first' },
    );
    expect(emailOf(w.pick('s1'))).toBe('high');
  });

  it('least recently used breaks ties', () => {
    const w = world([account('a'), account('b')], { mode: 'performance_first' });
    w.scheduler.recordUse('a');
    expect(emailOf(w.pick())).toBe('b');
    w.advance(1);
    w.scheduler.recordUse('b');
    expect(emailOf(w.pick())).toBe('a');
  });

  it('balance: sticks, borrows another account while its own is limited, then comes back', () => {
    const w = world([account('a'), account('b')], { mode: 'balance' });
    const home = emailOf(w.pick('conversation'));
    const other = home === 'a' ? 'b' : 'a';
    expect(emailOf(w.pick('conversation'))).toBe(home);
    w.state.accounts = w.state.accounts.map((entry) => (entry.email === home ? { ...entry, cooldowns: cooling(t0 + 10_000) } : entry));
    expect(emailOf(w.pick('conversation'))).toBe(other);
    w.advance(10_000);
    expect(emailOf(w.pick('conversation'))).toBe(home);
  });

  it('cache_first: waits for its own account when the cooldown is short, moves when it is long', () => {
    const w = world([account('a'), account('b')], { mode: 'cache_first', maxWaitSeconds: 60 });
    const home = emailOf(w.pick('conversation'));
    w.state.accounts = w.state.accounts.map((entry) => (entry.email === home ? { ...entry, cooldowns: cooling(t0 + 20_000) } : entry));
    expect(w.pick('conversation')).toMatchObject({ kind: 'wait', waitMs: 20_000, account: { email: home } });
    w.state.accounts = w.state.accounts.map((entry) => (entry.email === home ? { ...entry, cooldowns: cooling(t0 + 120_000) } : entry));
    const moved = emailOf(w.pick('conversation'));
    expect(moved).not.toBe(home);
    w.advance(120_000);
    expect(emailOf(w.pick('conversation'))).toBe(moved);
  });

  it('a preferred account takes all traffic while usable, and only then', () => {
    const w = world([account('a'), account('b@x.com')], { mode: 'balance', preferredAccount: 'b@x.com' });
    expect(emailOf(w.pick('s'))).toBe('b@x.com');
    expect(emailOf(w.pick('t'))).toBe('b@x.com');
    w.state.accounts = w.state.accounts.map((entry) => (entry.email === 'b@x.com' ? { ...entry, status: 'disabled' as const } : entry));
    expect(emailOf(w.pick('s'))).toBe('a');
  });

  it('uses an account that already failed this request only when nothing else can serve', () => {
    const w = world([account('a'), account('b')]);
    expect(emailOf(w.pick(undefined, ['a']))).toBe('b');
    expect(w.pick(undefined, ['a']).skipped).toEqual([{ email: 'a', reason: 'already failed this request' }]);
    // Both failed: one of them gets a second chance, chosen like any pick (the one with more quota left), not refused.
    const reset = new Date(t0 + 3_600_000).toISOString();
    const quota = (fraction: number) => ({ quotas: { 'gemini-3-flash': { remainingFraction: fraction, resetTime: reset } } });
    const bothFailed = world([account('a', quota(0.3)), account('b', quota(0.9))]);
    const second = bothFailed.pick(undefined, ['a', 'b']);
    expect(emailOf(second)).toBe('b');
    expect(second.skipped).toEqual([{ email: 'a', reason: 'already failed this request' }]);
    const reversed = world([account('a', quota(0.9)), account('b', quota(0.3))]);
    expect(emailOf(reversed.pick(undefined, ['a', 'b']))).toBe('a');
  });

  it('cache_first does not wait for a bound account that already failed this request', () => {
    const w = world([account('a'), account('b')], { mode: 'cache_first', maxWaitSeconds: 60 });
    const home = emailOf(w.pick('conversation'));
    const other = home === 'a' ? 'b' : 'a';
    w.state.accounts = w.state.accounts.map((entry) => (entry.email === home ? { ...entry, cooldowns: cooling(t0 + 20_000) } : entry));
    // Not tried yet: cache_first waits the short cooldown out on the bound account.
    expect(w.pick('conversation')).toMatchObject({ kind: 'wait', waitMs: 20_000, account: { email: home } });
    // It is the account that just failed this request: move on instead of waiting for it.
    expect(w.pick('conversation', [home])).toMatchObject({ kind: 'account', account: { email: other } });
  });
});

describe('quota protection', () => {
  const reset = new Date(t0 + 3_600_000).toISOString();
  const left = (fraction: number) => ({ quotas: { 'gemini-3-flash': { remainingFraction: fraction, resetTime: reset } } });

  it('passes over an account below the threshold for that model only, with the reason quota_protected', () => {
    const w = world([account('low', left(0.1)), account('ok', left(0.5))], { quotaProtection: { percent: 20, mode: 'strict' } });
    const result = w.pick();
    expect(emailOf(result)).toBe('ok');
    expect(result.skipped).toEqual([{ email: 'low', reason: 'quota_protected: 10% of gemini-3-flash left, below 20%' }]);
    expect(w.scheduler.pick({ model: 'gemini-3-pro-high', tried: new Set() }).skipped).toEqual([]);
  });

  it('strict: a pool of protected accounts serves nothing and says when the first quota resets', () => {
    const w = world([account('low', left(0.1))], { quotaProtection: { percent: 20, mode: 'strict' } });
    expect(w.pick()).toMatchObject({ kind: 'none', retryAfterMs: 3_600_000, protectedAccounts: 1, usableAccounts: 1 });
  });

  it('fallback: when every other account is worse off, the protected account with the most left serves', () => {
    const w = world(
      [
        account('resting', { cooldowns: cooling(t0 + 60_000) }),
        account('lower', left(0.05)),
        account('low', left(0.15)),
      ],
      { quotaProtection: { percent: 20, mode: 'fallback' } },
    );
    const result = w.pick();
    expect(emailOf(result)).toBe('low');
    expect(result.skipped.map((entry) => entry.email)).toEqual(['resting', 'lower']);
    // An unprotected account that can serve still wins over fallback.
    w.state.accounts = [...w.state.accounts, account('fresh', left(0.9))];
    expect(emailOf(w.pick())).toBe('fresh');
  });

  it('is off at 0, ignores accounts without quota data and stale figures past their reset', () => {
    const off = world([account('low', left(0.1))], { quotaProtection: { percent: 0, mode: 'strict' } });
    expect(emailOf(off.pick())).toBe('low');
    const stale = world([account('unknown'), account('stale', { quotas: { 'gemini-3-flash': { remainingFraction: 0.05, resetTime: new Date(t0 - 1).toISOString() } } })], {
      quotaProtection: { percent: 50, mode: 'strict' },
      mode: 'performance_first',
    });
    expect(stale.pick().skipped).toEqual([]);
  });

  it('an account exactly at the threshold is not protected', () => {
    const w = world([account('edge', left(0.2))], { quotaProtection: { percent: 20, mode: 'strict' } });
    expect(emailOf(w.pick())).toBe('edge');
  });
});
