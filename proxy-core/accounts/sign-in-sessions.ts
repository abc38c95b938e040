/**
 * Sign-ins started through an API (the admin API, a web console) rather than in-process: each one
 * gets an id the client polls and completes by hand when its browser cannot reach the gateway's
 * loopback listener. Finished sign-ins are remembered for a while so a late poll still learns
 * the outcome; nothing here holds a token.
 */
import { randomUUID } from 'node:crypto';
import type { Account } from './account-schema.js';
import type { GoogleSignIn, GoogleSignInOptions } from './google-sign-in.js';
import { GatewayError, toGatewayError } from '../errors/gateway-error.js';

export type SignInSessionStatus = 'pending' | 'succeeded' | 'failed' | 'cancelled';

export interface SignInSessionView {
  id: string;
  status: SignInSessionStatus;
  authorizeUrl: string;
  redirectUri: string;
  startedAt: string;
  /** Set once succeeded. */
  email?: string;
  /** Set once failed or cancelled. */
  error?: { message: string; code?: string };
}

export interface SignInSessions {
  start(options?: GoogleSignInOptions): Promise<SignInSessionView>;
  get(id: string): SignInSessionView | undefined;
  complete(id: string, input: string): Promise<Account>;
  cancel(id: string): Promise<SignInSessionView | undefined>;
}

export interface SignInSessionsOptions {
  startGoogleSignIn(options?: GoogleSignInOptions): Promise<GoogleSignIn>;
  now?: () => number;
  createId?: () => string;
  /** Each pending sign-in holds a port open; default 5. */
  maxPending?: number;
  /** How long a finished sign-in stays visible; default 10 minutes. */
  keepFinishedMs?: number;
}

interface Session {
  view: SignInSessionView;
  signIn: GoogleSignIn;
  finishedAt?: number;
}

export function createSignInSessions(options: SignInSessionsOptions): SignInSessions {
  const now = options.now ?? Date.now;
  const createId = options.createId ?? (() => `signin_${randomUUID().replaceAll('-', '')}`);
  const maxPending = options.maxPending ?? 5;
  const keepFinishedMs = options.keepFinishedMs ?? 10 * 60_000;
  const sessions = new Map<string, Session>();

  // Pruned on use: no timer of its own to stop.
  function prune(): void {
    for (const [id, session] of sessions) {
      if (session.finishedAt !== undefined && now() - session.finishedAt > keepFinishedMs) sessions.delete(id);
    }
  }

  function find(id: string): Session {
    prune();
    const session = sessions.get(id);
    if (session === undefined) {
      throw new GatewayError('not_found', `No sign-in ${id} (finished sign-ins are forgotten after a while; start a new one)`, { code: 'sign_in_not_found' });
    }
    return session;
  }

  return {
    async start(startOptions) {
      prune();
      const pending = [...sessions.values()].filter((session) => session.view.status === 'pending').length;
      if (pending >= maxPending) {
        throw new GatewayError('rate_limit', `${pending} sign-ins are already waiting; finish or cancel one first`, { code: 'too_many_sign_ins' });
      }
      const signIn = await options.startGoogleSignIn(startOptions);
      const view: SignInSessionView = {
        id: createId(),
        status: 'pending',
        authorizeUrl: signIn.authorizeUrl,
        redirectUri: signIn.redirectUri,
        startedAt: new Date(now()).toISOString(),
      };
      const session: Session = { view, signIn };
      sessions.set(view.id, session);
      signIn.completion.then(
        (account) => {
          session.view = { ...session.view, status: 'succeeded', email: account.email };
          session.finishedAt = now();
        },
        (caught: unknown) => {
          const error = toGatewayError(caught);
          const status: SignInSessionStatus = error.code === 'sign_in_cancelled' ? 'cancelled' : 'failed';
          session.view = { ...session.view, status, error: { message: error.message, ...(error.code === undefined ? {} : { code: error.code }) } };
          session.finishedAt = now();
        },
      );
      return { ...view };
    },

    get(id) {
      prune();
      const session = sessions.get(id);
      return session === undefined ? undefined : { ...session.view };
    },

    async complete(id, input) {
      return find(id).signIn.submitManual(input);
    },

    async cancel(id) {
      prune();
      const session = sessions.get(id);
      if (session === undefined) return undefined;
      session.signIn.cancel();
      // Let the outcome land in the view (an already finished sign-in keeps its own).
      await session.signIn.completion.then(
        () => undefined,
        () => undefined,
      );
      return { ...session.view };
    },
  };
}
