import { describe, expect, it } from 'vitest';
import type { Account } from './account-schema.js';
import type { GoogleSignIn } from './google-sign-in.js';
import { createSignInSessions } from './sign-in-sessions.js';
import { GatewayError } from '../errors/gateway-error.js';

/** A sign-in the test finishes by hand. */
function fakeSignIn(index: number) {
  let settle!: { resolve(account: Account): void; reject(error: unknown): void };
  const completion = new Promise<Account>((resolve, reject) => (settle = { resolve, reject }));
  completion.catch(() => undefined);
  const signIn: GoogleSignIn = {
    authorizeUrl: `https://accounts.example/auth?state=${index}`,
    redirectUri: `http://127.0.0.1:${5000 + index}/oauth-callback`,
    completion,
    submitManual: async () => completion,
    cancel: () => settle.reject(new GatewayError('invalid_request', 'The sign-in was cancelled', { code: 'sign_in_cancelled' })),
  };
  return { signIn, settle };
}

function setup() {
  let now = Date.parse('2026-03-04T12:00:00.000Z');
  const started: Array<ReturnType<typeof fakeSignIn>> = [];
  let ids = 0;
  const sessions = createSignInSessions({
    startGoogleSignIn: async () => {
      const next = fakeSignIn(started.length);
      started.push(next);
      return next.signIn;
    },
    now: () => now,
    createId: () => `signin_${(ids += 1)}`,
    maxPending: 2,
    keepFinishedMs: 60_000,
  });
  return { sessions, started, advance: (ms: number) => (now += ms) };
}

const account = { email: 'ada@example.com' } as Account;

describe('createSignInSessions', () => {
  it('tracks a sign-in from pending to its outcome', async () => {
    const { sessions, started } = setup();
    const view = await sessions.start();
    expect(view).toMatchObject({ id: 'signin_1', status: 'pending', redirectUri: 'http://127.0.0.1:5000/oauth-callback' });
    started[0]?.settle.resolve(account);
    await expect(sessions.complete('signin_1', 'anything')).resolves.toBe(account);
    expect(sessions.get('signin_1')).toMatchObject({ status: 'succeeded', email: 'ada@example.com' });
  });

  it('records failures and cancels', async () => {
    const { sessions, started } = setup();
    await sessions.start();
    await sessions.start();
    started[0]?.settle.reject(new GatewayError('timeout', 'The sign-in was not completed within 10 minutes', { code: 'sign_in_timeout' }));
    await Promise.resolve();
    expect(sessions.get('signin_1')).toMatchObject({ status: 'failed', error: { code: 'sign_in_timeout' } });
    expect(await sessions.cancel('signin_2')).toMatchObject({ status: 'cancelled' });
  });

  it('limits pending sign-ins and forgets finished ones after a while', async () => {
    const { sessions, started, advance } = setup();
    await sessions.start();
    await sessions.start();
    await expect(sessions.start()).rejects.toMatchObject({ code: 'too_many_sign_ins' });
    await sessions.cancel('signin_1');
    await expect(sessions.start()).resolves.toMatchObject({ id: 'signin_3' });
    expect(started).toHaveLength(3);
    advance(60_001);
    expect(sessions.get('signin_1')).toBeUndefined();
    expect(sessions.get('signin_2')).toMatchObject({ status: 'pending' });
    await expect(sessions.complete('signin_1', 'x')).rejects.toMatchObject({ kind: 'not_found' });
  });
});
