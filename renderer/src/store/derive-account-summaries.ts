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

/** The `limit` lowest remaining quotas across usable accounts, lowest first. */
export function findLowestQuotas(accounts: readonly AccountView[], limit: number): QuotaEntry[] {
  const entries: QuotaEntry[] = [];
  for (const account of accounts) {
    if (account.status !== 'active') continue;
    for (const [model, quota] of Object.entries(account.quotas)) {
      entries.push({ email: account.email, model, label: quota.display_name ?? model, remainingFraction: quota.remaining_fraction, resetTime: quota.reset_time });
    }
  }
  return entries.sort((a, b) => a.remainingFraction - b.remainingFraction || a.email.localeCompare(b.email) || a.model.localeCompare(b.model)).slice(0, limit);
}

/** Model ids seen in any account's quotas: suggestions for mapping targets. */
export function collectKnownModels(accounts: readonly AccountView[]): string[] {
  const models = new Set<string>();
  for (const account of accounts) for (const model of Object.keys(account.quotas)) models.add(model);
  return [...models].sort();
}
