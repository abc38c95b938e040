/**
 * Can this account serve this model now, and if not, why and until when. Eligibility is per
 * model: an exhausted or cooling model does not stop the account serving other models.
 */
import { allModels, type Account } from './account-schema.js';

export type Eligibility =
  | { eligible: true }
  /** Usable again at `until` (epoch ms): a cooldown or an exhausted quota. */
  | { eligible: false; reason: string; until: number }
  /** Not usable until a person acts (revoked, forbidden, disabled). */
  | { eligible: false; reason: string; until?: undefined };

export function checkEligibility(account: Account, model: string, now: number): Eligibility {
  if (account.status !== 'active') {
    return { eligible: false, reason: account.statusReason === undefined ? account.status : `${account.status}: ${account.statusReason}` };
  }
  let blockedUntil = 0;
  let reason = '';
  for (const key of [model, allModels]) {
    const cooldown = account.cooldowns[key];
    if (cooldown === undefined) continue;
    const until = Date.parse(cooldown.until);
    if (until > now && until > blockedUntil) {
      blockedUntil = until;
      reason = `cooling down (${cooldown.reason}${key === allModels ? '' : ` on ${key}`})`;
    }
  }
  const quota = account.quotas[model];
  if (quota !== undefined && quota.remainingFraction <= 0) {
    const reset = quota.resetTime === undefined ? Number.NaN : Date.parse(quota.resetTime);
    // A reset time in the past means the stored figure is stale: let the account try.
    if (Number.isFinite(reset) && reset > now && reset > blockedUntil) {
      blockedUntil = reset;
      reason = `quota for ${model} exhausted`;
    }
  }
  return blockedUntil > 0 ? { eligible: false, reason, until: blockedUntil } : { eligible: true };
}

/** Remaining quota fraction for a model; accounts with no data yet count as full so they get used. */
export function remainingFraction(account: Account, model: string): number {
  return account.quotas[model]?.remainingFraction ?? 1;
}
