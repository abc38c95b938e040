import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEnvironmentOverrides } from './apply-environment-overrides.js';
import { getSettingByPath, parseSettingValue, setSettingByPath } from './set-setting-by-path.js';
import { createSettingsStore } from './settings-store.js';

async function tempDir() {
  return mkdtemp(join(tmpdir(), 'skyport-settings-'));
}
const silent = { warn: () => {} };

describe('settings store', () => {
  it('creates defaults with a persistent API key', async () => {
    const dir = await tempDir();
    const filePath = join(dir, 'config.json');
    const first = await createSettingsStore({ filePath, logger: silent });
    expect(first.get().proxy.api_key).toMatch(/^sk-[0-9a-f]{32}$/);
    const second = await createSettingsStore({ filePath, logger: silent });
    expect(second.get().proxy.api_key).toBe(first.get().proxy.api_key);
  });

  it('refuses invalid values naming the field and keeps what was stored', async () => {
    const dir = await tempDir();
    const filePath = join(dir, 'config.json');
    const store = await createSettingsStore({ filePath, logger: silent });
    const before = await readFile(filePath, 'utf8');
    await expect(store.replace(setSettingByPath(store.get(), 'proxy.port', 70000))).rejects.toThrow(/proxy\.port/);
    await expect(store.replace(setSettingByPath(store.get(), 'proxy.auth_mode', 'sometimes'))).rejects.toThrow(/proxy\.auth_mode/);
    expect(await readFile(filePath, 'utf8')).toBe(before);
    expect(store.get().proxy.port).toBe(8045);
  });

  it('keeps every one of many parallel changes to different fields, in memory and on disk', async () => {
    const dir = await tempDir();
    const filePath = join(dir, 'config.json');
    const store = await createSettingsStore({ filePath, logger: silent });
    const changes: Array<[string, unknown]> = [
      ['proxy.port', 9001],
      ['proxy.request_timeout_s', 77],
      ['proxy.max_attempts', 5],
      ['proxy.custom_mapping.a*', 'gemini-3-flash'],
      ['proxy.custom_mapping.b*', 'gemini-3-pro-high'],
      ['accounts.quota_refresh_min', 42],
      ['monitor.retention_days', 9],
    ];
    await Promise.all(changes.map(([key, value]) => store.update((current) => setSettingByPath(current, key, value))));
    const reread = await createSettingsStore({ filePath, logger: silent });
    for (const [key, value] of changes) {
      expect(getSettingByPath(store.get(), key)).toEqual(value);
      expect(getSettingByPath(reread.get(), key)).toEqual(value);
    }
  });

  it('a change that throws or is invalid changes nothing and does not block the next one', async () => {
    const store = await createSettingsStore({ filePath: join(await tempDir(), 'config.json'), logger: silent });
    const failing = store.update(() => {
      throw new Error('no');
    });
    const invalid = store.update((current) => setSettingByPath(current, 'proxy.port', -1));
    const valid = store.update((current) => setSettingByPath(current, 'proxy.max_attempts', 4));
    await expect(failing).rejects.toThrow('no');
    await expect(invalid).rejects.toThrow(/proxy\.port/);
    expect((await valid).proxy.max_attempts).toBe(4);
    expect(store.get().proxy.port).toBe(8045);
  });

  it('refreshes quotas every 15 minutes by default, never more often than every minute', async () => {
    const store = await createSettingsStore({ filePath: join(await tempDir(), 'config.json'), logger: silent });
    expect(store.get().accounts.quota_refresh_min).toBe(15);
    await expect(store.replace(setSettingByPath(store.get(), 'accounts.quota_refresh_min', 0))).rejects.toThrow(/accounts\.quota_refresh_min/);
    expect((await store.replace(setSettingByPath(store.get(), 'accounts.quota_refresh_min', 1))).accounts.quota_refresh_min).toBe(1);
  });

  it('moves a corrupt file aside instead of overwriting it', async () => {
    const dir = await tempDir();
    const filePath = join(dir, 'config.json');
    await writeFile(filePath, '{"proxy": {"port": 9000,');
    const warnings: string[] = [];
    const store = await createSettingsStore({ filePath, logger: { warn: (message) => warnings.push(message) } });
    expect(store.get().proxy.port).toBe(8045);
    expect(warnings[0]).toMatch(/kept as .*config\.json\.corrupt-/);
    const files = await readdir(dir);
    const kept = files.find((file) => file.startsWith('config.json.corrupt-'));
    expect(kept).toBeDefined();
    expect(await readFile(join(dir, kept as string), 'utf8')).toBe('{"proxy": {"port": 9000,');
  });

  it('notifies listeners with the new and previous settings', async () => {
    const store = await createSettingsStore({ filePath: join(await tempDir(), 'config.json'), logger: silent });
    const seen: number[] = [];
    store.onChange((next, previous) => seen.push(previous.proxy.port, next.proxy.port));
    await store.replace(setSettingByPath(store.get(), 'proxy.port', 9100));
    expect(seen).toEqual([8045, 9100]);
  });
});

describe('dotted setting keys', () => {
  it('treats everything after custom_mapping as one pattern', async () => {
    const store = await createSettingsStore({ filePath: join(await tempDir(), 'config.json'), logger: silent });
    const next = await store.replace(setSettingByPath(store.get(), 'proxy.custom_mapping.gemini-2.5-*', 'gemini-3-flash'));
    expect(next.proxy.custom_mapping).toEqual({ 'gemini-2.5-*': 'gemini-3-flash' });
    expect(getSettingByPath(next, 'proxy.custom_mapping.gemini-2.5-*')).toBe('gemini-3-flash');
    const removed = await store.replace(setSettingByPath(next, 'proxy.custom_mapping.gemini-2.5-*', undefined));
    expect(removed.proxy.custom_mapping).toEqual({});
  });

  it('rejects unknown keys with the list of known ones', async () => {
    const store = await createSettingsStore({ filePath: join(await tempDir(), 'config.json'), logger: silent });
    expect(() => setSettingByPath(store.get(), 'proxy.prot', 1)).toThrow(/Unknown setting "proxy\.prot".*proxy\.port/);
    expect(() => getSettingByPath(store.get(), 'nope')).toThrow(/Unknown setting "nope"/);
  });

  it('parses JSON values and keeps other text as strings', () => {
    expect(parseSettingValue('8080')).toBe(8080);
    expect(parseSettingValue('true')).toBe(true);
    expect(parseSettingValue('["a","b"]')).toEqual(['a', 'b']);
    expect(parseSettingValue('strict')).toBe('strict');
  });
});

describe('environment overrides', () => {
  it('points upstream and OAuth at other URLs without touching the rest', async () => {
    const store = await createSettingsStore({ filePath: join(await tempDir(), 'config.json'), logger: silent });
    const effective = applyEnvironmentOverrides(store.get(), {
      SKYPORT_UPSTREAM_BASE_URLS: 'http://127.0.0.1:1/, http://127.0.0.1:2',
      SKYPORT_OAUTH_AUTHORIZE_URL: 'http://127.0.0.1:1/auth',
      SKYPORT_OAUTH_TOKEN_URL: 'http://127.0.0.1:1/token',
      SKYPORT_USERINFO_URL: 'http://127.0.0.1:1/userinfo',
      SKYPORT_OAUTH_CLIENT_ID: 'id',
      SKYPORT_OAUTH_CLIENT_SECRET: 'secret',
      SKYPORT_CLIENT_VERSION: 'Auto',
      SKYPORT_CLIENT_VERSION_FEED_URL: 'http://127.0.0.1:1/feed',
    });
    expect(effective.upstream).toEqual({
      base_urls: ['http://127.0.0.1:1/', 'http://127.0.0.1:2'],
      oauth_authorize_url: 'http://127.0.0.1:1/auth',
      oauth_token_url: 'http://127.0.0.1:1/token',
      userinfo_url: 'http://127.0.0.1:1/userinfo',
      oauth_client_id: 'id',
      oauth_client_secret: 'secret',
      client_version: 'auto',
      client_version_feed_url: 'http://127.0.0.1:1/feed',
    });
    expect(effective.proxy).toEqual(store.get().proxy);
  });

  it('reports a bad environment URL like a bad setting', async () => {
    const store = await createSettingsStore({ filePath: join(await tempDir(), 'config.json'), logger: silent });
    expect(() => applyEnvironmentOverrides(store.get(), { SKYPORT_UPSTREAM_BASE_URLS: 'ftp://x' })).toThrow(/upstream\.base_urls\.0/);
    expect(() => applyEnvironmentOverrides(store.get(), { SKYPORT_CLIENT_VERSION: 'newest' })).toThrow(/upstream\.client_version/);
  });
});
