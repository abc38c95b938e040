/**
 * Launch at login, kept by main (a desktop preference, stored in the desktop store) and applied
 * to the system: `app.setLoginItemSettings` on macOS and Windows; an XDG autostart entry on Linux,
 * where Electron has no login items. Started at login, the app stays in the tray (`--hidden`).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { App } from 'electron';
import type { DesktopStore } from './desktop-store.js';
import type { LaunchAtLoginControl } from './register-control-ipc.js';

export const hiddenFlag = '--hidden';

export interface LaunchAtLoginOptions {
  app: Pick<App, 'setLoginItemSettings'>;
  store: Pick<DesktopStore, 'getPreferences' | 'setPreferences'>;
  platform: NodeJS.Platform;
  /** What the autostart entry runs on Linux: the AppImage when there is one, else the executable (plus the app path in development). */
  command: string[];
  /** `~/.config/autostart` (XDG_CONFIG_HOME respected by the caller). */
  autostartDirectory: string;
}

export interface LaunchAtLogin extends LaunchAtLoginControl {
  /** Makes the system match the stored preference (at start: the user may have moved the app). */
  apply(): Promise<void>;
}

export function createLaunchAtLogin(options: LaunchAtLoginOptions): LaunchAtLogin {
  const entryPath = join(options.autostartDirectory, 'skyport.desktop');

  async function applyToSystem(enabled: boolean): Promise<void> {
    if (options.platform === 'linux') {
      if (!enabled) {
        await rm(entryPath, { force: true });
        return;
      }
      await mkdir(options.autostartDirectory, { recursive: true });
      await writeFile(entryPath, renderAutostartEntry([...options.command, hiddenFlag]), { mode: 0o644 });
      return;
    }
    options.app.setLoginItemSettings({ openAtLogin: enabled, args: [hiddenFlag] });
  }

  return {
    get: () => ({ enabled: options.store.getPreferences().launch_at_login }),
    async set(enabled) {
      await applyToSystem(enabled);
      return { enabled: options.store.setPreferences({ launch_at_login: enabled }).launch_at_login };
    },
    apply: () => applyToSystem(options.store.getPreferences().launch_at_login),
  };
}

/** An XDG autostart entry (https://specifications.freedesktop.org/autostart-spec/latest/). */
export function renderAutostartEntry(command: readonly string[]): string {
  const exec = command.map((part) => (/[\s"\\`$]/.test(part) ? `"${part.replace(/(["\\`$])/g, '\\$1')}"` : part)).join(' ');
  return ['[Desktop Entry]', 'Type=Application', 'Name=Skyport', 'Comment=Local AI gateway', `Exec=${exec}`, 'Terminal=false', 'X-GNOME-Autostart-enabled=true', ''].join('\n');
}
