/**
 * The npm package as a user gets it: `npm pack`, installed into a temporary prefix with
 * `--omit=dev` (only the runtime dependencies; better-sqlite3 compiles there, about a minute), then
 * the installed `skyport` command: --version, accounts add, service print, serve against the fake
 * Google with a chat completion and the web console, and a stop with the printed unit's signal
 * that finishes the stream in flight. One pack and one install per run, hence the long timeouts
 * (the install compiles better-sqlite3: a minute on an idle machine, close to ten on a loaded one).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGoogle, type FakeGoogle } from '../fakes/fake-google.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };

let work: string;
let prefix: string;
let skyport: string;
let packedFiles: string[];
let fake: FakeGoogle;
let environment: Record<string, string>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'skyport-pack-'));
  prefix = join(work, 'prefix');
  // What `npm pack` runs as prepack (`npm run build`), minus the steps the package does not ship
  // (Electron main) and minus a forced console rebuild, which would pull out/renderer from under
  // the browser tests running beside this one: the console is rebuilt only when stale.
  await run(process.execPath, [join(root, 'scripts', 'ensure-renderer-build.mjs')], { cwd: root });
  await run(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
  const packed = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const [summary] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (summary === undefined) throw new Error('npm pack printed no summary');
  packedFiles = summary.files.map((file) => file.path);
  await run(npm, ['install', '--global', '--prefix', prefix, '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', join(work, summary.filename)], {
    cwd: work,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  skyport = process.platform === 'win32' ? join(prefix, 'skyport.cmd') : join(prefix, 'bin', 'skyport');
  fake = await startFakeGoogle({ chunkDelayMs: 15 });
  environment = { SKYPORT_UPSTREAM_BASE_URLS: fake.baseUrl, SKYPORT_OAUTH_TOKEN_URL: fake.tokenUrl, SKYPORT_USERINFO_URL: fake.userinfoUrl };
}, 1_200_000);

afterAll(async () => {
  await fake?.close();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('ships the built gateway and console, not the sources', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['package.json', 'bin/skyport.mjs', 'out/cli/skyport.mjs', 'out/renderer/index.html', 'README.md']));
    // npm always packs the file `main` names (the desktop app's entry, which electron-builder reads); nothing else of out/main.
    expect(packedFiles.filter((path) => /\.tsx?$/.test(path) || (path.startsWith('out/main/') && path !== 'out/main/main.js') || path.startsWith('proxy-core/') || path.startsWith('node_modules/'))).toEqual([]);
  });

  it('installs only the runtime dependencies: no TypeScript, Vite, esbuild, tsx or Electron', async () => {
    const installed = join(prefix, 'lib', 'node_modules');
    const names = new Set([...(await readdir(installed)), ...(await readdir(join(installed, 'skyport', 'node_modules')).catch(() => []))]);
    for (const dependency of Object.keys(manifest.dependencies)) expect(names).toContain(dependency);
    for (const tool of ['typescript', 'vite', 'esbuild', 'tsx', 'electron', 'electron-builder', 'electron-updater', 'electron-store', 'vitest']) expect(names).not.toContain(tool);
  });

  it('skyport --version prints the package version', async () => {
    const { stdout } = await run(skyport, ['--version']);
    expect(stdout.trim()).toBe(manifest.version);
  });

  it('serves from a new data dir (created 0700): a chat completion, the console, and a drain on the unit stop signal', async () => {
    const dataDir = join(work, 'fresh', 'data');
    fake.addAccount({ email: 'pack.user@example.com', refreshToken: '1//pack-token', projectId: 'p-pack' });
    const added = await run(skyport, ['accounts', 'add', '--refresh-token', '1//pack-token', '--data-dir', dataDir], { env: { ...process.env, ...environment } });
    expect(added.stdout).toContain('pack.user@example.com');
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);

    const unit = (await run(skyport, ['service', 'print', 'systemd', '--data-dir', dataDir])).stdout;
    expect(unit).toContain(`${join(prefix, 'lib', 'node_modules', 'skyport', 'bin', 'skyport.mjs')} serve --data-dir ${dataDir}`);
    const stopSignal = /^KillSignal=(\w+)$/m.exec(unit)?.[1] as NodeJS.Signals | undefined;
    expect(stopSignal).toBe('SIGTERM');

    const child = spawn(skyport, ['serve', '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, ...environment, SKYPORT_LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const baseUrl = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /serving (http:\/\/\S+\/v1)/.exec(stdout);
          if (match?.[1] !== undefined) resolve(match[1]);
        });
        child.once('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
      });
      const client = new OpenAI({ baseURL: baseUrl, apiKey: 'unused-on-loopback', maxRetries: 0 });
      const completion = await client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'Say hi' }] });
      expect(completion.choices[0]?.message.content).toEqual(expect.any(String));
      expect(completion.choices[0]?.message.content?.length).toBeGreaterThan(0);

      const consolePage = await fetch(`${baseUrl.replace(/\/v1$/, '')}/console/`);
      expect(consolePage.status).toBe(200);
      expect(await consolePage.text()).toMatch(/<div id="root">/);

      fake.setDefaultReply(() => ({ kind: 'text', text: 'one two three four five six seven eight nine ten '.repeat(4) }));
      const stream = await client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'count' }], stream: true });
      let text = '';
      let signalled = false;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        if (!signalled && text.length > 0) {
          signalled = true;
          child.kill(stopSignal);
        }
      }
      expect(text).toBe('one two three four five six seven eight nine ten '.repeat(4));
      expect(await exited).toBe(0);
    } finally {
      fake.setDefaultReply(undefined);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    // JSON lines, as the service runs it: the request line and the drain are there.
    const records = stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: string; msg: string });
    expect(records.some((record) => record.level === 'info' && /POST \/v1\/chat\/completions 200/.test(record.msg))).toBe(true);
    expect(records.some((record) => record.msg === 'Skyport stopped')).toBe(true);
  }, 60_000);

  it('refuses an unknown SKYPORT_LOG_LEVEL at start with a message', async () => {
    const failed = await run(skyport, ['serve', '--port', '0', '--data-dir', join(work, 'refused')], { env: { ...process.env, SKYPORT_LOG_LEVEL: 'loud' } }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('SKYPORT_LOG_LEVEL must be one of error, warn, info, debug, got "loud"') });
  });
});
