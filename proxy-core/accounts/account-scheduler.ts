/**
 * Which account serves the next attempt. Active accounts are used in turn; an account already
 * tried for this request is used again only when every other one was tried too.
 * (The full pool with stickiness, cooldowns and quota-aware modes builds on this interface.)
 */
import type { Account } from './account-schema.js';

export interface AccountScheduler {
  /** The next account for `model`, or undefined when the pool has no usable account. */
  pick(model: string, tried: ReadonlySet<string>): Account | undefined;
  /** How many accounts could serve at all (for the attempt budget). */
  usableCount(): number;
}

export function createAccountScheduler(options: { accounts: () => readonly Account[] }): AccountScheduler {
  let cursor = 0;
  const usable = () => options.accounts().filter((account) => account.status === 'active');
  return {
    pick(_model, tried) {
      const accounts = usable();
      if (accounts.length === 0) return undefined;
      const fresh = accounts.filter((account) => !tried.has(account.email));
      const pool = fresh.length > 0 ? fresh : accounts;
      const account = pool[cursor % pool.length];
      cursor = (cursor + 1) % Number.MAX_SAFE_INTEGER;
      return account;
    },
    usableCount: () => usable().length,
  };
}
