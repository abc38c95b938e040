/**
 * The desktop bridge: the preload exposes one function per ControlApi operation as
 * `window.skyport`, plus `onEvent`. Nothing else of Electron reaches the page.
 */
import { BridgeError } from './bridge-error.js';
import type { Bridge, ControlApi, DesktopSettingsApi, DesktopUpdatesApi, SkyportBridge, SkyportEvent } from './bridge-types.js';
import { controlOperationNames } from '../../../proxy-core/control/control-operation-names.js';

/** The preload's object: the ControlApi and events, and maybe the desktop settings. */
export type SkyportPreload = SkyportBridge & Partial<DesktopSettingsApi> & Partial<DesktopUpdatesApi>;

declare global {
  interface Window {
    skyport?: SkyportPreload;
  }
}

const eventTypes = new Set<string>(['status', 'accounts', 'settings', 'log', 'alert']);

/**
 * `ipcRenderer.invoke` rejects with "Error invoking remote method 'x': Error: <message>"; the user
 * needs only the message.
 */
export function cleanIpcErrorMessage(message: string): string {
  return message.replace(/^Error invoking remote method '[^']*':\s*/, '').replace(/^(?:[A-Za-z]*Error):\s*/, '');
}

function wrapOperation(operation: (input: unknown) => Promise<unknown>) {
  return async (input: unknown) => {
    try {
      return await operation(input ?? {});
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new BridgeError(cleanIpcErrorMessage(message), { kind: 'ipc' });
    }
  };
}

export function createIpcBridge(preload: SkyportPreload): Bridge {
  const api = Object.fromEntries(
    controlOperationNames.map((name) => [name, wrapOperation(preload[name] as (input: unknown) => Promise<unknown>)]),
  ) as unknown as ControlApi;
  const desktop =
    typeof preload.getDesktopSettings === 'function' && typeof preload.updateDesktopSettings === 'function'
      ? ({
          getDesktopSettings: wrapOperation(preload.getDesktopSettings as (input: unknown) => Promise<unknown>),
          updateDesktopSettings: wrapOperation(preload.updateDesktopSettings as (input: unknown) => Promise<unknown>),
        } as DesktopSettingsApi)
      : null;

  const updates = createUpdatesApi(preload);

  return {
    kind: 'ipc',
    api,
    desktop,
    updates,
    async exportLogsCsv(filter) {
      const { csv, file_name, truncated } = await api.exportLogsCsv(filter);
      return { blob: new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName: file_name, truncated };
    },
    subscribe(subscription) {
      subscription.onStateChange?.('open');
      const unsubscribe = preload.onEvent((event: SkyportEvent) => {
        if (typeof event === 'object' && event !== null && eventTypes.has(event.type)) subscription.onEvent(event);
      });
      return () => {
        if (typeof unsubscribe === 'function') unsubscribe();
      };
    },
  };
}

/** The preload's update and log functions, when this build of main offers them. */
function createUpdatesApi(preload: SkyportPreload): DesktopUpdatesApi | null {
  const { getUpdateStatus, setUpdatePreferences, checkForUpdates, restartToUpdate, showLogs, onUpdateStatus } = preload;
  if (
    typeof getUpdateStatus !== 'function' ||
    typeof setUpdatePreferences !== 'function' ||
    typeof checkForUpdates !== 'function' ||
    typeof restartToUpdate !== 'function' ||
    typeof showLogs !== 'function' ||
    typeof onUpdateStatus !== 'function'
  ) {
    return null;
  }
  const wrap = (operation: (...args: never[]) => Promise<unknown>) => wrapOperation(operation as (input: unknown) => Promise<unknown>);
  return {
    getUpdateStatus: wrap(getUpdateStatus) as DesktopUpdatesApi['getUpdateStatus'],
    setUpdatePreferences: wrap(setUpdatePreferences) as DesktopUpdatesApi['setUpdatePreferences'],
    checkForUpdates: wrap(checkForUpdates) as DesktopUpdatesApi['checkForUpdates'],
    restartToUpdate: wrap(restartToUpdate) as DesktopUpdatesApi['restartToUpdate'],
    showLogs: wrap(showLogs) as DesktopUpdatesApi['showLogs'],
    onUpdateStatus: (listener) => {
      const stop = onUpdateStatus(listener);
      return () => {
        if (typeof stop === 'function') stop();
      };
    },
  };
}
