/** The gateway as the desktop runs it: electron-store settings, safeStorage tokens, single instance (Electron mocked). */
import { createServer } from 'node:net';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../proxy-core/index.js';
import { startFakeGoogle, type FakeGoogle } from '../tests/fakes/fake-google.js';
import { freePort } from '../tests/support/free-port.js';
import type { SafeStorageLike } from './safe-storage-codec.js';
import { startDesktopGateway, type DesktopGateway } from './start-desktop-gateway.js';

vi.mock('electron', () => ({ default: {} }));

let fake: FakeGoogle;
beforeAll(async () => {
  fake = await startFakeGoogle();
  vi.stubEnv('SKYPORT_UPSTREAM_BASE_URLS', fake.baseUrl);
  vi.stubEnv('SKYPORT_OAUTH_TOKEN_URL', fake.tokenUrl);
  vi.stubEnv('SKYPORT_USERINFO_URL', fake.userinfoUrl);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await fake.close();
});

const running: DesktopGateway[] = [];
afterEach(async () => {
  for (const started of running.splice(0)) await started.gateway.close();
});

function fakeApp(options: { locked?: boolean; dataDir: string }) {
  const handlers = new Map<string, (event: { preventDefault(): void }) => void>();
  return {
    requestSingleInstanceLock: vi.fn(() => options.locked ?? true),
    getPath: vi.fn(() => options.dataDir),
    whenReady: vi.fn(async () => {}),
    quit: vi.fn(),
    on: vi.fn((name: string, handler: (event: { preventDefault(): void }) => void) => {
      handlers.set(name, handler);
    }),
    handlers,
  };
}

/** A reversible stand-in for the OS keychain: the token must not appear in the file. */
function keychain(overrides: Partial<SafeStorageLike> = {}): SafeStorageLike {
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((byte) => byte ^ 0x5a)),
    decryptString: (encrypted) => Buffer.from(encrypted.map((byte) => byte ^ 0x5a)).toString('utf8'),
    ...overrides,
  };
}

const quiet = createLogger({ write: () => {} });
const tempDir = () => mkdtemp(join(tmpdir(), 'skyport-desktop-'));

async function start(dataDir: string, safeStorage: SafeStorageLike = keychain(), platform: NodeJS.Platform = 'linux') {
  const app = fakeApp({ dataDir });
  const started = await startDesktopGateway({ app: app as never, safeStorage, platform, logger: quiet });
  if (started === undefined) throw new Error('did not start');
  running.push(started);
  return { app, ...started };
}

describe('startDesktopGateway', () => {
  it('quits a second instance without touching the data', async () => {
    const app = fakeApp({ locked: false, dataDir: '/nonexistent' });
    expect(await startDesktopGateway({ app: app as never, safeStorage: keychain(), platform: 'linux' })).toBeUndefined();
    expect(app.quit).toHaveBeenCalled();
    expect(app.getPath).not.toHaveBeenCalled();
  });

  it('shows the first instance when a second one is launched', async () => {
    const dataDir = await tempDir();
    const app = fakeApp({ dataDir });
    const onSecondInstance = vi.fn();
    const started = await startDesktopGateway({ app: app as never, safeStorage: keychain(), platform: 'linux', logger: quiet, onSecondInstance });
    if (started !== undefined) running.push(started);
    app.handlers.get('second-instance')?.({ preventDefault: () => {} });
    expect(onSecondInstance).toHaveBeenCalled();
  });

  it('keeps its settings in the electron-store file in userData and closes the gateway before quitting', async () => {
    const dataDir = await tempDir();
    const { app, gateway } = await start(dataDir);
    expect(gateway.status().running).toBe(false);
    expect(app.getPath).toHaveBeenCalledWith('userData');
    const file = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8'));
    expect(file).toMatchObject({ version: 2, settings: { proxy: { port: 8045, api_key: gateway.settings().proxy.api_key } }, desktop: { launch_at_login: false } });
    const preventDefault = vi.fn();
    app.handlers.get('before-quit')?.({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
  });

  it('closes the listener on Stop (nothing needs it while stopped on the desktop)', async () => {
    const dataDir = await tempDir();
    const { gateway } = await start(dataDir);
    await gateway.settingsStore.replace({ ...gateway.settingsStore.get(), proxy: { ...gateway.settingsStore.get().proxy, port: await freePort() } });
    expect(await gateway.control.startGateway({})).toMatchObject({ serving: true, listening: true });
    expect(await gateway.control.stopGateway({})).toMatchObject({ serving: false, listening: false });
  });

  it('stores refresh tokens encrypted with safeStorage, never in clear', async () => {
    const dataDir = await tempDir();
    fake.addAccount({ email: 'desk@example.com', refreshToken: '1//desktop-token-secret', projectId: 'p-desk', tier: 'standard-tier' });
    const { gateway } = await start(dataDir);
    await gateway.control.addAccountByRefreshToken({ refresh_token: '1//desktop-token-secret' });
    await gateway.accountStore.flush();
    const text = await readFile(join(dataDir, 'accounts.json'), 'utf8');
    expect(text).not.toContain('desktop-token-secret');
    expect(text).toContain('safeStorage:v1:');
    await gateway.close();
    running.pop();
    const again = await start(dataDir);
    expect(again.gateway.accountStore.get('desk@example.com')?.refreshToken).toBe('1//desktop-token-secret');
  });

  it('refuses to store tokens in clear when safeStorage is unavailable, and says why', async () => {
    const dataDir = await tempDir();
    fake.addAccount({ email: 'nokeychain@example.com', refreshToken: '1//no-keychain-token', projectId: 'p-nk', tier: 'standard-tier' });
    const { gateway, secretStorageProblem } = await start(dataDir, keychain({ isEncryptionAvailable: () => false }));
    expect(secretStorageProblem).toMatch(/no encrypted storage/);
    await expect(gateway.control.addAccountByRefreshToken({ refresh_token: '1//no-keychain-token' })).rejects.toMatchObject({
      code: 'secret_storage_unavailable',
      message: expect.stringMatching(/will not store a refresh token in clear text: this system offers no encrypted storage/),
    });
    expect((await gateway.control.listAccounts({})).items).toEqual([]);
    await expect(readFile(join(dataDir, 'accounts.json'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('treats a Linux without a keyring (basic_text: a fixed, public key) as unavailable', async () => {
    const dataDir = await tempDir();
    const { gateway, secretStorageProblem } = await start(dataDir, keychain({ getSelectedStorageBackend: () => 'basic_text' }));
    expect(secretStorageProblem).toMatch(/no keyring was found/);
    fake.addAccount({ email: 'basic@example.com', refreshToken: '1//basic-text-token', projectId: 'p-b', tier: 'standard-tier' });
    await expect(gateway.control.addAccountByRefreshToken({ refresh_token: '1//basic-text-token' })).rejects.toMatchObject({ code: 'secret_storage_unavailable' });
  });

  it('encrypts tokens an earlier build wrote in clear', async () => {
    const dataDir = await tempDir();
    const legacy = { version: 1, accounts: [{ email: 'old@example.com', refreshToken: '1//legacy-clear-token', addedAt: '2026-01-01T00:00:00.000Z' }] };
    await writeFile(join(dataDir, 'accounts.json'), JSON.stringify(legacy));
    const { gateway } = await start(dataDir);
    await gateway.accountStore.flush();
    expect(gateway.accountStore.get('old@example.com')?.refreshToken).toBe('1//legacy-clear-token');
    const text = await readFile(join(dataDir, 'accounts.json'), 'utf8');
    expect(text).not.toContain('legacy-clear-token');
    expect(text).toContain('safeStorage:v1:');
  });

  it('auto-start on a port in use is not fatal: the app starts and the status says why', async () => {
    const dataDir = await tempDir();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      await writeFile(join(dataDir, 'config.json'), JSON.stringify({ version: 2, settings: { proxy: { port, auto_start: true } }, desktop: {} }));
      const { gateway } = await start(dataDir);
      expect(await gateway.control.getStatus({})).toMatchObject({ serving: false, listening: false, error: expect.stringMatching(`Port ${port} is already in use`) });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
