/** A token failure is the account's problem: it reaches the retry policy as one, never as the caller's 401. */
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { getAccountAccessToken } from './get-account-access-token.js';
import { accountCredentialsFailed, decideRetryAction } from './retry-policy.js';

describe('getAccountAccessToken', () => {
  it("hands back the account's token", async () => {
    const asked: string[] = [];
    const token = await getAccountAccessToken(async (email) => {
      asked.push(email);
      return `ya29.${email}`;
    }, 'a@example.com');
    expect(token).toBe('ya29.a@example.com');
    expect(asked).toEqual(['a@example.com']);
  });

  it('turns a revoked refresh token into an upstream error about the account, which the retry policy rotates on', async () => {
    const revoked = new GatewayError('authentication', 'The refresh token was revoked.', { status: 401 });
    const error = await getAccountAccessToken(() => Promise.reject(revoked), 'a@example.com').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({
      kind: 'upstream',
      status: 502,
      code: accountCredentialsFailed,
      message: 'An account could not get a Google access token: The refresh token was revoked.',
      cause: revoked,
    });
    expect(decideRetryAction(error as GatewayError, { now: 0, attempt: 1, strikes: 0, retriedSameAccount: false, refreshedToken: false, strippedSignatures: false, otherAccountAvailable: true, jitter: 0 }).next).toBe('rotate');
  });

  it('keeps the details of an unexpected failure out of the message', async () => {
    const error = await getAccountAccessToken(() => Promise.reject(new Error('socket hang up at 10.0.0.1')), 'a@example.com').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'upstream', code: accountCredentialsFailed, message: 'An account could not get a Google access token: Internal gateway error' });
    expect((error as Error).message).not.toContain('10.0.0.1');
  });
});
