/**
 * One zod schema for every setting, with the defaults of ../shared/design/ARCHITECTURE.md.
 * Names follow the reference app users know (snake_case, `proxy.*`). Everything else
 * (stores, CLI, UI forms) derives from this file.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { antigravityReleaseFeedUrl, builtInClientVersion } from '../upstream/resolve-client-version.js';

export const authModes = ['off', 'strict', 'all_except_health', 'auto'] as const;
export type AuthMode = (typeof authModes)[number];

export const schedulingModes = ['cache_first', 'balance', 'performance_first'] as const;
export type SchedulingMode = (typeof schedulingModes)[number];

/** `proxy.scheduling.prefer_tier`: among equally usable accounts, which tier goes first (accounts/account-tier-class.ts). */
export const tierPreferences = ['none', 'paid_first', 'free_first'] as const;
export type TierPreference = (typeof tierPreferences)[number];

/** Cloud Code hosts, prod first (UPSTREAM-PROTOCOL.md §1; the gateway appends `/v1internal:<method>`). */
export const defaultUpstreamBaseUrls = [
  'https://cloudcode-pa.googleapis.com',
  'https://daily-cloudcode-pa.googleapis.com',
];

export function generateApiKey(): string {
  return `sk-${randomBytes(16).toString('hex')}`;
}

/** An egress proxy URL (`proxy.upstream_proxy`, per-account proxies); empty = none. */
export const upstreamProxyUrlSchema = z
  .string()
  .trim()
  .refine((value) => value === '' || /^(https?|socks5h?):\/\/[^\s/]+/i.test(value), {
    message: 'must be empty or an http://, https://, socks5:// or socks5h:// URL',
  });

const httpUrl = z.string().trim().url().refine((value) => /^https?:\/\//i.test(value), {
  message: 'must be an http:// or https:// URL',
});

/** A mapping pattern: an exact model name or one with `*` wildcards. */
const mappingPattern = z.string().trim().min(1, 'pattern must not be empty').max(200);
const mappingTarget = z.string().trim().min(1, 'target model must not be empty').max(200);

export const proxySettingsSchema = z.object({
  port: z.number().int().min(1).max(65535).default(8045),
  allow_lan_access: z.boolean().default(false),
  auth_mode: z.enum(authModes).default('auto'),
  api_key: z
    .string()
    .trim()
    .min(8, 'must be at least 8 characters')
    .max(256)
    .default(() => generateApiKey()),
  admin_password: z.string().max(256).default(''),
  auto_start: z.boolean().default(false),
  request_timeout_s: z.number().int().min(1).max(7200).default(120),
  upstream_proxy: upstreamProxyUrlSchema.default(''),
  custom_mapping: z.record(mappingPattern, mappingTarget).default({}),
  scheduling: z
    .object({
      mode: z.enum(schedulingModes).default('balance'),
      max_wait_s: z.number().int().min(0).max(3600).default(60),
      prefer_tier: z.enum(tierPreferences).default('none'),
    })
    .default({ mode: 'balance', max_wait_s: 60, prefer_tier: 'none' }),
  max_attempts: z.number().int().min(1).max(10).default(3),
  /** Email of an account that takes all traffic while it is usable ("fixed account"); empty = none. */
  preferred_account: z.string().trim().toLowerCase().default(''),
  enable_logging: z.boolean().default(true),
  metrics_public: z.boolean().default(false),
  /** Extra `Host` names accepted besides loopback and IP literals (DNS-rebinding guard). */
  allowed_hosts: z.array(z.string().trim().toLowerCase().min(1)).default([]),
  /** Browser origins allowed to call the API (CORS). Never a wildcard. */
  cors_origins: z
    .array(z.string().trim().url().refine((value) => !value.includes('*'), { message: 'wildcards are not allowed' }))
    .default([]),
  /** Largest request body accepted, in MiB. */
  max_body_mb: z.number().int().min(1).max(200).default(50),
  /** Claude Code's start-up "Warmup" probe is answered here, costing no quota (protocols/anthropic/messages/is-claude-code-warmup.ts). */
  answer_claude_code_warmup: z.boolean().default(true),
});

export const quotaProtectionModes = ['strict', 'fallback'] as const;
export type QuotaProtectionMode = (typeof quotaProtectionModes)[number];

/** `off`, `on_reset`, or a 24-hour local time of day (`09:00`, `7:30`). */
export const warmupSettingSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => value === 'off' || value === 'on_reset' || /^([01]?\d|2[0-3]):[0-5]\d$/.test(value), {
    message: 'must be off, on_reset or a time of day HH:MM (00:00 to 23:59)',
  });

/** `auto`, or a dotted version such as `1.18.3`. */
const clientVersionSettingSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => value === 'auto' || /^\d+\.\d+\.\d+$/.test(value), { message: 'must be "auto" or a version such as 1.18.3' });

export const upstreamSettingsSchema = z.object({
  base_urls: z.array(httpUrl).min(1, 'needs at least one URL').default(defaultUpstreamBaseUrls),
  /** Google's consent page, where sign-in starts (UPSTREAM-PROTOCOL.md §12). */
  oauth_authorize_url: httpUrl.default('https://accounts.google.com/o/oauth2/v2/auth'),
  oauth_token_url: httpUrl.default('https://oauth2.googleapis.com/token'),
  userinfo_url: httpUrl.default('https://www.googleapis.com/oauth2/v2/userinfo'),
  /** Empty = the built-in public installed-app client (accounts/oauth-client-credentials.ts). */
  oauth_client_id: z.string().trim().default(''),
  oauth_client_secret: z.string().trim().default(''),
  /**
   * The Antigravity version presented upstream (User-Agent, x-client-version): `X.Y.Z`, or `auto`
   * for the current release read from `client_version_feed_url` (upstream/resolve-client-version.ts).
   */
  client_version: clientVersionSettingSchema.default(builtInClientVersion),
  /** Antigravity's release feed (plain text naming the stable version), read by `client_version: auto`. */
  client_version_feed_url: httpUrl.default(antigravityReleaseFeedUrl),
});

export const accountsSettingsSchema = z.object({
  /** Minutes between background quota reads of every usable account. */
  quota_refresh_min: z.number().int().min(1).max(1440).default(15),
  /**
   * Quota protection: an account with less than this percent of a model's quota left is not
   * used for that model (0 = off), so the last share is kept before Google's long lockout.
   */
  quota_protection_percent: z.number().int().min(0).max(99).default(0),
  /** `strict`: a protected account is never used; `fallback`: used when no unprotected account can serve. */
  quota_protection_mode: z.enum(quotaProtectionModes).default('strict'),
  /** Opt-in warm-up: `off`, a daily local time `HH:MM`, or `on_reset` (just after each quota reset). */
  warmup: warmupSettingSchema.default('off'),
});

/** The request log (`<data dir>/skyport.db`); `proxy.enable_logging` turns recording on and off. */
export const monitorSettingsSchema = z.object({
  /** Records older than this many days are deleted. */
  retention_days: z.number().int().min(1).max(3650).default(30),
  /** At most this many records are kept; the oldest go first. */
  max_rows: z.number().int().min(100).max(10_000_000).default(100_000),
  /** Keep request and response bodies (secrets redacted, each cut at `max_body_kb`). */
  capture_bodies: z.boolean().default(false),
  max_body_kb: z.number().int().min(1).max(10_240).default(64),
});

export const settingsSchema = z.object({
  proxy: proxySettingsSchema.prefault({}),
  upstream: upstreamSettingsSchema.prefault({}),
  accounts: accountsSettingsSchema.prefault({}),
  monitor: monitorSettingsSchema.prefault({}),
});

export type Settings = z.infer<typeof settingsSchema>;
export type ProxySettings = Settings['proxy'];
export type UpstreamSettings = Settings['upstream'];
export type AccountsSettings = Settings['accounts'];
export type MonitorSettings = Settings['monitor'];

/** Settings with every default filled in (a fresh API key included). */
export function createDefaultSettings(): Settings {
  return settingsSchema.parse({});
}

/** The auth mode in force: `auto` means a key is needed exactly when LAN access is on. */
export function resolveAuthMode(proxy: Pick<ProxySettings, 'auth_mode' | 'allow_lan_access'>): Exclude<AuthMode, 'auto'> {
  if (proxy.auth_mode !== 'auto') return proxy.auth_mode;
  return proxy.allow_lan_access ? 'all_except_health' : 'off';
}
