/**
 * Desktop entry, thin: one instance per user, the gateway in-process with its data in Electron's
 * `userData`, started at launch when `proxy.auto_start` is on, drained on quit.
 * (Tray, window and IPC are added on top of this; see the README's desktop section.)
 */
import type { App } from 'electron';
import { createGateway, createLogger, type Gateway } from '../proxy-core/index.js';

export async function startDesktopGateway(app: Pick<App, 'requestSingleInstanceLock' | 'getPath' | 'on' | 'quit' | 'whenReady'>): Promise<Gateway | undefined> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  await app.whenReady();
  const gateway = await createGateway({ dataDir: app.getPath('userData'), logger: createLogger() });
  if (gateway.settings().proxy.auto_start) await gateway.start();
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    void gateway.close().finally(() => app.quit());
  });
  return gateway;
}
