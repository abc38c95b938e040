/** Where the built files are: next to the bundled main (`out/main/`), and the tray icons in assets. */
import { join } from 'node:path';
import type { App } from 'electron';

export interface DesktopPaths {
  preload: string;
  rendererDirectory: string;
  iconDirectory: string;
  windowIcon: string;
  /**
   * better-sqlite3's addon built for Electron (`npm start` runs scripts/build-electron-sqlite.mjs);
   * undefined when packaged, where electron-builder rebuilds node_modules for Electron itself.
   */
  sqliteNativeBinding: string | undefined;
}

export function resolveDesktopPaths(app: Pick<App, 'isPackaged' | 'getAppPath'>, mainDirectory: string, resourcesPath: string): DesktopPaths {
  // Packaged, electron-builder copies the icons to resources/assets (extraResources); in development they are in the repository.
  const iconDirectory = app.isPackaged ? join(resourcesPath, 'assets') : join(app.getAppPath(), 'assets');
  return {
    preload: join(mainDirectory, 'preload.cjs'),
    rendererDirectory: join(mainDirectory, '..', 'renderer'),
    iconDirectory,
    windowIcon: join(iconDirectory, 'icon.png'),
    sqliteNativeBinding: app.isPackaged ? undefined : join(app.getAppPath(), 'out', 'native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
  };
}
