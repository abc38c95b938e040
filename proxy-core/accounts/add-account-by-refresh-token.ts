/**
 * Add (or re-add) an account from a refresh token: prove the token works, learn the email, find
 * the Cloud Code project, then read the quota. Nothing is stored unless the first three succeed;
 * the quota read is best-effort because the scheduler refreshes it later anyway.
 */
import type { Account, ModelQuota } from './account-schema.js';
import type { AccountStore } from './account-store.js';
import { convertAvailableModelsToQuotas } from './convert-available-models-to-quotas.js';
import { discoverProject } from './discover-project.js';
import { fetchUserInfo, refreshAccessToken, type OAuthHttp } from './google-oauth.js';
import { resolveOAuthClientCredentials } from './oauth-client-credentials.js';
import type { UpstreamSettings } from '../config/settings-schema.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { CloudCodeApi, UpstreamCallContext } from '../upstream/cloud-code-api.js';

export interface AddAccountDependencies {
  http: OAuthHttp;
  api: CloudCodeApi;
  store: AccountStore;
  upstream: UpstreamSettings;
  now?: () => Date;
  logger?: { warn(message: string): void };
}

export async function addAccountByRefreshToken(deps: AddAccountDependencies, refreshToken: string): Promise<Account> {
  const now = deps.now ?? (() => new Date());
  const token = checkRefreshToken(refreshToken);
  const { clientId, clientSecret } = resolveOAuthClientCredentials(deps.upstream);

  const tokens = await refreshAccessToken(deps.http, {
    tokenUrl: deps.upstream.oauth_token_url,
    clientId,
    clientSecret,
    refreshToken: token,
    now: () => now().getTime(),
  });
  const user = await fetchUserInfo(deps.http, { userinfoUrl: deps.upstream.userinfo_url, accessToken: tokens.accessToken });
  const existing = deps.store.get(user.email);

  const context: UpstreamCallContext = { accessToken: tokens.accessToken };
  if (existing?.upstreamProxy) context.proxyUrl = existing.upstreamProxy;
  const { projectId, tier } = await discoverProject(deps.api, context);

  let quotas: Record<string, ModelQuota> | undefined;
  let quotaError: string | undefined;
  try {
    quotas = convertAvailableModelsToQuotas(await deps.api.fetchAvailableModels(context, projectId));
  } catch (error) {
    quotaError = `Quota refresh failed: ${error instanceof Error ? error.message : String(error)}`;
    deps.logger?.warn(`Added ${user.email} without quota data; ${quotaError}`);
  }

  const addedAt = now().toISOString();
  const account: Account = {
    email: user.email,
    // Google may rotate the token on refresh; the new one is the one that keeps working.
    refreshToken: tokens.refreshToken ?? token,
    projectId,
    tier,
    status: 'active',
    addedAt: existing?.addedAt ?? addedAt,
    lastUsedAt: existing?.lastUsedAt,
    lastError: quotaError,
    quotas: quotas ?? existing?.quotas ?? {},
    quotasUpdatedAt: quotas ? addedAt : existing?.quotasUpdatedAt,
    upstreamProxy: existing?.upstreamProxy,
    // A fresh token starts with a clean slate: old cooldowns belonged to the old session.
    cooldowns: {},
  };
  return deps.store.upsert(withoutUndefined(account));
}

function checkRefreshToken(refreshToken: string): string {
  const token = refreshToken.trim();
  if (token === '') {
    throw new GatewayError('invalid_request', 'The refresh token is empty', { param: 'refresh_token' });
  }
  // A common paste mistake; Google would only answer invalid_grant.
  if (token.startsWith('ya29.')) {
    throw new GatewayError(
      'invalid_request',
      'This is an access token, not a refresh token; paste the refresh token (it usually starts with "1//")',
      { param: 'refresh_token' },
    );
  }
  return token;
}

function withoutUndefined(account: Account): Account {
  return Object.fromEntries(Object.entries(account).filter(([, value]) => value !== undefined)) as Account;
}
