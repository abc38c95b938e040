/** Realistic ControlApi answers for renderer tests. */
import type { AccountView, GatewayStatusView, MappingPreset, SettingsView } from '../src/store/view-types.js';

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
    accounts: { total: 2, active: 1 },
    ...overrides,
  };
}

export function makeSettings(overrides: { proxy?: Partial<SettingsView['proxy']>; data_dir?: string } = {}): SettingsView {
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
      scheduling: { mode: 'balance', max_wait_s: 60 },
      max_attempts: 3,
      preferred_account: '',
      enable_logging: true,
      metrics_public: false,
      allowed_hosts: [],
      cors_origins: [],
      max_body_mb: 50,
      ...overrides.proxy,
    },
    accounts: { quota_refresh_min: 15 },
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
    ...overrides,
  };
}

export const presets: MappingPreset[] = [
  { name: 'claude-to-gemini', description: 'Send Claude names to Gemini.', rules: [{ pattern: 'claude-*', target: 'gemini-3-pro-high' }] },
];
