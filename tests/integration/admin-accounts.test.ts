/** The admin API's accounts routes, on the real server against the fake Google, through fetch like any client. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, testAccount, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
const first = testAccount({ email: 'first@example.com', quotas: { 'gemini-3-flash': { remainingFraction: 0.4 } } });

beforeAll(async () => {
  world = await startTestGateway({ accounts: [first] });
});
afterAll(async () => {
  await world.close();
});
beforeEach(async () => {
  await world.setSetting('proxy.auth_mode', 'off');
  await world.setSetting('proxy.admin_password', '');
});

function admin(path: string, init: { method?: string; body?: unknown; credential?: string | null; header?: 'authorization' | 'x-api-key' } = {}) {
  const headers: Record<string, string> = {};
  const credential = init.credential === undefined ? world.adminToken : init.credential;
  if (credential !== null) {
    if (init.header === 'x-api-key') headers['x-api-key'] = credential;
    else headers.authorization = `Bearer ${credential}`;
  }
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${world.origin}/api/admin${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

async function json(response: Response): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return response.json();
}

describe('admin auth', () => {
  it('refuses a request without a credential even on loopback with auth_mode off, in JSON', async () => {
    const response = await admin('/accounts', { credential: null });
    expect(response.status).toBe(401);
    expect(await json(response)).toMatchObject({ error: { type: 'authentication_error', code: 'missing_admin_credential' } });
    // The AI routes stay open in that mode: the two checks are separate.
    expect((await fetch(`${world.baseUrl}/models`)).status).toBe(200);
  });

  it('refuses a wrong credential and the API key; takes the admin token as Bearer or x-api-key', async () => {
    const wrong = await admin('/accounts', { credential: 'sk-not-the-key' });
    expect(wrong.status).toBe(401);
    expect(await json(wrong)).toMatchObject({ error: { code: 'invalid_admin_credential' } });
    for (const header of ['authorization', 'x-api-key'] as const) {
      const key = await admin('/accounts', { credential: world.apiKey, header });
      expect(key.status).toBe(401);
      expect(await json(key)).toMatchObject({ error: { code: 'api_key_not_admin_credential', message: expect.stringContaining('console-login') } });
    }
    expect((await admin('/accounts')).status).toBe(200);
    expect((await admin('/accounts', { header: 'x-api-key' })).status).toBe(200);
  });

  it('with an admin password set, the password and the admin token open it, whatever the AI auth mode', async () => {
    await world.setSetting('proxy.admin_password', 'correct horse battery');
    await world.setSetting('proxy.auth_mode', 'strict');
    expect((await admin('/accounts', { credential: world.apiKey })).status).toBe(401);
    expect((await admin('/accounts')).status).toBe(200);
    expect((await admin('/accounts', { credential: 'correct horse battery' })).status).toBe(200);
    // The admin password is no API key for the AI routes.
    const ai = await fetch(`${world.baseUrl}/models`, { headers: { authorization: 'Bearer correct horse battery' } });
    expect(ai.status).toBe(401);
  });

  it('checks the credential before saying a route does not exist', async () => {
    expect((await admin('/nothing-here', { credential: null })).status).toBe(401);
    const missing = await admin('/nothing-here');
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({ error: { code: 'unknown_route' } });
  });
});

describe('GET /api/admin/accounts', () => {
  it('lists accounts with status, tier, project and quotas, and never a refresh token', async () => {
    const response = await admin('/accounts');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(first.refreshToken);
    expect(text).not.toMatch(/refresh_?token|ya29\./i);
    const body = JSON.parse(text);
    expect(body.items).toEqual([
      expect.objectContaining({
        email: 'first@example.com',
        status: 'active',
        status_reason: null,
        validation_url: null,
        tier: 'standard-tier',
        project_id: first.projectId,
        cooldowns: {},
        last_error: null,
        upstream_proxy: null,
        added_at: expect.any(String),
        last_used_at: null,
      }),
    ]);
    expect(body.items[0].quotas['gemini-3-flash']).toEqual({ remaining_fraction: 0.4, reset_time: expect.any(String), display_name: 'Gemini 3 Flash' });
  });
});

describe('account actions', () => {
  it('adds an account by refresh token; a dead token is a 400 that stores nothing', async () => {
    const second = testAccount({ email: 'second@example.com' });
    world.fake.addAccount(second);
    const added = await admin('/accounts', { method: 'POST', body: { refresh_token: second.refreshToken } });
    expect(added.status).toBe(201);
    const body = await json(added);
    expect(body.item).toMatchObject({ email: 'second@example.com', status: 'active' });
    expect(JSON.stringify(body)).not.toContain(second.refreshToken);

    const dead = await admin('/accounts', { method: 'POST', body: { refresh_token: '1//nobody-knows-this' } });
    expect(dead.status).toBe(400);
    expect(await json(dead)).toMatchObject({ error: { code: 'invalid_grant', param: 'refresh_token' } });
    const missing = await admin('/accounts', { method: 'POST', body: {} });
    expect(missing.status).toBe(400);
    expect((await json(await admin('/accounts'))).items.map((item: { email: string }) => item.email)).toEqual(['first@example.com', 'second@example.com']);
  });

  it('disables and enables; enabling clears cooldowns and refusals', async () => {
    const disabled = await json(await admin('/accounts/first@example.com/disable', { method: 'POST' }));
    expect(disabled.item).toMatchObject({ status: 'disabled', status_reason: 'Disabled by user' });
    await world.gateway.accountStore.update('first@example.com', {
      cooldowns: { 'gemini-3-flash': { until: new Date(Date.now() + 3_600_000).toISOString(), reason: 'rate_limited', strikes: 1 } },
    });
    const listed = await json(await admin('/accounts'));
    expect(listed.items[0].cooldowns['gemini-3-flash']).toMatchObject({ reason: 'rate_limited' });
    const enabled = await json(await admin(`/accounts/${encodeURIComponent('FIRST@example.com')}/enable`, { method: 'POST' }));
    expect(enabled.item).toMatchObject({ status: 'active', status_reason: null, cooldowns: {} });
  });

  it('refuses to enable a revoked account', async () => {
    const revoked = testAccount({ email: 'revoked@example.com' });
    world.fake.addAccount(revoked);
    await world.gateway.addAccountByRefreshToken(revoked.refreshToken);
    await world.gateway.accountStore.update('revoked@example.com', { status: 'revoked', statusReason: 'Refresh token revoked or expired' });
    const response = await admin('/accounts/revoked@example.com/enable', { method: 'POST' });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ error: { code: 'account_revoked' } });
  });

  it('refreshes one account quota on demand', async () => {
    await world.gateway.accountStore.update('first@example.com', { quotas: {}, quotasUpdatedAt: '2020-01-01T00:00:00.000Z' });
    const before = world.fake.requestsTo('fetchAvailableModels').length;
    const response = await admin('/accounts/first@example.com/refresh-quota', { method: 'POST' });
    expect(response.status).toBe(200);
    const { item } = await json(response);
    expect(item.quotas['gemini-3-flash']).toMatchObject({ remaining_fraction: 0.4 });
    expect(Date.parse(item.quotas_updated_at)).toBeGreaterThan(Date.parse('2026-01-01'));
    expect(world.fake.requestsTo('fetchAvailableModels').length).toBe(before + 1);
    expect((await admin('/accounts/nobody@example.com/refresh-quota', { method: 'POST' })).status).toBe(404);
  });

  it('refreshes every usable account at once, reporting each', async () => {
    await world.gateway.accountStore.update('first@example.com', { status: 'active', quotas: {} });
    const response = await admin('/accounts/refresh-quota', { method: 'POST' });
    expect(response.status).toBe(200);
    const { results } = await json(response);
    expect(results).toEqual(expect.arrayContaining([expect.objectContaining({ email: 'first@example.com', ok: true })]));
    expect(results.every((result: { ok: boolean }) => result.ok)).toBe(true);
    expect(world.gateway.accountStore.get('first@example.com')?.quotas['gemini-3-flash']).toMatchObject({ remainingFraction: 0.4 });
  });

  it('sets, validates and clears the per-account proxy, masking its password', async () => {
    const set = await admin('/accounts/first@example.com/proxy', { method: 'PUT', body: { url: 'socks5://me:hunter2@127.0.0.1:1080' } });
    expect(set.status).toBe(200);
    const setBody = await json(set);
    expect(setBody.item.upstream_proxy).toBe('socks5://me:***@127.0.0.1:1080');
    expect(world.gateway.accountStore.get('first@example.com')?.upstreamProxy).toBe('socks5://me:hunter2@127.0.0.1:1080');
    const bad = await admin('/accounts/first@example.com/proxy', { method: 'PUT', body: { url: 'ftp://proxy.example' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await json(bad))).toMatch(/socks5/);
    const cleared = await json(await admin('/accounts/first@example.com/proxy', { method: 'PUT', body: { url: '' } }));
    expect(cleared.item.upstream_proxy).toBeNull();
    expect(world.gateway.accountStore.get('first@example.com')?.upstreamProxy).toBeUndefined();
  });

  it('removes an account; a second remove is a 404', async () => {
    const doomed = testAccount({ email: 'doomed@example.com' });
    world.fake.addAccount(doomed);
    await world.gateway.addAccountByRefreshToken(doomed.refreshToken);
    const removed = await admin('/accounts/doomed@example.com', { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(await json(removed)).toEqual({ deleted: true, email: 'doomed@example.com' });
    expect(world.gateway.accountStore.get('doomed@example.com')).toBeUndefined();
    const again = await admin('/accounts/doomed@example.com', { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(await json(again)).toMatchObject({ error: { code: 'account_not_found' } });
  });
});

describe('sign-in through the admin API', () => {
  async function startLogin() {
    const response = await admin('/accounts/login', { method: 'POST' });
    expect(response.status).toBe(201);
    const body = await json(response);
    const url = new URL(body.authorize_url);
    return { body, url, state: url.searchParams.get('state') ?? '', redirectUri: url.searchParams.get('redirect_uri') ?? '' };
  }

  it('starts a sign-in, completes it with the pasted address, and reports the outcome', async () => {
    const signer = testAccount({ email: 'signer@example.com' });
    world.fake.addAccount(signer);
    const { body, url, state, redirectUri } = await startLogin();
    expect(body).toMatchObject({ login_id: expect.any(String), status: 'pending', redirect_uri: redirectUri, notice: expect.stringMatching(/terms/) });
    expect(`${url.origin}${url.pathname}`).toBe(`${world.fake.origin}/o/oauth2/v2/auth`);
    world.fake.registerAuthorizationCode('4/0admin-code', signer.refreshToken, { redirectUri, codeChallenge: url.searchParams.get('code_challenge') ?? '' });

    const pending = await json(await admin(`/accounts/login/${body.login_id}`));
    expect(pending).toMatchObject({ status: 'pending', email: null, error: null });

    const wrongState = await admin(`/accounts/login/${body.login_id}/complete`, { method: 'POST', body: { input: `${redirectUri}?state=nope&code=4%2F0admin-code` } });
    expect(wrongState.status).toBe(400);
    expect(await json(wrongState)).toMatchObject({ error: { code: 'state_mismatch' } });

    const completed = await admin(`/accounts/login/${body.login_id}/complete`, {
      method: 'POST',
      body: { input: `${redirectUri}?state=${state}&code=4%2F0admin-code&scope=email` },
    });
    expect(completed.status).toBe(200);
    const done = await json(completed);
    expect(done).toMatchObject({ status: 'succeeded', email: 'signer@example.com', item: { email: 'signer@example.com', status: 'active' } });
    expect(JSON.stringify(done)).not.toContain(signer.refreshToken);
    expect(await json(await admin(`/accounts/login/${body.login_id}`))).toMatchObject({ status: 'succeeded', email: 'signer@example.com' });
    expect(world.gateway.accountStore.get('signer@example.com')?.refreshToken).toBe(signer.refreshToken);
  });

  it('cancels a sign-in; unknown ids are 404', async () => {
    const { body, redirectUri } = await startLogin();
    const cancelled = await admin(`/accounts/login/${body.login_id}`, { method: 'DELETE' });
    expect(await json(cancelled)).toMatchObject({ status: 'cancelled', error: expect.stringMatching(/cancelled/) });
    await expect(fetch(redirectUri)).rejects.toThrow();
    expect((await admin('/accounts/login/signin_nope')).status).toBe(404);
    expect((await admin('/accounts/login/signin_nope/complete', { method: 'POST', body: { input: '4/0whatever-code' } })).status).toBe(404);
  });
});
