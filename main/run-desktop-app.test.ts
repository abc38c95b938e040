/** The desktop app wired with a fake Electron: window, IPC, tray and events work together. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../proxy-core/index.js';
import { runDesktopApp, type ElectronModules } from './run-desktop-app.js';
import type { UpdaterLike } from './auto-updater.js';
import type { IpcResult } from './register-control-ipc.js';

// electron-store reads `app` from Electron; the test gives it an absolute directory instead.
vi.mock('electron', () => ({ default: {} }));

type Listener = (...args: unknown[]) => void;

function emitter() {
  const listeners = new Map<string, Listener[]>();
  return {
    on: vi.fn((name: string, listener: Listener) => {
      listeners.set(name, [...(listeners.get(name) ?? []), listener]);
    }),
    once: vi.fn((name: string, listener: Listener) => {
      listeners.set(name, [...(listeners.get(name) ?? []), listener]);
    }),
    emit(name: string, ...args: unknown[]) {
      for (const listener of listeners.get(name) ?? []) listener(...args);
    },
  };
}

function fakeElectron(options: { dataDir: string; encryption?: boolean }) {
  const app = {
    ...emitter(),
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    whenReady: async () => {},
    getPath: () => options.dataDir,
    getAppPath: () => '/repo',
    quit: vi.fn(),
    setLoginItemSettings: vi.fn(),
    getLoginItemSettings: () => ({ wasOpenedAtLogin: false }),
  };
  const windows: FakeWindow[] = [];
  class FakeWindow {
    readonly events = emitter();
    readonly on = this.events.on;
    readonly once = this.events.once;
    readonly webContents = { id: 41, ...emitter(), setWindowOpenHandler: vi.fn(), send: vi.fn() };
    readonly show = vi.fn();
    readonly hide = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    readonly loadURL = vi.fn(async () => {});
    constructor(readonly options: unknown) {
      windows.push(this);
    }
    isDestroyed = () => false;
    isMinimized = () => false;
  }
  const trays: Array<{ setImage: ReturnType<typeof vi.fn>; setToolTip: ReturnType<typeof vi.fn>; setContextMenu: ReturnType<typeof vi.fn>; on: ReturnType<typeof vi.fn>; destroy: ReturnType<typeof vi.fn> }> = [];
  class FakeTray {
    readonly setImage = vi.fn();
    readonly setToolTip = vi.fn();
    readonly setContextMenu = vi.fn();
    readonly on = vi.fn();
    readonly destroy = vi.fn();
    constructor() {
      trays.push(this);
    }
  }
  const handlers = new Map<string, (event: unknown, input?: unknown) => Promise<IpcResult>>();
  const modules = {
    app,
    BrowserWindow: FakeWindow,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: unknown) => template },
    nativeImage: { createFromPath: (path: string) => path },
    clipboard: { writeText: vi.fn() },
    ipcMain: { handle: (channel: string, handler: (event: unknown, input?: unknown) => Promise<IpcResult>) => handlers.set(channel, handler), removeHandler: vi.fn() },
    protocol: { handle: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    safeStorage: {
      isEncryptionAvailable: () => options.encryption ?? true,
      getSelectedStorageBackend: () => 'gnome_libsecret' as const,
      encryptString: (plain: string) => Buffer.from(plain).reverse(),
      decryptString: (encrypted: Buffer) => Buffer.from(encrypted).reverse().toString(),
    },
    shell: { openExternal: vi.fn(async () => {}), openPath: vi.fn(async () => '') },
    dialog: { showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })) },
  };
  return { modules: modules as unknown as ElectronModules, app, windows, trays, handlers, fake: modules };
}

const paths = { preload: '/repo/out/main/preload.cjs', rendererDirectory: '/repo/out/renderer', iconDirectory: '/repo/assets', windowIcon: '/repo/assets/icon.png', sqliteNativeBinding: undefined };
const fromApp = { sender: { id: 41 }, senderFrame: { url: 'app://skyport/index.html', parent: null } };
const running: Array<ReturnType<typeof fakeElectron>['app']> = [];
afterEach(async () => {
  // Quitting closes the gateway (start-desktop-gateway's before-quit), then quits for real.
  for (const app of running.splice(0)) {
    app.emit('before-quit', { preventDefault: () => {} });
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
  }
});

async function run(options: { argv?: string[]; encryption?: boolean; isPackaged?: boolean; loadUpdater?: () => Promise<UpdaterLike> } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'skyport-app-'));
  const electron = fakeElectron({ dataDir, ...(options.encryption === undefined ? {} : { encryption: options.encryption }) });
  electron.app.isPackaged = options.isPackaged ?? false;
  const desktop = await runDesktopApp(electron.modules, {
    paths,
    platform: 'linux',
    argv: options.argv ?? [],
    environment: { XDG_CONFIG_HOME: join(dataDir, 'xdg') },
    logger: createLogger({ write: () => {} }),
    logDirectory: join(dataDir, 'logs'),
    ...(options.loadUpdater === undefined ? {} : { loadUpdater: options.loadUpdater }),
  });
  running.push(electron.app);
  return { ...electron, desktop };
}

describe('runDesktopApp', () => {
  it('opens the app page in a sandboxed window over app://, and serves the renderer with that protocol', async () => {
    const { windows, fake } = await run();
    expect(windows).toHaveLength(1);
    const [window] = windows;
    expect(window?.options).toMatchObject({ webPreferences: { preload: paths.preload, contextIsolation: true, sandbox: true, nodeIntegration: false } });
    expect(window?.loadURL).toHaveBeenCalledWith('app://skyport/index.html');
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fake.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(window?.webContents.setWindowOpenHandler).toHaveBeenCalled();
    window?.events.emit('ready-to-show');
    expect(window?.show).toHaveBeenCalled();
  });

  it('stays in the tray when started at login (--hidden)', async () => {
    const { windows } = await run({ argv: ['electron', '.', '--hidden'] });
    windows[0]?.events.emit('ready-to-show');
    expect(windows[0]?.show).not.toHaveBeenCalled();
  });

  it('hides the window to the tray on close, until quitting', async () => {
    const { windows, app } = await run();
    const [window] = windows;
    const close = { preventDefault: vi.fn() };
    window?.events.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    expect(window?.hide).toHaveBeenCalled();
    app.emit('window-all-closed');
    expect(app.quit).not.toHaveBeenCalled();
    running.splice(0);
    app.emit('before-quit', { preventDefault: () => {} });
    const closeWhileQuitting = { preventDefault: vi.fn() };
    window?.events.emit('close', closeWhileQuitting);
    expect(closeWhileQuitting.preventDefault).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
  });

  it('answers IPC from its own window only', async () => {
    const { handlers } = await run();
    const fromElsewhere = { sender: { id: 99 }, senderFrame: { url: 'app://skyport/index.html', parent: null } };
    expect(await handlers.get('skyport:listMappingPresets')?.(fromApp, {})).toMatchObject({ ok: true });
    expect(await handlers.get('skyport:listMappingPresets')?.(fromElsewhere, {})).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
  });

  it('puts a tray up with the state, and forwards status changes to the page and the tray', async () => {
    const { trays, windows, handlers } = await run();
    const [tray] = trays;
    expect(tray?.setImage).toHaveBeenCalledWith('/repo/assets/tray-stopped.png');
    const menu = tray?.setContextMenu.mock.calls.at(-1)?.[0] as Array<{ label?: string }>;
    expect(menu.map((item) => item.label)).toEqual(expect.arrayContaining(['Skyport is stopped', 'Start', 'Copy API key', 'Open Skyport', 'Quit Skyport']));

    const port = 49_152 + Math.floor(Math.random() * 10_000);
    expect(await handlers.get('skyport:updateSettings')?.(fromApp, { proxy: { port } })).toMatchObject({ ok: true });
    expect(await handlers.get('skyport:startGateway')?.(fromApp, {})).toMatchObject({ ok: true, value: { serving: true, port } });
    expect(windows[0]?.webContents.send).toHaveBeenCalledWith('skyport:event', expect.objectContaining({ type: 'status', data: expect.objectContaining({ serving: true }) }));
    expect(tray?.setImage).toHaveBeenLastCalledWith('/repo/assets/tray-running.png');
    await handlers.get('skyport:stopGateway')?.(fromApp, {});
    expect(tray?.setImage).toHaveBeenLastCalledWith('/repo/assets/tray-stopped.png');
  });

  it('says why when refresh tokens cannot be stored safely', async () => {
    const { fake } = await run({ encryption: false });
    expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ type: 'warning', message: expect.stringMatching(/cannot store Google accounts safely/) }));
  });

  it('never loads the updater in an unpackaged run, and says so to the page', async () => {
    const loadUpdater = vi.fn(async () => ({}) as UpdaterLike);
    const { handlers } = await run({ loadUpdater });
    expect(loadUpdater).not.toHaveBeenCalled();
    expect(await handlers.get('skyport:getUpdateStatus')?.(fromApp, {})).toMatchObject({ ok: true, value: { phase: 'unavailable' } });
  });

  it('packaged: checks at start, shows the download to the page, offers Restart to update in the tray, and installs from it', async () => {
    const listeners = new Map<string, (payload?: unknown) => void>();
    const updater = {
      autoDownload: false,
      autoInstallOnAppQuit: false,
      allowPrerelease: false,
      allowDowngrade: false,
      channel: null as string | null,
      logger: null as unknown,
      on: (event: string, listener: (payload?: unknown) => void) => listeners.set(event, listener),
      checkForUpdates: vi.fn(async () => {
        listeners.get('checking-for-update')?.();
        listeners.get('update-available')?.({ version: '9.9.9' });
        listeners.get('download-progress')?.({ percent: 50 });
        listeners.get('update-downloaded')?.({ version: '9.9.9' });
      }),
      quitAndInstall: vi.fn(),
    };
    const { trays, windows, handlers } = await run({ isPackaged: true, loadUpdater: async () => updater as unknown as UpdaterLike });
    await vi.waitFor(() => expect(updater.checkForUpdates).toHaveBeenCalledTimes(1));
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, channel: 'latest' });
    expect(windows[0]?.webContents.send).toHaveBeenCalledWith('skyport:update-status', expect.objectContaining({ phase: 'downloading', percent: 50 }));
    expect(windows[0]?.webContents.send).toHaveBeenCalledWith('skyport:update-status', expect.objectContaining({ phase: 'downloaded', version: '9.9.9' }));
    const menu = trays[0]?.setContextMenu.mock.calls.at(-1)?.[0] as Array<{ label?: string; click?: () => void }>;
    expect(menu.map((item) => item.label)).toEqual(expect.arrayContaining(['Restart to update (9.9.9)', 'Show logs']));
    menu.find((item) => item.label === 'Restart to update (9.9.9)')?.click?.();
    expect(updater.quitAndInstall).toHaveBeenCalledWith(false, true);
    // The window lets itself close for the installer instead of hiding to the tray.
    const close = { preventDefault: vi.fn() };
    windows[0]?.events.emit('close', close);
    expect(close.preventDefault).not.toHaveBeenCalled();
    expect(await handlers.get('skyport:setUpdatePreferences')?.(fromApp, { enabled: false })).toMatchObject({ ok: true, value: { enabled: false } });
  });

  it('opens the log folder from Show logs', async () => {
    const { handlers, fake } = await run();
    const answer = await handlers.get('skyport:showLogs')?.(fromApp, {});
    expect(answer).toMatchObject({ ok: true, value: { directory: expect.stringMatching(/logs$/) } });
    expect(fake.shell.openPath).toHaveBeenCalledWith((answer as { value: { directory: string } }).value.directory);
  });
});
