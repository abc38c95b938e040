/** Settings as the UI edits them: the API key masked, the admin password only as "set or not". */
import type { Settings } from '../config/settings-schema.js';
import type { SettingsView } from './control-operations.js';

/** `sk-…abcd`: enough to recognise the key, not to use it. Short keys show no characters at all. */
export function maskApiKey(apiKey: string): string {
  const prefix = apiKey.startsWith('sk-') ? 'sk-' : '';
  const tail = apiKey.length >= 20 ? apiKey.slice(-4) : '';
  return `${prefix}…${tail}`;
}

export function viewSettings(settings: Settings, dataDir: string): SettingsView {
  const proxy = settings.proxy;
  return {
    proxy: {
      port: proxy.port,
      allow_lan_access: proxy.allow_lan_access,
      auth_mode: proxy.auth_mode,
      api_key_masked: maskApiKey(proxy.api_key),
      admin_password_set: proxy.admin_password.trim() !== '',
      auto_start: proxy.auto_start,
      request_timeout_s: proxy.request_timeout_s,
      upstream_proxy: proxy.upstream_proxy,
      custom_mapping: { ...proxy.custom_mapping },
      scheduling: { ...proxy.scheduling },
      max_attempts: proxy.max_attempts,
      preferred_account: proxy.preferred_account,
      enable_logging: proxy.enable_logging,
      metrics_public: proxy.metrics_public,
      allowed_hosts: [...proxy.allowed_hosts],
      cors_origins: [...proxy.cors_origins],
      max_body_mb: proxy.max_body_mb,
      answer_claude_code_warmup: proxy.answer_claude_code_warmup,
    },
    accounts: {
      quota_refresh_min: settings.accounts.quota_refresh_min,
      quota_protection_percent: settings.accounts.quota_protection_percent,
      quota_protection_mode: settings.accounts.quota_protection_mode,
      warmup: settings.accounts.warmup,
    },
    monitor: { ...settings.monitor },
    data_dir: dataDir,
  };
}
