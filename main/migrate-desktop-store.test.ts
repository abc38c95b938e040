import { describe, expect, it } from 'vitest';
import { desktopStoreVersion, DesktopStoreVersionError, migrateDesktopStore } from './migrate-desktop-store.js';

describe('migrateDesktopStore', () => {
  it('moves version 1 (the gateway settings at the top level) under `settings`, keeping every value', () => {
    const v1 = { proxy: { port: 9000, api_key: 'sk-0123456789abcdef0123456789abcdef', custom_mapping: { 'gpt-4*': 'gemini-3-flash' } }, accounts: { quota_refresh_min: 5 } };
    const { document, migrated } = migrateDesktopStore(structuredClone(v1));
    expect(migrated).toBe(true);
    expect(document).toEqual({ version: desktopStoreVersion, settings: v1, desktop: { launch_at_login: false, auto_update: true, update_channel: 'latest' } });
  });

  it('starts a new (empty) file in the current shape, without settings (the settings store fills the defaults)', () => {
    expect(migrateDesktopStore({})).toEqual({ document: { version: 2, desktop: { launch_at_login: false, auto_update: true, update_channel: 'latest' } }, migrated: true });
  });

  it('leaves a current document alone', () => {
    const current = { version: 2, settings: { proxy: { port: 8046 } }, desktop: { launch_at_login: true, auto_update: false, update_channel: 'beta' } };
    expect(migrateDesktopStore(structuredClone(current))).toEqual({ document: current, migrated: false });
  });

  it('repairs unusable desktop preferences in a current document', () => {
    expect(migrateDesktopStore({ version: 2, desktop: { launch_at_login: 'yes' } })).toMatchObject({ document: { desktop: { launch_at_login: false } }, migrated: true });
  });

  it('refuses a file from a newer Skyport instead of guessing', () => {
    expect(() => migrateDesktopStore({ version: 3, settings: {} })).toThrow(DesktopStoreVersionError);
    expect(() => migrateDesktopStore({ version: 3 })).toThrow(/newer Skyport/);
    expect(() => migrateDesktopStore({ version: 'two' })).toThrow(/unknown version/);
  });
});
