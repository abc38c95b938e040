/**
 * Sign in with Google: the installed-app authorization-code flow with PKCE and a loopback
 * redirect (https://developers.google.com/identity/protocols/oauth2/native-app; RFC 8252 §7.3).
 *
 * A listener on 127.0.0.1 and a free port waits for the browser to come back with `code` and
 * `state`; when the browser cannot reach it (Skyport on another machine), the user pastes the
 * address or the code instead (`submitManual`). Either way the code is exchanged once, and the
 * account is stored only after the token, userinfo and project discovery all succeed. The
 * listener closes after the one callback, on cancel, or on timeout.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Account } from './account-schema.js';
import type { VerifiedTokens } from './add-account-from-tokens.js';
import { buildGoogleAuthorizeUrl } from './build-google-authorize-url.js';
import { createPkcePair } from './create-pkce-pair.js';
import { exchangeAuthorizationCode, type OAuthHttp } from './google-oauth.js';
import { resolveOAuthClientCredentials } from './oauth-client-credentials.js';
import { parseSignInInput, type SignInInput } from './parse-sign-in-input.js';
import { renderSignInPage } from './render-sign-in-page.js';
import type { UpstreamSettings } from '../config/settings-schema.js';
import { GatewayError } from '../errors/gateway-error.js';
import { safeEqual } from '../util/safe-equal.js';

export interface GoogleSignIn {
  /** Open this in a browser (Google's consent page). */
  authorizeUrl: string;
  /** `http://127.0.0.1:PORT/oauth-callback`, where Google sends the browser back. */
  redirectUri: string;
  /** The stored account once the sign-in succeeded; rejects on failure, cancel or timeout. */
  completion: Promise<Account>;
  /**
   * Finish by hand with the address the browser ended on or the bare code. Rejects without
   * ending the sign-in when the input is unusable or belongs to another sign-in, so the user can
   * paste again; otherwise settles like `completion`.
   */
  submitManual(input: string): Promise<Account>;
  cancel(): void;
}

export interface GoogleSignInOptions {
  /** How long to wait for the user; default 10 minutes (Google's codes expire about then anyway). */
  timeoutMs?: number;
  /** Loopback port for the redirect; default 0 = any free port. */
  callbackPort?: number;
}

export interface GoogleSignInDependencies extends GoogleSignInOptions {
  upstream: Pick<UpstreamSettings, 'oauth_authorize_url' | 'oauth_token_url' | 'oauth_client_id' | 'oauth_client_secret'>;
  http: OAuthHttp;
  /** Verify the account behind proven tokens and store it (addAccountFromTokens bound to the pool). */
  addAccount(tokens: VerifiedTokens, options: { signal: AbortSignal }): Promise<Account>;
  /** Starts a timer and returns the function that cancels it. */
  setTimer?: (callback: () => void, delayMs: number) => () => void;
  randomBytes?: (size: number) => Buffer;
  now?: () => number;
  logger?: { warn(message: string): void };
}

export const defaultSignInTimeoutMs = 10 * 60_000;
const callbackPath = '/oauth-callback';
const loopbackHost = '127.0.0.1';

type Phase = 'waiting' | 'exchanging' | 'done';

export async function startGoogleSignIn(deps: GoogleSignInDependencies): Promise<GoogleSignIn> {
  // Before any port is opened: a half-configured OAuth client is reported at once.
  const { clientId, clientSecret } = resolveOAuthClientCredentials(deps.upstream);
  const setTimer = deps.setTimer ?? defaultSetTimer;
  const timeoutMs = deps.timeoutMs ?? defaultSignInTimeoutMs;
  const pkce = createPkcePair(deps.randomBytes ?? nodeRandomBytes);

  let phase: Phase = 'waiting';
  const abort = new AbortController();
  let settle!: { resolve(account: Account): void; reject(error: unknown): void };
  const completion = new Promise<Account>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Callers may only ever use submitManual; an unobserved failure must not crash the process.
  completion.catch(() => undefined);

  const server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      deps.logger?.warn(`Sign-in callback failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) sendPage(response, 500, { ok: false, message: 'Skyport could not finish the sign-in.' });
    });
  });
  const port = await listen(server, deps.callbackPort ?? 0);
  server.on('error', (error) => deps.logger?.warn(`Sign-in listener failed: ${error.message}`));
  const redirectUri = `http://${loopbackHost}:${port}${callbackPath}`;
  const allowedHosts = new Set([`${loopbackHost}:${port}`, `localhost:${port}`]);
  const cancelTimeout = setTimer(() => {
    const minutes = Math.round(timeoutMs / 60_000);
    const duration = minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.round(timeoutMs / 1000)} seconds`;
    finish({ error: new GatewayError('timeout', `The sign-in was not completed within ${duration}; start it again`, { code: 'sign_in_timeout' }) });
  }, timeoutMs);

  function finish(outcome: { account: Account } | { error: GatewayError }): void {
    if (phase === 'done') return;
    phase = 'done';
    cancelTimeout();
    server.close();
    // Idle keep-alive sockets (favicon requests…) would hold the port; the answer in flight goes out with Connection: close.
    server.closeIdleConnections();
    if ('account' in outcome) {
      settle.resolve(outcome.account);
    } else {
      abort.abort(outcome.error);
      settle.reject(outcome.error);
    }
  }

  async function exchange(code: string, manual: boolean): Promise<Account> {
    phase = 'exchanging';
    try {
      const tokens = await exchangeAuthorizationCode(deps.http, {
        tokenUrl: deps.upstream.oauth_token_url,
        clientId,
        clientSecret,
        code,
        redirectUri,
        codeVerifier: pkce.codeVerifier,
        signal: abort.signal,
        ...(deps.now === undefined ? {} : { now: deps.now }),
      });
      const account = await deps.addAccount({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }, { signal: abort.signal });
      if (abort.signal.aborted) throw abort.signal.reason;
      finish({ account });
      return account;
    } catch (caught) {
      if ((phase as Phase) === 'done') return completion;
      const error = toSignInError(caught);
      // A mistyped code never reached Google as a real one: let the user paste again.
      if (manual && error.code === 'invalid_grant') {
        phase = 'waiting';
        throw error;
      }
      finish({ error });
      throw error;
    }
  }

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://${loopbackHost}`);
    if (request.method !== 'GET' || url.pathname !== callbackPath) {
      sendPage(response, 404, { ok: false, message: 'Not found.' });
      return;
    }
    // Only the browser following Google's redirect, never a page that rebinds a name to 127.0.0.1.
    if (!allowedHosts.has(String(request.headers.host ?? '').toLowerCase())) {
      sendPage(response, 400, { ok: false, message: 'Unexpected Host header.' });
      return;
    }
    const answer = readCallback(url.searchParams);
    if (answer.state === undefined || !safeEqual(answer.state, pkce.state)) {
      // Not ours (a stale tab, another sign-in, a forged request): refuse it and keep waiting for the real one.
      sendPage(response, 400, { ok: false, message: 'This answer does not belong to the sign-in in progress (its state does not match).' });
      return;
    }
    if (phase !== 'waiting') {
      const message = phase === 'exchanging' ? 'This sign-in is already being completed.' : 'This sign-in has already finished.';
      sendPage(response, 409, { ok: false, message });
      return;
    }
    if (answer.kind === 'error') {
      const error = describeAuthorizationError(answer);
      finish({ error });
      sendPage(response, 400, { ok: false, message: error.message });
      return;
    }
    if (answer.code.trim() === '') {
      const error = new GatewayError('upstream', "Google's answer had no code in it; start the sign-in again", { code: 'authorization_error' });
      finish({ error });
      sendPage(response, 400, { ok: false, message: error.message });
      return;
    }
    try {
      const account = await exchange(answer.code, false);
      sendPage(response, 200, { ok: true, email: account.email });
    } catch (error) {
      sendPage(response, 502, { ok: false, message: toSignInError(error).message });
    }
  }

  return {
    authorizeUrl: buildGoogleAuthorizeUrl({
      authorizeUrl: deps.upstream.oauth_authorize_url,
      clientId,
      redirectUri,
      codeChallenge: pkce.codeChallenge,
      state: pkce.state,
    }),
    redirectUri,
    completion,
    async submitManual(input) {
      // Already answered through the loopback (or finished): the outcome is the same.
      if (phase !== 'waiting') return completion;
      const answer = parseSignInInput(input);
      if (answer.state !== undefined && !safeEqual(answer.state, pkce.state)) {
        throw new GatewayError('invalid_request', 'That address belongs to another sign-in (its state does not match); paste the address from this sign-in', {
          code: 'state_mismatch',
          param: 'input',
        });
      }
      if (answer.kind === 'error') throw describeAuthorizationError(answer);
      // A bare code carries no state; PKCE still ties it to this sign-in, as Google checks the verifier.
      return exchange(answer.code, true);
    },
    cancel() {
      finish({ error: new GatewayError('invalid_request', 'The sign-in was cancelled', { code: 'sign_in_cancelled' }) });
    },
  };
}

function readCallback(params: URLSearchParams): SignInInput {
  const state = params.get('state') ?? undefined;
  const error = params.get('error');
  if (error !== null && error !== '') {
    const description = params.get('error_description') ?? undefined;
    return { kind: 'error', error, ...(description === undefined ? {} : { description }), ...(state === undefined ? {} : { state }) };
  }
  return { kind: 'code', code: params.get('code') ?? '', ...(state === undefined ? {} : { state }) };
}

function describeAuthorizationError(answer: Extract<SignInInput, { kind: 'error' }>): GatewayError {
  if (answer.error === 'access_denied') {
    return new GatewayError('permission', 'Google sign-in was declined in the browser (access_denied)', { code: 'access_denied' });
  }
  const detail = answer.description === undefined ? '' : `: ${answer.description.slice(0, 200)}`;
  return new GatewayError('upstream', `Google refused the sign-in (${answer.error.slice(0, 100)}${detail})`, { code: 'authorization_error' });
}

function toSignInError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return new GatewayError('invalid_request', 'The sign-in was cancelled', { code: 'sign_in_cancelled' });
  }
  return new GatewayError('internal', 'The sign-in failed unexpectedly', { cause: error });
}

function sendPage(response: ServerResponse, status: number, outcome: Parameters<typeof renderSignInPage>[0]): void {
  const html = renderSignInPage(outcome);
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    // The address holds the code: nothing on the page may load, run or pass it on.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
  });
  response.end(html);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, loopbackHost, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function defaultSetTimer(callback: () => void, delayMs: number): () => void {
  const timer = setTimeout(callback, delayMs);
  // The listener keeps the process alive while it waits; the timer alone must not.
  timer.unref();
  return () => clearTimeout(timer);
}
