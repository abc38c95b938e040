import { describe, expect, it } from 'vitest';
import { resolveDesktopPaths } from './desktop-paths.js';

describe('resolveDesktopPaths', () => {
  it('uses the repository files and the Electron build of SQLite in development', () => {
    const paths = resolveDesktopPaths({ isPackaged: false, getAppPath: () => '/repo' }, '/repo/out/main', '/resources');
    expect(paths).toEqual({
      preload: '/repo/out/main/preload.cjs',
      rendererDirectory: '/repo/out/renderer',
      iconDirectory: '/repo/assets',
      windowIcon: '/repo/assets/icon.png',
      sqliteNativeBinding: '/repo/out/native/better-sqlite3/build/Release/better_sqlite3.node',
    });
  });

  it('uses the packaged resources and the rebuilt node_modules when packaged', () => {
    const paths = resolveDesktopPaths({ isPackaged: true, getAppPath: () => '/app.asar' }, '/app.asar/out/main', '/resources');
    expect(paths.iconDirectory).toBe('/resources/assets');
    expect(paths.sqliteNativeBinding).toBeUndefined();
  });
});
