/**
 * A keyring that cannot decrypt at start (safeStorage mocked): accounts.json is kept as it is, the
 * pool is unavailable, the window and the tray say "Unlock your keyring, then Retry", and Retry or
 * the window gaining focus brings the accounts back without a restart.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger, type GatewayAlert, type GatewayAlertInput } from '../proxy-core/index.js';
import { startFakeGoogle, type FakeGoogle } from '../tests/fakes/fake-google.js';
import { createKeyringRetry } from './keyring-retry.js';
import type { SafeStorageLike } from './safe-storage-codec.js';
import { startDesktopGateway, type DesktopGateway } from './start-desktop-gateway.js';
import { accountsLockedLabel, buildTrayMenu } from './tray-menu.js';

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

/** A keychain that can be locked and unlocked while the app runs. */
function lockableKeychain() {
  const state = { locked: false };
  const safeStorage: SafeStorageLike = {
    isEncryptionAvailable: () => !state.locked,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((byte) => byte ^ 0x5a)),
    decryptString: (encrypted) => {
      if (state.locked) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(encrypted.map((byte) => byte ^ 0x5a)).toString('utf8');
    },
  };
  return { state, safeStorage };
}

const quiet = createLogger({ write: () => {} });

async function start(dataDir: string, safeStorage: SafeStorageLike) {
  const app = { requestSingleInstanceLock: () => true, getPath: () => dataDir, whenReady: async () => {}, quit: vi.fn(), on: vi.fn() };
  const started = await startDesktopGateway({ app: app as never, safeStorage, platform: 'linux', logger: quiet });
  if (started === undefined) throw new Error('did not start');
  running.push(started);
  return started;
}

function fakeUi(responses: number[]) {
  const alerts: GatewayAlertInput[] = [];
  const publishAlert = (alert: GatewayAlertInput): GatewayAlert => {
    alerts.push(alert);
    return { ...alert, id: `alert_${alerts.length}`, at: '2026-01-01T00:00:00.000Z' };
  };
  const lockedStates: boolean[] = [];
  const dialogs: Array<{ message?: string; detail?: string; buttons?: string[] }> = [];
  const dialog = {
    showMessageBox: vi.fn(async (...args: unknown[]) => {
      dialogs.push(args.at(-1) as { message?: string; detail?: string; buttons?: string[] });
      return { response: responses.shift() ?? 1, checkboxChecked: false };
    }),
  };
  return { alerts, publishAlert, lockedStates, dialogs, dialog };
}

describe('keyring failure at start', () => {
  it('keeps accounts.json untouched, locks the pool, says "Unlock your keyring, then Retry" in the window and the tray, and comes back on focus', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'skyport-keyring-'));
    const keychain = lockableKeychain();
    fake.addAccount({ email: 'kept.one@example.com', refreshToken: '1//keyring-one', projectId: 'p-1', tier: 'standard-tier' });
    fake.addAccount({ email: 'kept.two@example.com', refreshToken: '1//keyring-two', projectId: 'p-2', tier: 'standard-tier' });
    const first = await start(dataDir, keychain.safeStorage);
    await first.gateway.control.addAccountByRefreshToken({ refresh_token: '1//keyring-one' });
    await first.gateway.control.addAccountByRefreshToken({ refresh_token: '1//keyring-two' });
    await first.gateway.close();
    running.pop();
    const onDisk = await readFile(join(dataDir, 'accounts.json'), 'utf8');

    // A login-time start: the keyring is still locked.
    keychain.state.locked = true;
    const { gateway } = await start(dataDir, keychain.safeStorage);
    expect((await gateway.control.listAccounts({})).items).toEqual([]);
    expect((await gateway.control.getStatus({})).accounts).toEqual({ total: 0, active: 0 });
    await expect(gateway.control.addAccountByRefreshToken({ refresh_token: '1//keyring-one' })).rejects.toMatchObject({ code: 'accounts_locked' });
    expect(await readFile(join(dataDir, 'accounts.json'), 'utf8')).toBe(onDisk);
    expect((await readdir(dataDir)).filter((name) => name.includes('corrupt'))).toEqual([]);

    const ui = fakeUi([0, 1]);
    const keyring = createKeyringRetry({
      accountStore: gateway.accountStore,
      publishAlert: ui.publishAlert,
      dialog: ui.dialog as never,
      window: () => undefined,
      onLockedChange: (locked) => ui.lockedStates.push(locked),
      logger: quiet,
    });
    expect(keyring.isLocked()).toBe(true);
    // The window: a dialog with Retry (pressed while still locked: asked again; then Later) and a banner.
    await keyring.announce();
    expect(ui.dialogs).toHaveLength(2);
    expect(ui.dialogs[0]).toMatchObject({ message: 'Unlock your keyring, then Retry', buttons: ['Retry', 'Later'] });
    expect(ui.dialogs[0]?.detail).toMatch(/kept/);
    expect(ui.alerts).toEqual([expect.objectContaining({ kind: 'accounts_locked', severity: 'error', message: expect.stringMatching(/^Unlock your keyring, then Retry/) })]);
    // A page loaded after the announcement gets the same banner.
    expect(keyring.lockedAlert()).toMatchObject({ kind: 'accounts_locked', id: 'alert_1' });
    // The tray.
    expect(ui.lockedStates).toEqual([true]);
    const menu = buildTrayMenu({ status: await gateway.control.getStatus({}), accounts: [], accountsLocked: true }, {
      start: vi.fn(), stop: vi.fn(), copyBaseUrl: vi.fn(), copyApiKey: vi.fn(), openWindow: vi.fn(), quit: vi.fn(), retryAccounts: vi.fn(),
    });
    expect(menu.map((item) => item.label)).toEqual(expect.arrayContaining([accountsLockedLabel, 'Retry']));

    // The user unlocks the keyring and comes back to the window: focus retries quietly.
    keychain.state.locked = false;
    expect(await keyring.retry()).toBe(true);
    expect(keyring.isLocked()).toBe(false);
    expect(ui.lockedStates).toEqual([true, false]);
    expect(keyring.lockedAlert()).toBeUndefined();
    expect(ui.dialogs).toHaveLength(2);
    expect((await gateway.control.listAccounts({})).items.map((item) => item.email).sort()).toEqual(['kept.one@example.com', 'kept.two@example.com']);
    expect(gateway.accountStore.get('kept.two@example.com')?.refreshToken).toBe('1//keyring-two');
    // Changes work again and keep both accounts.
    await gateway.control.disableAccount({ email: 'kept.one@example.com' });
    await gateway.accountStore.flush();
    expect(JSON.parse(await readFile(join(dataDir, 'accounts.json'), 'utf8')).accounts).toHaveLength(2);
  });

  it('a Retry that still cannot decrypt leaves everything as it was', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'skyport-keyring-'));
    const keychain = lockableKeychain();
    fake.addAccount({ email: 'still.locked@example.com', refreshToken: '1//still-locked', projectId: 'p-3', tier: 'standard-tier' });
    const first = await start(dataDir, keychain.safeStorage);
    await first.gateway.control.addAccountByRefreshToken({ refresh_token: '1//still-locked' });
    await first.gateway.close();
    running.pop();
    keychain.state.locked = true;
    const { gateway } = await start(dataDir, keychain.safeStorage);
    const ui = fakeUi([]);
    const keyring = createKeyringRetry({ accountStore: gateway.accountStore, publishAlert: () => undefined, dialog: ui.dialog as never, window: () => undefined, onLockedChange: (locked) => ui.lockedStates.push(locked), logger: quiet });
    expect(await keyring.retry()).toBe(false);
    expect(keyring.isLocked()).toBe(true);
    expect(ui.dialogs).toEqual([]);
    expect(await keyring.retry({ ask: true })).toBe(false);
    expect(ui.dialogs).toEqual([expect.objectContaining({ message: 'Unlock your keyring, then Retry' })]);
  });

  it('only a file that does not parse is moved aside, and the app says where it went', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'skyport-keyring-'));
    await writeFile(join(dataDir, 'accounts.json'), '{"version": 1, "accounts": [');
    const { gateway } = await start(dataDir, lockableKeychain().safeStorage);
    const ui = fakeUi([0]);
    const keyring = createKeyringRetry({ accountStore: gateway.accountStore, publishAlert: ui.publishAlert, dialog: ui.dialog as never, window: () => undefined, onLockedChange: (locked) => ui.lockedStates.push(locked), logger: quiet });
    await keyring.announce();
    const kept = (await readdir(dataDir)).find((name) => name.startsWith('accounts.json.corrupt-'));
    expect(kept).toBeDefined();
    expect(ui.dialogs[0]?.detail).toContain(join(dataDir, kept ?? ''));
    expect(ui.alerts).toEqual([expect.objectContaining({ kind: 'accounts_file_moved', message: expect.stringContaining(kept ?? '') })]);
    expect(ui.lockedStates).toEqual([]);
    expect(keyring.isLocked()).toBe(false);
  });
});
