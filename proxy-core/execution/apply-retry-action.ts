/** Write what a failed attempt taught us about the account: cooldowns, status, last error. */
import { allModels, type Account } from '../accounts/account-schema.js';
import type { RetryAction } from './retry-policy.js';

export interface AccountUpdater {
  updateAccount: (email: string, patch: Partial<Account>) => Promise<unknown>;
  refreshQuota?: (email: string) => void;
  logger?: { warn(message: string): void };
}

export function applyRetryAction(action: RetryAction, account: Account, model: string, deps: AccountUpdater): void {
  const patch: Partial<Account> = {};
  if (action.cooldown !== undefined) {
    const key = action.cooldown.scope === 'account' ? allModels : model;
    const previous = account.cooldowns[key];
    patch.cooldowns = {
      ...account.cooldowns,
      [key]: { until: new Date(action.cooldown.until).toISOString(), reason: action.cooldown.reason, strikes: (previous?.strikes ?? 0) + 1 },
    };
  }
  if (action.accountStatus !== undefined) {
    patch.status = action.accountStatus.status;
    patch.statusReason = action.accountStatus.reason;
    if (action.accountStatus.validationUrl !== undefined) patch.validationUrl = action.accountStatus.validationUrl;
  }
  patch.lastError = action.rule;
  // The store applies the change in memory at once (the next pick sees it); the disk write follows.
  deps.updateAccount(account.email, patch).catch((error: unknown) => {
    deps.logger?.warn(`Could not record the state of ${account.email}: ${(error as Error).message}`);
  });
  if (action.refreshQuota === true) deps.refreshQuota?.(account.email);
}
