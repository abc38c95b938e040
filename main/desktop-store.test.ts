/** The desktop store on a real electron-store file (Electron itself mocked: electron-store only reads `app` from it). */
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createGateway } from '../proxy-core/index.js';
import { openDesktopStore } from './desktop-store.js';

vi.mock('electron', () => ({ default: {} }));

const silent = { warn: () => {} };
const tempDir = () => mkdtemp(join(tmpdir(), 'skyport-desktop-store-'));

describe('openDesktopStore', () => {
  it('migrates the settings file of the first desktop build, keeps a copy of it, and the gateway reads the same settings', async () => {
    const directory = await tempDir();
    const v1 = { proxy: { port: 9123, api_key: 'sk-0123456789abcdef0123456789abcdef', custom_mapping: { 'my-*': 'gemini-3-flash' } } };
    await writeFile(join(directory, 'config.json'), JSON.stringify(v1));

    const store = openDesktopStore({ directory, logger: silent });
    const written = JSON.parse(await readFile(join(directory, 'config.json'), 'utf8'));
    expect(written).toEqual({ version: 2, settings: v1, desktop: { launch_at_login: false, auto_update: true, update_channel: 'latest' } });
    const backups = (await readdir(directory)).filter((name) => name.startsWith('config.json.before-migration-'));
    expect(backups).toHaveLength(1);
    expect(JSON.parse(await readFile(join(directory, backups[0] as string), 'utf8'))).toEqual(v1);

    const gateway = await createGateway({ dataDir: directory, settingsDocument: store.settingsDocument, backgroundQuotaRefresh: false, logger: { ...silent, debug: () => {}, info: () => {}, error: () => {} } });
    try {
      expect(gateway.settings().proxy).toMatchObject({ port: 9123, api_key: v1.proxy.api_key, custom_mapping: { 'my-*': 'gemini-3-flash' } });
      await gateway.control.updateSettings({ proxy: { request_timeout_s: 300 } });
      const after = JSON.parse(await readFile(join(directory, 'config.json'), 'utf8'));
      // The gateway writes its defaults and changes into `settings`; the desktop part stays.
      expect(after.settings.proxy).toMatchObject({ port: 9123, request_timeout_s: 300, api_key: v1.proxy.api_key });
      expect(after.desktop).toEqual({ launch_at_login: false, auto_update: true, update_channel: 'latest' });
      expect(after.version).toBe(2);
    } finally {
      await gateway.close();
    }
  });

  it('writes the file readable by the user only (it holds the API key)', async () => {
    const directory = await tempDir();
    openDesktopStore({ directory, logger: silent });
    expect((await stat(join(directory, 'config.json'))).mode & 0o777).toBe(0o600);
  });

  it('keeps desktop preferences beside the settings', async () => {
    const directory = await tempDir();
    const store = openDesktopStore({ directory, logger: silent });
    expect(store.getPreferences()).toEqual({ launch_at_login: false, auto_update: true, update_channel: 'latest' });
    expect(store.setPreferences({ launch_at_login: true })).toEqual({ launch_at_login: true, auto_update: true, update_channel: 'latest' });
    expect(openDesktopStore({ directory, logger: silent }).getPreferences()).toEqual({ launch_at_login: true, auto_update: true, update_channel: 'latest' });
  });

  it('keeps a file that is not JSON aside and starts from defaults', async () => {
    const directory = await tempDir();
    await writeFile(join(directory, 'config.json'), '{"proxy": {"port": 9000,');
    const warnings: string[] = [];
    const store = openDesktopStore({ directory, logger: { warn: (message) => warnings.push(message) } });
    expect(store.getPreferences()).toEqual({ launch_at_login: false, auto_update: true, update_channel: 'latest' });
    const kept = (await readdir(directory)).find((name) => name.startsWith('config.json.corrupt-'));
    expect(await readFile(join(directory, kept as string), 'utf8')).toBe('{"proxy": {"port": 9000,');
    expect(warnings[0]).toMatch(/not valid JSON; it was kept as/);
  });

  it('keeps settings that fail the schema aside before the gateway replaces them with defaults', async () => {
    const directory = await tempDir();
    await writeFile(join(directory, 'config.json'), JSON.stringify({ version: 2, settings: { proxy: { port: 'eighty' } }, desktop: { launch_at_login: true } }));
    const store = openDesktopStore({ directory, logger: silent });
    const warnings: string[] = [];
    const gateway = await createGateway({
      dataDir: directory,
      settingsDocument: store.settingsDocument,
      backgroundQuotaRefresh: false,
      logger: { warn: (message) => warnings.push(message), debug: () => {}, info: () => {}, error: () => {} },
    });
    try {
      expect(gateway.settings().proxy.port).toBe(8045);
      expect(warnings.join('\n')).toMatch(/proxy\.port.*kept as .*config\.json\.settings-/);
      const kept = (await readdir(directory)).find((name) => name.startsWith('config.json.settings-'));
      expect(JSON.parse(await readFile(join(directory, kept as string), 'utf8'))).toEqual({ proxy: { port: 'eighty' } });
      expect(store.getPreferences()).toEqual({ launch_at_login: true, auto_update: true, update_channel: 'latest' });
    } finally {
      await gateway.close();
    }
  });

  it('refuses a file written by a newer Skyport', async () => {
    const directory = await tempDir();
    await writeFile(join(directory, 'config.json'), JSON.stringify({ version: 7 }));
    expect(() => openDesktopStore({ directory, logger: silent })).toThrow(/newer Skyport/);
  });
});
