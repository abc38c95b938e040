/**
 * Everything about what the app's window may do, in one place (electron/fiddle keeps it so):
 * the window's options, where it may navigate, which senders IPC trusts, which permissions a page
 * gets, and which external pages open in the system browser. Reviewers check these against
 * STYLE.md "Electron security defaults".
 */
import type { BrowserWindowConstructorOptions, IpcMainInvokeEvent, Session, Shell, WebContents } from 'electron';

/** The renderer is served from this custom scheme (app-protocol.ts), never from file://. */
export const appScheme = 'app';
export const appHost = 'skyport';
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

/** Same policy as renderer/index.html's meta tag, plus what only a header can say (frame-ancestors). */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Pages the app may open in the system browser: Google's sign-in and account verification pages. */
export const externalHostAllowList: ReadonlySet<string> = new Set(['accounts.google.com']);

export function createMainWindowOptions(options: { preloadPath: string; iconPath?: string; devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Skyport',
    // Shown once the page has painted (no white flash), or kept hidden when started at login.
    show: false,
    autoHideMenuBar: true,
    ...(options.iconPath === undefined ? {} : { icon: options.iconPath }),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.devTools,
    },
  };
}

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && externalHostAllowList.has(parsed.hostname) && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** `shell.openExternal` behind the allow-list; anything else is refused (and logged). */
export async function openExternalSafely(shell: Pick<Shell, 'openExternal'>, url: string, logger: { warn(message: string): void }): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) {
    logger.warn(`Refused to open ${describeUrl(url)} outside the app: only https pages of ${[...externalHostAllowList].join(', ')} are opened.`);
    return false;
  }
  await shell.openExternal(url);
  return true;
}

/** The page may not leave the app: no navigation elsewhere, no new windows, no webviews. Allowed Google pages go to the system browser. */
export function applyNavigationPolicy(contents: WebContents, openExternal: (url: string) => void): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternal(url);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}

/**
 * No permission is granted to any page (camera, notifications, geolocation…), except writing text
 * to the clipboard from the app's own page (the copy buttons).
 */
export function denyPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((contents, permission, callback) => {
    callback(permission === 'clipboard-sanitized-write' && isAppUrl(contents.getURL()));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permission === 'clipboard-sanitized-write' && isAppUrl(requestingOrigin));
}

/** An IPC call is trusted only from the top frame of the app's own window showing the app's own page. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, window: { webContents: Pick<WebContents, 'id'>; isDestroyed(): boolean } | undefined): boolean {
  const frame = event.senderFrame;
  if (frame === null || window === undefined || window.isDestroyed()) return false;
  if (event.sender.id !== window.webContents.id) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

/** For logs: scheme and host only (sign-in URLs carry state and codes). */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'an invalid URL';
  }
}
