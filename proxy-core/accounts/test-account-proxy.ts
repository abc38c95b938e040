/**
 * The Accounts page's proxy "Test": a real token refresh for the account through the proxy under
 * test (a dispatcher of its own from create-upstream-dispatcher.ts, closed afterwards, so a URL
 * not yet saved leaves nothing behind), then a quota read through the same proxy with that token
 * (the gateway's own Cloud Code client, which picks its pooled dispatcher by the same URL).
 * Nothing is stored. The outcome never carries a token: the refresh token, the fresh access token
 * and the proxy password are scrubbed from any message.
 */
import type { Dispatcher } from 'undici';
import type { Account } from './account-schema.js';
import { maskProxyPassword } from './describe-account.js';
import type { OAuthHttp, OAuthTokens } from './google-oauth.js';
import { toGatewayError } from '../errors/gateway-error.js';
import type { CloudCodeApi } from '../upstream/cloud-code-api.js';

export interface AccountProxyTestDependencies {
  /** A fresh dispatcher through `proxyUrl` ('' = direct): createUpstreamDispatcher. */
  createDispatcher(proxyUrl: string): Dispatcher;
  /** OAuth HTTP over a dispatcher: createUndiciOAuthHttp. */
  oauthHttp(dispatcher: Dispatcher): OAuthHttp;
  /** The token endpoint call (google-oauth.ts refreshAccessToken with the configured client). */
  refreshAccessToken(http: OAuthHttp, refreshToken: string): Promise<OAuthTokens>;
  api: Pick<CloudCodeApi, 'fetchAvailableModels'>;
  now: () => number;
}

export interface AccountProxyTestResult {
  ok: boolean;
  /** Which call failed, when one did. */
  step: 'token_refresh' | 'quota_read' | null;
  /** Wall time of both calls (or up to the failure). */
  latency_ms: number;
  /** The proxy used, password masked; null = direct. */
  proxy: string | null;
  /** Models the quota read returned. */
  models: number | null;
  error: string | null;
}

export async function testAccountProxy(deps: AccountProxyTestDependencies, account: Account, proxyUrl: string): Promise<AccountProxyTestResult> {
  const started = deps.now();
  const proxy = proxyUrl === '' ? null : maskProxyPassword(proxyUrl);
  const secrets = [account.refreshToken, passwordOf(proxyUrl)];
  const failed = (step: 'token_refresh' | 'quota_read', error: unknown): AccountProxyTestResult => ({
    ok: false,
    step,
    latency_ms: deps.now() - started,
    proxy,
    models: null,
    error: scrub(toGatewayError(error).message, secrets),
  });

  let dispatcher: Dispatcher;
  try {
    dispatcher = deps.createDispatcher(proxyUrl);
  } catch (error) {
    return failed('token_refresh', error);
  }
  try {
    let tokens: OAuthTokens;
    try {
      tokens = await deps.refreshAccessToken(deps.oauthHttp(dispatcher), account.refreshToken);
    } catch (error) {
      return failed('token_refresh', error);
    }
    secrets.push(tokens.accessToken);
    try {
      const context = { accessToken: tokens.accessToken, ...(proxyUrl === '' ? {} : { proxyUrl }) };
      const response = await deps.api.fetchAvailableModels(context, account.projectId);
      return { ok: true, step: null, latency_ms: deps.now() - started, proxy, models: Object.keys(response.models ?? {}).length, error: null };
    } catch (error) {
      return failed('quota_read', error);
    }
  } finally {
    void dispatcher.close().catch(() => undefined);
  }
}

function passwordOf(proxyUrl: string): string {
  try {
    return decodeURIComponent(new URL(proxyUrl).password);
  } catch {
    return '';
  }
}

function scrub(message: string, secrets: readonly string[]): string {
  let text = message;
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('[redacted]');
  return text;
}
