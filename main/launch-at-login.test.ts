import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createLaunchAtLogin, renderAutostartEntry } from './launch-at-login.js';

function memoryStore(initial = false) {
  let launchAtLogin = initial;
  return {
    getPreferences: () => ({ launch_at_login: launchAtLogin, auto_update: true, update_channel: 'latest' as const }),
    setPreferences: (patch: { launch_at_login?: boolean }) => {
      launchAtLogin = patch.launch_at_login ?? launchAtLogin;
      return { launch_at_login: launchAtLogin, auto_update: true, update_channel: 'latest' as const };
    },
  };
}

describe('launch at login', () => {
  it('uses login items on macOS and Windows, starting hidden in the tray', async () => {
    const app = { setLoginItemSettings: vi.fn() };
    const launch = createLaunchAtLogin({ app, store: memoryStore(), platform: 'darwin', command: ['/Applications/Skyport.app'], autostartDirectory: '/unused' });
    expect(launch.get()).toEqual({ enabled: false });
    expect(await launch.set(true)).toEqual({ enabled: true });
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
    expect(launch.get()).toEqual({ enabled: true });
  });

  it('writes and removes an XDG autostart entry on Linux', async () => {
    const directory = join(await mkdtemp(join(tmpdir(), 'skyport-autostart-')), 'autostart');
    const app = { setLoginItemSettings: vi.fn() };
    const launch = createLaunchAtLogin({ app, store: memoryStore(), platform: 'linux', command: ['/opt/Sky Port/skyport'], autostartDirectory: directory });
    await launch.set(true);
    const entry = await readFile(join(directory, 'skyport.desktop'), 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain('Exec="/opt/Sky Port/skyport" --hidden');
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
    await launch.set(false);
    await expect(stat(join(directory, 'skyport.desktop'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('applies the stored preference at start', async () => {
    const app = { setLoginItemSettings: vi.fn() };
    await createLaunchAtLogin({ app, store: memoryStore(true), platform: 'win32', command: ['C:\\Skyport.exe'], autostartDirectory: '/unused' }).apply();
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
  });

  it('quotes what the Exec line needs quoted', () => {
    expect(renderAutostartEntry(['/usr/bin/skyport', '--hidden'])).toContain('Exec=/usr/bin/skyport --hidden\n');
    expect(renderAutostartEntry(['/home/me/My "Apps"/Skyport.AppImage'])).toContain('Exec="/home/me/My \\"Apps\\"/Skyport.AppImage"');
  });
});
