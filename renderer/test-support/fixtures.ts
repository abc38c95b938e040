/** Realistic ControlApi answers for renderer tests. */
import type {
  AccountView,
  GatewayStatusView,
  MappingPreset,
  RequestLogDetail,
  RequestLogSummary,
  SettingsView,
  UsageReport,
} from '../src/store/view-types.js';

export function makeStatus(overrides: Partial<GatewayStatusView> = {}): GatewayStatusView {
  return {
    serving: true,
    listening: true,
    host: '127.0.0.1',
    port: 8045,
    base_url: 'http://127.0.0.1:8045/v1',
    lan_url: null,
    auth_mode: 'off',
    version: '0.1.0',
    error: null,
    command_line: { port: null, host: null },
    saved: { port: 8045, host: '127.0.0.1' },
    accounts: { total: 2, active: 1 },
    ...overrides,
  };
}

export function makeSettings(
  overrides: { proxy?: Partial<SettingsView['proxy']>; accounts?: Partial<SettingsView['accounts']>; monitor?: Partial<SettingsView['monitor']>; data_dir?: string } = {},
): SettingsView {
  return {
    proxy: {
      port: 8045,
      allow_lan_access: false,
      auth_mode: 'auto',
      api_key_masked: 'sk-4f…9a2c',
      admin_password_set: false,
      auto_start: false,
      request_timeout_s: 120,
      upstream_proxy: '',
      custom_mapping: {},
      scheduling: { mode: 'balance', max_wait_s: 60, prefer_tier: 'none' },
      max_attempts: 3,
      preferred_account: '',
      enable_logging: true,
      metrics_public: false,
      allowed_hosts: [],
      cors_origins: [],
      max_body_mb: 50,
      answer_claude_code_warmup: true,
      ...overrides.proxy,
    },
    accounts: { quota_refresh_min: 15, quota_protection_percent: 0, quota_protection_mode: 'strict', warmup: 'off', ...overrides.accounts },
    monitor: { retention_days: 30, max_rows: 100_000, capture_bodies: false, max_body_kb: 64, ...overrides.monitor },
    data_dir: overrides.data_dir ?? '/home/ada/.skyport',
  };
}

export function makeAccount(overrides: Partial<AccountView> = {}): AccountView {
  return {
    email: 'ada@example.com',
    status: 'active',
    status_reason: null,
    validation_url: null,
    tier: 'standard-tier',
    project_id: 'project-1',
    quotas: {
      'gemini-3-flash': { remaining_fraction: 0.82, reset_time: new Date(Date.now() + 2 * 3600_000).toISOString(), display_name: 'Gemini 3 Flash' },
      'claude-sonnet-4-5': { remaining_fraction: 0.12, reset_time: new Date(Date.now() + 25 * 60_000).toISOString(), display_name: 'Claude Sonnet 4.5' },
    },
    quotas_updated_at: new Date().toISOString(),
    cooldowns: {},
    last_used_at: null,
    last_error: null,
    added_at: '2026-01-02T03:04:05.000Z',
    upstream_proxy: null,
    labels: [],
    ...overrides,
    tier_class: tierClassOf(overrides.tier === undefined ? 'standard-tier' : overrides.tier),
  };
}

export const presets: MappingPreset[] = [
  { name: 'claude-to-gemini', description: 'Send Claude names to Gemini.', rules: [{ pattern: 'claude-*', target: 'gemini-3-pro-high' }] },
];

let logCounter = 0;

/** A request-log row as queryLogs and the `log` event carry it: a mapped chat request answered by ada. */
export function makeLogSummary(overrides: Partial<RequestLogSummary> = {}): RequestLogSummary {
  logCounter += 1;
  return {
    id: `req_${String(logCounter).padStart(6, '0')}`,
    time: new Date(Date.now() - 60_000 + logCounter).toISOString(),
    protocol: 'openai',
    method: 'POST',
    path: '/v1/chat/completions',
    model: 'gpt-4o',
    mapped_model: 'gemini-3-flash',
    account_email: 'ada@example.com',
    status: 200,
    duration_ms: 1240,
    ttfb_ms: 310,
    input_tokens: 1200,
    output_tokens: 340,
    cached_tokens: 800,
    reasoning_tokens: 0,
    stream: true,
    attempt_count: 1,
    client_key: 'none',
    error: null,
    kind: 'ai',
    ...overrides,
  };
}

/** The full record: one 429 on bob (another account skipped), then ada answered. */
export function makeLogDetail(overrides: Partial<RequestLogDetail> = {}): RequestLogDetail {
  return {
    ...makeLogSummary({ attempt_count: 2 }),
    client_ip: '127.0.0.1',
    attempts: [
      {
        account_email: 'bob@example.com',
        outcome: 'failed',
        status: 429,
        rule: '429 with delay: cool down and rotate',
        message: 'Resource has been exhausted (e.g. check quota).',
        waited_ms: 0,
        skipped: [{ email: 'carol@example.com', reason: 'cooling down until 14:05' }],
      },
      { account_email: 'ada@example.com', outcome: 'ok', status: null, rule: null, message: null, waited_ms: 250, skipped: [] },
    ],
    request_headers: null,
    request_body: null,
    response_body: null,
    mapping_rule: 'default',
    conversion_warnings: [],
    warnings: [],
    ...overrides,
  };
}

const emptyPercentiles = { p50: null, p95: null };

/** Usage of two models over two hours of the last day (the same report answers group=account with account keys). */
export function makeUsageReport(overrides: Partial<UsageReport> = {}): UsageReport {
  const until = Date.now();
  const hour = 3_600_000;
  const bucket = (hoursAgo: number) => new Date(Math.floor(until / hour) * hour - hoursAgo * hour).toISOString();
  const counts = (requests: number, errors: number, input: number, output: number) => ({
    requests,
    errors,
    error_rate: requests === 0 ? 0 : errors / requests,
    input_tokens: input,
    output_tokens: output,
    cached_tokens: Math.round(input / 4),
    reasoning_tokens: 0,
  });
  return {
    group: 'model',
    bucket: 'hour',
    since: new Date(until - 24 * hour).toISOString(),
    until: new Date(until).toISOString(),
    tz_offset_minutes: 0,
    include_lookups: false,
    totals: { ...counts(40, 2, 52_000, 9_100), latency_ms: { p50: 1840, p95: 6200 }, ttfb_ms: { p50: 420, p95: 1300 } },
    groups: [
      { key: 'gemini-3-flash', ...counts(30, 1, 40_000, 7_000), latency_ms: { p50: 1500, p95: 5000 }, ttfb_ms: { p50: 400, p95: 1100 } },
      { key: 'claude-sonnet-4-5', ...counts(10, 1, 12_000, 2_100), latency_ms: emptyPercentiles, ttfb_ms: emptyPercentiles },
    ],
    series: [
      { bucket_start: bucket(2), key: 'gemini-3-flash', ...counts(20, 1, 25_000, 4_000) },
      { bucket_start: bucket(2), key: 'claude-sonnet-4-5', ...counts(10, 1, 12_000, 2_100) },
      { bucket_start: bucket(0), key: 'gemini-3-flash', ...counts(10, 0, 15_000, 3_000) },
    ],
    ...overrides,
  };
}

/** Nothing in the window. */
export function makeEmptyUsageReport(overrides: Partial<UsageReport> = {}): UsageReport {
  const zero = { requests: 0, errors: 0, error_rate: 0, input_tokens: 0, output_tokens: 0, cached_tokens: 0, reasoning_tokens: 0 };
  return makeUsageReport({ totals: { ...zero, latency_ms: emptyPercentiles, ttfb_ms: emptyPercentiles }, groups: [], series: [], ...overrides });
}

/** As the gateway's describeAccount: Pro/Ultra paid, another tier free, none unknown. */
function tierClassOf(tier: string | null): AccountView['tier_class'] {
  if (tier === null || tier.trim() === '') return 'unknown';
  return /pro|ultra/i.test(tier) ? 'paid' : 'free';
}
