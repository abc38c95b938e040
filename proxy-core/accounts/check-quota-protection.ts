/**
 * Quota protection (`accounts.quota_protection_percent`): an account whose remaining quota for a
 * model is below the threshold keeps that last share, because a model used to the end locks the
 * account out for days (the weekly window), while a rested one refills at its reset time.
 */
import type { Account } from './account-schema.js';

/** The request log's skip reason starts with this, whatever detail follows. */
export const quotaProtectedReason = 'quota_protected';

export type QuotaProtection =
  | { protected: false }
  /** `until`: the quota's reset time (epoch ms) when known and still ahead. */
  | { protected: true; reason: string; remainingFraction: number; until?: number };

export function checkQuotaProtection(account: Account, model: string, percent: number, now: number): QuotaProtection {
  if (percent <= 0) return { protected: false };
  const quota = account.quotas[model];
  // No data yet: the account is used, as everywhere else in the pool.
  if (quota === undefined || quota.remainingFraction >= percent / 100) return { protected: false };
  const reset = quota.resetTime === undefined ? Number.NaN : Date.parse(quota.resetTime);
  // A reset time already past means the figure is stale: the quota has refilled since it was read.
  if (Number.isFinite(reset) && reset <= now) return { protected: false };
  const left = formatPercent(quota.remainingFraction);
  return {
    protected: true,
    reason: `${quotaProtectedReason}: ${left} of ${model} left, below ${percent}%`,
    remainingFraction: quota.remainingFraction,
    ...(Number.isFinite(reset) ? { until: reset } : {}),
  };
}

function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  return `${percent >= 1 ? Math.floor(percent) : Math.round(percent * 10) / 10}%`;
}
