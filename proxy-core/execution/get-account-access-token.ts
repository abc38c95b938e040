import { GatewayError, toGatewayError } from '../errors/gateway-error.js';
import { accountCredentialsFailed } from './retry-policy.js';

/**
 * An account's access token. A token failure (revoked refresh token, token endpoint down) is
 * about the account, never about the caller's request or key: it must not reach the client as
 * a 400 or a 401, and the retry policy moves to another account.
 */
export async function getAccountAccessToken(accessToken: (email: string) => Promise<string>, email: string): Promise<string> {
  try {
    return await accessToken(email);
  } catch (error) {
    const cause = toGatewayError(error);
    throw new GatewayError('upstream', `An account could not get a Google access token: ${cause.message}`, { code: accountCredentialsFailed, cause });
  }
}
