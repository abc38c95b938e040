/** The `skyport` CLI: accounts and config in-process, `serve` as a real process that drains on SIGTERM. */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../proxy-core/headless/run-cli.js';
import { startFakeGoogle, type FakeGoogle } from '../fakes/fake-google.js';
import { bundleNodeEntry } from '../../scripts/bundle-node-entry.mjs';

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

/** Lines a test "types" on stdin; readLine waits for the next one like a terminal does. */
function fakeStdin() {
  const lines: string[] = [];
  let wake: (() => void) | undefined;
  return {
    type(line: string) {
      lines.push(line);
      wake?.();
    },
    async readLine(signal?: AbortSignal): Promise<string | undefined> {
      while (lines.length === 0) {
        if (signal?.aborted) return undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          signal?.addEventListener('abort', () => resolve(), { once: true });
        });
      }
      return lines.shift();
    },
  };
}

function startCli(args: string[], stdin: { readLine(signal?: AbortSignal): Promise<string | undefined> } = { readLine: async () => undefined }) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve(match: RegExpExecArray): void }> = [];
  const onLine = (line: string) => {
    stdout.push(line);
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(line);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  const done = runCli([...args, '--data-dir', dataDir], {
    stdout: onLine,
    stderr: (line) => stderr.push(line),
    environment,
    homeDir: dataDir,
    stopSignal: new Promise(() => {}),
    readLine: (signal) => stdin.readLine(signal),
  }).then((code) => ({ code, stdout: stdout.join('\n'), stderr: stderr.join('\n') }));
  return {
    done,
    /** Resolves with the first stdout line matching `pattern` (already printed or still to come). */
    waitForLine(pattern: RegExp): Promise<RegExpExecArray> {
      for (const line of stdout) {
        const match = pattern.exec(line);
        if (match) return Promise.resolve(match);
      }
      return new Promise((resolve) => waiters.push({ pattern, resolve }));
    },
  };
}

async function cli(...args: string[]) {
  return startCli(args).done;
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

  it('warms up one account: one line per model family, each a call on that account; an unknown email is refused', async () => {
    fake.addAccount({ email: 'warm@example.com', refreshToken: '1//warm-token', projectId: 'p', quotas: { 'gemini-3-flash': { remainingFraction: 0.9 }, 'claude-sonnet-4-5': { remainingFraction: 0.9 } } });
    await cli('accounts', 'add', '--refresh-token', '1//warm-token');
    const before = fake.requestsTo('streamGenerateContent').length;
    // No quota read yet: the usual model of each family.
    const result = await cli('accounts', 'warmup', 'warm@example.com');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout.split('\n')).toEqual(['warm@example.com\tgemini-3-flash\twarmed', 'warm@example.com\tgemini-3-pro-high\twarmed', 'warm@example.com\tclaude-sonnet-4-5\twarmed']);
    const calls = fake.requestsTo('streamGenerateContent').slice(before);
    expect(calls.map((call) => call.account)).toEqual(['warm@example.com', 'warm@example.com', 'warm@example.com']);
    const unknown = await cli('accounts', 'warmup', 'nobody@example.com');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No account nobody@example.com');
  });
});

describe('skyport accounts add --refresh-token - (token from stdin)', () => {
  function run(args: string[], io: { lines?: string[]; hidden?: string }) {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const lines = [...(io.lines ?? [])];
    return runCli([...args, '--data-dir', dataDir], {
      stdout: (line) => stdout.push(line),
      stderr: (line) => stderr.push(line),
      environment,
      homeDir: dataDir,
      stopSignal: new Promise(() => {}),
      readLine: async () => lines.shift(),
      ...(io.hidden === undefined ? {} : { stdinIsTerminal: true, readHiddenLine: async () => io.hidden }),
    }).then((code) => ({ code, stdout: stdout.join('\n'), stderr: stderr.join('\n') }));
  }

  it('takes a piped token with "-", a typed one with the bare flag, and several piped ones as a list', async () => {
    fake.addAccount({ email: 'piped@example.com', refreshToken: '1//piped-token', projectId: 'p-piped' });
    fake.addAccount({ email: 'typed@example.com', refreshToken: '1//typed-token', projectId: 'p-typed' });
    fake.addAccount({ email: 'many.one@example.com', refreshToken: '1//many-one', projectId: 'p-m1' });
    fake.addAccount({ email: 'many.two@example.com', refreshToken: '1//many-two', projectId: 'p-m2' });
    expect(await run(['accounts', 'add', '--refresh-token', '-'], { lines: ['1//piped-token'] })).toMatchObject({ code: 0, stdout: 'piped@example.com' });
    // The bare flag before another option: still stdin (here a terminal: asked without echo).
    expect(await run(['accounts', 'add', '--refresh-token'], { hidden: '1//typed-token' })).toMatchObject({ code: 0, stdout: 'typed@example.com' });
    const many = await run(['accounts', 'add', '--refresh-token=-'], { lines: ['1//many-one', '1//many-two'] });
    expect(many).toMatchObject({ code: 0, stdout: 'line 1: many.one@example.com\nline 2: many.two@example.com\nAdded 2 of 2 accounts.' });
    expect(`${many.stdout}${many.stderr}`).not.toContain('1//many');
    expect(await run(['accounts', 'add', '--refresh-token', '-'], { lines: [] })).toMatchObject({ code: 1, stderr: expect.stringMatching(/No refresh token on stdin/) });
  });
});

describe('skyport accounts login', () => {
  /** Waits for the printed consent address and plays Google's part: the code it would hand the browser. */
  async function consent(run: ReturnType<typeof startCli>, refreshToken: string, code: string) {
    const [authorizeUrl = ''] = await run.waitForLine(/^https?:\/\/\S+code_challenge=\S+$/);
    const url = new URL(authorizeUrl);
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    fake.registerAuthorizationCode(code, refreshToken, { redirectUri, codeChallenge: url.searchParams.get('code_challenge') ?? '' });
    return { redirectUri, state: url.searchParams.get('state') ?? '' };
  }

  it('prints the notice and the address, and adds the account when the browser comes back', async () => {
    fake.addAccount({ email: 'browser.user@example.com', refreshToken: '1//login-browser', projectId: 'p-browser' });
    const run = startCli(['accounts', 'login'], fakeStdin());
    const { redirectUri, state } = await consent(run, '1//login-browser', '4/0browser-code');
    const page = await fetch(`${redirectUri}?state=${encodeURIComponent(state)}&code=${encodeURIComponent('4/0browser-code')}&scope=email`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('browser.user@example.com');
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/third-party tools may break the provider's terms/);
    expect(result.stdout.split('\n').at(-1)).toBe('browser.user@example.com');
    expect((await cli('accounts', 'list')).stdout).toMatch(/^browser\.user@example\.com\tactive\t/m);
  });

  it('takes the address pasted on stdin when the browser cannot reach the listener', async () => {
    fake.addAccount({ email: 'remote.user@example.com', refreshToken: '1//login-remote', projectId: 'p-remote' });
    const stdin = fakeStdin();
    const run = startCli(['accounts', 'login'], stdin);
    const { redirectUri, state } = await consent(run, '1//login-remote', '4/0remote-code');
    stdin.type('not a code at all');
    stdin.type(`${redirectUri}?state=${state}&code=${encodeURIComponent('4/0remote-code')}`);
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/does not look like a sign-in code/);
    expect(result.stdout.split('\n').at(-1)).toBe('remote.user@example.com');
  });
});

describe('skyport accounts add --file', () => {
  it('adds every token in the file, one line per token, never printing a token; exit 1 when one fails', async () => {
    fake.addAccount({ email: 'file.one@example.com', refreshToken: '1//file-one', projectId: 'p-1' });
    fake.addAccount({ email: 'file.two@example.com', refreshToken: '1//file-two', projectId: 'p-2' });
    const file = join(dataDir, 'tokens.txt');
    await writeFile(file, '# exported tokens\n1//file-one\n\n1//file-revoked-xyz\n1//file-two\n');
    const result = await cli('accounts', 'add', '--file', file);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('line 2: file.one@example.com');
    expect(result.stdout).toContain('line 5: file.two@example.com');
    expect(result.stderr).toMatch(/^line 4: .*revoked or has expired/m);
    expect(result.stdout).toMatch(/Added 2 of 3 accounts/);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/1\/\/file-/);
  });

  it('reads a JSON array of tokens or {refresh_token} objects and exits 0 when all are added', async () => {
    fake.addAccount({ email: 'json.one@example.com', refreshToken: '1//json-one', projectId: 'p-1' });
    fake.addAccount({ email: 'json.two@example.com', refreshToken: '1//json-two', projectId: 'p-2' });
    const file = join(dataDir, 'tokens.json');
    await writeFile(file, JSON.stringify([{ email: 'json.one@example.com', refresh_token: '1//json-one' }, '1//json-two']));
    const result = await cli('accounts', 'add', '--file', file);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.split('\n')).toEqual(['entry 1: json.one@example.com', 'entry 2: json.two@example.com', 'Added 2 of 2 accounts.']);
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

  it('sets the client version presented upstream and refuses one that is not a version', async () => {
    expect(await cli('config', 'set', 'upstream.client_version', 'auto')).toMatchObject({ code: 0, stdout: 'auto' });
    expect(await cli('config', 'set', 'upstream.client_version', '1.24.0')).toMatchObject({ code: 0, stdout: '1.24.0' });
    const refused = await cli('config', 'set', 'upstream.client_version', 'newest');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/upstream\.client_version/);
    expect((await cli('config', 'get', 'upstream.client_version')).stdout).toBe('1.24.0');
    expect(await cli('config', 'set', 'proxy.answer_claude_code_warmup', 'false')).toMatchObject({ code: 0, stdout: 'false' });
    await cli('config', 'unset', 'upstream.client_version');
    await cli('config', 'unset', 'proxy.answer_claude_code_warmup');
  });

  it('prints usage for unknown commands', async () => {
    const result = await cli('fly');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Unknown command "fly"/);
  });
});

describe('skyport serve', () => {
  it('serves until SIGTERM, finishes the stream in flight, and exits 0 (the bundle `npm run serve` runs)', async () => {
    await bundleNodeEntry('proxy-core/headless/cli.ts', 'out/cli/skyport.mjs');
    const child = spawn(process.execPath, ['--no-allocation-site-pretenuring', '--enable-source-maps', 'out/cli/skyport.mjs', 'serve', '--port', '0', '--data-dir', dataDir], {
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
