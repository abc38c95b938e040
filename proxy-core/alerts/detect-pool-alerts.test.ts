import { describe, expect, it } from 'vitest';
import type { Account } from '../accounts/account-schema.js';
import { detectPoolAlerts, type PoolAlertSettings } from './detect-pool-alerts.js';

const t0 = Date.parse('2026-12-07T12:00:00Z');
const protect20: PoolAlertSettings = { protectionPercent: 20, protectionMode: 'strict' };

function account(email: string, overrides: Partial<Account> = {}): Account {
  return { email, refreshToken: `1//${email}`, status: 'active', addedAt: '2026-01-01T00:00:00Z', quotas: {}, cooldowns: {}, ...overrides };
}
const flash = (fraction: number, resetInMs = 3_600_000) => ({
  'gemini-3-flash': { remainingFraction: fraction, resetTime: new Date(t0 + resetInMs).toISOString(), displayName: 'Gemini 3 Flash' },
});
const resting = (ms: number) => ({ 'gemini-3-flash': { until: new Date(t0 + ms).toISOString(), reason: 'rate_limited', strikes: 1 } });

describe('detectPoolAlerts', () => {
  it('takes a baseline first: how the pool stood at start is not news', () => {
    const { alerts } = detectPoolAlerts(undefined, [account('a', { quotas: flash(0.05) }), account('b', { status: 'revoked' })], protect20, t0);
    expect(alerts).toEqual([]);
  });

  it('tells once when an account falls below the protection threshold for a model', () => {
    // b (no quota data yet) can still serve the model: only the low quota is news.
    const first = detectPoolAlerts(undefined, [account('a', { quotas: flash(0.5) }), account('b')], protect20, t0);
    const second = detectPoolAlerts(first.state, [account('a', { quotas: flash(0.12) }), account('b')], protect20, t0);
    expect(second.alerts).toEqual([
      {
        kind: 'quota_low',
        severity: 'warning',
        account: 'a',
        model: 'gemini-3-flash',
        message: 'a has 12% of Gemini 3 Flash left, below the 20% quota protection threshold: it is kept in reserve for this model until its quota resets in 60 min.',
      },
    ]);
    // Still low on the next change: no second alert; back above and down again: a new one.
    expect(detectPoolAlerts(second.state, [account('a', { quotas: flash(0.1) }), account('b')], protect20, t0).alerts).toEqual([]);
    const recovered = detectPoolAlerts(second.state, [account('a', { quotas: flash(0.9) }), account('b')], protect20, t0);
    expect(detectPoolAlerts(recovered.state, [account('a', { quotas: flash(0.1) }), account('b')], protect20, t0).alerts).toHaveLength(1);
  });

  it('says nothing about low quota while protection is off', () => {
    const off = { protectionPercent: 0, protectionMode: 'strict' } as const;
    const first = detectPoolAlerts(undefined, [account('a', { quotas: flash(0.5) })], off, t0);
    expect(detectPoolAlerts(first.state, [account('a', { quotas: flash(0.01) })], off, t0).alerts).toEqual([]);
  });

  it('tells when an account leaves the pool, with what to do', () => {
    const first = detectPoolAlerts(undefined, [account('a'), account('b'), account('c')], protect20, t0);
    const { alerts } = detectPoolAlerts(
      first.state,
      [
        account('a', { status: 'revoked', statusReason: 'invalid_grant' }),
        account('b', { status: 'validation_required' }),
        account('c', { status: 'disabled' }),
      ],
      protect20,
      t0,
    );
    expect(alerts.map((alert) => [alert.kind, alert.severity, alert.account])).toEqual([
      ['account_left_pool', 'error', 'a'],
      ['account_left_pool', 'error', 'b'],
    ]);
    expect(alerts[0]?.message).toBe('a left the pool: its sign-in no longer works (invalid_grant). Sign in with it again to use it.');
    expect(alerts[1]?.message).toContain('verify');
  });

  it('tells when every account for a model is resting, once per outage, not for short rests', () => {
    const first = detectPoolAlerts(undefined, [account('a'), account('b')], protect20, t0);
    const short = detectPoolAlerts(first.state, [account('a', { cooldowns: resting(10_000) }), account('b', { cooldowns: resting(20_000) })], protect20, t0);
    expect(short.alerts).toEqual([]);
    const long = detectPoolAlerts(first.state, [account('a', { cooldowns: resting(300_000) }), account('b', { cooldowns: resting(120_000) })], protect20, t0);
    expect(long.alerts).toEqual([
      {
        kind: 'model_unavailable',
        severity: 'warning',
        model: 'gemini-3-flash',
        message: 'Every account is resting for gemini-3-flash: requests for it get 429 until then; capacity returns in about 2 min.',
      },
    ]);
    const still = detectPoolAlerts(long.state, [account('a', { cooldowns: resting(300_000) }), account('b', { cooldowns: resting(180_000) })], protect20, t0 + 1000);
    expect(still.alerts).toEqual([]);
    // The outage ended by itself (no change told us), then a new one starts: told again.
    const later = t0 + 600_000;
    const again = detectPoolAlerts(still.state, [account('a', { cooldowns: resting(900_000) })], protect20, later);
    expect(again.alerts.map((alert) => alert.kind)).toEqual(['model_unavailable']);
  });

  it('counts strictly protected accounts as unavailable, fallback ones as usable', () => {
    const pool = [account('a', { quotas: flash(0.5) })];
    const low = [account('a', { quotas: flash(0.1) })];
    const strict = detectPoolAlerts(detectPoolAlerts(undefined, pool, protect20, t0).state, low, protect20, t0);
    expect(strict.alerts.map((alert) => alert.kind)).toEqual(['quota_low', 'model_unavailable']);
    const fallback = { protectionPercent: 20, protectionMode: 'fallback' } as const;
    const lenient = detectPoolAlerts(detectPoolAlerts(undefined, pool, fallback, t0).state, low, fallback, t0);
    expect(lenient.alerts.map((alert) => alert.kind)).toEqual(['quota_low']);
    expect(lenient.alerts[0]?.message).toContain('only when no other account can');
  });
});
