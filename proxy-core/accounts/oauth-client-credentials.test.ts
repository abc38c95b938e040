import { describe, expect, it } from 'vitest';
import { resolveOAuthClientCredentials } from './oauth-client-credentials.js';
import { GatewayError } from '../errors/gateway-error.js';

describe('resolveOAuthClientCredentials', () => {
  it('uses the Gemini CLI public installed-app client when nothing is configured', () => {
    expect(resolveOAuthClientCredentials({ oauth_client_id: '', oauth_client_secret: '' })).toEqual({
      clientId: '681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com',
      clientSecret: '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',
    });
  });

  it('lets configured values win', () => {
    expect(
      resolveOAuthClientCredentials({ oauth_client_id: ' my-client.apps.googleusercontent.com ', oauth_client_secret: 'my-secret' }),
    ).toEqual({ clientId: 'my-client.apps.googleusercontent.com', clientSecret: 'my-secret' });
  });

  it('never pairs a configured client id with the built-in secret', () => {
    expect(resolveOAuthClientCredentials({ oauth_client_id: 'my-client', oauth_client_secret: '' })).toEqual({
      clientId: 'my-client',
      clientSecret: '',
    });
  });

  it('refuses a configured secret without a client id', () => {
    expect(() => resolveOAuthClientCredentials({ oauth_client_id: '', oauth_client_secret: 'my-secret' })).toThrow(GatewayError);
  });
});
