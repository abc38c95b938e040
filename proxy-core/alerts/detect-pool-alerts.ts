/**
 * Compares the pool with how it was and says what crossed a line: an account fell below the quota
 * protection threshold for a model, every account for a model is resting, an account left the
 * pool (revoked, forbidden, needs verification). Pure: the watcher keeps the state between calls.
 * The first call only takes a baseline: alerts are about changes, not about how things stood
 * when the gateway started.
 */
import { checkEligibility } from '../accounts/account-eligibility.js';
import { allModels, type Account, type AccountStatus } from '../accounts/account-schema.js';
import { checkQuotaProtection } from '../accounts/check-quota-protection.js';
import type { QuotaProtectionMode } from '../config/settings-schema.js';
import type { GatewayAlertInput } from './gateway-alert.js';

export interface PoolAlertState {
  statuses: ReadonlyMap<string, AccountStatus>;
  /** `email\0model` pairs below the protection threshold. */
  lowQuota: ReadonlySet<string>;
  /** Models no account can serve, with when the first account is back (Infinity: not by itself). */
  unavailable: ReadonlyMap<string, number>;
}

export interface PoolAlertSettings {
  protectionPercent: number;
  protectionMode: QuotaProtectionMode;
}

/** A model resting for less than this is not worth telling anyone about: it is back before they could act. */
export const minimumRestForAlertMs = 60_000;

const leftPoolStatuses = new Set<AccountStatus>(['forbidden', 'validation_required', 'revoked']);

export function detectPoolAlerts(
  previous: PoolAlertState | undefined,
  accounts: readonly Account[],
  settings: PoolAlertSettings,
  now: number,
): { alerts: GatewayAlertInput[]; state: PoolAlertState } {
  const alerts: GatewayAlertInput[] = [];
  const statuses = new Map<string, AccountStatus>();
  const lowQuota = new Set<string>();
  const unavailable = new Map<string, number>();
  const active = accounts.filter((account) => account.status === 'active');

  for (const account of accounts) {
    statuses.set(account.email, account.status);
    if (previous?.statuses.get(account.email) === 'active' && leftPoolStatuses.has(account.status)) {
      alerts.push({ kind: 'account_left_pool', severity: 'error', account: account.email, message: describeLeaving(account) });
    }
  }

  for (const account of active) {
    for (const [model, quota] of Object.entries(account.quotas)) {
      const protection = checkQuotaProtection(account, model, settings.protectionPercent, now);
      if (!protection.protected) continue;
      const key = `${account.email}\u0000${model}`;
      lowQuota.add(key);
      if (previous === undefined || previous.lowQuota.has(key)) continue;
      const left = Math.round(quota.remainingFraction * 1000) / 10;
      const reserve = settings.protectionMode === 'strict' ? 'it is kept in reserve for this model' : 'it serves this model only when no other account can';
      const reset = protection.until === undefined ? '' : ` until its quota resets in ${formatDuration(protection.until - now)}`;
      alerts.push({
        kind: 'quota_low',
        severity: 'warning',
        account: account.email,
        model,
        message: `${account.email} has ${left}% of ${quota.displayName ?? model} left, below the ${settings.protectionPercent}% quota protection threshold: ${reserve}${reset}.`,
      });
    }
  }

  for (const model of modelsOf(active)) {
    let backAt = Number.POSITIVE_INFINITY;
    let usable = false;
    for (const account of active) {
      const eligibility = checkEligibility(account, model, now);
      if (!eligibility.eligible) {
        if (eligibility.until !== undefined) backAt = Math.min(backAt, eligibility.until);
        continue;
      }
      const protection = settings.protectionMode === 'strict' ? checkQuotaProtection(account, model, settings.protectionPercent, now) : undefined;
      if (protection?.protected !== true) {
        usable = true;
        break;
      }
      if (protection.until !== undefined) backAt = Math.min(backAt, protection.until);
    }
    if (usable || backAt - now < minimumRestForAlertMs) continue;
    unavailable.set(model, backAt);
    const before = previous?.unavailable.get(model);
    // Still the same outage (it has not ended by itself since): already told.
    if (previous === undefined || (before !== undefined && before > now)) continue;
    const when = Number.isFinite(backAt) ? `capacity returns in about ${formatDuration(backAt - now)}` : 'no account comes back by itself';
    alerts.push({
      kind: 'model_unavailable',
      severity: 'warning',
      model,
      message: `Every account is resting for ${model}: requests for it get 429 until then; ${when}.`,
    });
  }

  return { alerts, state: { statuses, lowQuota, unavailable } };
}

/** Every model some active account has quota data or a cooldown for. */
function modelsOf(accounts: readonly Account[]): Set<string> {
  const models = new Set<string>();
  for (const account of accounts) {
    for (const model of Object.keys(account.quotas)) models.add(model);
    for (const model of Object.keys(account.cooldowns)) if (model !== allModels) models.add(model);
  }
  return models;
}

function describeLeaving(account: Account): string {
  const why = account.statusReason === undefined ? '' : ` (${account.statusReason})`;
  switch (account.status) {
    case 'revoked':
      return `${account.email} left the pool: its sign-in no longer works${why}. Sign in with it again to use it.`;
    case 'validation_required':
      return `${account.email} left the pool: Google asks to verify the account${why}. Open its verification link on the Accounts page, then enable it.`;
    default:
      return `${account.email} left the pool: Google refused the account${why}. It is not used until you enable it again.`;
  }
}

function formatDuration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
