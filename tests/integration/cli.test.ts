/** The `skyport` CLI: accounts and config in-process, `serve` as a real process that drains on SIGTERM. */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../proxy-core/headless/run-cli.js';
import { startFakeGoogle, type FakeGoogle } from '../fakes/fake-google.js';

let fake: FakeGoogle;
let dataDir: string;
let environment: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeGoogle({ chunkDelayMs: 15 });
  dataDir = await mkdtemp(join(tmpdir(), 'skyport-cli-'));
  environment = {
    SKYPORT_UPSTREAM_BASE_URLS: fake.baseUrl,
    SKYPORT_OAUTH_TOKEN_URL: fake.tokenUrl,
    SKYPORT_USERINFO_URL: fake.userinfoUrl,
  };
});
afterAll(async () => {
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli([...args, '--data-dir', dataDir], {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    environment,
    homeDir: dataDir,
    stopSignal: new Promise(() => {}),
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('skyport accounts', () => {
  it('adds an account from a refresh token, onboarding it when it has no project', async () => {
    fake.addAccount({ email: 'new.user@example.com', refreshToken: '1//cli-token', tier: 'free-tier' });
    const added = await cli('accounts', 'add', '--refresh-token', '1//cli-token');
    expect(added).toMatchObject({ code: 0, stdout: 'new.user@example.com' });
    expect(fake.requestsTo('onboardUser').length).toBeGreaterThan(0);
    const listed = await cli('accounts', 'list');
    expect(listed.stdout).toMatch(/^new\.user@example\.com\tactive\t/m);
    const stored = await readFile(join(dataDir, 'accounts.json'), 'utf8');
    expect(stored).not.toContain('ya29.');
  });

  it('refuses a bad token with one line and exit code 1, storing nothing', async () => {
    const result = await cli('accounts', 'add', '--refresh-token', '1//not-a-real-token');
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^skyport: .*revoked or has expired/);
    expect(result.stderr).not.toContain('1//not-a-real-token');
    expect((await cli('accounts', 'list')).stdout).not.toContain('not-a-real');
  });

  it('removes an account', async () => {
    fake.addAccount({ email: 'gone@example.com', refreshToken: '1//gone-token', projectId: 'p' });
    await cli('accounts', 'add', '--refresh-token', '1//gone-token');
    expect(await cli('accounts', 'remove', 'gone@example.com')).toMatchObject({ code: 0 });
    expect((await cli('accounts', 'list')).stdout).not.toContain('gone@example.com');
    expect(await cli('accounts', 'remove', 'gone@example.com')).toMatchObject({ code: 1 });
  });
});

describe('skyport config', () => {
  it('gets and sets dotted keys with validation', async () => {
    expect(await cli('config', 'set', 'proxy.auth_mode', 'strict')).toMatchObject({ code: 0, stdout: 'strict' });
    expect(await cli('config', 'set', 'proxy.custom_mapping.gpt-4*', 'gemini-3-flash')).toMatchObject({ code: 0 });
    expect(JSON.parse((await cli('config', 'get', 'proxy.custom_mapping')).stdout)).toEqual({ 'gpt-4*': 'gemini-3-flash' });
    const refused = await cli('config', 'set', 'proxy.port', 'eighty');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/proxy\.port/);
    expect((await cli('config', 'get', 'proxy.port')).stdout).toBe('8045');
    expect((await cli('config', 'get', 'proxy.api_key')).stdout).toMatch(/^sk-/);
    await cli('config', 'unset', 'proxy.custom_mapping.gpt-4*');
    await cli('config', 'set', 'proxy.auth_mode', 'auto');
  });

  it('prints usage for unknown commands', async () => {
    const result = await cli('fly');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Unknown command "fly"/);
  });
});

describe('skyport serve', () => {
  it('serves until SIGTERM, finishes the stream in flight, and exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'proxy-core/headless/cli.ts', 'serve', '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const baseUrl = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /serving (http:\/\/\S+\/v1)/.exec(stdout);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    fake.setDefaultReply(() => ({ kind: 'text', text: 'one two three four five six seven eight nine ten '.repeat(4) }));
    const client = new OpenAI({ baseURL: baseUrl, apiKey: 'unused-on-loopback', maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'count' }], stream: true });
    let text = '';
    let signalled = false;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (!signalled && text.length > 0) {
        signalled = true;
        child.kill('SIGTERM');
      }
    }
    fake.setDefaultReply(undefined);
    expect(text).toBe('one two three four five six seven eight nine ten '.repeat(4));
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/POST \/v1\/chat\/completions 200/);
    expect(stderr).toMatch(/Skyport stopped/);
  }, 30_000);
});
