/**
 * Warm-up: one minimal request per model family on an account, so Google starts the account's
 * quota window now instead of at the first real request (the window's reset countdown only runs
 * once the quota is touched). Each call goes through the generation runner, with its retry rules
 * and cooldowns, and into the request log as `protocol: warmup`. An account that is resting, or
 * quota-protected for a model, is left alone for that model: warming it would spend the reserve.
 */
import { checkEligibility } from '../accounts/account-eligibility.js';
import type { Account } from '../accounts/account-schema.js';
import { checkQuotaProtection } from '../accounts/check-quota-protection.js';
import { toGatewayError } from '../errors/gateway-error.js';
import type { GenerationRequest, GenerationResult } from '../execution/run-generation.js';
import type { GeminiGenerateContentRequest } from '../canonical/gemini-schemas.js';
import type { CompletedRequest, RequestState } from '../monitor/completed-request.js';
import { createRequestId } from '../monitor/create-request-id.js';
import { LightAbortController } from '../util/light-abort-controller.js';
import { selectWarmUpModels } from './select-warm-up-models.js';

export interface WarmUpResult {
  email: string;
  model: string;
  status: 'warmed' | 'skipped' | 'failed';
  /** Why it was skipped or what failed; null when warmed. */
  detail: string | null;
}

export interface WarmUpDependencies {
  accounts: () => readonly Account[];
  /** `accounts.quota_protection_percent`. */
  protectionPercent: () => number;
  /** The generation runner over a pool of this one account (same retry rules, cooldowns and token handling). */
  runOnAccount: (email: string, request: GenerationRequest) => Promise<GenerationResult>;
  /** The request log's hook (monitor.record). */
  record: (completed: CompletedRequest) => void;
  /** Read the account's quotas again, so the new reset time shows. */
  refreshQuota?: (email: string) => Promise<unknown>;
  now: () => number;
}

/** The smallest request that counts as use: a one-word prompt, a few output tokens. */
export const warmUpRequest: GeminiGenerateContentRequest = {
  contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
  generationConfig: { maxOutputTokens: 8 },
};

export const warmUpPath = '/warmup';

export interface WarmUp {
  /**
   * One account (by email, any case), or every active account when none is given; `models` narrows
   * the account's warm-up models (select-warm-up-models.ts) to these.
   */
  warmUp(email?: string, options?: { models?: readonly string[] }): Promise<WarmUpResult[]>;
}

export function createWarmUp(deps: WarmUpDependencies): WarmUp {
  async function warmModel(snapshot: Account, model: string): Promise<WarmUpResult> {
    const startedAt = deps.now();
    // Read again: the model warmed before this one may have left a cooldown on the account.
    const account = deps.accounts().find((candidate) => candidate.email === snapshot.email) ?? snapshot;
    const eligibility = checkEligibility(account, model, startedAt);
    if (!eligibility.eligible) return { email: account.email, model, status: 'skipped', detail: eligibility.reason };
    const protection = checkQuotaProtection(account, model, deps.protectionPercent(), startedAt);
    if (protection.protected) return { email: account.email, model, status: 'skipped', detail: protection.reason };

    const state: RequestState = { requestId: createRequestId(startedAt), startedAt, protocol: 'warmup', model, mappedModel: model, attempts: [], stream: false };
    let status = 200;
    try {
      const result = await deps.runOnAccount(account.email, {
        upstreamModel: model,
        request: warmUpRequest,
        signal: new LightAbortController().signal,
        onAttempt: (attempt) => state.attempts.push(attempt),
      });
      state.accountEmail = result.accountEmail;
      for await (const event of result.events) {
        if (state.firstByteAt === undefined && event.type !== 'usage') state.firstByteAt = deps.now();
        if (event.type === 'usage' || event.type === 'finish') state.usage = event.usage;
      }
    } catch (error) {
      const gatewayError = toGatewayError(error);
      status = gatewayError.status;
      state.errorMessage = gatewayError.message;
    }
    deps.record({ method: 'POST', path: warmUpPath, status, endedAt: deps.now(), clientIp: undefined, finished: true, headersSent: true, contentType: 'application/json', state });
    return status === 200
      ? { email: account.email, model, status: 'warmed', detail: null }
      : { email: account.email, model, status: 'failed', detail: state.errorMessage ?? `status ${status}` };
  }

  async function warmAccount(account: Account, only: readonly string[] | undefined): Promise<WarmUpResult[]> {
    if (account.status !== 'active') {
      return [{ email: account.email, model: '*', status: 'skipped', detail: account.status }];
    }
    const results: WarmUpResult[] = [];
    // One model after the other: a warm-up is never in a hurry, and it stays out of the way of real traffic.
    for (const { model } of selectWarmUpModels(account)) {
      if (only === undefined || only.includes(model)) results.push(await warmModel(account, model));
    }
    if (results.some((result) => result.status === 'warmed')) await deps.refreshQuota?.(account.email)?.catch(() => undefined);
    return results;
  }

  return {
    async warmUp(email, options) {
      const accounts = deps.accounts();
      const targets =
        email === undefined
          ? accounts.filter((account) => account.status === 'active')
          : accounts.filter((account) => account.email.toLowerCase() === email.trim().toLowerCase());
      const perAccount = await Promise.all(targets.map((account) => warmAccount(account, options?.models)));
      return perAccount.flat();
    },
  };
}
