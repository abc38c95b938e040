/**
 * The desktop app, wired: gateway (start-desktop-gateway.ts), the window (window-policy.ts),
 * the renderer over `app://` (app-protocol.ts), IPC (register-control-ipc.ts), the tray
 * (desktop-tray.ts) and live events to the page. Electron comes in as a parameter so the wiring
 * is tested with fakes.
 */
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type * as Electron from 'electron';
import { controlEventChannel, createLogger, type Logger } from '../proxy-core/index.js';
import { handleAppProtocol } from './app-protocol.js';
import { createAutoUpdater, type UpdaterLike } from './auto-updater.js';
import { updateStatusEventChannel } from './desktop-channels.js';
import type { DesktopPaths } from './desktop-paths.js';
import { createDesktopTray } from './desktop-tray.js';
import { createKeyringRetry } from './keyring-retry.js';
import { createLaunchAtLogin, hiddenFlag } from './launch-at-login.js';
import { registerControlIpc } from './register-control-ipc.js';
import { registerUpdateIpc } from './register-update-ipc.js';
import { startDesktopGateway, type DesktopGatewayOptions } from './start-desktop-gateway.js';
import { createAlertNotifier, type NotificationClass } from './alert-notifier.js';
import { appEntryUrl, applyNavigationPolicy, createMainWindowOptions, denyPermissions, isTrustedSender, openExternalSafely } from './window-policy.js';

export interface ElectronModules {
  app: Electron.App;
  BrowserWindow: typeof Electron.BrowserWindow;
  Tray: typeof Electron.Tray;
  Menu: Pick<typeof Electron.Menu, 'buildFromTemplate'>;
  nativeImage: Pick<typeof Electron.nativeImage, 'createFromPath'>;
  clipboard: Pick<Electron.Clipboard, 'writeText'>;
  ipcMain: Pick<Electron.IpcMain, 'handle' | 'removeHandler'>;
  protocol: Pick<Electron.Protocol, 'handle'>;
  session: { defaultSession: Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> };
  safeStorage: DesktopGatewayOptions['safeStorage'];
  shell: Pick<Electron.Shell, 'openExternal' | 'openPath'>;
  dialog: Pick<Electron.Dialog, 'showMessageBox'>;
  /** System notifications for the gateway's alerts (alert-notifier.ts); none when absent. */
  Notification?: NotificationClass;
}

export interface RunDesktopAppOptions {
  paths: DesktopPaths;
  platform: NodeJS.Platform;
  argv: readonly string[];
  environment: Readonly<Record<string, string | undefined>>;
  logger?: Logger;
  openStore?: DesktopGatewayOptions['openStore'];
  /** Where the log files are (create-desktop-logger.ts): "Show logs" opens it. */
  logDirectory?: string;
  /** electron-updater's autoUpdater, loaded only in a packaged app (auto-updater.ts). */
  loadUpdater?: () => Promise<UpdaterLike>;
}

export interface DesktopApp {
  window: Electron.BrowserWindow;
  showWindow(): void;
}

export async function runDesktopApp(electron: ElectronModules, options: RunDesktopAppOptions): Promise<DesktopApp | undefined> {
  const { app } = electron;
  const logger = options.logger ?? createLogger();
  // Created once the gateway is up; a second launch may ask for it before.
  const windowRef: { current?: Electron.BrowserWindow } = {};
  let quitting = false;
  const showWindow = () => {
    const window = windowRef.current;
    if (window === undefined || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  const started = await startDesktopGateway({
    app,
    safeStorage: electron.safeStorage,
    platform: options.platform,
    logger,
    onSecondInstance: showWindow,
    ...(options.paths.sqliteNativeBinding === undefined ? {} : { sqliteNativeBinding: options.paths.sqliteNativeBinding }),
    ...(options.openStore === undefined ? {} : { openStore: options.openStore }),
  });
  if (started === undefined) return undefined;
  const { gateway, store, secretStorageProblem } = started;

  // Set once the updater exists (below); a quit during start-up has no timer to stop.
  let stopUpdateChecks = (): void => undefined;
  app.on('before-quit', () => {
    quitting = true;
    stopUpdateChecks();
  });
  // A tray app: closing the window does not end it.
  app.on('window-all-closed', () => undefined);
  app.on('activate', showWindow);

  const showLogs = async (): Promise<string> => {
    const directory = options.logDirectory;
    if (directory === undefined) throw new Error('this run writes no log files');
    await mkdir(directory, { recursive: true, mode: 0o700 });
    // openPath answers an error message, or '' when the folder opened.
    const problem = await electron.shell.openPath(directory);
    if (problem !== '') throw new Error(problem);
    return directory;
  };
  const openExternal = (url: string) => void openExternalSafely(electron.shell, url, logger).catch(() => undefined);
  handleAppProtocol(electron.protocol, options.paths.rendererDirectory);
  denyPermissions(electron.session.defaultSession);

  const mainWindow = new electron.BrowserWindow(
    createMainWindowOptions({ preloadPath: options.paths.preload, iconPath: options.paths.windowIcon, devTools: !app.isPackaged }),
  );
  windowRef.current = mainWindow;
  applyNavigationPolicy(mainWindow.webContents, openExternal);
  mainWindow.on('close', (event) => {
    if (quitting) return;
    // Closing hides to the tray; Quit is in the tray menu.
    event.preventDefault();
    mainWindow.hide();
  });
  // Accounts the keyring could not decrypt at start: said in the window and the tray, read again on Retry and on focus.
  const keyring = createKeyringRetry({
    accountStore: gateway.accountStore,
    publishAlert: (alert) => gateway.alerts.publish(alert),
    dialog: electron.dialog,
    window: () => mainWindow,
    // Called from announce() and retry(), both after the tray below exists.
    onLockedChange: (locked) => tray.showAccountsLocked(locked),
    logger,
  });
  mainWindow.on('focus', () => {
    if (keyring.isLocked()) void keyring.retry();
  });
  // The banner goes out on the bus when announced; a page that loads (or reloads) later gets it here.
  mainWindow.webContents.on('did-finish-load', () => {
    const alert = keyring.lockedAlert();
    if (alert !== undefined) mainWindow.webContents.send(controlEventChannel, { type: 'alert', data: alert });
  });
  const startedHidden = options.argv.includes(hiddenFlag) || (options.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  mainWindow.once('ready-to-show', () => {
    if (!startedHidden) mainWindow.show();
  });
  void mainWindow.loadURL(appEntryUrl).catch((error: unknown) => logger.error(`The window could not load: ${error instanceof Error ? error.message : String(error)}`));

  const launchAtLogin = createLaunchAtLogin({
    app,
    store,
    platform: options.platform,
    command: options.environment.APPIMAGE !== undefined ? [options.environment.APPIMAGE] : app.isPackaged ? [process.execPath] : [process.execPath, app.getAppPath()],
    autostartDirectory: join(options.environment.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'autostart'),
  });
  await launchAtLogin.apply().catch((error: unknown) => logger.warn(`Launch at login could not be applied: ${error instanceof Error ? error.message : String(error)}`));

  registerControlIpc({
    ipcMain: electron.ipcMain,
    control: gateway.control,
    launchAtLogin,
    isTrustedSender: (event) => isTrustedSender(event, mainWindow),
    logger,
  });

  const tray = createDesktopTray({
    createTray: (image) => new electron.Tray(image),
    buildMenu: (template) => electron.Menu.buildFromTemplate(template),
    createImage: (path) => electron.nativeImage.createFromPath(path),
    clipboard: electron.clipboard,
    iconDirectory: options.paths.iconDirectory,
    platform: options.platform,
    control: gateway.control,
    openWindow: showWindow,
    quit: () => app.quit(),
    ...(options.logDirectory === undefined ? {} : { showLogs: () => void showLogs().catch((error: unknown) => logger.warn(`Show logs failed: ${String(error)}`)) }),
    restartToUpdate: () => autoUpdater.restartToUpdate(),
    retryAccounts: () => void keyring.retry({ ask: true }),
    logger,
  });
  await tray.refresh();

  // Updates: the page and the tray follow the status; "Restart to update" quits and installs.
  const autoUpdater = createAutoUpdater({
    loadUpdater: options.loadUpdater ?? (() => Promise.reject(new Error('this build has no updater'))),
    isPackaged: app.isPackaged,
    preferences: { get: () => store.getPreferences(), set: (patch) => store.setPreferences(patch) },
    logger,
    setInterval: (run, ms) => setInterval(run, ms).unref(),
    clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
    now: () => new Date(),
    onStatus: (status) => {
      if (!mainWindow.isDestroyed()) mainWindow.webContents.send(updateStatusEventChannel, status);
      tray.showUpdate(status.phase === 'downloaded' ? status.version : null);
    },
    prepareToQuit: () => {
      quitting = true;
    },
  });
  registerUpdateIpc({
    ipcMain: electron.ipcMain,
    updater: autoUpdater,
    showLogs,
    isTrustedSender: (event) => isTrustedSender(event, mainWindow),
    logger,
  });
  stopUpdateChecks = () => autoUpdater.stop();
  void autoUpdater.start();

  const notifyAlert = electron.Notification === undefined ? undefined : createAlertNotifier({ Notification: electron.Notification, onClick: showWindow, logger });
  // Everything on the gateway's bus goes to the page (status, accounts, settings, request log);
  // the tray follows status and accounts.
  gateway.events.subscribe((event) => {
    if (!mainWindow.isDestroyed()) mainWindow.webContents.send(controlEventChannel, event);
    if (event.type === 'status') tray.showStatus(event.data);
    if (event.type === 'accounts') tray.showAccounts(event.data.items);
    if (event.type === 'alert') {
      tray.showAlert(event.data);
      notifyAlert?.(event.data);
    }
  });

  void keyring.announce().catch((error: unknown) => logger.warn(`Could not tell about the accounts file: ${String(error)}`));
  // A locked keyring is said once, by the keyring dialog (Retry works without a restart).
  if (secretStorageProblem !== undefined && !keyring.isLocked()) {
    void electron.dialog.showMessageBox({
      type: 'warning',
      title: 'Skyport',
      message: 'Skyport cannot store Google accounts safely on this system',
      detail: `Refresh tokens are only stored encrypted, and ${secretStorageProblem}. Adding accounts is refused until that is fixed: install or unlock a keyring (for example gnome-keyring) and restart Skyport, or run Skyport headless (npm run serve).`,
    });
  }
  return { window: mainWindow, showWindow };
}
