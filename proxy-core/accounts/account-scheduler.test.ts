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

/**
 * A scheduler whose settings can change between picks (the user edits them live) and whose random
 * source follows a script. With two accounts and `random() = 0` a fresh pick compares the first
 * and second account, so the least recently used of them (recordUse) wins a tie on quota.
 */
function live(accounts: Account[], initial: Partial<SchedulerSettings> = {}, options: { randoms?: number[]; maxSessions?: number } = {}) {
  let time = t0;
  const state = { accounts, settings: { mode: 'balance', maxWaitSeconds: 60, preferredAccount: '', ...initial } as SchedulerSettings };
  const randoms = [...(options.randoms ?? [])];
  const scheduler = createAccountScheduler({
    accounts: () => state.accounts,
    settings: () => state.settings,
    now: () => time,
    random: () => randoms.shift() ?? 0,
    ...(options.maxSessions === undefined ? {} : { maxSessions: options.maxSessions }),
  });
  return {
    scheduler,
    state,
    now: () => time,
    /** Makes `email` the most recently used account, so fresh picks go elsewhere. */
    use(email: string) {
      time += 1;
      scheduler.recordUse(email);
    },
    pick(sessionKey?: string, tried: string[] = []) {
      return scheduler.pick({ model: 'gemini-3-flash', tried: new Set(tried), ...(sessionKey === undefined ? {} : { sessionKey }) });
    },
  };
}

describe('fresh picks', () => {
  it('compares two accounts drawn at random (never one with itself) and takes the one with more quota left', () => {
    const quota = (fraction: number) => ({ quotas: { 'gemini-3-flash': { remainingFraction: fraction } } });
    // Draws 0.9 and 0.9 over three accounts: the third and the second are compared.
    const w = live([account('a', quota(0.5)), account('b', quota(0.9)), account('c', quota(0.1))], { mode: 'performance_first' }, { randoms: [0.9, 0.9] });
    expect(emailOf(w.pick())).toBe('b');
    // Draws 0 and 0: the first and the second.
    const first = live([account('a', quota(0.5)), account('b', quota(0.9)), account('c', quota(0.1))], { mode: 'performance_first' }, { randoms: [0, 0] });
    expect(emailOf(first.pick())).toBe('b');
    // Draws 0.5 and 0.5: the second and the third (the second draw skips over the first one drawn).
    const last = live([account('a', quota(0.95)), account('b', quota(0.2)), account('c', quota(0.6))], { mode: 'performance_first' }, { randoms: [0.5, 0.5] });
    expect(emailOf(last.pick())).toBe('c');
  });

  it('reports as already failed only the accounts that failed this request', () => {
    const w = live([account('a'), account('b'), account('c')]);
    const result = w.pick(undefined, ['a']);
    expect(emailOf(result)).not.toBe('a');
    expect(result.skipped).toEqual([{ email: 'a', reason: 'already failed this request' }]);
  });

  it('counts only active accounts as usable, and says so when nothing can serve', () => {
    const w = live([account('a', { status: 'revoked' }), account('b', { status: 'disabled' })]);
    expect(w.pick()).toMatchObject({ kind: 'none', usableAccounts: 0 });
    expect(w.scheduler.usableCount()).toBe(0);
    const mixed = live([account('a', { status: 'revoked' }), account('b'), account('c', { cooldowns: cooling(t0 + 1_000) })]);
    expect(mixed.scheduler.usableCount()).toBe(2);
    // A new list of accounts is counted again.
    mixed.state.accounts = [account('a'), account('b'), account('c')];
    expect(mixed.scheduler.usableCount()).toBe(3);
  });

  it('says when capacity returns from the rests that end, whatever accounts that never come back by themselves sit beside them', () => {
    const w = live([account('gone', { status: 'forbidden' }), account('resting', { cooldowns: cooling(t0 + 30_000) })]);
    expect(w.pick()).toMatchObject({ kind: 'none', retryAfterMs: 30_000, usableAccounts: 1 });
    const protectedWithoutReset = live(
      [account('low', { quotas: { 'gemini-3-flash': { remainingFraction: 0.05 } } }), account('resting', { cooldowns: cooling(t0 + 30_000) })],
      { quotaProtection: { percent: 20, mode: 'strict' } },
    );
    expect(protectedWithoutReset.pick()).toMatchObject({ kind: 'none', retryAfterMs: 30_000, protectedAccounts: 1 });
  });

  it('prefer_tier left unset is no preference: a paid account serves beside free ones', () => {
    const w = live([account('free@x', { tier: 'free-tier' }), account('pro@x', { tier: 'g1-pro-tier' })], { mode: 'performance_first' });
    w.use('free@x');
    const result = w.pick();
    expect(emailOf(result)).toBe('pro@x');
    expect(result.skipped).toEqual([]);
  });

  it('a tier preference with no account of that tier among several: every account serves', () => {
    const w = live([account('free1@x', { tier: 'free-tier' }), account('free2@x', { tier: 'standard-tier' })], { mode: 'performance_first', preferTier: 'paid_first' });
    const result = w.pick();
    expect(result.kind).toBe('account');
    expect(result.skipped).toEqual([]);
  });
});

describe('conversation stickiness', () => {
  it('switching to performance_first drops stickiness at once; switching back does not bring back what was picked meanwhile', () => {
    const w = live([account('a'), account('b')]);
    w.use('a');
    expect(emailOf(w.pick('s'))).toBe('b');
    w.use('b');
    w.state.settings = { ...w.state.settings, mode: 'performance_first' };
    // The fresh pick, not the conversation's account.
    expect(emailOf(w.pick('s'))).toBe('a');
    // A conversation first seen in performance_first is not bound.
    expect(emailOf(w.pick('t'))).toBe('a');
    w.use('a');
    w.state.settings = { ...w.state.settings, mode: 'balance' };
    expect(emailOf(w.pick('t'))).toBe('b');
    // The binding made before performance_first is still there.
    w.use('b');
    expect(emailOf(w.pick('s'))).toBe('b');
  });

  it('a bound account taken out of rotation: the conversation borrows another, and returns once it is back', () => {
    const w = live([account('a'), account('b')]);
    w.use('b');
    expect(emailOf(w.pick('s'))).toBe('a');
    w.state.accounts = [account('a', { status: 'disabled' }), account('b')];
    expect(w.pick('s')).toMatchObject({ kind: 'account', account: { email: 'b' }, skipped: [{ email: 'a', reason: 'disabled' }] });
    w.state.accounts = [account('a'), account('b')];
    w.use('a');
    expect(emailOf(w.pick('s'))).toBe('a');
  });

  it('cache_first does not wait for a bound account that is out of rotation', () => {
    const w = live([account('a'), account('b')], { mode: 'cache_first' });
    w.use('b');
    expect(emailOf(w.pick('s'))).toBe('a');
    w.state.accounts = [account('a', { status: 'disabled' }), account('b')];
    expect(w.pick('s')).toMatchObject({ kind: 'account', account: { email: 'b' } });
  });

  it('a bound account resting with no other account to borrow: nothing serves, and the answer says when it is back', () => {
    const w = live([account('a')]);
    expect(emailOf(w.pick('s'))).toBe('a');
    w.state.accounts = [account('a', { cooldowns: cooling(t0 + 45_000) })];
    expect(w.pick('s')).toEqual({ kind: 'none', usableAccounts: 1, retryAfterMs: 45_000, skipped: [{ email: 'a', reason: 'cooling down (rate_limited on gemini-3-flash)' }] });
  });

  it('cache_first waits for a rest of exactly max_wait_s, and moves for a longer one', () => {
    const w = live([account('a'), account('b')], { mode: 'cache_first', maxWaitSeconds: 60 });
    w.use('b');
    expect(emailOf(w.pick('s'))).toBe('a');
    w.state.accounts = [account('a', { cooldowns: cooling(w.now() + 60_000) }), account('b')];
    expect(w.pick('s')).toMatchObject({ kind: 'wait', waitMs: 60_000, account: { email: 'a' } });
    w.state.accounts = [account('a', { cooldowns: cooling(w.now() + 60_001) }), account('b')];
    expect(w.pick('s')).toMatchObject({ kind: 'account', account: { email: 'b' } });
  });

  it('remembers at most max sessions: the oldest conversation is forgotten first', () => {
    const w = live([account('a'), account('b')], {}, { maxSessions: 2 });
    w.use('b');
    expect(emailOf(w.pick('s1'))).toBe('a');
    w.use('a');
    expect(emailOf(w.pick('s2'))).toBe('b');
    // A third conversation: s1, bound first, is forgotten.
    expect(emailOf(w.pick('s3'))).toBe('b');
    // s2 is still on b, though a fresh pick would now be a.
    w.use('b');
    expect(emailOf(w.pick('s2'))).toBe('b');
    // s1 is picked afresh (b), not sent back to a.
    w.use('a');
    expect(emailOf(w.pick('s1'))).toBe('b');
  });

  it('picks without a conversation take no room among the remembered conversations', () => {
    const w = live([account('a'), account('b')], {}, { maxSessions: 1 });
    w.use('a');
    expect(emailOf(w.pick('s'))).toBe('b');
    w.use('b');
    expect(emailOf(w.pick())).toBe('a');
    expect(emailOf(w.pick())).toBe('a');
    expect(emailOf(w.pick('s'))).toBe('b');
  });
});

describe('quota protection fallback', () => {
  const reset = new Date(t0 + 3_600_000).toISOString();
  const left = (fraction: number) => ({ quotas: { 'gemini-3-flash': { remainingFraction: fraction, resetTime: reset } } });
  const fallback = { quotaProtection: { percent: 20, mode: 'fallback' as const } };

  it('keeps a protected preferred account in reserve while another account can serve', () => {
    const w = live([account('low', left(0.1)), account('ok', left(0.5))], { ...fallback, preferredAccount: 'low' });
    expect(emailOf(w.pick())).toBe('ok');
  });

  it('takes the protected account with the most left, the first one listed on a tie', () => {
    expect(emailOf(live([account('more', left(0.15)), account('less', left(0.05))], fallback).pick())).toBe('more');
    expect(emailOf(live([account('less', left(0.05)), account('more', left(0.15))], fallback).pick())).toBe('more');
    expect(emailOf(live([account('first', left(0.1)), account('second', left(0.1))], fallback).pick())).toBe('first');
  });

  it('passes over a protected account that already failed this request for the next best, and reuses one only when all failed', () => {
    const w = live([account('more', left(0.15)), account('less', left(0.05))], fallback);
    expect(emailOf(w.pick(undefined, ['more']))).toBe('less');
    expect(emailOf(w.pick(undefined, ['more', 'less']))).toBe('more');
  });

  it('with no protected account and nothing else to serve: none, with when the rests end', () => {
    const w = live([account('resting', { cooldowns: cooling(t0 + 30_000) })], fallback);
    const result = w.pick();
    expect(result).toMatchObject({ kind: 'none', retryAfterMs: 30_000, usableAccounts: 1 });
    expect('protectedAccounts' in result).toBe(false);
  });
});
