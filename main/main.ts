/** Electron main process entry (bundled to out/main/main.js). */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeImage, Notification, protocol, safeStorage, session, shell, Tray } from 'electron';
import { registerAppScheme } from './app-protocol.js';
import { createDesktopLogger, type DesktopLogger } from './create-desktop-logger.js';
import { resolveDesktopPaths } from './desktop-paths.js';
import type { UpdaterLike } from './auto-updater.js';
import { runDesktopApp } from './run-desktop-app.js';

// Before the app is ready, as Electron requires.
registerAppScheme(protocol);

// Under a burst of concurrent streams V8 otherwise pretenures short-lived event objects and the
// heap peaks far above what is live (measured by `npm run bench`, see bench/README.md).
app.commandLine.appendSwitch('js-flags', '--no-allocation-site-pretenuring');
const paths = resolveDesktopPaths(app, dirname(fileURLToPath(import.meta.url)), process.resourcesPath);

// Logs go to stderr and to <userData>/logs; an unknown SKYPORT_LOG_LEVEL/FORMAT stops the start.
let desktopLogger: DesktopLogger;
try {
  desktopLogger = createDesktopLogger({ userDataDirectory: app.getPath('userData'), environment: process.env });
} catch (error) {
  dialog.showErrorBox('Skyport could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
  throw error;
}
app.on('will-quit', () => desktopLogger.files.close());

runDesktopApp(
  { app, BrowserWindow, Tray, Menu, nativeImage, clipboard, ipcMain, protocol, session, safeStorage, shell, dialog, Notification },
  {
    paths,
    platform: process.platform,
    argv: process.argv,
    environment: process.env,
    logger: desktopLogger.logger,
    logDirectory: desktopLogger.files.directory,
    // Bundled into main.js; loaded (and its app-update.yml read) only in a packaged app.
    loadUpdater: async (): Promise<UpdaterLike> => (await import('electron-updater')).autoUpdater,
  },
).catch((error: unknown) => {
  dialog.showErrorBox('Skyport could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
