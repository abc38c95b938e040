/** A real token count through the upstream `countTokens` method, on any usable account. */
import type { AccountScheduler } from '../accounts/account-scheduler.js';
import { GatewayError, toGatewayError } from '../errors/gateway-error.js';
import type { GeminiContent } from '../protocols/gemini/gemini-schemas.js';
import type { CloudCodeApi } from '../upstream/cloud-code-api.js';
import { decideRetry } from './decide-retry.js';

export interface CountTokensDeps {
  scheduler: AccountScheduler;
  accessToken: (email: string) => Promise<string>;
  invalidateAccessToken: (email: string) => void;
  api: CloudCodeApi;
  maxAttempts: () => number;
}

export function createCountTokensRunner(deps: CountTokensDeps) {
  return async function runCountTokens(model: string, contents: GeminiContent[], signal?: AbortSignal): Promise<number> {
    const usable = deps.scheduler.usableCount();
    if (usable === 0) throw new GatewayError('no_account', 'No usable Google account to count tokens with.');
    const tried = new Set<string>();
    let lastError: GatewayError | undefined;
    for (let attempt = 0; attempt < Math.max(1, Math.min(deps.maxAttempts(), usable + 1)); attempt += 1) {
      const account = deps.scheduler.pick(model, tried);
      if (account === undefined) break;
      tried.add(account.email);
      try {
        const accessToken = await deps.accessToken(account.email);
        return await deps.api.countTokens(signal === undefined ? { accessToken } : { accessToken, signal }, model, contents);
      } catch (error) {
        lastError = toGatewayError(error);
        const decision = decideRetry(lastError, { strippedSignatures: true });
        if (decision === 'fail') throw lastError;
        if (decision === 'refresh_token') deps.invalidateAccessToken(account.email);
      }
    }
    throw lastError ?? new GatewayError('no_account', 'No usable Google account could count tokens.');
  };
}

export type CountTokensRunner = ReturnType<typeof createCountTokensRunner>;
