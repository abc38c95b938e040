/**
 * Who may do what (README "Security"), against the real gateway: the API key opens no admin
 * route; `console-login`'s token does; upstream.* cannot be moved through the admin API (no
 * token reaches a trap host even during a forced refresh); a console password change asks for
 * the current credential; LAN needs an 8-character password.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlOperationNames } from '../../proxy-core/control/control-operation-names.js';
import { runCli } from '../../proxy-core/headless/run-cli.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
/** A host the tokens must never reach: any request to it is recorded. */
let trap: Server;
const trapped: string[] = [];
let trapUrl: string;

beforeAll(async () => {
  world = await startTestGateway({ upstreamInSettings: true });
  trap = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      trapped.push(`${request.method} ${request.url} ${body}`);
      response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await world.close();
  await new Promise((resolve) => trap.close(resolve));
});

function admin(path: string, init: { method?: string; body?: unknown; credential?: string; header?: 'authorization' | 'x-api-key' } = {}) {
  const credential = init.credential ?? world.adminToken;
  const headers: Record<string, string> = init.header === 'x-api-key' ? { 'x-api-key': credential } : { authorization: `Bearer ${credential}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${world.origin}${path}`, {
    method: init.method ?? 'POST',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

const control = (operation: string, body: unknown, credential?: string) =>
  admin(`/api/admin/control/${operation}`, { body, ...(credential === undefined ? {} : { credential }) });

/** Every admin request the gateway answers: its registered routes, each control operation by name. */
function everyAdminRequest(): Array<{ method: string; path: string }> {
  const requests: Array<{ method: string; path: string }> = [];
  for (const route of world.gateway.routes()) {
    if (!route.path.startsWith('/api/admin')) continue;
    if (route.path.includes(':operation')) {
      for (const name of controlOperationNames) requests.push({ method: route.method, path: route.path.replace(':operation', name) });
      continue;
    }
    requests.push({ method: route.method, path: route.path.replace(':email', 'user1%40example.com').replace(':id', 'some-id') });
  }
  return requests;
}

describe('the API key', () => {
  it('opens no admin route, as Bearer or x-api-key, whatever proxy.auth_mode says', async () => {
    const requests = everyAdminRequest();
    // The admin API's whole surface, not a hand-picked few.
    expect(requests.length).toBeGreaterThan(controlOperationNames.length + 10);
    const accountsBefore = world.gateway.accountStore.list().length;
    for (const mode of ['off', 'strict']) {
      await world.setSetting('proxy.auth_mode', mode);
      for (const { method, path } of requests) {
        for (const header of ['authorization', 'x-api-key'] as const) {
          const response = await admin(path, { method, credential: world.apiKey, header, ...(method === 'GET' ? {} : { body: {} }) });
          expect({ mode, method, path, header, status: response.status }).toEqual({ mode, method, path, header, status: 401 });
          expect(await response.json()).toMatchObject({ error: { code: 'api_key_not_admin_credential' } });
        }
      }
    }
    expect(world.gateway.accountStore.list().length).toBe(accountsBefore);
    await world.setSetting('proxy.auth_mode', 'off');
  });

  it('still serves the AI routes', async () => {
    await world.setSetting('proxy.auth_mode', 'strict');
    const openai = new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 });
    expect((await openai.models.list()).data.length).toBeGreaterThan(0);
    await world.setSetting('proxy.auth_mode', 'off');
  });
});

describe('console-login', () => {
  it("prints a one-click link and the admin token; the token opens the admin API, from the link's fragment too", async () => {
    const lines: string[] = [];
    const port = new URL(world.origin).port;
    const code = await runCli(['console-login', '--data-dir', world.dataDir, '--port', port], {
      stdout: (line) => lines.push(line),
      stderr: (line) => lines.push(`stderr: ${line}`),
      environment: {},
      homeDir: tmpdir(),
      stopSignal: new Promise(() => {}),
      readLine: async () => undefined,
    });
    expect(code).toBe(0);
    const link = lines.map((line) => line.trim()).find((line) => line.includes('#token='));
    expect(link).toBeDefined();
    const url = new URL(link as string);
    expect(`${url.origin}${url.pathname}`).toBe(`${world.origin}/console/`);
    const fromLink = decodeURIComponent(url.hash.slice('#token='.length));
    expect(fromLink).toBe(world.adminToken);
    // The bare token is printed as well, for the sign-in page.
    expect(lines.map((line) => line.trim())).toContain(world.adminToken);
    const status = await control('getStatus', {}, fromLink);
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ serving: true });
  });
});

describe('owner-only settings (upstream.*)', () => {
  it('refuses them in updateSettings and importSettings, naming the field; no token reaches the trap during a forced refresh', async () => {
    const refreshesBefore = world.fake.requestsTo('token').length;

    const update = await control('updateSettings', { upstream: { oauth_token_url: `${trapUrl}/token` } });
    expect(update.status).toBe(400);
    expect(await update.json()).toMatchObject({ error: { code: 'owner_only_setting', param: 'upstream.oauth_token_url', message: expect.stringContaining('config set') } });

    const exported = (await (await control('exportSettings', { include_secrets: true })).json()) as { document: { settings: { upstream: Record<string, unknown> } } };
    const preset = structuredClone(exported.document);
    preset.settings.upstream.base_urls = [trapUrl];
    preset.settings.upstream.oauth_token_url = `${trapUrl}/token`;
    const imported = await control('importSettings', { document: preset, apply_secrets: true });
    expect(imported.status).toBe(400);
    expect(await imported.json()).toMatchObject({ error: { code: 'owner_only_setting', param: 'upstream.base_urls' } });
    // Every upstream.* field, the client version too, and one no schema knows yet.
    const version = await control('updateSettings', { upstream: { client_version: '9.9.9' } });
    expect(await version.json()).toMatchObject({ error: { code: 'owner_only_setting', param: 'upstream.client_version', message: expect.stringContaining('SKYPORT_CLIENT_VERSION') } });
    const future = await control('importSettings', { document: { upstream: { some_future_field: 'x' } } });
    expect(await future.json()).toMatchObject({ error: { code: 'owner_only_setting', param: 'upstream.some_future_field' } });

    // The preview says what would be refused, and applies nothing.
    const preview = (await (await control('previewSettingsImport', { document: preset })).json()) as { changes: Array<{ path: string; kind: string; after: string | null }> };
    expect(preview.changes.filter((change) => change.kind === 'owner_only').map((change) => change.path).sort()).toEqual(['upstream.base_urls', 'upstream.oauth_token_url']);

    // The exported file itself round-trips: equal upstream values are no change.
    expect((await control('importSettings', { document: exported.document })).status).toBe(200);

    // Force a token refresh: Google says the access token expired, the gateway refreshes it.
    world.fake.expireAccessTokens();
    const openai = new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 });
    const answer = await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.choices[0]?.message.content).toBeTruthy();
    expect(world.fake.requestsTo('token').length).toBeGreaterThan(refreshesBefore);
    expect(trapped).toEqual([]);
    expect(world.gateway.settingsStore.get().upstream.oauth_token_url).toBe(world.fake.tokenUrl);
  });

  it('an import leaves the file’s API key and console password out unless asked, and says so', async () => {
    const key = world.gateway.settings().proxy.api_key;
    const response = await control('importSettings', { document: { proxy: { api_key: 'sk-from-a-shared-file', request_timeout_s: 90 } } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ skipped_secrets: ['proxy.api_key'], settings: { proxy: { request_timeout_s: 90 } } });
    expect(world.gateway.settings().proxy.api_key).toBe(key);
    const preview = (await (await control('previewSettingsImport', { document: { proxy: { api_key: 'sk-from-a-shared-file' } } })).json()) as { changes: unknown[] };
    expect(preview.changes).toEqual([{ path: 'proxy.api_key', before: null, after: null, kind: 'secret' }]);
  });
});

describe('console password changes', () => {
  it('need the current credential in the body: missing, wrong or the API key is refused; the admin token or the password works', async () => {
    const missing = await control('updateSettings', { proxy: { admin_password: 'correct horse' } });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: 'current_credential_required', param: 'current_credential' } });
    for (const wrong of ['not-it', world.apiKey]) {
      const refused = await control('updateSettings', { proxy: { admin_password: 'correct horse' }, current_credential: wrong });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error: { code: 'invalid_current_credential' } });
    }
    expect(world.gateway.settings().proxy.admin_password).toBe('');

    expect((await control('updateSettings', { proxy: { admin_password: 'correct horse' }, current_credential: world.adminToken })).status).toBe(200);
    // Signed in with the password, changing it needs the password (or the token) again.
    const changed = await control('updateSettings', { proxy: { admin_password: 'battery staple' }, current_credential: 'correct horse' }, 'correct horse');
    expect(changed.status).toBe(200);
    // A file's console password is a change as well.
    const viaImport = await control('importSettings', { document: { proxy: { admin_password: 'from a file' } }, apply_secrets: true }, 'battery staple');
    expect(viaImport.status).toBe(401);
    // Other settings change without it.
    expect((await control('updateSettings', { proxy: { request_timeout_s: 100 } }, 'battery staple')).status).toBe(200);
    const removed = await control('updateSettings', { proxy: { admin_password: '' }, current_credential: 'battery staple' }, 'battery staple');
    expect(removed.status).toBe(200);
    expect(world.gateway.settings().proxy.admin_password).toBe('');
    // The removed password opens nothing; the admin token still does.
    expect((await control('getStatus', {}, 'battery staple')).status).toBe(401);
    expect((await control('getStatus', {})).status).toBe(200);
  });

  it('must be 8 characters or more with LAN access on, both ways round, and never the API key', async () => {
    const tooShort = await control('updateSettings', { proxy: { allow_lan_access: true, auth_mode: 'strict', admin_password: 'short' }, current_credential: world.adminToken });
    expect(tooShort.status).toBe(400);
    expect(await tooShort.json()).toMatchObject({ error: { code: 'console_password_too_short' } });
    expect((await control('updateSettings', { proxy: { admin_password: 'short' }, current_credential: world.adminToken })).status).toBe(200);
    const lanOn = await control('updateSettings', { proxy: { allow_lan_access: true, auth_mode: 'strict' } });
    expect(lanOn.status).toBe(400);
    expect(await lanOn.json()).toMatchObject({ error: { code: 'console_password_too_short', param: 'proxy.allow_lan_access' } });
    expect(world.gateway.settings().proxy.allow_lan_access).toBe(false);
    const sameAsKey = await control('updateSettings', { proxy: { admin_password: world.apiKey }, current_credential: world.adminToken });
    expect(await sameAsKey.json()).toMatchObject({ error: { code: 'console_password_is_api_key' } });
    expect((await control('updateSettings', { proxy: { admin_password: '' }, current_credential: world.adminToken })).status).toBe(200);
  });
});
