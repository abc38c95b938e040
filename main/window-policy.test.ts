import { describe, expect, it, vi } from 'vitest';
import {
  applyNavigationPolicy,
  createMainWindowOptions,
  denyPermissions,
  isAllowedExternalUrl,
  isTrustedSender,
  openExternalSafely,
} from './window-policy.js';

function fakeWebContents() {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    on: vi.fn((name: string, listener: (...args: unknown[]) => void) => listeners.set(name, listener)),
    setWindowOpenHandler: vi.fn((handler: (details: { url: string }) => { action: string }) => {
      openHandler = handler;
    }),
    emit(name: string, ...args: unknown[]) {
      listeners.get(name)?.(...args);
    },
    open: (url: string) => openHandler?.({ url }),
  };
}
const navigation = () => ({ preventDefault: vi.fn() });

describe('window options', () => {
  it('isolates the page: context isolation, sandbox, no Node, no webviews, the preload given', () => {
    const options = createMainWindowOptions({ preloadPath: '/app/out/main/preload.cjs', devTools: false });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(options.show).toBe(false);
  });
});

describe('navigation policy', () => {
  it('prevents navigation away from the app; allowed Google pages go to the system browser instead', () => {
    const contents = fakeWebContents();
    const openExternal = vi.fn();
    applyNavigationPolicy(contents as never, openExternal);

    const toEvil = navigation();
    contents.emit('will-navigate', toEvil, 'https://evil.example/phish');
    expect(toEvil.preventDefault).toHaveBeenCalled();

    const toGoogle = navigation();
    contents.emit('will-navigate', toGoogle, 'https://accounts.google.com/o/oauth2/v2/auth?client_id=x');
    expect(toGoogle.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledWith('https://accounts.google.com/o/oauth2/v2/auth?client_id=x');

    const inApp = navigation();
    contents.emit('will-navigate', inApp, 'app://skyport/index.html');
    expect(inApp.preventDefault).not.toHaveBeenCalled();

    const redirect = navigation();
    contents.emit('will-redirect', redirect, 'http://127.0.0.1:8045/');
    expect(redirect.preventDefault).toHaveBeenCalled();

    const webview = navigation();
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window (window.open, target=_blank)', () => {
    const contents = fakeWebContents();
    const openExternal = vi.fn();
    applyNavigationPolicy(contents as never, openExternal);
    expect(contents.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(contents.open('app://skyport/index.html')).toEqual({ action: 'deny' });
    expect(contents.open('https://accounts.google.com/signin')).toEqual({ action: 'deny' });
  });
});

describe('external pages', () => {
  it.each([
    ['https://accounts.google.com/o/oauth2/v2/auth?x=1', true],
    ['https://accounts.google.com/signin/continue', true],
    ['http://accounts.google.com/o/oauth2/v2/auth', false],
    ['https://accounts.google.com.evil.example/', false],
    ['https://evil.example/?accounts.google.com', false],
    ['https://user:pass@accounts.google.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s -> %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });

  it('opens only allow-listed https URLs with shell.openExternal', async () => {
    const shell = { openExternal: vi.fn(async () => {}) };
    const logger = { warn: vi.fn() };
    expect(await openExternalSafely(shell, 'https://accounts.google.com/o/oauth2/v2/auth', logger)).toBe(true);
    expect(await openExternalSafely(shell, 'https://evil.example/steal?code=4/0abc', logger)).toBe(false);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    // The log names the host, never the whole address (it may hold a code).
    expect(logger.warn).toHaveBeenCalledWith(expect.not.stringContaining('code=4/0abc'));
  });
});

describe('permissions', () => {
  it('denies every permission request and check, but clipboard writes from the app page', () => {
    let request: ((contents: { getURL(): string }, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: ((contents: unknown, permission: string, origin: string) => boolean) | undefined;
    denyPermissions({
      setPermissionRequestHandler: (handler: never) => {
        request = handler;
      },
      setPermissionCheckHandler: (handler: never) => {
        check = handler;
      },
    } as never);
    const answers: boolean[] = [];
    const app = { getURL: () => 'app://skyport/index.html' };
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) request?.(app, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false, false]);
    request?.(app, 'clipboard-sanitized-write', (granted) => answers.push(granted));
    request?.({ getURL: () => 'https://evil.example/' }, 'clipboard-sanitized-write', (granted) => answers.push(granted));
    expect(answers.slice(5)).toEqual([true, false]);
    expect(check?.(undefined, 'media', 'app://skyport')).toBe(false);
    expect(check?.(undefined, 'clipboard-sanitized-write', 'app://skyport')).toBe(true);
  });
});

describe('trusted IPC senders', () => {
  const window = { webContents: { id: 7 }, isDestroyed: () => false };
  const event = (overrides: { id?: number; url?: string; parent?: unknown; frame?: null }) =>
    ({
      sender: { id: overrides.id ?? 7 },
      senderFrame: overrides.frame === null ? null : { url: overrides.url ?? 'app://skyport/index.html', parent: overrides.parent ?? null },
    }) as never;

  it('trusts the top frame of the app window on the app page only', () => {
    expect(isTrustedSender(event({}), window)).toBe(true);
    expect(isTrustedSender(event({ url: 'app://skyport/index.html#/accounts' }), window)).toBe(true);
    expect(isTrustedSender(event({ id: 8 }), window)).toBe(false);
    expect(isTrustedSender(event({ url: 'https://evil.example/' }), window)).toBe(false);
    expect(isTrustedSender(event({ url: 'app://other/index.html' }), window)).toBe(false);
    expect(isTrustedSender(event({ url: 'file:///app/out/renderer/index.html' }), window)).toBe(false);
    expect(isTrustedSender(event({ parent: {} }), window)).toBe(false);
    expect(isTrustedSender(event({ frame: null }), window)).toBe(false);
    expect(isTrustedSender(event({}), { ...window, isDestroyed: () => true })).toBe(false);
    expect(isTrustedSender(event({}), undefined)).toBe(false);
  });
});
