import { EventEmitter } from 'node:events';
import type { AppUpdater } from 'electron-updater';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { createAutoUpdater, updateCheckIntervalMs, type AutoUpdaterOptions, type UpdatePreferences, type UpdaterLike, type UpdateStatus } from './auto-updater.js';

/** electron-updater's AppUpdater, reduced to what the flow uses: events, checkForUpdates, quitAndInstall. */
class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  allowPrerelease = false;
  allowDowngrade = false;
  #channel: string | null = null;
  get channel(): string | null {
    return this.#channel;
  }
  /** Like AppUpdater's setter: setting a channel turns downgrades on. */
  set channel(value: string | null) {
    this.#channel = value;
    this.allowDowngrade = true;
  }
  logger: unknown = console;
  checks = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  /** What the next check does, like electron-updater: emits events, then settles. */
  nextCheck: (updater: FakeUpdater) => Promise<unknown> = async (updater) => {
    updater.emit('checking-for-update');
    updater.emit('update-not-available', { version: '1.0.0' });
  };
  checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    return this.nextCheck(this);
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

function setup(overrides: Partial<AutoUpdaterOptions> & { stored?: Partial<UpdatePreferences> } = {}) {
  const updater = new FakeUpdater();
  let stored: UpdatePreferences = { auto_update: true, update_channel: 'latest', ...overrides.stored };
  const statuses: UpdateStatus[] = [];
  const timers: Array<{ run: () => void; ms: number; cleared: boolean }> = [];
  const warnings: string[] = [];
  const loadUpdater = vi.fn(async () => updater);
  const prepareToQuit = vi.fn();
  const autoUpdater = createAutoUpdater({
    loadUpdater,
    isPackaged: true,
    preferences: {
      get: () => stored,
      set: (patch) => (stored = { ...stored, ...patch }),
    },
    logger: { info: () => {}, warn: (message) => warnings.push(message) },
    setInterval: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearInterval: (handle) => {
      (handle as { cleared: boolean }).cleared = true;
    },
    now: () => new Date(Date.UTC(2026, 11, 7, 12)),
    onStatus: (status) => statuses.push(status),
    prepareToQuit,
    ...overrides,
  });
  const activeTimers = () => timers.filter((timer) => !timer.cleared);
  return { updater, autoUpdater, statuses, timers, activeTimers, warnings, loadUpdater, prepareToQuit, stored: () => stored };
}

describe('createAutoUpdater', () => {
  it("fits electron-updater's own AppUpdater type (what main.ts passes in)", () => {
    expectTypeOf<AppUpdater>().toExtend<UpdaterLike>();
  });

  it('never loads electron-updater in an unpackaged run, whatever the setting', async () => {
    const { autoUpdater, loadUpdater, activeTimers } = setup({ isPackaged: false });
    await autoUpdater.start();
    await autoUpdater.checkNow();
    await autoUpdater.setPreferences({ enabled: true, channel: 'beta' });
    expect(loadUpdater).not.toHaveBeenCalled();
    expect(activeTimers()).toEqual([]);
    expect(autoUpdater.status()).toMatchObject({ phase: 'unavailable', message: 'Updates are only checked in the installed app.', channel: 'beta' });
    expect(autoUpdater.restartToUpdate()).toBe(false);
  });

  it('checks at start and every few hours, downloading in the background and installing on quit', async () => {
    const { autoUpdater, updater, activeTimers, statuses } = setup();
    await autoUpdater.start();
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, allowPrerelease: false, channel: 'latest', logger: null });
    expect(updater.checks).toBe(1);
    expect(autoUpdater.status()).toMatchObject({ phase: 'up_to_date', checked_at: '2026-12-07T12:00:00.000Z', message: null });
    expect(activeTimers().map((timer) => timer.ms)).toEqual([updateCheckIntervalMs]);
    expect(updateCheckIntervalMs).toBe(4 * 60 * 60 * 1000);
    activeTimers()[0]?.run();
    expect(updater.checks).toBe(2);
    expect(statuses.map((status) => status.phase)).toEqual(['checking', 'up_to_date', 'checking', 'up_to_date']);
  });

  it('shows an available update downloading with its progress, then ready to restart', async () => {
    const { autoUpdater, updater, statuses, prepareToQuit } = setup();
    let finishDownload: () => void = () => {};
    updater.nextCheck = async (fake) => {
      fake.emit('checking-for-update');
      fake.emit('update-available', { version: '2.0.0' });
      finishDownload = () => {
        fake.emit('download-progress', { percent: 41.6 });
        fake.emit('download-progress', { percent: 100.2 });
        fake.emit('update-downloaded', { version: '2.0.0' });
      };
    };
    await autoUpdater.start();
    expect(autoUpdater.status()).toMatchObject({ phase: 'downloading', version: '2.0.0', percent: 0 });
    expect(autoUpdater.restartToUpdate()).toBe(false);
    finishDownload();
    expect(statuses.slice(-3).map((status) => [status.phase, status.percent])).toEqual([
      ['downloading', 42],
      ['downloading', 100],
      ['downloaded', 100],
    ]);
    // No second download while one is ready.
    await autoUpdater.checkNow();
    expect(updater.checks).toBe(1);
    expect(autoUpdater.restartToUpdate()).toBe(true);
    expect(prepareToQuit).toHaveBeenCalledTimes(1);
    expect(updater.installs).toEqual([[false, true]]);
  });

  it('reports a failed check as a quiet status line and keeps checking later', async () => {
    const { autoUpdater, updater, warnings, activeTimers } = setup();
    updater.nextCheck = async (fake) => {
      fake.emit('checking-for-update');
      const error = new Error('net::ERR_CONNECTION_REFUSED\n<html>long body</html>');
      fake.emit('error', error);
      throw error;
    };
    await expect(autoUpdater.start()).resolves.toBeUndefined();
    expect(autoUpdater.status()).toMatchObject({ phase: 'error', message: 'Update check failed: net::ERR_CONNECTION_REFUSED' });
    expect(warnings).toEqual(['Update check failed: net::ERR_CONNECTION_REFUSED']);
    updater.nextCheck = async (fake) => {
      fake.emit('checking-for-update');
      fake.emit('update-not-available', {});
    };
    activeTimers()[0]?.run();
    await vi.waitFor(() => expect(autoUpdater.status().phase).toBe('up_to_date'));
    expect(autoUpdater.status().message).toBeNull();
  });

  it('reports a check that rejects without an error event (server down before any event)', async () => {
    const { autoUpdater, updater } = setup();
    updater.nextCheck = async (fake) => {
      fake.emit('checking-for-update');
      throw new Error('getaddrinfo ENOTFOUND api.github.com');
    };
    await autoUpdater.start();
    expect(autoUpdater.status()).toMatchObject({ phase: 'error', message: 'Update check failed: getaddrinfo ENOTFOUND api.github.com' });
  });

  it('keeps a downloaded update installable when a later download fails', async () => {
    const { autoUpdater, updater } = setup();
    updater.nextCheck = async (fake) => {
      fake.emit('checking-for-update');
      fake.emit('update-available', { version: '2.0.0' });
      fake.emit('update-downloaded', { version: '2.0.0' });
    };
    await autoUpdater.start();
    updater.emit('error', new Error('sha512 checksum mismatch'));
    expect(autoUpdater.status()).toMatchObject({ phase: 'downloaded', version: '2.0.0', message: 'Last check failed: sha512 checksum mismatch' });
    expect(autoUpdater.restartToUpdate()).toBe(true);
  });

  it('does nothing at start when updates are off, and starts checking when turned on', async () => {
    const { autoUpdater, updater, loadUpdater, activeTimers, stored } = setup({ stored: { auto_update: false } });
    await autoUpdater.start();
    expect(loadUpdater).not.toHaveBeenCalled();
    expect(autoUpdater.status()).toMatchObject({ phase: 'off', enabled: false });
    const status = await autoUpdater.setPreferences({ enabled: true });
    expect(stored().auto_update).toBe(true);
    expect(updater.checks).toBe(1);
    expect(status).toMatchObject({ phase: 'up_to_date', enabled: true });
    expect(activeTimers()).toHaveLength(1);
    await autoUpdater.setPreferences({ enabled: false });
    expect(activeTimers()).toEqual([]);
    expect(autoUpdater.status()).toMatchObject({ phase: 'off', enabled: false });
    expect(await autoUpdater.checkNow()).toMatchObject({ phase: 'off' });
    expect(updater.checks).toBe(1);
  });

  it('switches the channel: beta reads prereleases, latest does not; the choice is stored and checked at once', async () => {
    const { autoUpdater, updater, stored } = setup();
    await autoUpdater.start();
    await autoUpdater.setPreferences({ channel: 'beta' });
    expect(updater).toMatchObject({ channel: 'beta', allowPrerelease: true });
    expect(stored().update_channel).toBe('beta');
    expect(updater.checks).toBe(2);
    await autoUpdater.setPreferences({ channel: 'latest' });
    expect(updater).toMatchObject({ channel: 'latest', allowPrerelease: false, allowDowngrade: false });
  });

  it('reports a build without an update feed as unavailable, and the app goes on', async () => {
    const { autoUpdater, activeTimers } = setup({ loadUpdater: async () => Promise.reject(new Error("ENOENT: no such file, open 'resources/app-update.yml'")) });
    await expect(autoUpdater.start()).resolves.toBeUndefined();
    expect(autoUpdater.status()).toMatchObject({ phase: 'unavailable', message: "Updates are unavailable: ENOENT: no such file, open 'resources/app-update.yml'" });
    expect(activeTimers()).toEqual([]);
  });
});
