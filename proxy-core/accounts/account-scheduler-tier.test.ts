import { describe, expect, it } from 'vitest';
import { createAccountScheduler, type SchedulerSettings } from './account-scheduler.js';
import type { Account } from './account-schema.js';
import { accountTierClass } from './account-tier-class.js';

const t0 = Date.parse('2026-11-26T12:00:00Z');
const model = 'gemini-3-flash';

function account(email: string, tier: string | undefined, overrides: Partial<Account> = {}): Account {
  return { email, refreshToken: `1//${email}`, status: 'active', addedAt: '2026-01-01T00:00:00Z', quotas: {}, cooldowns: {}, ...(tier === undefined ? {} : { tier }), ...overrides };
}

/** Picks `rounds` times with a random source walking over [0, 1), so every pair is drawn. */
function pickMany(accounts: Account[], settings: Partial<SchedulerSettings>, rounds = 40) {
  let step = 0;
  const scheduler = createAccountScheduler({
    accounts: () => accounts,
    settings: () => ({ mode: 'performance_first', maxWaitSeconds: 60, preferredAccount: '', ...settings }),
    now: () => t0,
    random: () => ((step++ * 0.137) % 1),
  });
  return Array.from({ length: rounds }, () => scheduler.pick({ model, tried: new Set() }));
}
const chosen = (results: ReturnType<typeof pickMany>) => new Set(results.map((result) => (result.kind === 'none' ? 'none' : result.account.email)));

const pool = () => [account('free1@x', 'free-tier'), account('pro@x', 'g1-pro-tier'), account('free2@x', 'standard-tier'), account('ultra@x', 'g1-ultra-tier'), account('new@x', undefined)];

describe('prefer_tier among equally usable accounts', () => {
  it('none: every tier serves, and nobody is passed over for tier', () => {
    const results = pickMany(pool(), { preferTier: 'none' });
    expect(chosen(results)).toEqual(new Set(['free1@x', 'pro@x', 'free2@x', 'ultra@x', 'new@x']));
    expect(results.flatMap((result) => result.skipped)).toEqual([]);
  });

  it('paid_first: only Pro/Ultra accounts serve; the others are reported as passed over for tier', () => {
    const results = pickMany(pool(), { preferTier: 'paid_first' });
    expect(chosen(results)).toEqual(new Set(['pro@x', 'ultra@x']));
    const first = results[0];
    expect(first?.kind).toBe('account');
    expect(first?.skipped.map((entry) => entry.email).sort()).toEqual(['free1@x', 'free2@x', 'new@x']);
    expect(first?.skipped[0]?.reason).toBe('passed over for tier (paid_first: a usable paid account goes first)');
  });

  it('free_first: only free-tier accounts serve; paid and unknown tiers are passed over', () => {
    const results = pickMany(pool(), { preferTier: 'free_first' });
    expect(chosen(results)).toEqual(new Set(['free1@x', 'free2@x']));
    expect(results[0]?.skipped.map((entry) => entry.email).sort()).toEqual(['new@x', 'pro@x', 'ultra@x']);
    expect(results[0]?.skipped[0]?.reason).toContain('free_first');
  });
});

describe('prefer_tier when the tiers are not equally usable', () => {
  const cooling = { [model]: { until: new Date(t0 + 60_000).toISOString(), reason: 'rate_limited', strikes: 1 } };

  it('paid_first: a cooling paid account does not block the free ones, and no one is passed over for tier', () => {
    const accounts = [account('free@x', 'free-tier'), account('pro@x', 'g1-pro-tier', { cooldowns: cooling })];
    const results = pickMany(accounts, { preferTier: 'paid_first' }, 5);
    expect(chosen(results)).toEqual(new Set(['free@x']));
    expect(results[0]?.skipped).toEqual([{ email: 'pro@x', reason: expect.stringContaining('rate') }]);
  });

  it('free_first: an exhausted free account leaves the paid one serving', () => {
    const exhausted = { [model]: { remainingFraction: 0, resetTime: new Date(t0 + 3_600_000).toISOString() } };
    const accounts = [account('free@x', 'free-tier', { quotas: exhausted }), account('pro@x', 'g1-pro-tier')];
    const results = pickMany(accounts, { preferTier: 'free_first' }, 5);
    expect(chosen(results)).toEqual(new Set(['pro@x']));
    expect(results[0]?.skipped.some((entry) => entry.reason.includes('tier'))).toBe(false);
  });

  it('none: a cooling account is skipped for its cooldown, never for tier', () => {
    const accounts = [account('free@x', 'free-tier', { cooldowns: cooling }), account('pro@x', 'g1-pro-tier')];
    const results = pickMany(accounts, { preferTier: 'none' }, 5);
    expect(chosen(results)).toEqual(new Set(['pro@x']));
    expect(results[0]?.skipped.some((entry) => entry.reason.includes('tier'))).toBe(false);
  });

  it('paid_first: a paid account that already failed this request gives way to a fresh free one', () => {
    const accounts = [account('free@x', 'free-tier'), account('pro@x', 'g1-pro-tier')];
    const scheduler = createAccountScheduler({
      accounts: () => accounts,
      settings: () => ({ mode: 'balance', maxWaitSeconds: 0, preferredAccount: '', preferTier: 'paid_first' }),
      now: () => t0,
      random: () => 0,
    });
    const result = scheduler.pick({ model, tried: new Set(['pro@x']) });
    expect(result.kind === 'account' ? result.account.email : 'none').toBe('free@x');
  });

  it('the preferred account still wins over the tier preference', () => {
    const accounts = [account('free@x', 'free-tier'), account('pro@x', 'g1-pro-tier')];
    const results = pickMany(accounts, { preferTier: 'paid_first', preferredAccount: 'free@x' }, 5);
    expect(chosen(results)).toEqual(new Set(['free@x']));
  });
});

describe('accountTierClass', () => {
  it('Pro and Ultra subscriptions are paid, other tiers free, no tier unknown', () => {
    expect(accountTierClass('g1-pro-tier')).toBe('paid');
    expect(accountTierClass('g1-ultra-tier')).toBe('paid');
    expect(accountTierClass('free-tier')).toBe('free');
    expect(accountTierClass('standard-tier')).toBe('free');
    expect(accountTierClass(undefined)).toBe('unknown');
    expect(accountTierClass('  ')).toBe('unknown');
  });
});
