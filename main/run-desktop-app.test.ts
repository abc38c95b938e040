/** The desktop app wired with a fake Electron: window, IPC, tray and events work together. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../proxy-core/index.js';
import { runDesktopApp, type ElectronModules } from './run-desktop-app.js';
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
    shell: { openExternal: vi.fn(async () => {}) },
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

async function run(options: { argv?: string[]; encryption?: boolean } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'skyport-app-'));
  const electron = fakeElectron({ dataDir, ...(options.encryption === undefined ? {} : { encryption: options.encryption }) });
  const desktop = await runDesktopApp(electron.modules, {
    paths,
    platform: 'linux',
    argv: options.argv ?? [],
    environment: { XDG_CONFIG_HOME: join(dataDir, 'xdg') },
    logger: createLogger({ write: () => {} }),
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
});
