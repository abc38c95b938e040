/**
 * The preload (sandboxed, context-isolated): `window.skyport` gets one function per ControlApi
 * operation, the two desktop extras (launch at login) and `onEvent`. Never `ipcRenderer` itself.
 * Bundled to `out/main/preload.cjs`: a sandboxed preload is CommonJS and can load only `electron`,
 * so this file imports the operation names list and nothing else of proxy-core.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { controlChannel, controlEventChannel, controlOperationNames } from '../proxy-core/control/control-operation-names.js';
import { desktopChannels } from './desktop-channels.js';

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
