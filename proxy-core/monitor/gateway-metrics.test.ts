import { describe, expect, it } from 'vitest';
import type { Account } from '../accounts/account-schema.js';
import { sampleValue, validatePrometheusText } from '../../tests/integration/validate-prometheus-text.js';
import { createGatewayMetrics, maxQuotaSamples } from './gateway-metrics.js';
import { completedRequest } from './testing/completed-request-fixture.js';

const now = Date.UTC(2026, 0, 1);
const account = (email: string, patch: Partial<Account> = {}): Account => ({
  email,
  refreshToken: '1//x',
  status: 'active',
  addedAt: new Date(now).toISOString(),
  quotas: {},
  cooldowns: {},
  ...patch,
});

describe('gateway metrics', () => {
  it('renders valid Prometheus text with requests, latency, TTFB, tokens, attempts and accounts', async () => {
    const accounts = [
      account('a@example.com', {
        cooldowns: {
          'gemini-3-flash': { until: new Date(now + 60_000).toISOString(), reason: 'rate_limited', strikes: 1 },
          'gemini-3-pro-high': { until: new Date(now - 1).toISOString(), reason: 'rate_limited', strikes: 1 },
        },
      }),
      account('b@example.com', { status: 'forbidden', quotas: { 'gemini-3-flash': { remainingFraction: 0.1 } } }),
      account('c@example.com', { quotas: { 'gemini-3-flash': { remainingFraction: 0.25, resetTime: new Date(now).toISOString() }, 'claude-sonnet-4-5': { remainingFraction: 1 } } }),
    ];
    const metrics = createGatewayMetrics({ accounts: () => accounts, now: () => now, version: '1.2.3', requestLog: () => ({ pending: 3, rows: 10, dropped: 0 }) });
    metrics.observe(completedRequest({ endedAt: now + 700, state: { startedAt: now, firstByteAt: now + 300 } }));
    metrics.observe(
      completedRequest({
        status: 429,
        state: {
          mappedModel: 'model "with" \\ odd\nname',
          usage: undefined,
          firstByteAt: undefined,
          attempts: [
            { accountEmail: 'a@example.com', outcome: 'failed', status: 429, waitedMs: 0, skipped: [] },
            { accountEmail: 'b@example.com', outcome: 'failed', waitedMs: 0, skipped: [] },
          ],
        },
      }),
    );
    const families = await validatePrometheusText(metrics.render());
    expect(sampleValue(families, 'skyport_requests_total', { protocol: 'openai', status: '200', model: 'gemini-3-flash' })).toBe(1);
    expect(sampleValue(families, 'skyport_requests_total', { status: '429', model: 'model "with" \\ odd\nname' })).toBe(1);
    const duration = families.skyport_request_duration_seconds;
    expect(duration?.type).toBe('histogram');
    expect(duration?.data[0]).toMatchObject({ labels: { protocol: 'openai' }, count: 2, buckets: { '0.5': 1, '1': 2, '+Inf': 2 } });
    expect(sampleValue(families, 'skyport_request_ttfb_seconds')).toBe(1);
    expect(sampleValue(families, 'skyport_tokens_total', { model: 'gemini-3-flash', kind: 'input' })).toBe(10);
    expect(sampleValue(families, 'skyport_tokens_total', { model: 'gemini-3-flash', kind: 'cached' })).toBe(2);
    expect(sampleValue(families, 'skyport_upstream_attempts_total', { outcome: 'ok', status: '200' })).toBe(1);
    expect(sampleValue(families, 'skyport_upstream_attempts_total', { outcome: 'failed', status: '429' })).toBe(1);
    expect(sampleValue(families, 'skyport_upstream_attempts_total', { outcome: 'failed', status: 'none' })).toBe(1);
    expect(sampleValue(families, 'skyport_accounts', { status: 'active' })).toBe(2);
    expect(families.skyport_quota_remaining_ratio?.type).toBe('gauge');
    // One sample per active account and model; refused accounts report no capacity.
    expect(families.skyport_quota_remaining_ratio?.data).toHaveLength(2);
    expect(sampleValue(families, 'skyport_quota_remaining_ratio', { account: 'c@example.com', model: 'gemini-3-flash' })).toBe(0.25);
    expect(sampleValue(families, 'skyport_quota_remaining_ratio', { account: 'c@example.com', model: 'claude-sonnet-4-5' })).toBe(1);
    expect(sampleValue(families, 'skyport_accounts', { status: 'forbidden' })).toBe(1);
    expect(sampleValue(families, 'skyport_accounts', { status: 'revoked' })).toBe(0);
    expect(sampleValue(families, 'skyport_account_cooldowns_active')).toBe(1);
    expect(sampleValue(families, 'skyport_request_log_pending_records')).toBe(3);
    expect(sampleValue(families, 'skyport_build_info', { version: '1.2.3' })).toBe(1);
  });

  it('reports at most maxQuotaSamples quota samples', async () => {
    const quotas = Object.fromEntries(Array.from({ length: 600 }, (_, index) => [`model-${index}`, { remainingFraction: 0.5 }]));
    const accounts = [account('a@example.com', { quotas }), account('b@example.com', { quotas })];
    const families = await validatePrometheusText(createGatewayMetrics({ accounts: () => accounts, now: () => now, version: '1' }).render());
    expect(families.skyport_quota_remaining_ratio?.data).toHaveLength(maxQuotaSamples);
  });

  it('folds model names past the series limit into _other', async () => {
    const metrics = createGatewayMetrics({ accounts: () => [], now: () => now, version: '1' });
    for (let index = 0; index < 1500; index += 1) metrics.observe(completedRequest({ state: { mappedModel: `random-${index}`, usage: undefined } }));
    const families = await validatePrometheusText(metrics.render());
    expect(families.skyport_requests_total?.data).toHaveLength(1001);
    expect(sampleValue(families, 'skyport_requests_total', { model: '_other' })).toBe(500);
  });
});
