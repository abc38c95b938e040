/**
 * The account Gemini CLI signed in with: `~/.gemini/oauth_creds.json` (all systems; on Windows
 * `%USERPROFILE%\.gemini`), a google-auth-library credentials object `{access_token,
 * refresh_token, expiry_date, token_type, scope, id_token}`. Only the refresh token is taken.
 */
import { GatewayError } from '../../errors/gateway-error.js';
import type { ImportedToken } from './imported-token.js';

export function readGeminiCliCredentials(text: string, where: string): ImportedToken[] {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new GatewayError('invalid_request', `${where} is not Gemini CLI's credentials file (not valid JSON). Nothing was imported.`, { code: 'import_unknown_format' });
  }
  const token = typeof json === 'object' && json !== null ? (json as { refresh_token?: unknown }).refresh_token : undefined;
  if (typeof token !== 'string' || token.trim() === '') {
    throw new GatewayError('invalid_request', `${where} holds no "refresh_token": sign in to Gemini CLI with Google ("Login with Google") first. Nothing was imported.`, {
      code: 'import_nothing_found',
    });
  }
  return [{ where, token: token.trim() }];
}
