import { describe, expect, it } from 'vitest';
import { accountDescriptionSchema, describeAccount, maskProxyPassword } from './describe-account.js';

const now = Date.parse('2026-03-04T12:00:00.000Z');

describe('describeAccount', () => {
  it('shapes an account for clients: snake_case, nulls, live cooldowns only, never the refresh token', () => {
    const described = describeAccount(
      {
        email: 'ada@example.com',
        refreshToken: '1//very-secret',
        projectId: 'proj-1',
        tier: 'g1-pro-tier',
        status: 'active',
        addedAt: '2026-01-01T00:00:00.000Z',
        quotas: { 'gemini-3-flash': { remainingFraction: 0.5, resetTime: '2026-03-04T17:00:00Z', displayName: 'Gemini 3 Flash' }, 'claude-sonnet-4-5': { remainingFraction: 0 } },
        quotasUpdatedAt: '2026-03-04T11:55:00.000Z',
        cooldowns: {
          'gemini-3-flash': { until: '2026-03-04T12:05:00.000Z', reason: 'rate_limited', strikes: 2 },
          '*': { until: '2026-03-04T11:00:00.000Z', reason: 'server_error', strikes: 1 },
        },
        upstreamProxy: 'socks5://me:hunter2@10.0.0.1:1080',
        labels: ['team-a'],
      },
      now,
    );
    expect(described).toEqual({
      email: 'ada@example.com',
      status: 'active',
      status_reason: null,
      validation_url: null,
      tier: 'g1-pro-tier',
      project_id: 'proj-1',
      quotas: {
        'gemini-3-flash': { remaining_fraction: 0.5, reset_time: '2026-03-04T17:00:00Z', display_name: 'Gemini 3 Flash' },
        'claude-sonnet-4-5': { remaining_fraction: 0, reset_time: null, display_name: null },
      },
      quotas_updated_at: '2026-03-04T11:55:00.000Z',
      cooldowns: { 'gemini-3-flash': { until: '2026-03-04T12:05:00.000Z', reason: 'rate_limited' } },
      last_used_at: null,
      last_error: null,
      added_at: '2026-01-01T00:00:00.000Z',
      upstream_proxy: 'socks5://me:***@10.0.0.1:1080',
      labels: ['team-a'],
      tier_class: 'paid',
    });
    expect(JSON.stringify(described)).not.toMatch(/very-secret|hunter2/);
    expect(accountDescriptionSchema.parse(described)).toEqual(described);
  });

  it('masks only the password of a proxy URL', () => {
    expect(maskProxyPassword('http://proxy.example:8080')).toBe('http://proxy.example:8080');
    expect(maskProxyPassword('http://user@proxy.example:8080')).toBe('http://user@proxy.example:8080');
    expect(maskProxyPassword('http://user:p%40ss@proxy.example:8080')).toBe('http://user:***@proxy.example:8080');
  });
});
