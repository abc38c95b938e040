/**
 * Which account serves the next attempt of a request (`proxy.scheduling.mode`):
 * - `balance` (default): a conversation sticks to its account; while that account is limited
 *   the conversation borrows another one, and returns when it recovers.
 * - `cache_first`: a conversation sticks harder: if its account cools down for at most
 *   `max_wait_s`, the request waits for it (the upstream prompt cache lives there); else it moves.
 * - `performance_first`: no stickiness.
 * Fresh picks use the power of two choices on the remaining quota for the model, least recently
 * used on ties. A preferred account takes all traffic while it can. Every account passed over is
 * reported with the reason, for the request log.
 * Quota protection (check-quota-protection.ts) sets aside accounts low on the model's quota; in
 * `fallback` mode the one with the most left serves when no other account can.
 * `prefer_tier` (`paid_first`, `free_first`) narrows the usable accounts to that tier when it has
 * any (accounts/account-tier-class.ts); the others are reported as passed over for tier. It never
 * makes an account usable or unusable: with no usable account of that tier, every tier serves.
 */
import { checkEligibility, remainingFraction } from './account-eligibility.js';
import type { Account } from './account-schema.js';
import { accountTierClass } from './account-tier-class.js';
import { checkQuotaProtection } from './check-quota-protection.js';
import type { QuotaProtectionMode, SchedulingMode, TierPreference } from '../config/settings-schema.js';

export interface SkippedAccount {
  email: string;
  reason: string;
}

export type PickResult =
  | { kind: 'account'; account: Account; skipped: SkippedAccount[] }
  /** cache_first: the conversation's own account is back in `waitMs`; wait, then use it. */
  | { kind: 'wait'; account: Account; waitMs: number; skipped: SkippedAccount[] }
  /** Nothing can serve now; `retryAfterMs` when some account comes back by itself. */
  | { kind: 'none'; retryAfterMs?: number; usableAccounts: number; skipped: SkippedAccount[]; protectedAccounts?: number };

export interface PickRequest {
  model: string;
  sessionKey?: string;
  /** Accounts that already failed this request: used again only when no other can serve. */
  tried: ReadonlySet<string>;
}

export interface SchedulerSettings {
  mode: SchedulingMode;
  maxWaitSeconds: number;
  preferredAccount: string;
  /** `accounts.quota_protection_percent` (0 = off) and `accounts.quota_protection_mode`. */
  quotaProtection?: { percent: number; mode: QuotaProtectionMode };
  /** `proxy.scheduling.prefer_tier`; absent = `none`. */
  preferTier?: TierPreference;
}

export interface AccountScheduler {
  pick(request: PickRequest): PickResult;
  /** The request succeeded on this account (least-recently-used bookkeeping). */
  recordUse(email: string): void;
  /** How many accounts are active at all (for the attempt budget). */
  usableCount(): number;
}

export interface AccountSchedulerOptions {
  /** The pool; a change comes as a new list (the store's frozen snapshots), never as an edit in place. */
  accounts: () => readonly Account[];
  settings: () => SchedulerSettings;
  now?: () => number;
  random?: () => number;
  maxSessions?: number;
}

export function createAccountScheduler(options: AccountSchedulerOptions): AccountScheduler {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxSessions = options.maxSessions ?? 10_000;
  const bindings = new Map<string, string>();
  const lastUsed = new Map<string, number>();
  let countedList: readonly Account[] | undefined;
  let usableTotal = 0;

  function bind(sessionKey: string | undefined, email: string): void {
    if (sessionKey === undefined) return;
    bindings.delete(sessionKey);
    bindings.set(sessionKey, email);
    if (bindings.size > maxSessions) bindings.delete(bindings.keys().next().value as string);
  }

  function chooseByQuota(candidates: Account[], model: string): Account | undefined {
    if (candidates.length <= 1) return candidates[0];
    const firstIndex = Math.floor(random() * candidates.length);
    let secondIndex = Math.floor(random() * (candidates.length - 1));
    if (secondIndex >= firstIndex) secondIndex += 1;
    const first = candidates[firstIndex] as Account;
    const second = candidates[secondIndex] as Account;
    const difference = remainingFraction(first, model) - remainingFraction(second, model);
    if (difference !== 0) return difference > 0 ? first : second;
    return (lastUsed.get(first.email) ?? 0) <= (lastUsed.get(second.email) ?? 0) ? first : second;
  }

  return {
    pick(request) {
      const time = now();
      const settings = options.settings();
      const accounts = options.accounts();
      const skipped: SkippedAccount[] = [];
      const eligible: Account[] = [];
      let earliestReturn = Number.POSITIVE_INFINITY;
      let usableAccounts = 0;
      // Made only when some account is cooling down: most picks find none.
      let cooling: Map<string, number> | undefined;
      const protectionPercent = settings.quotaProtection?.percent ?? 0;
      // Accounts low on this model's quota, with what they have left (fallback picks the most).
      let protectedAccounts: Array<{ account: Account; remaining: number }> | undefined;
      for (const account of accounts) {
        if (account.status === 'active') usableAccounts += 1;
        const eligibility = checkEligibility(account, request.model, time);
        if (eligibility.eligible) {
          const protection = checkQuotaProtection(account, request.model, protectionPercent, time);
          if (!protection.protected) {
            eligible.push(account);
            continue;
          }
          (protectedAccounts ??= []).push({ account, remaining: protection.remainingFraction });
          skipped.push({ email: account.email, reason: protection.reason });
          if (protection.until !== undefined) earliestReturn = Math.min(earliestReturn, protection.until);
          continue;
        }
        skipped.push({ email: account.email, reason: eligibility.reason });
        if (eligibility.until !== undefined) {
          (cooling ??= new Map()).set(account.email, eligibility.until);
          earliestReturn = Math.min(earliestReturn, eligibility.until);
        }
      }
      if (eligible.length === 0 && protectedAccounts !== undefined && settings.quotaProtection?.mode === 'fallback') {
        // Every account is worse off than the protected ones: the one with the most left serves.
        const untried = protectedAccounts.filter((entry) => !request.tried.has(entry.account.email));
        const candidates = untried.length > 0 ? untried : protectedAccounts;
        const best = candidates.reduce((left, right) => (right.remaining > left.remaining ? right : left));
        eligible.push(best.account);
      }
      let pool = eligible;
      if (request.tried.size > 0) {
        const fresh = eligible.filter((account) => !request.tried.has(account.email));
        for (const account of eligible) {
          if (request.tried.has(account.email)) skipped.push({ email: account.email, reason: 'already failed this request' });
        }
        // Everyone fresh is gone: a tried account may have a second chance (the attempt budget bounds it).
        if (fresh.length > 0) pool = fresh;
      }
      const none = (): PickResult => ({
        kind: 'none',
        usableAccounts,
        skipped,
        ...(Number.isFinite(earliestReturn) ? { retryAfterMs: earliestReturn - time } : {}),
        ...(protectedAccounts === undefined ? {} : { protectedAccounts: protectedAccounts.length }),
      });
      const take = (account: Account): PickResult => ({
        kind: 'account',
        account,
        skipped: skipped.length === 0 ? skipped : skipped.filter((entry) => entry.email !== account.email),
      });

      const preferred = settings.preferredAccount === '' ? undefined : pool.find((account) => account.email.toLowerCase() === settings.preferredAccount);
      if (preferred !== undefined) return take(preferred);

      // After the preferred account (the user's explicit choice wins), before stickiness and quota.
      const preferTier = settings.preferTier ?? 'none';
      if (preferTier !== 'none' && pool.length > 1) {
        const wanted = preferTier === 'paid_first' ? 'paid' : 'free';
        const inTier = pool.filter((account) => accountTierClass(account.tier) === wanted);
        if (inTier.length > 0 && inTier.length < pool.length) {
          const reason = `passed over for tier (${preferTier}: a usable ${wanted} account goes first)`;
          for (const account of pool) if (!inTier.includes(account)) skipped.push({ email: account.email, reason });
          pool = inTier;
        }
      }

      if (settings.mode !== 'performance_first' && request.sessionKey !== undefined) {
        const boundEmail = bindings.get(request.sessionKey);
        const bound = boundEmail === undefined ? undefined : accounts.find((account) => account.email === boundEmail);
        if (bound !== undefined) {
          if (pool.includes(bound)) return take(bound);
          const backAt = cooling?.get(bound.email);
          if (settings.mode === 'cache_first' && backAt !== undefined && !request.tried.has(bound.email)) {
            const waitMs = backAt - time;
            if (waitMs <= settings.maxWaitSeconds * 1000) return { kind: 'wait', account: bound, waitMs, skipped };
          }
          const borrowed = chooseByQuota(pool, request.model);
          if (borrowed === undefined) return none();
          // balance keeps the binding so the conversation returns home; cache_first moves for good.
          if (settings.mode === 'cache_first') bind(request.sessionKey, borrowed.email);
          return take(borrowed);
        }
      }

      const chosen = chooseByQuota(pool, request.model);
      if (chosen === undefined) {
        return none();
      }
      if (settings.mode !== 'performance_first') bind(request.sessionKey, chosen.email);
      return take(chosen);
    },
    recordUse(email) {
      lastUsed.set(email, now());
    },
    usableCount() {
      // Counted again only when the list changes (the store hands out a new frozen list then).
      const accounts = options.accounts();
      if (accounts !== countedList) {
        countedList = accounts;
        usableTotal = accounts.filter((account) => account.status === 'active').length;
      }
      return usableTotal;
    },
  };
}
