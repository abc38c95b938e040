/**
 * Add (or re-add) an account from a refresh token: prove the token works, then hand over to
 * addAccountFromTokens (email, project, quota, store). Nothing is stored unless the token, the
 * email and the project check out.
 */
import type { Account } from './account-schema.js';
import { addAccountFromTokens, type AddAccountDependencies } from './add-account-from-tokens.js';
import { refreshAccessToken } from './google-oauth.js';
import { resolveOAuthClientCredentials } from './oauth-client-credentials.js';
import { GatewayError } from '../errors/gateway-error.js';

export type { AddAccountDependencies } from './add-account-from-tokens.js';

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
  // Google may rotate the token on refresh; the new one is the one that keeps working.
  return addAccountFromTokens(deps, { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? token });
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
