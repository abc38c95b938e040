/**
 * The tray icon on screen: icon and tooltip follow running/stopped/error, the menu follows the
 * status and the accounts (control events keep it current). Copying the API key happens here in
 * main, straight to the clipboard: the key never passes through the page for it.
 */
import type { Clipboard, Menu, NativeImage, Tray } from 'electron';
import { join } from 'node:path';
import type { AccountDescription, ControlApi, GatewayAlert, GatewayStatusView } from '../proxy-core/index.js';
import { buildTrayMenu, describeTrayStatus, resolveTrayState, trayIconFileName, type TrayState } from './tray-menu.js';

export interface DesktopTrayOptions {
  createTray(image: NativeImage): Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>;
  buildMenu: (typeof Menu)['buildFromTemplate'];
  createImage(path: string): NativeImage;
  clipboard: Pick<Clipboard, 'writeText'>;
  iconDirectory: string;
  platform: NodeJS.Platform;
  control: Pick<ControlApi, 'getStatus' | 'listAccounts' | 'startGateway' | 'stopGateway' | 'revealApiKey'>;
  openWindow(): void;
  quit(): void;
  /** "Show logs" in the menu when given. */
  showLogs?(): void;
  /** "Restart to update" in the menu once showUpdate names a downloaded version. */
  restartToUpdate?(): void;
  /** "Retry" in the menu while showAccountsLocked(true) (keyring-retry.ts). */
  retryAccounts?(): void;
  logger: { warn(message: string): void };
}

export interface DesktopTray {
  showStatus(status: GatewayStatusView): void;
  showAccounts(accounts: readonly AccountDescription[]): void;
  /** The latest alert gets a line in the menu (click: open the window). */
  showAlert(alert: GatewayAlert): void;
  /** The downloaded update's version, or null when there is none to install. */
  showUpdate(version: string | null): void;
  /** The keyring could not decrypt the accounts: the menu says so and offers Retry. */
  showAccountsLocked(locked: boolean): void;
  /** Reads status and accounts again (at start, and after an action that failed). */
  refresh(): Promise<void>;
  destroy(): void;
}

export function createDesktopTray(options: DesktopTrayOptions): DesktopTray {
  const icon = (state: TrayState) => options.createImage(join(options.iconDirectory, trayIconFileName(state, options.platform)));
  const tray = options.createTray(icon('stopped'));
  let status: GatewayStatusView | undefined;
  let accounts: readonly AccountDescription[] = [];
  let shownState: TrayState | undefined;
  let updateReady: string | null = null;
  let accountsLocked = false;
  let latestAlert: GatewayAlert | undefined;

  const run = (what: string, action: () => Promise<unknown>) => {
    action().catch((error: unknown) => {
      options.logger.warn(`Tray: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
      void refresh();
    });
  };

  const render = () => {
    if (status === undefined) return;
    const state = resolveTrayState(status);
    if (state !== shownState) {
      tray.setImage(icon(state));
      shownState = state;
    }
    tray.setToolTip(describeTrayStatus(status));
    const current = status;
    tray.setContextMenu(
      options.buildMenu(
        buildTrayMenu(
          { status: current, accounts, updateReady, accountsLocked, latestAlert },
          {
            start: () => run('Start', () => options.control.startGateway({})),
            stop: () => run('Stop', () => options.control.stopGateway({})),
            copyBaseUrl: () => {
              if (current.base_url !== null) options.clipboard.writeText(current.base_url);
            },
            copyApiKey: () => run('Copy API key', async () => options.clipboard.writeText((await options.control.revealApiKey({})).api_key)),
            openWindow: options.openWindow,
            quit: options.quit,
            ...(options.showLogs === undefined ? {} : { showLogs: options.showLogs }),
            ...(options.restartToUpdate === undefined ? {} : { restartToUpdate: options.restartToUpdate }),
            ...(options.retryAccounts === undefined ? {} : { retryAccounts: options.retryAccounts }),
          },
        ),
      ),
    );
  };

  async function refresh(): Promise<void> {
    const [nextStatus, list] = await Promise.all([options.control.getStatus({}), options.control.listAccounts({})]);
    status = nextStatus;
    accounts = list.items;
    render();
  }

  // Windows: a left click opens the window, the menu is on the right click. (macOS opens the menu
  // on click; Linux AppIndicators have only the menu.)
  if (options.platform === 'win32') tray.on('click', () => options.openWindow());

  return {
    showStatus(next) {
      status = next;
      render();
    },
    showAccounts(next) {
      accounts = next;
      render();
    },
    showAlert(alert) {
      latestAlert = alert;
      render();
    },
    showUpdate(version) {
      if (version === updateReady) return;
      updateReady = version;
      render();
    },
    showAccountsLocked(locked) {
      if (locked === accountsLocked) return;
      accountsLocked = locked;
      render();
    },
    refresh,
    destroy: () => tray.destroy(),
  };
}
