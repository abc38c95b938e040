import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../accounts/account-schema.js';
import { createWarmUpTimer } from './create-warm-up-timer.js';
import type { WarmUpResult } from './warm-up-accounts.js';

function account(email: string, overrides: Partial<Account> = {}): Account {
  return { email, refreshToken: `1//${email}`, status: 'active', addedAt: '2026-01-01T00:00:00Z', quotas: {}, cooldowns: {}, ...overrides };
}

describe('createWarmUpTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(initial: { setting: string; accounts?: Account[] }) {
    const state = { setting: initial.setting, accounts: initial.accounts ?? [account('a@x')], serving: true };
    const runs: Array<{ email: string | undefined; models: readonly string[] | undefined; at: Date }> = [];
    const timer = createWarmUpTimer({
      setting: () => state.setting,
      accounts: () => state.accounts,
      now: () => Date.now(),
      active: () => state.serving,
      async warmUp(email, options): Promise<WarmUpResult[]> {
        runs.push({ email, models: options?.models, at: new Date(Date.now()) });
        return [];
      },
    });
    return { state, runs, timer };
  }

  it('warms every account once a day at the local time set, and follows a changed time', async () => {
    vi.setSystemTime(new Date(2026, 11, 7, 8, 30, 0));
    const { state, runs, timer } = setup({ setting: '09:00' });
    timer.start();
    await vi.advanceTimersByTimeAsync(29 * 60_000);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(runs.map((run) => [run.email, run.at.getHours(), run.at.getMinutes()])).toEqual([[undefined, 9, 0]]);
    // Nothing more that day; the next run is the next morning.
    await vi.advanceTimersByTimeAsync(23 * 3_600_000);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(runs.map((run) => run.at.getDate())).toEqual([7, 8]);
    state.setting = '10:15';
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(runs).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(20 * 60_000);
    expect(runs.map((run) => [run.at.getDate(), run.at.getHours(), run.at.getMinutes()]).at(-1)).toEqual([8, 10, 15]);
    state.setting = 'off';
    await vi.advanceTimersByTimeAsync(2 * 86_400_000);
    expect(runs).toHaveLength(3);
    await timer.stop();
  });

  it('on_reset: warms a model once after its reset time passes, not before, and again after the next reset', async () => {
    const start = new Date(2026, 11, 7, 8, 0, 0).getTime();
    vi.setSystemTime(start);
    const resetAt = new Date(start + 10 * 60_000).toISOString();
    const quotas = { 'gemini-3-flash': { remainingFraction: 0.4, resetTime: resetAt }, 'claude-sonnet-4-5': { remainingFraction: 0.9, resetTime: new Date(start + 86_400_000).toISOString() } };
    const { state, runs, timer } = setup({ setting: 'on_reset', accounts: [account('a@x', { quotas }), account('gone@x', { status: 'revoked', quotas })] });
    timer.start();
    await vi.advanceTimersByTimeAsync(9 * 60_000);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(runs.map((run) => [run.email, run.models])).toEqual([['a@x', ['gemini-3-flash']]]);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(runs).toHaveLength(1);
    // The quota is read again and shows the next reset; when that one passes, it is warmed again.
    const nextReset = new Date(Date.now() + 5 * 60_000).toISOString();
    state.accounts = [account('a@x', { quotas: { ...quotas, 'gemini-3-flash': { remainingFraction: 1, resetTime: nextReset } } })];
    await vi.advanceTimersByTimeAsync(6 * 60_000);
    expect(runs).toHaveLength(2);
    await timer.stop();
    await vi.advanceTimersByTimeAsync(86_400_000 * 2);
    expect(runs).toHaveLength(2);
  });

  it('skips a daily run due while the gateway is stopped; warms resets that passed once it serves again', async () => {
    vi.setSystemTime(new Date(2026, 11, 7, 8, 30, 0));
    const daily = setup({ setting: '09:00' });
    daily.state.serving = false;
    daily.timer.start();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(daily.runs).toEqual([]);
    daily.state.serving = true;
    await vi.advanceTimersByTimeAsync(3_600_000);
    // Not made up later that day: the next run is the next morning.
    expect(daily.runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(23 * 3_600_000);
    expect(daily.runs.map((run) => [run.at.getDate(), run.at.getHours()])).toEqual([[8, 9]]);
    await daily.timer.stop();

    const reset = new Date(Date.now() - 60_000).toISOString();
    const onReset = setup({ setting: 'on_reset', accounts: [account('a@x', { quotas: { 'gemini-3-flash': { remainingFraction: 1, resetTime: reset } } })] });
    onReset.state.serving = false;
    onReset.timer.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(onReset.runs).toEqual([]);
    onReset.state.serving = true;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(onReset.runs.map((run) => run.models)).toEqual([['gemini-3-flash']]);
    await onReset.timer.stop();
  });

  it('does nothing while off', async () => {
    vi.setSystemTime(new Date(2026, 11, 7, 8, 0, 0));
    const { runs, timer } = setup({ setting: 'off', accounts: [account('a@x', { quotas: { 'gemini-3-flash': { remainingFraction: 1, resetTime: new Date(0).toISOString() } } })] });
    timer.start();
    await vi.advanceTimersByTimeAsync(3 * 86_400_000);
    expect(runs).toEqual([]);
    await timer.stop();
  });
});
