/**
 * Paid or free, from the stored tier id (loadCodeAssist's `paidTier` wins over `currentTier`,
 * UPSTREAM-PROTOCOL.md §8): the Google AI subscriptions (`g1-pro-tier`, `g1-ultra-tier`) are
 * paid; any other tier the account reported (`free-tier`, `standard-tier`, `legacy-tier`) is
 * free; no tier yet (never onboarded, or added before tiers were read) is unknown, which neither
 * `paid_first` nor `free_first` prefers.
 */
export type AccountTierClass = 'paid' | 'free' | 'unknown';

export function accountTierClass(tier: string | undefined | null): AccountTierClass {
  if (tier === undefined || tier === null || tier.trim() === '') return 'unknown';
  return /pro|ultra/i.test(tier) ? 'paid' : 'free';
}
