/** Figures the Dashboard and Accounts pages compute from the account list. */
import type { AccountStatus, AccountView } from './view-types.js';

export const accountStatusOrder: readonly AccountStatus[] = ['active', 'validation_required', 'forbidden', 'revoked', 'disabled'];

export function countAccountsByStatus(accounts: readonly AccountView[]): Record<AccountStatus, number> {
  const counts: Record<AccountStatus, number> = { active: 0, disabled: 0, forbidden: 0, validation_required: 0, revoked: 0 };
  for (const account of accounts) counts[account.status] += 1;
  return counts;
}

export interface QuotaEntry {
  email: string;
  model: string;
  label: string;
  remainingFraction: number;
  resetTime: string | null;
}

const byLowest = (a: QuotaEntry, b: QuotaEntry) => a.remainingFraction - b.remainingFraction || a.email.localeCompare(b.email) || a.model.localeCompare(b.model);

/**
 * Quotas across usable accounts for the Dashboard: those of the models this gateway served
 * recently first (lowest first), then the rest (lowest first). `featured` is how many to show
 * before "Show all": the served ones, or `fallback` when nothing was served yet.
 */
export function findLowestQuotas(accounts: readonly AccountView[], served: readonly string[] | null, fallback: number): { entries: QuotaEntry[]; featured: number } {
  const servedSet = new Set(served ?? []);
  const used: QuotaEntry[] = [];
  const others: QuotaEntry[] = [];
  for (const account of accounts) {
    if (account.status !== 'active') continue;
    for (const [model, quota] of Object.entries(account.quotas)) {
      const entry = { email: account.email, model, label: quota.display_name ?? model, remainingFraction: quota.remaining_fraction, resetTime: quota.reset_time };
      (servedSet.has(model) ? used : others).push(entry);
    }
  }
  used.sort(byLowest);
  others.sort(byLowest);
  return { entries: [...used, ...others], featured: used.length > 0 ? used.length : Math.min(fallback, others.length) };
}

export interface QuotaLine {
  model: string;
  display_name: string | null;
  remaining_fraction: number;
  reset_time: string | null;
}

/**
 * One account's quotas in the order of use: the models this gateway served recently (most used
 * first), then the rest, lowest first. `featured` are shown before "Show all" (the `fallback`
 * lowest when none of them was served).
 */
export function orderQuotasByUse(quotas: AccountView['quotas'], served: readonly string[] | null, fallback: number): { lines: QuotaLine[]; featured: number } {
  const lines = Object.entries(quotas).map(([model, quota]) => ({ model, display_name: quota.display_name ?? null, remaining_fraction: quota.remaining_fraction, reset_time: quota.reset_time }));
  const rank = new Map((served ?? []).map((model, index) => [model, index]));
  const used = lines.filter((line) => rank.has(line.model)).sort((a, b) => (rank.get(a.model) ?? 0) - (rank.get(b.model) ?? 0));
  const others = lines.filter((line) => !rank.has(line.model)).sort((a, b) => a.remaining_fraction - b.remaining_fraction || a.model.localeCompare(b.model));
  return { lines: [...used, ...others], featured: used.length > 0 ? used.length : Math.min(fallback, others.length) };
}

/** An active account with quota data in which every model is at 0: it is in the pool but cannot serve until a reset. */
export function isOutOfQuota(account: AccountView): boolean {
  const fractions = Object.values(account.quotas).map((quota) => quota.remaining_fraction);
  return account.status === 'active' && fractions.length > 0 && fractions.every((fraction) => fraction <= 0);
}

/** Model ids seen in any account's quotas: suggestions for mapping targets. */
export function collectKnownModels(accounts: readonly AccountView[]): string[] {
  const models = new Set<string>();
  for (const account of accounts) for (const model of Object.keys(account.quotas)) models.add(model);
  return [...models].sort();
}
