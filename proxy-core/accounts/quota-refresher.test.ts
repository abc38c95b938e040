import { describe, expect, it } from 'vitest';
import type { Account } from './account-schema.js';
import { createQuotaRefresher, type QuotaRefresherOptions } from './quota-refresher.js';
import { GatewayError } from '../errors/gateway-error.js';

const minute = 60_000;
const start = Date.parse('2026-03-04T12:00:00.000Z');

/** Injected time: timers fire only when the test advances the clock. */
function fakeTime() {
  let now = start;
  let timers: Array<{ at: number; callback: () => void; id: number }> = [];
  let nextId = 0;
  return {
    now: () => now,
    setTimer(callback: () => void, delayMs: number) {
      const id = (nextId += 1);
      timers.push({ at: now + delayMs, callback, id });
      return () => {
        timers = timers.filter((timer) => timer.id !== id);
      };
    },
    pending: () => timers.map((timer) => timer.at - now),
    async advance(ms: number) {
      const target = now + ms;
      for (;;) {
        const due = timers.filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at)[0];
        if (due === undefined) break;
        timers = timers.filter((timer) => timer !== due);
        now = due.at;
        due.callback();
        await settle();
      }
      now = target;
      await settle();
    },
  };
}

async function settle() {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

function account(email: string, overrides: Partial<Account> = {}): Account {
  return { email, refreshToken: `1//${email}`, status: 'active', addedAt: '2026-01-01T00:00:00.000Z', quotas: {}, cooldowns: {}, ...overrides };
}

function setup(accounts: Account[], overrides: Partial<QuotaRefresherOptions> = {}) {
  const time = fakeTime();
  const refreshed: string[] = [];
  const warnings: string[] = [];
  let interval = 15;
  const options: QuotaRefresherOptions = {
    store: {
      list: () => accounts.map((item) => ({ ...item })),
      get: (email) => accounts.find((item) => item.email.toLowerCase() === email.toLowerCase()),
    },
    refresh: async (email) => {
      refreshed.push(email);
      const found = accounts.find((item) => item.email === email);
      if (found === undefined) throw new GatewayError('not_found', `No account ${email}`);
      found.quotasUpdatedAt = new Date(time.now()).toISOString();
      return { ...found };
    },
    intervalMinutes: () => interval,
    setTimer: time.setTimer,
    now: time.now,
    logger: { warn: (message) => warnings.push(message) },
    ...overrides,
  };
  const refresher = createQuotaRefresher(options);
  return { refresher, time, refreshed, warnings, setInterval: (minutes: number) => (interval = minutes) };
}

describe('createQuotaRefresher', () => {
  it('refreshes every usable account, one after another, every interval', async () => {
    const fresh = new Date(start).toISOString();
    const { refresher, time, refreshed } = setup([
      account('a@example.com', { quotasUpdatedAt: fresh }),
      account('off@example.com', { status: 'disabled', quotasUpdatedAt: fresh }),
      account('b@example.com', { quotasUpdatedAt: fresh }),
      account('gone@example.com', { status: 'revoked', quotasUpdatedAt: fresh }),
    ]);
    refresher.start();
    expect(time.pending()).toEqual([15 * minute]);
    await time.advance(15 * minute - 1);
    expect(refreshed).toEqual([]);
    await time.advance(1);
    expect(refreshed).toEqual(['a@example.com', 'b@example.com']);
    await time.advance(15 * minute);
    expect(refreshed).toEqual(['a@example.com', 'b@example.com', 'a@example.com', 'b@example.com']);
    await refresher.stop();
    expect(time.pending()).toEqual([]);
  });

  it('refreshes soon after start when a quota is stale or missing', async () => {
    const { refresher, time, refreshed } = setup([
      account('fresh@example.com', { quotasUpdatedAt: new Date(start - minute).toISOString() }),
      account('never@example.com'),
    ]);
    refresher.start();
    expect(time.pending()).toEqual([5_000]);
    await time.advance(5_000);
    expect(refreshed).toEqual(['fresh@example.com', 'never@example.com']);
    expect(time.pending()).toEqual([15 * minute]);
  });

  it('waits only until the oldest quota turns stale', async () => {
    const { refresher, time } = setup([account('a@example.com', { quotasUpdatedAt: new Date(start - 10 * minute).toISOString() })]);
    refresher.start();
    expect(time.pending()).toEqual([5 * minute]);
  });

  it('runs one account at a time', async () => {
    let active = 0;
    let most = 0;
    const { refresher } = setup([account('a@example.com'), account('b@example.com'), account('c@example.com')], {
      refresh: async (email) => {
        active += 1;
        most = Math.max(most, active);
        await settle();
        active -= 1;
        return account(email);
      },
    });
    const results = await refresher.refreshNow();
    expect(results.map((result) => result.email)).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
    expect(most).toBe(1);
  });

  it('a failing account is reported and logged, never thrown, and the others still refresh', async () => {
    const { refresher, time, refreshed, warnings } = setup([account('bad@example.com'), account('good@example.com')], {
      refresh: async (email) => {
        refreshed.push(email);
        if (email === 'bad@example.com') throw new GatewayError('upstream', 'Cloud Code answered 500');
        return account(email);
      },
    });
    refresher.start();
    await time.advance(5_000);
    expect(refreshed).toEqual(['bad@example.com', 'good@example.com']);
    expect(warnings).toEqual(['Quota refresh of bad@example.com failed: Cloud Code answered 500']);
    const [bad, good] = await refresher.refreshNow();
    expect(bad).toMatchObject({ email: 'bad@example.com', ok: false, error: { kind: 'upstream' } });
    expect(good).toMatchObject({ email: 'good@example.com', ok: true });
    expect(time.pending()).toEqual([15 * minute]);
  });

  it('refreshNow(email) refreshes that account whatever its status; an unknown one is a not_found result', async () => {
    const { refresher, refreshed } = setup([account('off@example.com', { status: 'forbidden' })]);
    expect(await refresher.refreshNow('off@example.com')).toMatchObject([{ ok: true, email: 'off@example.com' }]);
    expect(await refresher.refreshNow('nobody@example.com')).toMatchObject([{ ok: false, error: { kind: 'not_found' } }]);
    expect(refreshed).toEqual(['off@example.com']);
  });

  it('joins a refresh already running instead of starting another', async () => {
    let release: (() => void) | undefined;
    const { refresher, refreshed } = setup([account('a@example.com')], {
      refresh: async (email) => {
        refreshed.push(email);
        await new Promise<void>((resolve) => (release = resolve));
        return account(email);
      },
    });
    const first = refresher.refreshNow();
    const second = refresher.refreshNow();
    const single = refresher.refreshNow('a@example.com');
    await settle();
    release?.();
    expect(await first).toEqual(await second);
    expect((await single)[0]?.ok).toBe(true);
    expect(refreshed).toEqual(['a@example.com']);
  });

  it('a manual round pushes the next timed round a full interval out', async () => {
    const fresh = new Date(start).toISOString();
    const { refresher, time, refreshed } = setup([account('a@example.com', { quotasUpdatedAt: fresh })]);
    refresher.start();
    await time.advance(10 * minute);
    await refresher.refreshNow();
    expect(time.pending()).toEqual([15 * minute]);
    await time.advance(15 * minute);
    expect(refreshed).toEqual(['a@example.com', 'a@example.com']);
  });

  it('picks up a changed interval', async () => {
    const fresh = new Date(start).toISOString();
    const { refresher, time, setInterval } = setup([account('a@example.com', { quotasUpdatedAt: fresh })]);
    refresher.start();
    refresher.reschedule();
    expect(time.pending()).toEqual([15 * minute]);
    setInterval(1);
    refresher.reschedule();
    expect(time.pending()).toEqual([minute]);
  });

  it('stop aborts the refresh in flight, waits for it and arms no timer again', async () => {
    let seenSignal: AbortSignal | undefined;
    const { refresher, time } = setup([account('a@example.com'), account('b@example.com')], {
      refresh: (email, signal) => {
        seenSignal = signal;
        return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
      },
    });
    refresher.start();
    await time.advance(5_000);
    const round = refresher.refreshNow();
    await refresher.stop();
    expect(seenSignal?.aborted).toBe(true);
    expect(await round).toMatchObject([{ email: 'a@example.com', ok: false, error: { code: 'refresher_stopped' } }]);
    expect(time.pending()).toEqual([]);
    expect(await refresher.refreshNow()).toEqual([]);
    refresher.start();
    expect(time.pending()).toEqual([]);
  });
});
