/** Inside Electron the preload has put `window.skyport` there; anywhere else, the admin HTTP API. */
import type { Bridge } from './bridge-types.js';
import { createHttpBridge, type HttpBridgeOptions } from './http-bridge.js';
import { createIpcBridge } from './ipc-bridge.js';

export function pickBridge(target: Pick<Window, 'skyport'>, http: HttpBridgeOptions): Bridge {
  const preload = target.skyport;
  if (preload !== undefined && preload !== null && typeof preload.getStatus === 'function') return createIpcBridge(preload);
  return createHttpBridge(http);
}
