/**
 * An account as clients see it (admin API, the UI's ControlApi): snake_case like the settings,
 * explicit nulls, only live cooldowns, and never a secret: no refresh token, and the password of
 * an account's proxy URL masked.
 */
import { z } from 'zod';
import { accountStatuses, type Account } from './account-schema.js';
import { accountTierClass } from './account-tier-class.js';

export const accountDescriptionSchema = z.object({
  email: z.string(),
  status: z.enum(accountStatuses),
  status_reason: z.string().nullable(),
  validation_url: z.string().nullable(),
  tier: z.string().nullable(),
  /** Paid (Pro, Ultra), free (any other tier) or unknown (no tier yet), as `prefer_tier` sees it. */
  tier_class: z.enum(['paid', 'free', 'unknown']),
  project_id: z.string().nullable(),
  /** Per model id. */
  quotas: z.record(
    z.string(),
    z.object({ remaining_fraction: z.number(), reset_time: z.string().nullable(), display_name: z.string().nullable() }),
  ),
  quotas_updated_at: z.string().nullable(),
  /** Per model id (`*` = every model); only those still running. */
  cooldowns: z.record(z.string(), z.object({ until: z.string(), reason: z.string() })),
  last_used_at: z.string().nullable(),
  last_error: z.string().nullable(),
  added_at: z.string(),
  upstream_proxy: z.string().nullable(),
  /** The user's labels, in the order given. */
  labels: z.array(z.string()),
});
export type AccountDescription = z.infer<typeof accountDescriptionSchema>;

export function describeAccount(account: Account, now: number): AccountDescription {
  const quotas: AccountDescription['quotas'] = {};
  for (const [model, quota] of Object.entries(account.quotas)) {
    quotas[model] = { remaining_fraction: quota.remainingFraction, reset_time: quota.resetTime ?? null, display_name: quota.displayName ?? null };
  }
  const cooldowns: AccountDescription['cooldowns'] = {};
  for (const [model, cooldown] of Object.entries(account.cooldowns)) {
    const until = Date.parse(cooldown.until);
    if (Number.isNaN(until) || until <= now) continue;
    cooldowns[model] = { until: cooldown.until, reason: cooldown.reason };
  }
  return {
    email: account.email,
    status: account.status,
    status_reason: account.statusReason ?? null,
    validation_url: account.validationUrl ?? null,
    tier: account.tier ?? null,
    tier_class: accountTierClass(account.tier),
    project_id: account.projectId ?? null,
    quotas,
    quotas_updated_at: account.quotasUpdatedAt ?? null,
    cooldowns,
    last_used_at: account.lastUsedAt ?? null,
    last_error: account.lastError ?? null,
    added_at: account.addedAt,
    upstream_proxy: account.upstreamProxy ? maskProxyPassword(account.upstreamProxy) : null,
    labels: [...(account.labels ?? [])],
  };
}

/** `socks5://user:secret@host:1080` -> `socks5://user:***@host:1080`. */
export function maskProxyPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}
