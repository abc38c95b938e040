/**
 * The preload (sandboxed, context-isolated): `window.skyport` gets one function per ControlApi
 * operation, the desktop extras (launch at login, updates, show logs), `onEvent` and
 * `onUpdateStatus`. Never `ipcRenderer` itself.
 * Bundled to `out/main/preload.cjs`: a sandboxed preload is CommonJS and can load only `electron`,
 * so this file imports the operation names list and nothing else of proxy-core.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { controlChannel, controlEventChannel, controlOperationNames } from '../proxy-core/control/control-operation-names.js';
import { desktopChannels, updateStatusEventChannel } from './desktop-channels.js';

type IpcResult = { ok: true; value: unknown } | { ok: false; error: { message: string } };

async function invoke(channel: string, input: unknown): Promise<unknown> {
  const result = (await ipcRenderer.invoke(channel, input ?? {})) as IpcResult;
  if (result.ok) return result.value;
  // Only an Error's message crosses the context bridge: the message is the server's own.
  throw new Error(result.error.message);
}

export function createPreloadApi(): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  for (const name of controlOperationNames) api[name] = (input?: unknown) => invoke(controlChannel(name), input);
  api.getLaunchAtLogin = () => invoke(desktopChannels.getLaunchAtLogin, {});
  api.setLaunchAtLogin = (input: { enabled: boolean }) => invoke(desktopChannels.setLaunchAtLogin, input);
  api.getUpdateStatus = () => invoke(desktopChannels.getUpdateStatus, {});
  api.setUpdatePreferences = (input: { enabled?: boolean; channel?: 'latest' | 'beta' }) => invoke(desktopChannels.setUpdatePreferences, input);
  api.checkForUpdates = () => invoke(desktopChannels.checkForUpdates, {});
  api.restartToUpdate = () => invoke(desktopChannels.restartToUpdate, {});
  api.showLogs = () => invoke(desktopChannels.showLogs, {});
  api.onUpdateStatus = (listener: (status: unknown) => void) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(updateStatusEventChannel, forward);
    return () => {
      ipcRenderer.removeListener(updateStatusEventChannel, forward);
    };
  };
  api.onEvent = (listener: (event: unknown) => void) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(controlEventChannel, forward);
    return () => {
      ipcRenderer.removeListener(controlEventChannel, forward);
    };
  };
  return api;
}

contextBridge.exposeInMainWorld('skyport', createPreloadApi());
