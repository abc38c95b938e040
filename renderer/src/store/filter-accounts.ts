/**
 * The Accounts page's view of a large pool: search, filters, sort by the lowest remaining quota
 * for one model, and pages. Pure functions of the list (the page memoizes them), so 500
 * accounts filter in well under a frame.
 */
import type { AccountStatus, AccountView } from './view-types.js';

/** `exhausted`: some model at 0; `protected`: some model under the protection threshold; `ok`: quota data and neither; `unknown`: no quota data yet. */
export type AccountQuotaState = 'exhausted' | 'protected' | 'ok' | 'unknown';

export interface AccountFilter {
  /** Part of the email, any case. */
  search: string;
  status: AccountStatus | 'all';
  tier: AccountView['tier_class'] | 'all';
  quota: AccountQuotaState | 'all';
  /** One label (any case); '' = any. */
  label: string;
  /** Sort by the lowest remaining fraction of this model first; '' = the pool's own order. */
  sortModel: string;
}

export const emptyAccountFilter: AccountFilter = { search: '', status: 'all', tier: 'all', quota: 'all', label: '', sortModel: '' };

export function accountQuotaState(account: AccountView, thresholdPercent: number): AccountQuotaState {
  const fractions = Object.values(account.quotas).map((quota) => quota.remaining_fraction);
  if (fractions.length === 0) return 'unknown';
  if (fractions.some((fraction) => fraction <= 0)) return 'exhausted';
  if (thresholdPercent > 0 && fractions.some((fraction) => fraction < thresholdPercent / 100)) return 'protected';
  return 'ok';
}

export function filterAccounts(accounts: readonly AccountView[], filter: AccountFilter, thresholdPercent: number): AccountView[] {
  const search = filter.search.trim().toLowerCase();
  const label = filter.label.trim().toLowerCase();
  const matching = accounts.filter(
    (account) =>
      (search === '' || account.email.toLowerCase().includes(search)) &&
      (filter.status === 'all' || account.status === filter.status) &&
      (filter.tier === 'all' || account.tier_class === filter.tier) &&
      (filter.quota === 'all' || accountQuotaState(account, thresholdPercent) === filter.quota) &&
      (label === '' || account.labels.some((entry) => entry.toLowerCase() === label)),
  );
  if (filter.sortModel === '') return matching;
  const model = filter.sortModel;
  // Accounts without data for the model go last: nothing says they are low.
  const remaining = (account: AccountView) => account.quotas[model]?.remaining_fraction ?? Number.POSITIVE_INFINITY;
  return matching.sort((a, b) => remaining(a) - remaining(b) || a.email.localeCompare(b.email));
}

/** Every label in the pool, once (first spelling), sorted. */
export function collectAccountLabels(accounts: readonly AccountView[]): string[] {
  const labels = new Map<string, string>();
  for (const account of accounts) for (const label of account.labels) if (!labels.has(label.toLowerCase())) labels.set(label.toLowerCase(), label);
  return [...labels.values()].sort((a, b) => a.localeCompare(b));
}

export interface AccountPage {
  items: AccountView[];
  /** 0-based, clamped to the pages there are. */
  page: number;
  pageCount: number;
  /** 1-based positions shown, for "51–100 of 500"; 0 and 0 when empty. */
  first: number;
  last: number;
}

export function pageAccounts(accounts: readonly AccountView[], page: number, pageSize: number): AccountPage {
  const pageCount = Math.max(1, Math.ceil(accounts.length / pageSize));
  const current = Math.min(Math.max(0, page), pageCount - 1);
  const items = accounts.slice(current * pageSize, (current + 1) * pageSize);
  return { items, page: current, pageCount, first: items.length === 0 ? 0 : current * pageSize + 1, last: current * pageSize + items.length };
}
