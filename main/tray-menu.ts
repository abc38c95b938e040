/**
 * The tray: which icon, which tooltip and which menu for a given state. Pure, so the menu for
 * "running" and "stopped" is tested without Electron; desktop-tray.ts puts it on screen.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AccountDescription, GatewayAlert, GatewayStatusView } from '../proxy-core/index.js';

export type TrayState = 'running' | 'stopped' | 'error';

export interface TrayMenuActions {
  start(): void;
  stop(): void;
  copyBaseUrl(): void;
  copyApiKey(): void;
  openWindow(): void;
  quit(): void;
  /** Opens the log folder (desktop app with log files). */
  showLogs?(): void;
  /** Quits and installs the downloaded update (auto-updater.ts). */
  restartToUpdate?(): void;
  /** Reads the accounts again once the keyring is unlocked (keyring-retry.ts). */
  retryAccounts?(): void;
}

/** The tray's words for a locked keyring (the window says the same). */
export const accountsLockedLabel = 'Accounts locked: unlock your keyring, then Retry';

/** More accounts than this are summed up in one line. */
export const maxAccountLines = 8;

export function resolveTrayState(status: GatewayStatusView): TrayState {
  if (status.serving) return 'running';
  return status.error === null ? 'stopped' : 'error';
}

/** macOS gets template images (tinted by the system); Windows and Linux colored ones (@2x is picked up by Electron). */
export function trayIconFileName(state: TrayState, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return { running: 'trayTemplate.png', stopped: 'trayStoppedTemplate.png', error: 'trayErrorTemplate.png' }[state];
  return `tray-${state}.png`;
}

export function describeTrayStatus(status: GatewayStatusView): string {
  switch (resolveTrayState(status)) {
    case 'running':
      return status.port === null ? 'Skyport is running' : `Skyport is running on port ${status.port}`;
    case 'error':
      return `Skyport is stopped: ${status.error ?? 'unknown error'}`;
    case 'stopped':
      return 'Skyport is stopped';
  }
}

const statusWords: Record<AccountDescription['status'], string> = {
  active: 'active',
  disabled: 'disabled',
  forbidden: 'refused by Google',
  validation_required: 'needs verification',
  revoked: 'signed out (sign in again)',
};

/** One line per account: its lowest remaining quota (the model that runs out first), or why it is not used. */
export function summarizeAccountQuota(account: AccountDescription): string {
  if (account.status !== 'active') return `${account.email}: ${statusWords[account.status]}`;
  let lowest: { model: string; fraction: number; name: string | null } | undefined;
  for (const [model, quota] of Object.entries(account.quotas)) {
    if (lowest === undefined || quota.remaining_fraction < lowest.fraction) lowest = { model, fraction: quota.remaining_fraction, name: quota.display_name };
  }
  if (lowest === undefined) return `${account.email}: quota not read yet`;
  return `${account.email}: ${Math.round(lowest.fraction * 100)}% left (${lowest.name ?? lowest.model})`;
}

/** Menu items are one line: the alert's message, cut short, after a sign of how bad it is. */
export const maxAlertLabelLength = 90;

export function describeTrayAlert(alert: Pick<GatewayAlert, 'severity' | 'message'>): string {
  const sign = alert.severity === 'error' ? '⛔' : alert.severity === 'warning' ? '⚠' : 'ℹ';
  const message = alert.message.length > maxAlertLabelLength ? `${alert.message.slice(0, maxAlertLabelLength - 1)}…` : alert.message;
  return `${sign} ${message}`;
}

export function buildTrayMenu(
  state: {
    status: GatewayStatusView;
    accounts: readonly AccountDescription[];
    /** A downloaded update's version. */
    updateReady?: string | null;
    /** The keyring could not decrypt the accounts. */
    accountsLocked?: boolean;
    /** The gateway's latest alert (low quota, a model nobody can serve, an account that left the pool). */
    latestAlert?: GatewayAlert | undefined;
  },
  actions: TrayMenuActions,
): MenuItemConstructorOptions[] {
  const { status, accounts } = state;
  const restart = actions.restartToUpdate;
  const showLogs = actions.showLogs;
  const updateLines: MenuItemConstructorOptions[] =
    state.updateReady == null || restart === undefined ? [] : [{ label: `Restart to update (${state.updateReady})`, click: () => restart() }, { type: 'separator' }];
  const retryAccounts = actions.retryAccounts;
  const accountLines: MenuItemConstructorOptions[] =
    state.accountsLocked === true
      ? [{ label: accountsLockedLabel, enabled: false }, ...(retryAccounts === undefined ? [] : [{ label: 'Retry', click: () => retryAccounts() }])]
      : accounts.length === 0
      ? [{ label: 'No accounts yet', enabled: false }]
      : accounts.slice(0, maxAccountLines).map((account) => ({ label: summarizeAccountQuota(account), enabled: false }));
  if (accounts.length > maxAccountLines) accountLines.push({ label: `…and ${accounts.length - maxAccountLines} more`, enabled: false });

  const alert = state.latestAlert;
  return [
    { label: describeTrayStatus(status), enabled: false },
    ...(alert === undefined ? [] : [{ label: describeTrayAlert(alert), toolTip: alert.message, click: () => actions.openWindow() }]),
    status.serving ? { label: 'Stop', click: () => actions.stop() } : { label: 'Start', click: () => actions.start() },
    status.base_url === null
      ? { label: 'Not listening', enabled: false }
      : { label: `${status.base_url} (click to copy)`, toolTip: 'Copy the base URL', click: () => actions.copyBaseUrl() },
    { label: 'Copy API key', click: () => actions.copyApiKey() },
    { type: 'separator' },
    ...accountLines,
    { type: 'separator' },
    ...updateLines,
    { label: 'Open Skyport', click: () => actions.openWindow() },
    ...(showLogs === undefined ? [] : [{ label: 'Show logs', click: () => showLogs() }]),
    { label: 'Quit Skyport', click: () => actions.quit() },
  ];
}
