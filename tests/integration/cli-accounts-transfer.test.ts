/**
 * Backup and restore, and moving in from other apps, through the real CLI as child processes
 * against the fake Google: export on one data dir ("machine A"), restore on another ("machine B")
 * with and without a gateway running there, wrong passphrase and tampered file storing nothing,
 * and `accounts import --from` reading fixtures in a fake HOME (never the developer's own files).
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bundleNodeEntry } from '../../scripts/bundle-node-entry.mjs';
import { startFakeGoogle, type FakeGoogle } from '../fakes/fake-google.js';

const bundle = 'out/cli-test/skyport-accounts-transfer.mjs';
const passphrase = 'tea kettle river stone';
let fake: FakeGoogle;
let root: string;
let home: string;
let machineA: string;
let machineB: string;
const children = new Set<ChildProcessWithoutNullStreams>();

beforeAll(async () => {
  await bundleNodeEntry('proxy-core/headless/cli.ts', bundle);
  fake = await startFakeGoogle({ chunkDelayMs: 5 });
}, 60_000);
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'skyport-transfer-'));
  home = join(root, 'home');
  machineA = join(root, 'a');
  machineB = join(root, 'b');
  await mkdir(home);
  // Each test starts with both accounts on their own tokens (one test gives alpha another for a while).
  fake.addAccount({ email: 'alpha@example.com', refreshToken: '1//transfer-alpha', projectId: 'p-alpha' });
  fake.addAccount({ email: 'beta@example.com', refreshToken: '1//transfer-beta', projectId: 'p-beta' });
});
afterEach(async () => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  await rm(root, { recursive: true, force: true });
});

function spawnCli(dataDir: string, args: string[]) {
  const child = spawn(process.execPath, ['--enable-source-maps', bundle, ...args, '--data-dir', dataDir], {
    env: {
      ...process.env,
      HOME: home,
      USERPROFILE: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      SKYPORT_UPSTREAM_BASE_URLS: fake.baseUrl,
      SKYPORT_OAUTH_TOKEN_URL: fake.tokenUrl,
      SKYPORT_USERINFO_URL: fake.userinfoUrl,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve({ code, stdout: stdout.trim(), stderr: stderr.trim() });
    }),
  );
  return { child, exited, output: () => stdout };
}

async function cli(dataDir: string, args: string[], stdin = '') {
  const run = spawnCli(dataDir, args);
  run.child.stdin.end(stdin);
  return run.exited;
}

async function startServe(dataDir: string) {
  const run = spawnCli(dataDir, ['serve', '--port', '0']);
  run.child.stdin.end();
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (/serving http:\/\/\S+\/v1/.test(run.output())) {
        run.child.stdout.off('data', onData);
        resolve();
      }
    };
    run.child.stdout.on('data', onData);
    void run.exited.then((result) => reject(new Error(`serve exited early (${result.code}): ${result.stderr}`)));
  });
  return run;
}

async function stored(dataDir: string): Promise<Array<{ email: string; refreshToken: string; projectId?: string; status: string; upstreamProxy?: string }>> {
  try {
    return (JSON.parse(await readFile(join(dataDir, 'accounts.json'), 'utf8')) as { accounts: Array<{ email: string; refreshToken: string; status: string }> }).accounts;
  } catch {
    return [];
  }
}

/** Machine A with two accounts, one disabled, one behind its own proxy, exported to a file. */
async function exportFromA(): Promise<string> {
  expect(await cli(machineA, ['accounts', 'add', '--refresh-token', '-'], '1//transfer-alpha\n1//transfer-beta\n')).toMatchObject({ code: 0 });
  const serveA = await startServe(machineA);
  const token = (await readFile(join(machineA, 'admin-token'), 'utf8')).trim();
  const lock = JSON.parse(await readFile(join(machineA, 'skyport.lock'), 'utf8')) as { url: string };
  const call = (operation: string, body: unknown) =>
    fetch(`${lock.url}/api/admin/control/${operation}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect((await call('disableAccount', { email: 'beta@example.com' })).status).toBe(200);
  expect((await call('setAccountProxy', { email: 'alpha@example.com', url: 'http://127.0.0.1:3128' })).status).toBe(200);
  serveA.child.kill('SIGTERM');
  await serveA.exited;
  const file = join(root, 'backup.json');
  const exported = await cli(machineA, ['accounts', 'export', '--out', file], `${passphrase}\n`);
  expect(exported).toMatchObject({ code: 0, stdout: `Exported 2 accounts to ${file} (encrypted).` });
  return file;
}

describe('accounts export / import (backup and restore)', () => {
  it('restores an encrypted backup on another machine through its running gateway, merged by email', async () => {
    const file = await exportFromA();
    const text = await readFile(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'skyport-accounts-backup', version: 1, encryption: 'aes-256-gcm', kdf: { name: 'scrypt' } });
    expect(text).not.toContain('1//transfer');
    expect(text).not.toContain('@example.com');
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    // Machine B already has alpha with an older token; its gateway runs, so the restore goes through it.
    fake.addAccount({ email: 'alpha@example.com', refreshToken: '1//transfer-alpha-old', projectId: 'p-alpha' });
    expect(await cli(machineB, ['accounts', 'add', '--refresh-token', '-'], '1//transfer-alpha-old\n')).toMatchObject({ code: 0 });
    fake.addAccount({ email: 'alpha@example.com', refreshToken: '1//transfer-alpha', projectId: 'p-alpha' });
    const serveB = await startServe(machineB);
    const restored = await cli(machineB, ['accounts', 'import', file], `${passphrase}\n`);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('alpha@example.com\tupdated');
    expect(restored.stdout).toContain('beta@example.com\tadded');
    expect(restored.stdout).toContain('Restored: 1 added, 1 updated, 0 skipped.');
    expect(`${restored.stdout}${restored.stderr}`).not.toContain(passphrase);

    const accounts = await stored(machineB);
    expect(accounts.map((account) => account.email).sort()).toEqual(['alpha@example.com', 'beta@example.com']);
    expect(accounts.find((account) => account.email === 'alpha@example.com')).toMatchObject({ refreshToken: '1//transfer-alpha', upstreamProxy: 'http://127.0.0.1:3128', status: 'active' });
    expect(accounts.find((account) => account.email === 'beta@example.com')).toMatchObject({ refreshToken: '1//transfer-beta', projectId: 'p-beta', status: 'disabled' });
    expect((await cli(machineB, ['accounts', 'list'])).stdout).toMatch(/^beta@example\.com\tdisabled/m);

    // The same backup again changes nothing.
    expect((await cli(machineB, ['accounts', 'import', file], `${passphrase}\n`)).stdout).toContain('Restored: 0 added, 0 updated, 2 skipped.');
    serveB.child.kill('SIGTERM');
    await serveB.exited;
  }, 120_000);

  it('a wrong passphrase, a tampered byte or a cut file stores nothing', async () => {
    const file = await exportFromA();
    const wrong = await cli(machineB, ['accounts', 'import', file], 'not the passphrase\n');
    expect(wrong).toMatchObject({ code: 1, stderr: expect.stringMatching(/Wrong passphrase, or the backup file was changed or damaged.*Nothing was imported/) });

    const envelope = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    const ciphertext = Buffer.from(envelope.ciphertext ?? '', 'base64');
    ciphertext[ciphertext.length - 1] = (ciphertext[ciphertext.length - 1] ?? 0) ^ 0x40;
    const tampered = join(root, 'tampered.json');
    await writeFile(tampered, JSON.stringify({ ...envelope, ciphertext: ciphertext.toString('base64') }));
    expect(await cli(machineB, ['accounts', 'import', tampered], `${passphrase}\n`)).toMatchObject({ code: 1, stderr: expect.stringMatching(/authentication check failed/) });

    const cut = join(root, 'cut.json');
    await writeFile(cut, (await readFile(file, 'utf8')).slice(0, 200));
    expect(await cli(machineB, ['accounts', 'import', cut], `${passphrase}\n`)).toMatchObject({ code: 1, stderr: expect.stringMatching(/not valid JSON/) });
    expect(await stored(machineB)).toEqual([]);
  }, 120_000);

  it('--plain writes the tokens unencrypted, with a warning, and restores without a passphrase', async () => {
    expect(await cli(machineA, ['accounts', 'add', '--refresh-token', '-'], '1//transfer-alpha\n')).toMatchObject({ code: 0 });
    const file = join(root, 'plain.json');
    const exported = await cli(machineA, ['accounts', 'export', '--out', file, '--plain']);
    expect(exported).toMatchObject({ code: 0, stderr: expect.stringMatching(/unencrypted/) });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ encryption: 'none', accounts: [{ email: 'alpha@example.com', refreshToken: '1//transfer-alpha' }] });
    expect(await cli(machineB, ['accounts', 'import', file])).toMatchObject({ code: 0, stdout: expect.stringContaining('Restored: 1 added') });
  }, 120_000);

  it('refuses an export without a passphrase and a file that is not a backup', async () => {
    expect(await cli(machineA, ['accounts', 'add', '--refresh-token', '-'], '1//transfer-alpha\n')).toMatchObject({ code: 0 });
    expect(await cli(machineA, ['accounts', 'export', '--out', join(root, 'x.json')])).toMatchObject({ code: 1, stderr: expect.stringMatching(/No passphrase on stdin/) });
    expect(await cli(machineA, ['accounts', 'export', '--out', join(root, 'x.json')], 'short\n')).toMatchObject({ code: 1, stderr: expect.stringMatching(/at least 8 characters/) });
    const other = join(root, 'tokens.json');
    await writeFile(other, '[{"email":"alpha@example.com","refresh_token":"1//transfer-alpha"}]');
    expect(await cli(machineB, ['accounts', 'import', other])).toMatchObject({ code: 1, stderr: expect.stringMatching(/not a Skyport accounts backup.*--from/) });
  }, 120_000);
});

describe('accounts import --from (other apps on this computer)', () => {
  it('gemini-cli: reads ~/.gemini/oauth_creds.json and verifies the token with Google', async () => {
    await mkdir(join(home, '.gemini'));
    await writeFile(join(home, '.gemini', 'oauth_creds.json'), JSON.stringify({ access_token: 'ya29.x', refresh_token: '1//transfer-alpha', token_type: 'Bearer', expiry_date: 1 }));
    const result = await cli(machineB, ['accounts', 'import', '--from', 'gemini-cli']);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('Added 1 of 1 account from Gemini CLI.') });
    expect(result.stdout).toContain(': alpha@example.com');
    expect((await stored(machineB)).map((account) => account.projectId)).toEqual(['p-alpha']);
  }, 120_000);

  it('antigravity: reads the state database read-only; a token Google refuses is not stored', async () => {
    const path = join(home, '.config', 'Antigravity', 'User', 'globalStorage', 'state.vscdb');
    await mkdir(join(path, '..'), { recursive: true });
    const db = new Database(path);
    db.exec('CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)');
    const field = (number: number, content: Buffer | string) => {
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      return Buffer.concat([Buffer.from([(number << 3) | 2, bytes.length]), bytes]);
    };
    const info = Buffer.concat([field(1, 'ya29.x'), field(2, 'Bearer'), field(3, '1//transfer-beta')]);
    const value = field(1, Buffer.concat([field(1, 'oauthTokenInfoSentinelKey'), field(2, field(1, info.toString('base64')))])).toString('base64');
    db.prepare('INSERT INTO ItemTable (key, value) VALUES (?, ?)').run('antigravityUnifiedStateSync.oauthToken', value);
    db.close();
    expect(await cli(machineB, ['accounts', 'import', '--from', 'antigravity'])).toMatchObject({ code: 0, stdout: expect.stringContaining('beta@example.com') });

    const refused = join(root, 'refused.json');
    await writeFile(refused, JSON.stringify([{ email: 'gone@example.com', refresh_token: '1//transfer-unknown' }]));
    const result = await cli(machineA, ['accounts', 'import', '--from', 'antigravity-manager', refused]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/entry 1 \(gone@example\.com\): /);
    expect(result.stderr).not.toContain('1//transfer-unknown');
    expect(await stored(machineA)).toEqual([]);
  }, 120_000);

  it('a missing source or unknown app stores nothing and says why', async () => {
    expect(await cli(machineB, ['accounts', 'import', '--from', 'antigravity'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/not found at .*state\.vscdb/) });
    expect(await cli(machineB, ['accounts', 'import', '--from', 'gemini-cli'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/Nothing of Gemini CLI at .*oauth_creds\.json/) });
    expect(await cli(machineB, ['accounts', 'import', '--from', 'vscode'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/Unknown source "vscode"/) });
    expect(await stored(machineB)).toEqual([]);
  }, 120_000);
});
