/**
 * The ControlApi over a real gateway (temp data dir, fake Google): what a user does in the app or
 * the console, checked by what a client then sees on the wire.
 */
import { createServer, type Server } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { Agent, fetch as fetchWith } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ControlEvent } from '../../proxy-core/control/control-events.js';
import { createControlApi } from '../../proxy-core/control/create-control-api.js';
import { watchControlEvents } from '../../proxy-core/control/watch-control-events.js';
import { freePort } from '../support/free-port.js';
import { startTestGateway, testAccount, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;

beforeAll(async () => {
  world = await startTestGateway();
});
afterAll(async () => {
  await world.close();
});
afterEach(async () => {
  // Every test starts from a serving gateway with the AI routes open on loopback.
  const control = world.gateway.control;
  await control.startGateway({});
  await control.updateSettings({ proxy: { auth_mode: 'off', allow_lan_access: false } });
});

const control = () => world.gateway.control;
const origin = () => `http://127.0.0.1:${world.gateway.status().port}`;
const openai = () => new OpenAI({ baseURL: `${origin()}/v1`, apiKey: world.gateway.settings().proxy.api_key, maxRetries: 0 });
const ask = () => openai().chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] });

/** A fetch on a new connection: a pooled keep-alive socket to a listener that just moved away may be closing under it. */
async function fetchFresh(url: string): Promise<{ status: number }> {
  const dispatcher = new Agent();
  try {
    const response = await fetchWith(url, { dispatcher });
    await response.arrayBuffer();
    return response;
  } finally {
    await dispatcher.close();
  }
}

async function occupyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

describe('start and stop', () => {
  it('stopped: AI requests fail with 503 in their own shape, health and admin keep answering; started: served again', async () => {
    const stopped = await control().stopGateway({});
    expect(stopped).toMatchObject({ serving: false, listening: true, error: null });

    const openaiError = await ask().catch((caught: unknown) => caught);
    expect(openaiError).toBeInstanceOf(OpenAI.APIError);
    expect((openaiError as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
    expect((openaiError as InstanceType<typeof OpenAI.APIError>).message).toMatch(/Skyport is stopped; start it from the app or the console/);

    const anthropic = new Anthropic({ baseURL: origin(), apiKey: 'any', maxRetries: 0 });
    const anthropicError = await anthropic.messages
      .create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(anthropicError).toBeInstanceOf(Anthropic.APIError);
    expect((anthropicError as InstanceType<typeof Anthropic.APIError>).status).toBe(503);
    expect((anthropicError as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });

    expect((await fetch(`${origin()}/healthz`)).status).toBe(200);
    const admin = await fetch(`${origin()}/api/admin/control/getStatus`, { method: 'POST', headers: { authorization: `Bearer ${world.adminToken}` } });
    expect(admin.status).toBe(200);
    expect(await admin.json()).toMatchObject({ serving: false, listening: true });

    expect(await control().startGateway({})).toMatchObject({ serving: true, listening: true });
    await expect(ask()).resolves.toMatchObject({ object: 'chat.completion' });
  });

  it('with closeListenerOnStop (desktop), Stop closes the port and Start opens it again', async () => {
    const desktop = createControlApi(world.gateway, { closeListenerOnStop: true, stopDrainMs: 0 });
    const before = origin();
    expect(await desktop.stopGateway({})).toMatchObject({ serving: false, listening: false, base_url: null });
    await expect(fetch(`${before}/healthz`)).rejects.toThrow();
    const started = await desktop.startGateway({});
    expect(started).toMatchObject({ serving: true, listening: true, base_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1$/) });
    await expect(ask()).resolves.toBeDefined();
  });

  it('restart keeps serving on the same address', async () => {
    const before = await control().getStatus({});
    const after = await control().restartGateway({});
    expect(after).toMatchObject({ serving: true, listening: true, port: before.port });
    expect((await fetchFresh(`${origin()}/v1/models`)).status).toBe(200);
  });

  it('reports version, auth mode and the account counts', async () => {
    const status = await control().getStatus({});
    // This run listens where its `listen` override says (like `serve --port 0 --host 127.0.0.1`), not on the saved port.
    expect(status).toMatchObject({ command_line: { port: 0, host: '127.0.0.1' }, saved: { port: 8045, host: '127.0.0.1' } });
    expect(status.port).not.toBe(8045);
    expect(status).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), auth_mode: 'off', lan_url: null, accounts: { total: expect.any(Number), active: expect.any(Number) } });
    expect(status.accounts.total).toBeGreaterThanOrEqual(1);
  });
});

describe('moving the listener', () => {
  it('a port change moves the listener by itself: the old port is refused, the new one serves', async () => {
    const oldOrigin = origin();
    const port = await freePort();
    const result = await control().updateSettings({ proxy: { port } });
    expect(result).toMatchObject({ restarted: true, message: expect.stringContaining(`:${port}/v1`), settings: { proxy: { port } } });
    expect(world.gateway.status().port).toBe(port);
    await expect(fetch(`${oldOrigin}/healthz`)).rejects.toThrow();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    await expect(ask()).resolves.toBeDefined();
  });

  it('a port in use is refused: the setting rolls back and the gateway keeps running on the old port', async () => {
    const before = world.gateway.status();
    const taken = await occupyPort();
    try {
      const error = await control()
        .updateSettings({ proxy: { port: taken.port } })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'port_in_use', message: expect.stringMatching(new RegExp(`Port ${taken.port} is already in use.*not saved.*keeps listening on ${before.baseUrl}`)) });
      expect(world.gateway.settingsStore.get().proxy.port).toBe(before.port);
      const status = await control().getStatus({});
      expect(status).toMatchObject({ serving: true, port: before.port, error: expect.stringMatching(/already in use/) });
      await expect(ask()).resolves.toBeDefined();
    } finally {
      await new Promise((resolve) => taken.server.close(resolve));
    }
  });

  it('refuses LAN access while authorization is off, naming the field', async () => {
    await expect(control().updateSettings({ proxy: { allow_lan_access: true } })).rejects.toMatchObject({
      code: 'lan_requires_key',
      param: 'proxy.allow_lan_access',
      message: expect.stringMatching(/LAN access needs an API key/),
    });
    expect(world.gateway.settingsStore.get().proxy.allow_lan_access).toBe(false);
    expect(world.gateway.status().host).toBe('127.0.0.1');
  });

  it('turning LAN on (with a key) moves to all interfaces and shows the LAN address', async () => {
    const lan = createControlApi(world.gateway, {
      networkInterfaces: () => ({
        lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0', mac: '00:00:00:00:00:00', cidr: '127.0.0.1/8' }],
        eth0: [{ address: '192.168.1.20', family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '02:00:00:00:00:01', cidr: '192.168.1.20/24' }],
      }),
    });
    const port = world.gateway.status().port;
    const result = await lan.updateSettings({ proxy: { auth_mode: 'auto', allow_lan_access: true } });
    expect(result.restarted).toBe(true);
    const status = await lan.getStatus({});
    expect(status).toMatchObject({ host: '0.0.0.0', port, auth_mode: 'all_except_health', lan_url: `http://192.168.1.20:${port}/v1` });
    // A key is now needed for the AI routes.
    expect((await fetchFresh(`http://127.0.0.1:${port}/v1/models`)).status).toBe(401);
    await lan.updateSettings({ proxy: { allow_lan_access: false } });
    expect(world.gateway.status().host).toBe('127.0.0.1');
  });
});

describe('settings and the API key', () => {
  it('masks the key in getSettings and reveals it only on request', async () => {
    const key = world.gateway.settings().proxy.api_key;
    const settings = await control().getSettings({});
    expect(settings.proxy.api_key_masked).toBe(`sk-…${key.slice(-4)}`);
    expect(JSON.stringify(settings)).not.toContain(key);
    expect(settings.data_dir).toBe(world.dataDir);
    expect(await control().revealApiKey({})).toEqual({ api_key: key });
  });

  it('regenerates the key: the new one works, the old one no longer does', async () => {
    const old = world.gateway.settings().proxy.api_key;
    const { api_key } = await control().regenerateApiKey({});
    expect(api_key).toMatch(/^sk-[0-9a-f]{32}$/);
    expect(api_key).not.toBe(old);
    await control().updateSettings({ proxy: { auth_mode: 'strict' } });
    expect((await fetch(`${origin()}/v1/models`, { headers: { authorization: `Bearer ${old}` } })).status).toBe(401);
    expect((await fetch(`${origin()}/v1/models`, { headers: { authorization: `Bearer ${api_key}` } })).status).toBe(200);
    world.apiKey = api_key;
  });

  it('validates a patch, naming the field, and changes nothing', async () => {
    await expect(control().updateSettings({ proxy: { request_timeout_s: 0 } })).rejects.toThrow(/proxy\.request_timeout_s/);
    await expect(control().updateSettings({ proxy: { port: 'x' } } as never)).rejects.toMatchObject({ param: 'proxy.port' });
    expect(world.gateway.settingsStore.get().proxy.request_timeout_s).toBe(120);
  });

  it('exports without secrets unless asked; an import without secrets keeps the ones in use', async () => {
    await control().updateSettings({ proxy: { admin_password: 'correct horse', request_timeout_s: 300 } });
    const key = world.gateway.settings().proxy.api_key;
    const { document } = await control().exportSettings({});
    expect(document).toMatchObject({ format: 'skyport-settings', version: 1, includes_secrets: false, settings: { proxy: { request_timeout_s: 300 } } });
    const text = JSON.stringify(document);
    expect(text).not.toContain(key);
    expect(text).not.toContain('correct horse');
    expect(text).not.toMatch(/api_key|admin_password|oauth_client_secret/);

    const withSecrets = await control().exportSettings({ include_secrets: true });
    expect(withSecrets.document).toMatchObject({ includes_secrets: true, settings: { proxy: { api_key: key, admin_password: 'correct horse' } } });

    await control().updateSettings({ proxy: { request_timeout_s: 60 } });
    const imported = await control().importSettings({ document });
    expect(imported.settings.proxy.request_timeout_s).toBe(300);
    expect(world.gateway.settings().proxy.api_key).toBe(key);
    expect(world.gateway.settings().proxy.admin_password).toBe('correct horse');
    await expect(control().importSettings({ document: { hello: 'world' } })).rejects.toThrow(/not a Skyport settings file/);
    await control().updateSettings({ proxy: { admin_password: '', request_timeout_s: 120 } });
  });
});

describe('mapping', () => {
  it('sets a wildcard rule, previews it, and a real request comes back with that X-Mapped-Model', async () => {
    const { rules } = await control().setMappingRule({ pattern: 'my-team-*', target: 'gemini-3-flash' });
    expect(rules).toContainEqual({ pattern: 'my-team-*', target: 'gemini-3-flash' });
    expect(await control().previewMapping({ model: 'my-team-model' })).toEqual({
      requested: 'my-team-model',
      model: 'gemini-3-flash',
      rule: { kind: 'wildcard', pattern: 'my-team-*' },
      type: 'agent',
      features: { has_web_search: false, is_image_gen: false },
      config: null,
    });
    const response = await fetch(`${origin()}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'my-team-model', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-mapped-model')).toBe('gemini-3-flash');
  });

  it('previews exactly what POST /v1/models/detect answers: image suffixes, -online, wildcards, defaults', async () => {
    await control().setMappingRule({ pattern: 'detect-team-*', target: 'gemini-3-pro-image-16x9' });
    const names = ['gemini-3-pro-image-16x9', 'gemini-3-pro-image-4k', 'gemini-3-pro-image-21x9-2k', 'gemini-3-flash-online', 'claude-sonnet-4-5-online', 'detect-team-art', 'gpt-4o', 'claude-haiku-4-5-20251001', 'gemini-3-pro-high', 'no-such-model'];
    for (const name of names) {
      const detect = await fetch(`${origin()}/v1/models/detect`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: name }) });
      const answer = (await detect.json()) as { model: string; mapped_model: string; type: string; rule: unknown; features: unknown; config?: unknown };
      expect(await control().previewMapping({ model: name }), name).toEqual({
        requested: answer.model,
        model: answer.mapped_model,
        type: answer.type,
        rule: answer.rule,
        features: answer.features,
        config: answer.config ?? null,
      });
    }
    expect(await control().previewMapping({ model: 'gemini-3-pro-image-16x9' })).toMatchObject({ model: 'gemini-3-pro-image', type: 'image_gen', config: { aspectRatio: '16:9' } });
    expect(await control().previewMapping({ model: 'gemini-3-flash-online' })).toMatchObject({ model: 'gemini-3-flash', features: { has_web_search: true } });
    await control().deleteMappingRule({ pattern: 'detect-team-*' });
  });

  it('previews the built-in table and pass-through when no rule matches', async () => {
    expect(await control().previewMapping({ model: 'claude-haiku-4-5-20251001' })).toMatchObject({ model: 'gemini-3-flash', rule: { kind: 'default', pattern: 'claude-haiku-*' } });
    expect(await control().previewMapping({ model: 'gemini-3-pro-high' })).toMatchObject({ rule: { kind: 'upstream_model', pattern: null } });
    expect(await control().previewMapping({ model: 'local-llama' })).toMatchObject({ model: 'local-llama', rule: { kind: 'passthrough' } });
  });

  it('deletes a rule; deleting it again is a 404', async () => {
    await control().setMappingRule({ pattern: 'doomed', target: 'gemini-3-flash' });
    const { rules } = await control().deleteMappingRule({ pattern: 'doomed' });
    expect(rules.map((rule) => rule.pattern)).not.toContain('doomed');
    await expect(control().deleteMappingRule({ pattern: 'doomed' })).rejects.toMatchObject({ kind: 'not_found', code: 'mapping_rule_not_found' });
  });

  it('refuses an empty pattern or target, naming the field', async () => {
    await expect(control().setMappingRule({ pattern: 'x', target: '  ' })).rejects.toThrow(/proxy\.custom_mapping/);
  });

  it('lists presets and applies one, replacing rules with the same pattern only', async () => {
    const { presets } = await control().listMappingPresets({});
    expect(presets.map((preset) => preset.name)).toEqual(expect.arrayContaining(['OpenAI names to Gemini', 'Everything on Flash (cheapest)']));
    await control().setMappingRule({ pattern: 'claude-haiku-*', target: 'gemini-2.5-flash' });
    await control().setMappingRule({ pattern: 'keep-me', target: 'gemini-2.5-pro' });
    const { rules } = await control().applyMappingPreset({ name: 'Claude Code: keep Claude for main model, Flash for haiku' });
    expect(rules).toContainEqual({ pattern: 'claude-haiku-*', target: 'gemini-3-flash' });
    expect(rules).toContainEqual({ pattern: 'keep-me', target: 'gemini-2.5-pro' });
    expect(await control().previewMapping({ model: 'claude-opus-4-8' })).toMatchObject({ model: 'claude-opus-4-6-thinking', rule: { kind: 'wildcard', pattern: 'claude-opus-*' } });
    await expect(control().applyMappingPreset({ name: 'Nope' })).rejects.toThrow(/No mapping preset "Nope"\. Presets: /);
  });
});

describe('accounts', () => {
  it('adds by refresh token, disables, enables, sets preferred, removes', async () => {
    const account = testAccount({ email: 'control@example.com' });
    world.fake.addAccount(account);
    const { item } = await control().addAccountByRefreshToken({ refresh_token: account.refreshToken });
    expect(item).toMatchObject({ email: 'control@example.com', status: 'active' });
    expect(JSON.stringify(await control().listAccounts({}))).not.toContain(account.refreshToken);

    expect((await control().disableAccount({ email: 'control@example.com' })).item).toMatchObject({ status: 'disabled', status_reason: 'Disabled by user' });
    expect((await control().enableAccount({ email: 'CONTROL@example.com' })).item).toMatchObject({ status: 'active', status_reason: null });

    expect(await control().setPreferredAccount({ email: 'Control@Example.com' })).toEqual({ preferred_account: 'control@example.com' });
    expect(await control().setPreferredAccount({ email: '' })).toEqual({ preferred_account: '' });
    await expect(control().setPreferredAccount({ email: 'nobody@example.com' })).rejects.toMatchObject({ code: 'account_not_found' });

    expect(await control().refreshQuota({ email: 'control@example.com' })).toEqual({ results: [{ email: 'control@example.com', ok: true, error: null }] });

    expect(await control().removeAccount({ email: 'control@example.com' })).toEqual({ deleted: true });
    expect(await control().removeAccount({ email: 'control@example.com' })).toEqual({ deleted: false });
    await expect(control().enableAccount({ email: 'control@example.com' })).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('a dead refresh token is bad input (400), not an authentication failure', async () => {
    await expect(control().addAccountByRefreshToken({ refresh_token: '1//nobody-knows-this' })).rejects.toMatchObject({
      kind: 'invalid_request',
      code: 'invalid_grant',
      param: 'refresh_token',
    });
  });

  it('imports several tokens, reporting each without repeating it', async () => {
    const good = testAccount({ email: 'batch@example.com' });
    world.fake.addAccount(good);
    const { results } = await control().importRefreshTokens({ text: `# tokens\n${good.refreshToken}\n1//dead-token-here\n` });
    expect(results).toEqual([
      { ok: true, email: 'batch@example.com', error: null },
      { ok: false, email: null, error: expect.stringMatching(/^line 3: /) },
    ]);
    expect(JSON.stringify(results)).not.toContain('1//dead-token-here');
    await control().removeAccount({ email: 'batch@example.com' });
  });

  it('validates a per-account proxy URL', async () => {
    const [first] = (await control().listAccounts({})).items;
    const email = first?.email ?? '';
    await expect(control().setAccountProxy({ email, url: 'ftp://proxy' })).rejects.toMatchObject({ param: 'url', message: expect.stringMatching(/socks5/) });
    expect((await control().setAccountProxy({ email, url: 'socks5://me:secret@127.0.0.1:1080' })).item.upstream_proxy).toBe('socks5://me:***@127.0.0.1:1080');
    expect((await control().setAccountProxy({ email, url: '' })).item.upstream_proxy).toBeNull();
  });

  it('runs a Google sign-in: start, look it up, cancel', async () => {
    const started = await control().startGoogleSignIn({});
    expect(started).toMatchObject({ status: 'pending', authorize_url: expect.stringContaining('/o/oauth2/v2/auth'), redirect_uri: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/oauth-callback$/), notice: expect.stringMatching(/terms/) });
    expect(await control().getGoogleSignIn({ login_id: started.login_id })).toMatchObject({ status: 'pending' });
    expect(await control().cancelGoogleSignIn({ login_id: started.login_id })).toMatchObject({ status: 'cancelled' });
    await expect(control().getGoogleSignIn({ login_id: 'signin_nope' })).rejects.toMatchObject({ code: 'sign_in_not_found' });
  });
});

describe('events', () => {
  it('publishes status, settings and (coalesced) account changes', async () => {
    const events: ControlEvent[] = [];
    const stop = watchControlEvents(world.gateway, (event) => events.push(event), { accountsCoalesceMs: 10 });
    try {
      await control().stopGateway({});
      await control().updateSettings({ proxy: { request_timeout_s: 90 } });
      const [first] = world.gateway.accountStore.list();
      // Both changes land in memory at once; the writes behind them (fsynced) may take longer than the window.
      await Promise.all([
        world.gateway.accountStore.update(first?.email ?? '', { lastError: 'one' }),
        world.gateway.accountStore.update(first?.email ?? '', { lastError: 'two' }),
      ]);
      // The coalesced accounts event comes when its window closes; both changes were made inside that window.
      await expect.poll(() => events.filter((event) => event.type === 'accounts').length).toBeGreaterThan(0);
      expect(events).toContainEqual({ type: 'status', data: expect.objectContaining({ serving: false }) });
      expect(events).toContainEqual({ type: 'settings', data: expect.objectContaining({ proxy: expect.objectContaining({ request_timeout_s: 90 }) }) });
      const accountEvents = events.filter((event) => event.type === 'accounts');
      expect(accountEvents).toHaveLength(1);
      expect(JSON.stringify(events)).not.toContain(world.gateway.settings().proxy.api_key);
    } finally {
      stop();
      await control().updateSettings({ proxy: { request_timeout_s: 120 } });
    }
  });
});
