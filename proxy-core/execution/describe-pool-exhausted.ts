/** Nothing can serve the model now: say when capacity returns, without naming any account. */
import type { PickResult } from '../accounts/account-scheduler.js';
import { GatewayError } from '../errors/gateway-error.js';

export function describePoolExhausted(model: string, pick: Extract<PickResult, { kind: 'none' }>): GatewayError {
  if (pick.usableAccounts === 0) {
    return new GatewayError('no_account', 'No usable Google account: every account is disabled, forbidden or revoked. Check the Accounts page or "npm run skyport -- accounts list".');
  }
  // Quota protection is the user's own choice: say so, so a 429 is not taken for Google's limit.
  const protection = (pick.protectedAccounts ?? 0) > 0
    ? ' (accounts below accounts.quota_protection_percent are kept in reserve; set accounts.quota_protection_mode to fallback to use them when nothing else can serve)'
    : '';
  if (pick.retryAfterMs === undefined) {
    return new GatewayError('no_account', `No account can serve ${model} right now${protection}.`, protection === '' ? {} : { code: 'quota_protected' });
  }
  const seconds = Math.max(1, Math.ceil(pick.retryAfterMs / 1000));
  if (protection !== '') {
    return new GatewayError('rate_limit', `No account can serve ${model} now${protection}; capacity returns in about ${formatWait(seconds)}.`, {
      retryAfterSeconds: seconds,
      code: 'quota_protected',
    });
  }
  return new GatewayError('rate_limit', `All accounts are rate limited for ${model}; capacity returns in about ${formatWait(seconds)}.`, {
    retryAfterSeconds: seconds,
    code: 'all_accounts_rate_limited',
  });
}

function formatWait(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
