/**
 * Which OAuth client signs refresh and code-exchange requests (UPSTREAM-PROTOCOL.md §12).
 */
import { GatewayError } from '../errors/gateway-error.js';
import type { UpstreamSettings } from '../config/settings-schema.js';

/*
 * The only built-in client is Gemini CLI's public installed-app client, which Google published in
 * the open-source google-gemini/gemini-cli repository (packages/core/src/code_assist/oauth2.ts)
 * with the note that an installed application's client secret is not treated as a secret
 * (https://developers.google.com/identity/protocols/oauth2#installed).
 */
const geminiCliClientId = '681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com';
const geminiCliClientSecret = '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';

/**
 * Configured values (settings, which SKYPORT_OAUTH_CLIENT_ID / SKYPORT_OAUTH_CLIENT_SECRET fill)
 * win over the built-in client. They are used as a pair: a refresh token only works with the
 * client that issued it, so mixing a configured id with the built-in secret (or the reverse)
 * could never succeed and is refused instead of failing later with a confusing `invalid_client`.
 */
export function resolveOAuthClientCredentials(
  upstream: Pick<UpstreamSettings, 'oauth_client_id' | 'oauth_client_secret'>,
): { clientId: string; clientSecret: string } {
  const clientId = upstream.oauth_client_id.trim();
  const clientSecret = upstream.oauth_client_secret.trim();
  if (clientId !== '') return { clientId, clientSecret };
  if (clientSecret !== '') {
    throw new GatewayError(
      'invalid_request',
      'upstream.oauth_client_secret is set but upstream.oauth_client_id is empty; set both (SKYPORT_OAUTH_CLIENT_ID and SKYPORT_OAUTH_CLIENT_SECRET) or neither',
      { param: 'upstream.oauth_client_id' },
    );
  }
  return { clientId: geminiCliClientId, clientSecret: geminiCliClientSecret };
}
