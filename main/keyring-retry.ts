/**
 * A keyring that cannot decrypt the accounts at start (locked after a login-time launch) is not
 * corruption (accounts/account-store.ts keeps accounts.json untouched and the pool locked). This
 * tells the user in the window (a dialog with a Retry button, and a banner through the alert bus)
 * and in the tray ("Unlock your keyring, then Retry"), and reads the accounts again on demand and
 * whenever the window gains focus. An accounts file that did not parse is reported with where it
 * was kept.
 */
import type { BrowserWindow, Dialog, MessageBoxOptions } from 'electron';
import type { AccountStore, GatewayAlert, GatewayAlertInput } from '../proxy-core/index.js';

export const keyringLockedTitle = 'Unlock your keyring, then Retry';

export interface KeyringRetryOptions {
  accountStore: Pick<AccountStore, 'problem' | 'reload'>;
  /** The gateway's alert bus (the window's banners); the alert as published, if it was. */
  publishAlert(alert: GatewayAlertInput): GatewayAlert | undefined | void;
  dialog: Pick<Dialog, 'showMessageBox'>;
  /** The main window, to attach dialogs to when it is on screen. */
  window(): BrowserWindow | undefined;
  /** The tray follows: locked or not. */
  onLockedChange(locked: boolean): void;
  logger: { info(message: string): void; warn(message: string): void };
}

export interface KeyringRetry {
  isLocked(): boolean;
  /** The banner shown while locked, for a page that loads after it was published. */
  lockedAlert(): GatewayAlert | undefined;
  /** At start: what is wrong with the accounts file, if anything, in the window and the tray. */
  announce(): Promise<void>;
  /**
   * Reads the accounts again while locked; true once they are available. `ask`: if still locked,
   * say so again with a Retry button (a click on Retry); quiet otherwise (window focus).
   */
  retry(options?: { ask?: boolean }): Promise<boolean>;
}

export function createKeyringRetry(options: KeyringRetryOptions): KeyringRetry {
  let locked = options.accountStore.problem()?.kind === 'locked';
  let inFlight: Promise<boolean> | undefined;
  let shownAlert: GatewayAlert | undefined;

  const showMessageBox = (box: MessageBoxOptions) => {
    const window = options.window();
    return window !== undefined && !window.isDestroyed() && window.isVisible() ? options.dialog.showMessageBox(window, box) : options.dialog.showMessageBox(box);
  };

  async function askToRetry(detail: string): Promise<void> {
    const { response } = await showMessageBox({
      type: 'warning',
      title: 'Skyport',
      message: keyringLockedTitle,
      detail,
      buttons: ['Retry', 'Later'],
      defaultId: 0,
      cancelId: 1,
    });
    if (response === 0) await retry({ ask: true });
  }

  function retry(retryOptions: { ask?: boolean } = {}): Promise<boolean> {
    if (!locked) return Promise.resolve(true);
    inFlight ??= (async () => {
      try {
        const problem = await options.accountStore.reload();
        if (problem?.kind === 'locked') return false;
        locked = false;
        shownAlert = undefined;
        options.onLockedChange(false);
        options.logger.info('The keyring is unlocked: the accounts are available again.');
        options.publishAlert({ kind: 'accounts_unlocked', severity: 'info', message: 'Your Google accounts are available again.' });
        return true;
      } catch (error) {
        options.logger.warn(`Reading the accounts again failed: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      } finally {
        inFlight = undefined;
      }
    })();
    const attempt = inFlight;
    return attempt.then(async (available) => {
      const message = options.accountStore.problem();
      if (!available && retryOptions.ask === true && message?.kind === 'locked') await askToRetry(message.message);
      return available;
    });
  }

  return {
    isLocked: () => locked,
    lockedAlert: () => (locked ? shownAlert : undefined),
    async announce() {
      const problem = options.accountStore.problem();
      if (problem === undefined) return;
      if (problem.kind === 'moved_aside') {
        options.publishAlert({ kind: 'accounts_file_moved', severity: 'warning', message: problem.message });
        await showMessageBox({ type: 'warning', title: 'Skyport', message: 'Your accounts file could not be read', detail: `${problem.message}. Nothing in it was deleted.`, buttons: ['OK'] });
        return;
      }
      options.onLockedChange(true);
      shownAlert = options.publishAlert({ kind: 'accounts_locked', severity: 'error', message: `${keyringLockedTitle}: ${problem.message}` }) ?? undefined;
      await askToRetry(problem.message);
    },
    retry,
  };
}
