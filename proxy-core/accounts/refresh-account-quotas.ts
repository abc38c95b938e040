/**
 * Read one account's per-model quota again (`fetchAvailableModels`, UPSTREAM-PROTOCOL.md §10)
 * and store it. A 403 says the account itself is refused: it is marked `forbidden`, or
 * `validation_required` with the URL where the user verifies it (ANCHOR-ANTIGRAVITY-MANAGER.md
 * §8.6), and the call resolves with the marked account; the scheduler then leaves it alone.
 * Any other failure is recorded as the account's last error and thrown.
 */
import type { Account, AccountStatus } from './account-schema.js';
import type { AccountStore } from './account-store.js';
import { convertAvailableModelsToQuotas } from './convert-available-models-to-quotas.js';
import { GatewayError, toGatewayError } from '../errors/gateway-error.js';
import type { CloudCodeApi, FetchAvailableModelsResponse, UpstreamCallContext } from '../upstream/cloud-code-api.js';

export interface RefreshAccountQuotasDependencies {
  store: AccountStore;
  api: Pick<CloudCodeApi, 'fetchAvailableModels'>;
  /** A valid access token for the account (the token manager: cached, refreshed, revocation noted). */
  accessToken(email: string): Promise<string>;
  now?: () => number;
  /** Aborts the upstream call when the gateway closes. */
  signal?: AbortSignal;
}

export const quotaRefreshErrorPrefix = 'Quota refresh failed: ';

/** Statuses a successful read proves wrong: the account answers again. */
const recoverableStatuses = new Set<AccountStatus>(['forbidden', 'validation_required']);

export async function refreshAccountQuotas(deps: RefreshAccountQuotasDependencies, email: string): Promise<Account> {
  const now = deps.now ?? Date.now;
  const account = deps.store.get(email);
  if (account === undefined) throw new GatewayError('not_found', `No account ${email}`, { code: 'account_not_found' });

  let response: FetchAvailableModelsResponse;
  try {
    const context: UpstreamCallContext = { accessToken: await deps.accessToken(account.email) };
    if (account.upstreamProxy) context.proxyUrl = account.upstreamProxy;
    if (deps.signal !== undefined) context.signal = deps.signal;
    response = await fetchWithProjectFallback(deps.api, context, account.projectId);
  } catch (caught) {
    deps.signal?.throwIfAborted();
    const error = toGatewayError(caught);
    if (error.upstream?.status === 403) return markRefused(deps.store, account, error);
    // The token manager has already marked a revoked token; its status says more than lastError.
    await deps.store.update(account.email, { lastError: `${quotaRefreshErrorPrefix}${error.message}` });
    throw error;
  }
  deps.signal?.throwIfAborted();

  const patch: Partial<Account> = {
    quotas: convertAvailableModelsToQuotas(response),
    quotasUpdatedAt: new Date(now()).toISOString(),
  };
  const current = deps.store.get(account.email) ?? account;
  if (current.lastError?.startsWith(quotaRefreshErrorPrefix)) patch.lastError = undefined;
  if (recoverableStatuses.has(current.status)) {
    Object.assign(patch, { status: 'active', statusReason: undefined, validationUrl: undefined });
  }
  const updated = await deps.store.update(account.email, patch);
  if (updated === undefined) throw new GatewayError('not_found', `Account ${account.email} was removed during the quota refresh`, { code: 'account_not_found' });
  return updated;
}

/** Some accounts are refused with their project and served without one (ANCHOR-ANTIGRAVITY-MANAGER.md §8.6). */
async function fetchWithProjectFallback(
  api: RefreshAccountQuotasDependencies['api'],
  context: UpstreamCallContext,
  projectId: string | undefined,
): Promise<FetchAvailableModelsResponse> {
  try {
    return await api.fetchAvailableModels(context, projectId);
  } catch (error) {
    const refusedWithProject =
      projectId !== undefined && error instanceof GatewayError && error.upstream?.status === 403 && error.upstream.reason !== 'VALIDATION_REQUIRED';
    if (!refusedWithProject) throw error;
    return api.fetchAvailableModels(context, undefined);
  }
}

async function markRefused(store: AccountStore, account: Account, error: GatewayError): Promise<Account> {
  const lastError = `${quotaRefreshErrorPrefix}${error.message}`;
  // The user's "disabled" and a dead token say more than the 403 does.
  const current = store.get(account.email) ?? account;
  if (current.status === 'disabled' || current.status === 'revoked') return (await store.update(account.email, { lastError })) ?? current;
  const validation = error.upstream?.reason === 'VALIDATION_REQUIRED';
  const patch: Partial<Account> = validation
    ? {
        status: 'validation_required',
        statusReason: 'Google requires this account to be verified in a browser',
        validationUrl: error.upstream?.validationUrl,
      }
    : { status: 'forbidden', statusReason: error.message, validationUrl: undefined };
  patch.lastError = lastError;
  return (await store.update(account.email, patch)) ?? current;
}
