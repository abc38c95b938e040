/**
 * One writer per data dir, through the real CLI as child processes against the fake Google:
 * `serve` owns the data dir (skyport.lock), a second `serve` is refused naming the first, CLI
 * changes made while it runs go through it and survive its own later writes and a restart, and a
 * SIGKILL under streaming load leaves files that parse and a lock that does not block the next start.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bundleNodeEntry } from '../../scripts/bundle-node-entry.mjs';
import { startFakeGoogle, type FakeGoogle } from '../fakes/fake-google.js';
import { freePort } from '../support/free-port.js';

const bundle = 'out/cli-test/skyport-data-dir-owner.mjs';
let fake: FakeGoogle;
let dataDir: string;
let environment: Record<string, string>;
const children = new Set<ChildProcessWithoutNullStreams>();

beforeAll(async () => {
  // Its own bundle file: other test files bundle the CLI too, possibly at the same time.
  await bundleNodeEntry('proxy-core/headless/cli.ts', bundle);
  fake = await startFakeGoogle({ chunkDelayMs: 20 });
  environment = {
    SKYPORT_UPSTREAM_BASE_URLS: fake.baseUrl,
    SKYPORT_OAUTH_TOKEN_URL: fake.tokenUrl,
    SKYPORT_USERINFO_URL: fake.userinfoUrl,
  };
}, 60_000);
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'skyport-owner-'));
});
afterEach(async () => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  await rm(dataDir, { recursive: true, force: true });
});

function spawnCli(args: string[]) {
  const child = spawn(process.execPath, ['--enable-source-maps', bundle, ...args, '--data-dir', dataDir], {
    env: { ...process.env, ...environment },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal, stdout: stdout.trim(), stderr: stderr.trim() });
    }),
  );
  return { child, exited, output: () => stdout, errors: () => stderr };
}

/** A one-shot command; `stdin` is piped in and closed. */
async function cli(args: string[], stdin = '') {
  const run = spawnCli(args);
  run.child.stdin.end(stdin);
  return run.exited;
}

async function startServe() {
  const run = spawnCli(['serve', '--port', '0']);
  run.child.stdin.end();
  const origin = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = /serving (http:\/\/\S+)\/v1/.exec(run.output());
      if (match?.[1] !== undefined) {
        run.child.stdout.off('data', onData);
        resolve(match[1]);
      }
    };
    run.child.stdout.on('data', onData);
    void run.exited.then((result) => reject(new Error(`serve exited early (${result.code}): ${result.stderr}`)));
  });
  return { ...run, origin, pid: run.child.pid ?? 0 };
}

async function adminToken(): Promise<string> {
  return (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
}

async function admin(origin: string, operation: string, body: unknown = {}, credential?: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${origin}/api/admin/control/${operation}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${credential ?? (await adminToken())}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

async function storedAccounts(): Promise<string[]> {
  const file = JSON.parse(await readFile(join(dataDir, 'accounts.json'), 'utf8')) as { accounts: Array<{ email: string }> };
  return file.accounts.map((account) => account.email).sort();
}

describe('serve owns its data dir', () => {
  it('CLI accounts add while serving goes through the gateway: a quota refresh and a restart keep both accounts', async () => {
    fake.addAccount({ email: 'first.owner@example.com', refreshToken: '1//owner-first', projectId: 'p-first' });
    fake.addAccount({ email: 'second.owner@example.com', refreshToken: '1//owner-second', projectId: 'p-second' });
    // No gateway yet: the CLI takes the lock and writes the file itself.
    expect(await cli(['accounts', 'add', '--refresh-token', '-'], '1//owner-first\n')).toMatchObject({ code: 0, stdout: 'first.owner@example.com' });

    const serve = await startServe();
    const lock = JSON.parse(await readFile(join(dataDir, 'skyport.lock'), 'utf8')) as { pid: number; url: string };
    expect(lock).toMatchObject({ pid: serve.pid, url: serve.origin });

    // The token from stdin with the bare flag (never on the command line), added by the running gateway.
    const added = await cli(['accounts', 'add', '--refresh-token'], '1//owner-second\n');
    expect(added).toMatchObject({ code: 0, stdout: 'second.owner@example.com' });
    expect(`${added.stdout}${added.stderr}`).not.toContain('1//owner-second');
    // The gateway has it in memory: its own next write (a quota refresh of every account) keeps it.
    const listed = (await admin(serve.origin, 'listAccounts')).json as { items: Array<{ email: string }> };
    expect(listed.items.map((item) => item.email).sort()).toEqual(['first.owner@example.com', 'second.owner@example.com']);
    const refreshed = (await admin(serve.origin, 'refreshQuota')).json as { results: Array<{ ok: boolean }> };
    expect(refreshed.results).toHaveLength(2);
    expect(refreshed.results.every((result) => result.ok)).toBe(true);
    expect(await storedAccounts()).toEqual(['first.owner@example.com', 'second.owner@example.com']);

    // Read-only commands work while it runs; removing goes through it too.
    expect((await cli(['accounts', 'list'])).stdout).toMatch(/^second\.owner@example\.com\tactive/m);

    serve.child.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
    const restarted = await startServe();
    const after = (await admin(restarted.origin, 'listAccounts')).json as { items: Array<{ email: string }> };
    expect(after.items.map((item) => item.email).sort()).toEqual(['first.owner@example.com', 'second.owner@example.com']);
    restarted.child.kill('SIGTERM');
    await restarted.exited;
  }, 60_000);

  it('accounts login and remove while serving run in the gateway: the browser comes back to its listener', async () => {
    fake.addAccount({ email: 'login.owner@example.com', refreshToken: '1//owner-login', projectId: 'p-login' });
    const serve = await startServe();
    const login = spawnCli(['accounts', 'login']);
    let authorizeUrl = '';
    await expect.poll(() => (authorizeUrl = /^(https?:\/\/\S+code_challenge=\S+)$/m.exec(login.output())?.[1] ?? ''), { timeout: 15_000 }).not.toBe('');
    const url = new URL(authorizeUrl);
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    fake.registerAuthorizationCode('4/0owner-code', '1//owner-login', { redirectUri, codeChallenge: url.searchParams.get('code_challenge') ?? '' });
    const page = await fetch(`${redirectUri}?state=${encodeURIComponent(url.searchParams.get('state') ?? '')}&code=${encodeURIComponent('4/0owner-code')}&scope=email`);
    expect(page.status).toBe(200);
    const result = await login.exited;
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').at(-1)).toBe('login.owner@example.com');
    const listed = (await admin(serve.origin, 'listAccounts')).json as { items: Array<{ email: string }> };
    expect(listed.items.map((item) => item.email)).toEqual(['login.owner@example.com']);

    expect(await cli(['accounts', 'remove', 'login.owner@example.com'])).toMatchObject({ code: 0, stdout: 'Removed login.owner@example.com' });
    expect(((await admin(serve.origin, 'listAccounts')).json as { items: unknown[] }).items).toEqual([]);
    expect(await cli(['accounts', 'remove', 'login.owner@example.com'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/No account login\.owner@example\.com/) });
    serve.child.kill('SIGTERM');
    await serve.exited;
  }, 60_000);

  it('a second serve on the same data dir exits at once, naming the running one (pid and address)', async () => {
    const serve = await startServe();
    const started = Date.now();
    const second = await cli(['serve', '--port', '0']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`pid ${serve.pid}`);
    expect(second.stderr).toContain(serve.origin);
    expect(Date.now() - started).toBeLessThan(10_000);
    // The first one is untouched.
    expect((await fetch(`${serve.origin}/healthz`)).status).toBe(200);
    serve.child.kill('SIGTERM');
    await serve.exited;
  }, 30_000);

  it('config set while serving applies live, upstream.* included; the owner route opens for the admin token only', async () => {
    const serve = await startServe();
    expect(await cli(['config', 'set', 'proxy.request_timeout_s', '77'])).toMatchObject({ code: 0, stdout: '77' });
    const settings = (await admin(serve.origin, 'getSettings')).json as { proxy: { request_timeout_s: number } };
    expect(settings.proxy.request_timeout_s).toBe(77);

    // Owner-only settings: the CLI sets them through the gateway, and the gateway uses them at once.
    expect(await cli(['config', 'set', 'proxy.custom_mapping.owner-*', 'gemini-3-flash'])).toMatchObject({ code: 0 });
    expect(await cli(['config', 'set', 'upstream.userinfo_url', 'http://127.0.0.1:9/userinfo'])).toMatchObject({ code: 0 });
    expect((await cli(['config', 'get', 'upstream.userinfo_url'])).stdout).toBe('http://127.0.0.1:9/userinfo');
    expect(await cli(['config', 'unset', 'upstream.userinfo_url'])).toMatchObject({ code: 0, stdout: 'upstream.userinfo_url reset' });
    const preview = (await admin(serve.origin, 'previewMapping', { model: 'owner-model' })).json as { model: string };
    expect(preview.model).toBe('gemini-3-flash');

    // A console password opens the console's operations, never the owner route.
    expect(await cli(['config', 'set', 'proxy.admin_password', 'correct horse battery'])).toMatchObject({ code: 0 });
    const withPassword = await fetch(`${serve.origin}/api/admin/owner/settings`, {
      method: 'POST',
      headers: { authorization: 'Bearer correct horse battery', 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'upstream.oauth_token_url', value: 'http://127.0.0.1:9/token' }),
    });
    expect(withPassword.status).toBe(403);
    expect(await withPassword.json()).toMatchObject({ error: { code: 'owner_only' } });
    const badBody = await fetch(`${serve.origin}/api/admin/owner/settings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await adminToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'proxy.port' }),
    });
    expect(badBody.status).toBe(400);

    // The file on disk has every change (nothing overwritten by the gateway's own saves).
    const stored = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8')) as { proxy: Record<string, unknown>; upstream: Record<string, unknown> };
    expect(stored.proxy).toMatchObject({ request_timeout_s: 77, admin_password: 'correct horse battery', custom_mapping: { 'owner-*': 'gemini-3-flash' } });
    expect(stored.upstream.oauth_token_url).not.toBe('http://127.0.0.1:9/token');
    expect(stored.upstream.userinfo_url).not.toBe('http://127.0.0.1:9/userinfo');
    serve.child.kill('SIGTERM');
    await serve.exited;
  }, 60_000);

  it('config set proxy.port while serving moves the listener at once, and the lock follows it for the next command', async () => {
    const serve = await startServe();
    const port = await freePort();
    const moved = await cli(['config', 'set', 'proxy.port', String(port)]);
    expect(moved).toMatchObject({ code: 0, stdout: String(port) });
    expect(moved.stderr).toMatch(new RegExp(`now listens on http://127\\.0\\.0\\.1:${port}`));
    await expect.poll(async () => (JSON.parse(await readFile(join(dataDir, 'skyport.lock'), 'utf8')) as { url: string }).url).toBe(`http://127.0.0.1:${port}`);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(await cli(['config', 'set', 'proxy.max_attempts', '2'])).toMatchObject({ code: 0, stdout: '2' });
    expect(((await admin(`http://127.0.0.1:${port}`, 'getSettings')).json as { proxy: { max_attempts: number } }).proxy.max_attempts).toBe(2);
    serve.child.kill('SIGTERM');
    await serve.exited;
  }, 60_000);

  it('N parallel updateSettings over the admin API, each on another field, are all kept', async () => {
    const serve = await startServe();
    const patches = [
      { proxy: { request_timeout_s: 61 } },
      { proxy: { max_attempts: 4 } },
      { proxy: { enable_logging: false } },
      { proxy: { metrics_public: true } },
      { accounts: { quota_refresh_min: 33 } },
      { monitor: { retention_days: 5 } },
      { monitor: { max_body_kb: 17 } },
      { proxy: { scheduling: { max_wait_s: 12 } } },
    ];
    const results = await Promise.all(patches.map((patch) => admin(serve.origin, 'updateSettings', patch)));
    expect(results.map((result) => result.status)).toEqual(patches.map(() => 200));
    const expected = {
      proxy: { request_timeout_s: 61, max_attempts: 4, enable_logging: false, metrics_public: true, scheduling: { max_wait_s: 12 } },
      accounts: { quota_refresh_min: 33 },
      monitor: { retention_days: 5, max_body_kb: 17 },
    };
    expect((await admin(serve.origin, 'getSettings')).json).toMatchObject(expected);
    expect(JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8'))).toMatchObject(expected);
    serve.child.kill('SIGTERM');
    await serve.exited;
  }, 30_000);

  it('SIGKILL under streaming load: config, accounts and the request log survive and the next serve starts', async () => {
    fake.addAccount({ email: 'killed.one@example.com', refreshToken: '1//killed-one', projectId: 'p-k1' });
    fake.addAccount({ email: 'killed.two@example.com', refreshToken: '1//killed-two', projectId: 'p-k2' });
    expect(await cli(['accounts', 'add', '--refresh-token', '-'], '1//killed-one\n1//killed-two\n')).toMatchObject({ code: 0 });
    const serve = await startServe();
    const client = new OpenAI({ baseURL: `${serve.origin}/v1`, apiKey: 'unused-on-loopback', maxRetries: 0 });
    await client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'before the kill' }] });
    await expect
      .poll(async () => (((await (await fetch(`${serve.origin}/api/admin/logs`, { headers: { authorization: `Bearer ${await adminToken()}` } })).json()) as { items: unknown[] }).items.length), { timeout: 10_000 })
      .toBeGreaterThan(0);

    fake.setDefaultReply(() => ({ kind: 'text', text: 'stream '.repeat(200) }));
    const streams = Array.from({ length: 6 }, async () => {
      try {
        const stream = await client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'load' }], stream: true });
        for await (const chunk of stream) void chunk;
      } catch {
        // Cut by the kill.
      }
    });
    // Writes in flight too: settings and account changes while the streams run.
    const writes = Array.from({ length: 10 }, (_, index) =>
      admin(serve.origin, 'updateSettings', { proxy: { request_timeout_s: 100 + index } }).catch(() => undefined),
    );
    const disable = admin(serve.origin, 'disableAccount', { email: 'killed.two@example.com' }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 150));
    serve.child.kill('SIGKILL');
    expect((await serve.exited).signal).toBe('SIGKILL');
    await Promise.all([...streams, ...writes, disable]);
    fake.setDefaultReply(undefined);

    // Files parse, nothing was moved aside, and the dead process's lock does not block.
    const config = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8')) as { proxy: { request_timeout_s: number } };
    // The default, or one of the values being written: a whole file, never a mix.
    expect([120, ...Array.from({ length: 10 }, (_, index) => 100 + index)]).toContain(config.proxy.request_timeout_s);
    expect(await storedAccounts()).toEqual(['killed.one@example.com', 'killed.two@example.com']);
    const restarted = await startServe();
    expect(restarted.errors()).not.toMatch(/could not be read|corrupt/);
    const logs = (await (await fetch(`${restarted.origin}/api/admin/logs`, { headers: { authorization: `Bearer ${await adminToken()}` } })).json()) as {
      items: Array<{ status: number }>;
    };
    expect(logs.items.length).toBeGreaterThan(0);
    const accounts = (await admin(restarted.origin, 'listAccounts')).json as { items: Array<{ email: string }> };
    expect(accounts.items).toHaveLength(2);
    restarted.child.kill('SIGTERM');
    await restarted.exited;
  }, 60_000);
});
