/**
 * `skyport keys …` in-process: on a data dir no gateway holds (the command writes api-keys.json
 * itself, under the lock), and while `serve` runs on it (the command goes through the gateway's
 * admin API, so a new key works at once and a deleted one stops at once).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../proxy-core/headless/run-cli.js';
import { startFakeGoogle, type FakeGoogle } from '../fakes/fake-google.js';

let fake: FakeGoogle;
let dataDir: string;
let environment: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeGoogle();
  environment = { SKYPORT_UPSTREAM_BASE_URLS: fake.baseUrl, SKYPORT_OAUTH_TOKEN_URL: fake.tokenUrl, SKYPORT_USERINFO_URL: fake.userinfoUrl };
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'skyport-keys-cli-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function run(args: string[], stopSignal: Promise<'SIGTERM'> = new Promise(() => {}), onLine?: (line: string) => void) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return runCli([...args, '--data-dir', dataDir], {
    stdout: (line) => {
      stdout.push(line);
      onLine?.(line);
    },
    stderr: (line) => stderr.push(line),
    environment,
    homeDir: dataDir,
    stopSignal,
    readLine: async () => undefined,
  }).then((code) => ({ code, stdout: stdout.join('\n'), stderr: stderr.join('\n') }));
}

describe('skyport keys (no gateway running)', () => {
  it('creates, lists, disables, enables, regenerates and deletes; the secret printed once, only its hash stored', async () => {
    const created = await run(['keys', 'create', 'ci', '--models', 'gemini-*, claude-sonnet-*', '--rpm', '60', '--expires', '30d', '--label', 'build bot']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^skp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain('shown once');
    const stored = await readFile(join(dataDir, 'api-keys.json'), 'utf8');
    expect(stored).not.toContain(created.stdout);

    const listed = await run(['keys', 'list']);
    expect(listed.stdout).toMatch(/^ci\tactive\tskp_[0-9a-f]{12}_…\texpires=\d{4}-.*\tmodels=gemini-\*,claude-sonnet-\*\trpm=60\tlabel="build bot"$/);
    expect(listed.stdout).not.toContain(created.stdout);

    const updated = await run(['keys', 'update', 'ci', '--rpm', 'none', '--expires', 'never', '--models', 'gemini-3-flash']);
    expect(updated.stdout).toMatch(/^ci\tactive\tskp_[0-9a-f]{12}_…\texpires=never\tmodels=gemini-3-flash\trpm=-\tlabel="build bot"$/);
    expect((await run(['keys', 'update', 'ci'])).stderr).toContain('Usage: skyport keys update NAME');
    expect((await run(['keys', 'disable', 'ci'])).stdout).toMatch(/^ci\tdisabled\t/);
    expect((await run(['keys', 'enable', 'ci'])).stdout).toMatch(/^ci\tactive\t/);
    const regenerated = await run(['keys', 'regenerate', 'ci']);
    expect(regenerated.stdout).toMatch(/^skp_/);
    expect(regenerated.stdout).not.toBe(created.stdout);
    expect((await run(['keys', 'delete', 'ci'])).stdout).toBe('Deleted key "ci"');
    expect((await run(['keys', 'list'])).stdout).toContain('No named keys');
  });

  it('refuses a taken name, a bad --rpm and a bad --expires with one line and exit 1', async () => {
    await run(['keys', 'create', 'ci']);
    const duplicate = await run(['keys', 'create', 'ci']);
    expect(duplicate).toMatchObject({ code: 1, stderr: 'skyport: An API key named "ci" already exists.' });
    expect((await run(['keys', 'create', 'x', '--rpm', 'lots'])).stderr).toContain('--rpm must be a whole number');
    expect((await run(['keys', 'create', 'x', '--expires', 'tomorrow'])).stderr).toContain('expires: "tomorrow" is not a duration');
    expect((await run(['keys', 'delete', 'nobody'])).stderr).toBe('skyport: There is no API key named "nobody".');
  });

  it('config set proxy.api_key takes a chosen key of 16 characters or more', async () => {
    const short = await run(['config', 'set', 'proxy.api_key', 'short-key']);
    expect(short).toMatchObject({ code: 1, stderr: 'skyport: proxy.api_key must be at least 16 characters.' });
    expect((await run(['config', 'set', 'proxy.api_key', 'my-chosen-key-0123'])).code).toBe(0);
    expect((await run(['config', 'get', 'proxy.api_key'])).stdout).toBe('my-chosen-key-0123');
  });
});

describe('skyport keys (while serve runs)', () => {
  it('goes through the gateway: a created key works at once, a deleted one is refused at once', async () => {
    let stop: (signal: 'SIGTERM') => void = () => {};
    const stopSignal = new Promise<'SIGTERM'>((resolve) => (stop = resolve));
    let resolveBase: (url: string) => void = () => {};
    const baseUrl = new Promise<string>((resolve) => (resolveBase = resolve));
    const serve = run(['serve', '--port', '0'], stopSignal, (line) => {
      const match = /serving (http:\/\/\S+\/v1)/.exec(line);
      if (match?.[1] !== undefined) resolveBase(match[1]);
    });
    try {
      const base = await baseUrl;
      fake.addAccount({ email: 'keys-cli@example.com', refreshToken: '1//keys-cli', projectId: 'project-keys-cli', tier: 'standard-tier' });
      expect((await run(['accounts', 'add', '--refresh-token', '1//keys-cli'])).code).toBe(0);
      expect((await run(['config', 'set', 'proxy.auth_mode', 'strict'])).code).toBe(0);

      const created = await run(['keys', 'create', 'live', '--models', 'gemini-*']);
      expect(created.code).toBe(0);
      const client = new OpenAI({ baseURL: base, apiKey: created.stdout, maxRetries: 0 });
      await expect(client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] })).resolves.toBeDefined();
      await expect(client.chat.completions.create({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(
        OpenAI.PermissionDeniedError,
      );
      expect((await run(['keys', 'delete', 'live'])).code).toBe(0);
      await expect(client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(
        OpenAI.AuthenticationError,
      );
    } finally {
      stop('SIGTERM');
      expect((await serve).code).toBe(0);
    }
  });
});
