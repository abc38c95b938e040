/** Nothing can serve the model now: say when capacity returns, without naming any account. */
import type { PickResult } from '../accounts/account-scheduler.js';
import { GatewayError } from '../errors/gateway-error.js';

export function describePoolExhausted(model: string, pick: Extract<PickResult, { kind: 'none' }>): GatewayError {
  if (pick.usableAccounts === 0) {
    return new GatewayError('no_account', 'No usable Google account: every account is disabled, forbidden or revoked. Check the Accounts page or "npm run skyport -- accounts list".');
  }
  if (pick.retryAfterMs === undefined) {
    return new GatewayError('no_account', `No account can serve ${model} right now.`);
  }
  const seconds = Math.max(1, Math.ceil(pick.retryAfterMs / 1000));
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
