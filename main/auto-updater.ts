/**
 * Auto-update of the installed app with electron-updater against the GitHub releases the release
 * workflow publishes: a check at start and every few hours while updates are on, the download in
 * the background (progress in Settings), "Restart to update" once it is downloaded (tray and
 * window), installed on quit otherwise. Never in development or an unpackaged run. A failed check
 * or download is a status line (and a log warning), never a dialog. electron-updater verifies the
 * download (sha512 from the release's latest*.yml, and the code signature on Windows and macOS)
 * before it installs anything, so a corrupt or half-downloaded file is never installed.
 *
 * electron-updater comes in as a parameter (`updater`), so the flow is tested with a fake.
 */
import { z } from 'zod';

export const updateChannels = ['latest', 'beta'] as const;
export type UpdateChannel = (typeof updateChannels)[number];

/** Every few hours, as the issue asks; a check is one small HTTPS request for latest.yml. */
export const updateCheckIntervalMs = 4 * 60 * 60 * 1000;

export type UpdatePhase = 'unavailable' | 'off' | 'idle' | 'checking' | 'up_to_date' | 'downloading' | 'downloaded' | 'error';

/** What Settings and the tray show. */
export interface UpdateStatus {
  phase: UpdatePhase;
  enabled: boolean;
  channel: UpdateChannel;
  /** The version being downloaded or ready to install. */
  version: string | null;
  /** Download progress, 0–100, while downloading. */
  percent: number | null;
  /** One quiet line: why updates are unavailable, or what went wrong. */
  message: string | null;
  /** ISO time of the last finished check. */
  checked_at: string | null;
}

export const updatePreferencesInputSchema = z
  .object({ enabled: z.boolean().optional(), channel: z.enum(updateChannels).optional() })
  .strict()
  .refine((value) => value.enabled !== undefined || value.channel !== undefined, { message: 'Give enabled or channel.' });

/** The part of electron-updater's AppUpdater used here. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  logger: unknown;
  on(event: 'checking-for-update' | 'update-not-available', listener: () => void): unknown;
  on(event: 'update-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdatePreferences {
  auto_update: boolean;
  update_channel: UpdateChannel;
}

export interface AutoUpdaterOptions {
  /** Loaded only when the app is packaged (electron-updater reads app-update.yml from resources). */
  loadUpdater(): Promise<UpdaterLike>;
  isPackaged: boolean;
  preferences: { get(): UpdatePreferences; set(patch: Partial<UpdatePreferences>): UpdatePreferences };
  logger: { info(message: string): void; warn(message: string): void };
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  now(): Date;
  /** Called on every status change (the window and the tray follow it). */
  onStatus(status: UpdateStatus): void;
  /**
   * Called right before quitAndInstall: the window must let itself close (it hides to the tray
   * otherwise) and quitAndInstall does not emit before-quit first.
   */
  prepareToQuit(): void;
  intervalMs?: number;
}

export interface AutoUpdater {
  start(): Promise<void>;
  status(): UpdateStatus;
  setPreferences(input: { enabled?: boolean | undefined; channel?: UpdateChannel | undefined }): Promise<UpdateStatus>;
  /** A check now (Settings' "Check now"); resolves with the status after it. */
  checkNow(): Promise<UpdateStatus>;
  /** Quits and installs the downloaded update; false when there is none. */
  restartToUpdate(): boolean;
  stop(): void;
}

export function createAutoUpdater(options: AutoUpdaterOptions): AutoUpdater {
  const intervalMs = options.intervalMs ?? updateCheckIntervalMs;
  const initial = options.preferences.get();
  let status: UpdateStatus = {
    phase: options.isPackaged ? (initial.auto_update ? 'idle' : 'off') : 'unavailable',
    enabled: initial.auto_update,
    channel: initial.update_channel,
    version: null,
    percent: null,
    message: options.isPackaged ? null : 'Updates are only checked in the installed app.',
    checked_at: null,
  };
  let updater: UpdaterLike | undefined;
  let timer: unknown;
  let checking: Promise<void> | undefined;

  const publish = (patch: Partial<UpdateStatus>) => {
    status = { ...status, ...patch };
    options.onStatus(status);
  };
  const describe = (error: unknown) => {
    const text = error instanceof Error ? error.message : String(error);
    // electron-updater's messages can run to a whole HTTP response: the first line says enough.
    return text.split('\n')[0]?.slice(0, 200) ?? 'unknown error';
  };
  const fail = (error: unknown) => {
    const message = describe(error);
    options.logger.warn(`Update check failed: ${message}`);
    // A download already finished stays installable; the failure is only reported.
    if (status.phase === 'downloaded') publish({ message: `Last check failed: ${message}` });
    else publish({ phase: 'error', percent: null, message: `Update check failed: ${message}`, checked_at: options.now().toISOString() });
  };

  const applyChannel = (target: UpdaterLike, channel: UpdateChannel) => {
    // The beta channel reads beta.yml from prereleases too; latest only from full releases.
    target.allowPrerelease = channel === 'beta';
    target.channel = channel;
    // electron-updater's channel setter turns downgrades on; moving from beta back to latest
    // waits for the next release instead of installing an older version.
    target.allowDowngrade = false;
  };

  const check = (): Promise<void> => {
    if (updater === undefined || !status.enabled) return Promise.resolve();
    // A download under way or done: nothing newer to look for until it is installed.
    if (status.phase === 'downloading' || status.phase === 'downloaded') return Promise.resolve();
    const target = updater;
    checking ??= target
      .checkForUpdates()
      .then(
        () => undefined,
        (error: unknown) => {
          // electron-updater emits 'error' as well; report once.
          if (status.phase === 'checking') fail(error);
        },
      )
      .finally(() => {
        checking = undefined;
      });
    return checking;
  };

  const schedule = () => {
    if (timer !== undefined) options.clearInterval(timer);
    timer = status.enabled && updater !== undefined ? options.setInterval(() => void check(), intervalMs) : undefined;
  };

  async function load(): Promise<UpdaterLike | undefined> {
    if (updater !== undefined) return updater;
    try {
      const loaded = await options.loadUpdater();
      loaded.autoDownload = true;
      loaded.autoInstallOnAppQuit = true;
      loaded.logger = null;
      applyChannel(loaded, status.channel);
      loaded.on('checking-for-update', () => publish({ phase: 'checking', message: null }));
      loaded.on('update-not-available', () => publish({ phase: 'up_to_date', version: null, percent: null, message: null, checked_at: options.now().toISOString() }));
      loaded.on('update-available', (info) => {
        options.logger.info(`Update ${info.version} found; downloading it in the background.`);
        publish({ phase: 'downloading', version: info.version, percent: 0, message: null, checked_at: options.now().toISOString() });
      });
      loaded.on('download-progress', (progress) => {
        if (status.phase !== 'downloading') return;
        publish({ percent: Math.max(0, Math.min(100, Math.round(progress.percent))) });
      });
      loaded.on('update-downloaded', (info) => {
        options.logger.info(`Update ${info.version} downloaded; it is installed when Skyport quits.`);
        publish({ phase: 'downloaded', version: info.version, percent: 100, message: null });
      });
      loaded.on('error', fail);
      updater = loaded;
      return loaded;
    } catch (error) {
      // Typically a build without a feed (no app-update.yml): the app works, updates do not.
      const message = describe(error);
      options.logger.warn(`Updates are unavailable: ${message}`);
      publish({ phase: 'unavailable', message: `Updates are unavailable: ${message}` });
      return undefined;
    }
  }

  return {
    async start() {
      if (!options.isPackaged || !status.enabled) return;
      if ((await load()) === undefined) return;
      schedule();
      await check();
    },
    status: () => status,
    async setPreferences(input) {
      const saved = options.preferences.set({
        ...(input.enabled === undefined ? {} : { auto_update: input.enabled }),
        ...(input.channel === undefined ? {} : { update_channel: input.channel }),
      });
      const channelChanged = saved.update_channel !== status.channel;
      status = { ...status, enabled: saved.auto_update, channel: saved.update_channel };
      if (!options.isPackaged) {
        publish({});
        return status;
      }
      if (!saved.auto_update) {
        if (status.phase !== 'downloaded' && status.phase !== 'unavailable') publish({ phase: 'off', percent: null, message: null });
        else publish({});
        schedule();
        return status;
      }
      if (status.phase === 'off') publish({ phase: 'idle' });
      const loaded = await load();
      if (loaded === undefined) return status;
      if (channelChanged) applyChannel(loaded, saved.update_channel);
      schedule();
      await check();
      return status;
    },
    async checkNow() {
      if (!options.isPackaged || !status.enabled) return status;
      if ((await load()) !== undefined) await check();
      return status;
    },
    restartToUpdate() {
      if (updater === undefined || status.phase !== 'downloaded') return false;
      options.prepareToQuit();
      // isSilent false: the Windows installer shows its progress; isForceRunAfter: start Skyport again.
      updater.quitAndInstall(false, true);
      return true;
    },
    stop() {
      if (timer !== undefined) options.clearInterval(timer);
      timer = undefined;
    },
  };
}
