/**
 * The one way an account enters the pool, whatever proved its tokens (a refresh-token exchange or
 * a sign-in code exchange): learn the email, find the Cloud Code project, read the quota, store.
 * Nothing is stored unless the email and the project are known; the quota read is best-effort
 * because the quota refresher reads it again anyway.
 */
import type { Account, ModelQuota } from './account-schema.js';
import type { AccountStore } from './account-store.js';
import { convertAvailableModelsToQuotas } from './convert-available-models-to-quotas.js';
import { discoverProject } from './discover-project.js';
import { fetchUserInfo, type OAuthHttp } from './google-oauth.js';
import type { UpstreamSettings } from '../config/settings-schema.js';
import type { CloudCodeApi, UpstreamCallContext } from '../upstream/cloud-code-api.js';

export interface AddAccountDependencies {
  http: OAuthHttp;
  api: CloudCodeApi;
  store: AccountStore;
  upstream: UpstreamSettings;
  now?: () => Date;
  logger?: { warn(message: string): void };
}

export interface VerifiedTokens {
  /** A working access token, fresh from the token endpoint. */
  accessToken: string;
  /** The refresh token to keep. */
  refreshToken: string;
}

export async function addAccountFromTokens(
  deps: AddAccountDependencies,
  tokens: VerifiedTokens,
  options: { signal?: AbortSignal } = {},
): Promise<Account> {
  const now = deps.now ?? (() => new Date());
  const { signal } = options;
  const user = await fetchUserInfo(deps.http, {
    userinfoUrl: deps.upstream.userinfo_url,
    accessToken: tokens.accessToken,
    ...(signal === undefined ? {} : { signal }),
  });
  signal?.throwIfAborted();
  const existing = deps.store.get(user.email);

  const context: UpstreamCallContext = { accessToken: tokens.accessToken };
  if (existing?.upstreamProxy) context.proxyUrl = existing.upstreamProxy;
  if (signal !== undefined) context.signal = signal;
  const { projectId, tier } = await discoverProject(deps.api, context);

  let quotas: Record<string, ModelQuota> | undefined;
  let quotaError: string | undefined;
  try {
    quotas = convertAvailableModelsToQuotas(await deps.api.fetchAvailableModels(context, projectId));
  } catch (error) {
    signal?.throwIfAborted();
    quotaError = `Quota refresh failed: ${error instanceof Error ? error.message : String(error)}`;
    deps.logger?.warn(`Added ${user.email} without quota data; ${quotaError}`);
  }
  // The last moment a cancelled sign-in can still leave the pool untouched.
  signal?.throwIfAborted();

  const addedAt = now().toISOString();
  const account: Account = {
    email: user.email,
    refreshToken: tokens.refreshToken,
    projectId,
    tier,
    status: 'active',
    addedAt: existing?.addedAt ?? addedAt,
    lastUsedAt: existing?.lastUsedAt,
    lastError: quotaError,
    quotas: quotas ?? existing?.quotas ?? {},
    quotasUpdatedAt: quotas ? addedAt : existing?.quotasUpdatedAt,
    upstreamProxy: existing?.upstreamProxy,
    // Fresh tokens start with a clean slate: old cooldowns belonged to the old session.
    cooldowns: {},
  };
  return deps.store.upsert(withoutUndefined(account));
}

function withoutUndefined(account: Account): Account {
  return Object.fromEntries(Object.entries(account).filter(([, value]) => value !== undefined)) as Account;
}
