/** Write what a failed attempt taught us about the account: cooldowns, status, last error. */
import { allModels, type Account } from '../accounts/account-schema.js';
import type { AccountPatch } from '../accounts/account-store.js';
import type { RetryAction } from './retry-policy.js';

export interface AccountUpdater {
  updateAccount: (email: string, patch: AccountPatch) => Promise<unknown>;
  refreshQuota?: (email: string) => void;
  logger?: { warn(message: string): void };
}

export function applyRetryAction(action: RetryAction, account: Account, model: string, deps: AccountUpdater): void {
  // A function of the account as stored when applied: `account` is the copy leased when the
  // attempt began, and cooldowns set since by other requests must stay.
  const patch = (current: Account): Partial<Account> => {
    const fields: Partial<Account> = {};
    if (action.cooldown !== undefined) {
      const key = action.cooldown.scope === 'account' ? allModels : model;
      const previous = current.cooldowns[key];
      fields.cooldowns = {
        ...current.cooldowns,
        [key]: { until: new Date(action.cooldown.until).toISOString(), reason: action.cooldown.reason, strikes: (previous?.strikes ?? 0) + 1 },
      };
    }
    if (action.accountStatus !== undefined) {
      fields.status = action.accountStatus.status;
      fields.statusReason = action.accountStatus.reason;
      if (action.accountStatus.validationUrl !== undefined) fields.validationUrl = action.accountStatus.validationUrl;
    }
    fields.lastError = action.rule;
    return fields;
  };
  // The store applies the change in memory at once (the next pick sees it); the disk write follows.
  deps.updateAccount(account.email, patch).catch((error: unknown) => {
    deps.logger?.warn(`Could not record the state of ${account.email}: ${(error as Error).message}`);
  });
  if (action.refreshQuota === true) deps.refreshQuota?.(account.email);
}
