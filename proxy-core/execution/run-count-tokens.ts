/** A real token count through the upstream `countTokens` method, on any account that can serve the model. */
import type { AccountScheduler } from '../accounts/account-scheduler.js';
import { GatewayError, toGatewayError } from '../errors/gateway-error.js';
import type { GeminiContent } from '../canonical/gemini-schemas.js';
import type { CloudCodeApi } from '../upstream/cloud-code-api.js';
import { describePoolExhausted } from './describe-pool-exhausted.js';
import { getAccountAccessToken } from './get-account-access-token.js';
import { decideRetryAction } from './retry-policy.js';
import type { AbortSignalLike } from '../util/light-abort-controller.js';

export interface CountTokensDeps {
  scheduler: AccountScheduler;
  accessToken: (email: string) => Promise<string>;
  invalidateAccessToken: (email: string) => void;
  api: CloudCodeApi;
  maxAttempts: () => number;
  now?: () => number;
}

export function createCountTokensRunner(deps: CountTokensDeps) {
  const now = deps.now ?? Date.now;
  return async function runCountTokens(model: string, contents: GeminiContent[], signal?: AbortSignalLike): Promise<number> {
    const usable = deps.scheduler.usableCount();
    if (usable === 0) throw new GatewayError('no_account', 'No usable Google account to count tokens with.');
    const tried = new Set<string>();
    let lastError: GatewayError | undefined;
    // As for generation: one account gets every attempt (a passing fault is retried on it).
    for (let attempt = 1; attempt <= Math.max(1, deps.maxAttempts()); attempt += 1) {
      const pick = deps.scheduler.pick({ model, tried });
      if (pick.kind === 'none') throw lastError ?? describePoolExhausted(model, pick);
      const email = pick.account.email;
      tried.add(email);
      try {
        const accessToken = await getAccountAccessToken(deps.accessToken, email);
        return await deps.api.countTokens(signal === undefined ? { accessToken } : { accessToken, signal }, model, contents);
      } catch (error) {
        lastError = toGatewayError(error);
        // Counting never changes account state: a limit seen here is seen again by generation.
        const action = decideRetryAction(lastError, {
          now: now(),
          attempt,
          strikes: 0,
          retriedSameAccount: true,
          refreshedToken: false,
          strippedSignatures: true,
          // Counting never waits: the next pass picks again (the same account when it is the only one).
          otherAccountAvailable: true,
          jitter: 0,
        });
        if (action.next === 'fail') throw lastError;
        if (action.next === 'refresh_token') deps.invalidateAccessToken(email);
      }
    }
    throw lastError ?? new GatewayError('no_account', 'No usable Google account could count tokens.');
  };
}

export type CountTokensRunner = ReturnType<typeof createCountTokensRunner>;
