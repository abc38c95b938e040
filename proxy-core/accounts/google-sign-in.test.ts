/** Sign-in against the fake Google, with the real loopback listener driven the way a browser would. */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGoogle, type FakeGoogle } from '../../tests/fakes/fake-google.js';
import { addAccountFromTokens } from './add-account-from-tokens.js';
import { createAccountStore, type AccountStore } from './account-store.js';
import { createUndiciOAuthHttp, type OAuthHttp } from './google-oauth.js';
import { startGoogleSignIn, type GoogleSignIn, type GoogleSignInDependencies } from './google-sign-in.js';
import { upstreamSettingsSchema, type UpstreamSettings } from '../config/settings-schema.js';
import type { CloudCodeApi } from '../upstream/cloud-code-api.js';
import { createCloudCodeClient } from '../upstream/cloud-code-client.js';
import { createDispatcherCache, type DispatcherCache } from '../upstream/create-upstream-dispatcher.js';

let fake: FakeGoogle;
let dispatchers: DispatcherCache;
let directory: string;
let store: AccountStore;
let upstream: UpstreamSettings;
let api: CloudCodeApi;
let http: OAuthHttp;
const started: GoogleSignIn[] = [];

beforeAll(async () => {
  fake = await startFakeGoogle();
  dispatchers = createDispatcherCache();
});
afterAll(async () => {
  await dispatchers.closeAll();
  await fake.close();
});

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'skyport-sign-in-'));
  store = await createAccountStore({ filePath: join(directory, 'accounts.json'), logger: { warn: () => undefined } });
  upstream = upstreamSettingsSchema.parse({
    base_urls: [fake.baseUrl],
    oauth_authorize_url: `${fake.origin}/o/oauth2/v2/auth`,
    oauth_token_url: fake.tokenUrl,
    userinfo_url: fake.userinfoUrl,
  });
  api = createCloudCodeClient({ baseUrls: upstream.base_urls, dispatchers });
  http = createUndiciOAuthHttp(dispatchers.get(undefined));
});
afterEach(async () => {
  for (const signIn of started.splice(0)) signIn.cancel();
  await rm(directory, { recursive: true, force: true });
});

let accountCounter = 0;

/** A Google account the fake knows, and the code Google would give the browser for it after consent. */
function googleAccount(email: string) {
  accountCounter += 1;
  const refreshToken = `1//sign-in-${accountCounter}`;
  fake.addAccount({ email, refreshToken, projectId: `project-${accountCounter}`, tier: 'g1-pro-tier' });
  return { refreshToken, code: `4/0sign-in-code-${accountCounter}` };
}

async function start(overrides: Partial<GoogleSignInDependencies> = {}): Promise<GoogleSignIn> {
  const signIn = await startGoogleSignIn({
    upstream,
    http,
    addAccount: (tokens, { signal }) => addAccountFromTokens({ http, api, store, upstream }, tokens, { signal }),
    ...overrides,
  });
  started.push(signIn);
  return signIn;
}

/** What Google does after the user consents: it binds the code to the redirect and the PKCE challenge. */
function consent(signIn: GoogleSignIn, refreshToken: string, code: string): { state: string } {
  const url = new URL(signIn.authorizeUrl);
  fake.registerAuthorizationCode(code, refreshToken, {
    redirectUri: url.searchParams.get('redirect_uri') ?? '',
    codeChallenge: url.searchParams.get('code_challenge') ?? '',
  });
  return { state: url.searchParams.get('state') ?? '' };
}

function callback(signIn: GoogleSignIn, params: Record<string, string>): Promise<Response> {
  return fetch(`${signIn.redirectUri}?${new URLSearchParams(params).toString()}`);
}

function getWithHost(address: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(address, { headers: { host } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
}

describe('startGoogleSignIn', () => {
  it('builds the consent address: offline access, consent prompt, PKCE S256, state, the scopes and the loopback redirect', async () => {
    const signIn = await start();
    expect(signIn.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth-callback$/);
    const url = new URL(signIn.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.origin}/o/oauth2/v2/auth`);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      redirect_uri: signIn.redirectUri,
      response_type: 'code',
      access_type: 'offline',
      prompt: 'consent',
      code_challenge_method: 'S256',
      scope:
        'openid https://www.googleapis.com/auth/cloud-platform https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile',
    });
    expect(params.client_id).toMatch(/^681255809395-/);
    expect(params.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(params.state?.length).toBeGreaterThanOrEqual(32);
    const other = await start();
    expect(new URL(other.authorizeUrl).searchParams.get('state')).not.toBe(params.state);
  });

  it('adds the account when the browser comes back with the code, shows who signed in, then closes the listener', async () => {
    const { refreshToken, code } = googleAccount('ada@example.com');
    const signIn = await start();
    const { state } = consent(signIn, refreshToken, code);

    const page = await callback(signIn, { state, code, scope: 'email openid' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('Signed in as <strong>ada@example.com</strong>');
    expect(html).not.toContain(code);

    const account = await signIn.completion;
    expect(account).toMatchObject({ email: 'ada@example.com', refreshToken, projectId: expect.stringMatching(/^project-/), tier: 'g1-pro-tier', status: 'active' });
    expect(store.list().map((stored) => stored.email)).toEqual(['ada@example.com']);
    const exchange = fake.requestsTo('token').at(-1)?.body as Record<string, string>;
    expect(exchange).toMatchObject({ grant_type: 'authorization_code', code, redirect_uri: signIn.redirectUri });
    expect(createHash('sha256').update(exchange.code_verifier ?? '').digest('base64url')).toBe(new URL(signIn.authorizeUrl).searchParams.get('code_challenge'));
    await expect(fetch(signIn.redirectUri)).rejects.toThrow();
  });

  it('refuses an answer whose state does not match, and keeps waiting for the real one', async () => {
    const { refreshToken, code } = googleAccount('grace@example.com');
    const signIn = await start();
    const { state } = consent(signIn, refreshToken, code);

    const forged = await callback(signIn, { state: 'forged-state', code });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toMatch(/does not belong to the sign-in in progress/);
    const missing = await callback(signIn, { code });
    expect(missing.status).toBe(400);
    expect(fake.requestsTo('token').filter((request) => (request.body as Record<string, string>).code === code)).toEqual([]);
    expect(store.list()).toEqual([]);

    expect((await callback(signIn, { state, code })).status).toBe(200);
    await expect(signIn.completion).resolves.toMatchObject({ email: 'grace@example.com' });
  });

  it('answers only GET /oauth-callback with the loopback Host', async () => {
    const signIn = await start();
    const origin = new URL(signIn.redirectUri).origin;
    expect((await fetch(`${origin}/favicon.ico`)).status).toBe(404);
    expect((await fetch(signIn.redirectUri, { method: 'POST' })).status).toBe(404);
    const url = new URL(signIn.authorizeUrl);
    const answer = `${signIn.redirectUri}?state=${url.searchParams.get('state') ?? ''}&code=4%2F0whatever`;
    // fetch() will not send a Host of its own choosing; a DNS-rebinding page's browser would.
    const rebound = await getWithHost(answer, `evil.example:${new URL(signIn.redirectUri).port}`);
    expect(rebound.status).toBe(400);
    expect(rebound.body).toMatch(/Unexpected Host header/);
  });

  it('finishes with a pasted redirect address (the browser could not reach the listener)', async () => {
    const { refreshToken, code } = googleAccount('remote@example.com');
    const signIn = await start();
    const { state } = consent(signIn, refreshToken, code);
    const pasted = `  ${signIn.redirectUri}?state=${state}&code=${encodeURIComponent(code)}&scope=email%20openid \n`;
    await expect(signIn.submitManual(pasted)).resolves.toMatchObject({ email: 'remote@example.com' });
    await expect(signIn.completion).resolves.toMatchObject({ email: 'remote@example.com' });
    expect(store.get('remote@example.com')?.refreshToken).toBe(refreshToken);
  });

  it('finishes with a bare pasted code, URL-encoded or not', async () => {
    const { refreshToken, code } = googleAccount('bare@example.com');
    const signIn = await start();
    consent(signIn, refreshToken, code);
    await expect(signIn.submitManual(encodeURIComponent(code))).resolves.toMatchObject({ email: 'bare@example.com' });
  });

  it('rejects a pasted address from another sign-in or a typo, and still accepts the right one afterwards', async () => {
    const { refreshToken, code } = googleAccount('typo@example.com');
    const signIn = await start();
    const { state } = consent(signIn, refreshToken, code);
    await expect(signIn.submitManual(`${signIn.redirectUri}?state=other&code=${code}`)).rejects.toMatchObject({ code: 'state_mismatch' });
    await expect(signIn.submitManual('')).rejects.toMatchObject({ kind: 'invalid_request' });
    await expect(signIn.submitManual('4/0not-the-code')).rejects.toMatchObject({ code: 'invalid_grant' });
    expect(store.list()).toEqual([]);
    await expect(signIn.submitManual(`state=${state}&code=${code}`)).resolves.toMatchObject({ email: 'typo@example.com' });
  });

  it('stores nothing when userinfo fails, and shows the error page', async () => {
    const { refreshToken, code } = googleAccount('nouser@example.com');
    const failingUserinfo: OAuthHttp = (url, init) =>
      url === upstream.userinfo_url ? Promise.resolve({ status: 503, text: async () => '{"error":{"code":503,"message":"Backend Error","status":"UNAVAILABLE"}}' }) : http(url, init);
    const signIn = await start({ http: failingUserinfo, addAccount: (tokens, { signal }) => addAccountFromTokens({ http: failingUserinfo, api, store, upstream }, tokens, { signal }) });
    const { state } = consent(signIn, refreshToken, code);
    const page = await callback(signIn, { state, code });
    expect(page.status).toBe(502);
    const html = await page.text();
    expect(html).toMatch(/Google userinfo answered 503/);
    expect(html).not.toMatch(/ya29\.|1\/\/sign-in/);
    await expect(signIn.completion).rejects.toMatchObject({ kind: 'upstream' });
    expect(store.list()).toEqual([]);
  });

  it('stores nothing when project discovery fails', async () => {
    const { refreshToken, code } = googleAccount('noproject@example.com');
    const failingApi: CloudCodeApi = { ...api, loadCodeAssist: () => Promise.reject(new Error('loadCodeAssist exploded')) };
    const signIn = await start({ addAccount: (tokens, { signal }) => addAccountFromTokens({ http, api: failingApi, store, upstream }, tokens, { signal }) });
    const { state } = consent(signIn, refreshToken, code);
    await expect(signIn.submitManual(`?state=${state}&code=${code}`)).rejects.toBeDefined();
    await expect(signIn.completion).rejects.toBeDefined();
    expect(store.list()).toEqual([]);
  });

  it('ends when the user declines in the browser', async () => {
    const signIn = await start();
    const state = new URL(signIn.authorizeUrl).searchParams.get('state') ?? '';
    const page = await callback(signIn, { state, error: 'access_denied' });
    expect(page.status).toBe(400);
    expect(await page.text()).toMatch(/declined/);
    await expect(signIn.completion).rejects.toMatchObject({ code: 'access_denied' });
  });

  it('cancel closes the listener and rejects the completion; later pastes get the same answer', async () => {
    const signIn = await start();
    signIn.cancel();
    await expect(signIn.completion).rejects.toMatchObject({ code: 'sign_in_cancelled' });
    await expect(fetch(signIn.redirectUri)).rejects.toThrow();
    await expect(signIn.submitManual('4/0too-late-code')).rejects.toMatchObject({ code: 'sign_in_cancelled' });
  });

  it('times out on the injected timer', async () => {
    let fire: (() => void) | undefined;
    let delay: number | undefined;
    const signIn = await start({
      timeoutMs: 120_000,
      setTimer: (callback, delayMs) => {
        fire = callback;
        delay = delayMs;
        return () => {
          fire = undefined;
        };
      },
    });
    expect(delay).toBe(120_000);
    fire?.();
    await expect(signIn.completion).rejects.toMatchObject({ kind: 'timeout', message: expect.stringContaining('2 minutes') });
    await expect(fetch(signIn.redirectUri)).rejects.toThrow();
  });

  it('a cancel during the exchange leaves the pool untouched', async () => {
    const { refreshToken, code } = googleAccount('slow@example.com');
    let release: (() => void) | undefined;
    const slowApi: CloudCodeApi = {
      ...api,
      loadCodeAssist: async (context, project) => {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return api.loadCodeAssist(context, project);
      },
    };
    const signIn = await start({ addAccount: (tokens, { signal }) => addAccountFromTokens({ http, api: slowApi, store, upstream }, tokens, { signal }) });
    const { state } = consent(signIn, refreshToken, code);
    const submitted = signIn.submitManual(`?state=${state}&code=${code}`);
    await expect.poll(() => release).toBeDefined();
    signIn.cancel();
    release?.();
    await expect(submitted).rejects.toMatchObject({ code: 'sign_in_cancelled' });
    await store.flush();
    expect(store.list()).toEqual([]);
  });
});
