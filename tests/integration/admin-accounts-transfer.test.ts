/**
 * Backup, restore and "Import from this computer" over the admin API of real gateways against the
 * fake Google: the admin credential opens it (the API key does not), a restored account serves
 * requests on the new gateway, a wrong passphrase stores nothing, and the local import reads a
 * fake home on the gateway's machine and verifies each token.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../proxy-core/control/gateway.js';
import { createGateway } from '../../proxy-core/create-gateway.js';
import { silentLogger } from '../../proxy-core/logging/logger.js';
import { startFakeGoogle, type FakeGoogle } from '../fakes/fake-google.js';

const passphrase = 'lantern orchard quiet';
let fake: FakeGoogle;
let root: string;
let home: string;
const gateways: Gateway[] = [];

async function startGateway(name: string): Promise<{ gateway: Gateway; origin: string }> {
  const gateway = await createGateway({
    dataDir: join(root, name),
    environment: { SKYPORT_UPSTREAM_BASE_URLS: fake.baseUrl, SKYPORT_OAUTH_TOKEN_URL: fake.tokenUrl, SKYPORT_USERINFO_URL: fake.userinfoUrl },
    logger: silentLogger,
    listen: { host: '127.0.0.1', port: 0 },
    backgroundQuotaRefresh: false,
    control: { localMachine: { homeDir: home, platform: 'linux', environment: {} }, backupScryptParams: { name: 'scrypt', N: 2 ** 14, r: 8, p: 1, key_length: 32 } },
  });
  gateways.push(gateway);
  const status = await gateway.start();
  return { gateway, origin: `http://127.0.0.1:${status.port}` };
}

async function post(origin: string, path: string, credential: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${origin}${path}`, { method: 'POST', headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  fake = await startFakeGoogle();
  root = await mkdtemp(join(tmpdir(), 'skyport-admin-transfer-'));
  home = join(root, 'home');
  await mkdir(home);
  fake.addAccount({ email: 'one@example.com', refreshToken: '1//admin-transfer-one', projectId: 'p-one' });
  fake.addAccount({ email: 'two@example.com', refreshToken: '1//admin-transfer-two', projectId: 'p-two' });
  fake.addAccount({ email: 'three@example.com', refreshToken: '1//admin-transfer-three', projectId: 'p-three' });
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.close();
  await fake.close();
  await rm(root, { recursive: true, force: true });
});

describe('backup over the admin API', () => {
  it('exports encrypted for the admin credential only, and restores on another gateway where the accounts serve at once', async () => {
    const a = await startGateway('a');
    await a.gateway.addAccountByRefreshToken('1//admin-transfer-one');
    await a.gateway.addAccountByRefreshToken('1//admin-transfer-two');

    const byApiKey = await post(a.origin, '/api/admin/accounts/export', a.gateway.settings().proxy.api_key, { passphrase });
    expect(byApiKey.status).toBe(401);
    expect(await post(a.origin, '/api/admin/accounts/export', a.gateway.adminToken, {})).toMatchObject({ status: 400, json: { error: { code: 'passphrase_required' } } });

    const exported = await post(a.origin, '/api/admin/accounts/export', a.gateway.adminToken, { passphrase });
    expect(exported).toMatchObject({ status: 200, json: { encrypted: true, count: 2, file_name: expect.stringMatching(/^skyport-accounts-\d{4}-\d{2}-\d{2}\.json$/) } });
    const content = exported.json.content as string;
    expect(content).not.toContain('1//admin-transfer');

    const b = await startGateway('b');
    const wrong = await post(b.origin, '/api/admin/control/restoreAccountsBackup', b.gateway.adminToken, { content, passphrase: 'not it at all' });
    expect(wrong).toMatchObject({ status: 400, json: { error: { code: 'backup_auth_failed' } } });
    expect(b.gateway.accountStore.list()).toHaveLength(0);

    const restored = await post(b.origin, '/api/admin/accounts/restore', b.gateway.adminToken, { content, passphrase });
    expect(restored).toMatchObject({ status: 200, json: { added: 2, updated: 0, skipped: 0 } });
    expect(b.gateway.accountStore.list().map((account) => account.email)).toEqual(['one@example.com', 'two@example.com']);

    // Trusted as backed up, and working: the restored accounts serve a request on B.
    const client = new OpenAI({ baseURL: `${b.origin}/v1`, apiKey: b.gateway.settings().proxy.api_key });
    const answer = await client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'Hello' }] });
    expect(answer.choices[0]?.message.content).toBeTruthy();

    const plain = await post(a.origin, '/api/admin/accounts/export', a.gateway.adminToken, { plain: true });
    expect(plain).toMatchObject({ status: 200, json: { encrypted: false, file_name: expect.stringMatching(/UNENCRYPTED/) } });
    expect(plain.json.content).toContain('1//admin-transfer-one');
  });
});

describe('Import from this computer (the gateway machine)', () => {
  it('lists what each app holds, without tokens, and imports Gemini CLI and an Antigravity Manager file, verifying each', async () => {
    await mkdir(join(home, '.gemini'), { recursive: true });
    await writeFile(join(home, '.gemini', 'oauth_creds.json'), JSON.stringify({ refresh_token: '1//admin-transfer-three', access_token: 'ya29.x' }));
    const c = await startGateway('c');

    const found = await post(c.origin, '/api/admin/control/findLocalAccounts', c.gateway.adminToken, {});
    expect(found.status).toBe(200);
    expect(JSON.stringify(found.json)).not.toContain('1//');
    expect(found.json.sources).toEqual([
      { source: 'antigravity', label: 'Antigravity', path: join(home, '.config', 'Antigravity', 'User', 'globalStorage', 'state.vscdb'), found: false, count: 0, problem: expect.stringMatching(/not found/) },
      { source: 'gemini-cli', label: 'Gemini CLI', path: join(home, '.gemini', 'oauth_creds.json'), found: true, count: 1, problem: null },
      { source: 'antigravity-manager', label: 'Antigravity Manager', path: join(home, '.antigravity_tools'), found: false, count: 0, problem: expect.stringMatching(/Nothing of Antigravity Manager at/) },
    ]);

    const imported = await post(c.origin, '/api/admin/accounts/import', c.gateway.adminToken, { source: 'gemini-cli' });
    expect(imported).toMatchObject({ status: 200, json: { results: [{ ok: true, email: 'three@example.com', error: null }] } });

    const missing = await post(c.origin, '/api/admin/accounts/import', c.gateway.adminToken, { source: 'antigravity' });
    expect(missing).toMatchObject({ status: 404, json: { error: { code: 'import_source_missing' } } });

    const file = JSON.stringify([
      { email: 'one@example.com', refresh_token: '1//admin-transfer-one' },
      { email: 'ghost@example.com', refresh_token: '1//admin-transfer-ghost' },
    ]);
    const fromFile = await post(c.origin, '/api/admin/control/importLocalAccounts', c.gateway.adminToken, { source: 'antigravity-manager', content: file });
    expect(fromFile.json.results).toEqual([
      { where: 'the file entry 1', ok: true, email: 'one@example.com', error: null },
      { where: 'the file entry 2', ok: false, email: 'ghost@example.com', error: expect.any(String) },
    ]);
    expect(JSON.stringify(fromFile.json)).not.toContain('1//admin-transfer-ghost');
    expect(c.gateway.accountStore.list().map((account) => account.email).sort()).toEqual(['one@example.com', 'three@example.com']);
  });
});
