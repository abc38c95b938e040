import { describe, expect, it } from 'vitest';
import { createDefaultSettings } from '../config/settings-schema.js';
import { mergeSettings } from './merge-settings.js';
import { createSettingsDocument, readSettingsDocument } from './settings-document.js';
import { maskApiKey, viewSettings } from './view-settings.js';

describe('maskApiKey', () => {
  it('shows the prefix and the last four characters of a generated key, nothing of a short one', () => {
    expect(maskApiKey('sk-0123456789abcdef0123456789abcdef')).toBe('sk-…cdef');
    expect(maskApiKey('my-own-key-that-is-long')).toBe('…long');
    expect(maskApiKey('sk-short1')).toBe('sk-…');
    expect(maskApiKey('hunter22')).toBe('…');
  });
});

describe('viewSettings', () => {
  it('carries no secret: the key masked, the admin password as a flag', () => {
    const settings = createDefaultSettings();
    settings.proxy.admin_password = 'correct horse';
    const view = viewSettings(settings, '/data');
    const text = JSON.stringify(view);
    expect(text).not.toContain(settings.proxy.api_key);
    expect(text).not.toContain('correct horse');
    expect(view.proxy).toMatchObject({ admin_password_set: true, api_key_masked: maskApiKey(settings.proxy.api_key) });
    expect(view.data_dir).toBe('/data');
  });

  it('shows the request log settings', () => {
    const settings = createDefaultSettings();
    settings.monitor.capture_bodies = true;
    expect(viewSettings(settings, '/data').monitor).toEqual({ retention_days: 30, max_rows: 100_000, capture_bodies: true, max_body_kb: 64 });
  });
});

describe('mergeSettings', () => {
  it('merges objects key by key, replaces values, arrays and the mapping rules as a whole', () => {
    const current = { proxy: { port: 8045, scheduling: { mode: 'balance', max_wait_s: 60 }, allowed_hosts: ['a'], custom_mapping: { 'a*': 'x', b: 'y' } } };
    const merged = mergeSettings(current, { proxy: { scheduling: { mode: 'cache_first' }, allowed_hosts: ['b'], custom_mapping: { c: 'z' } } });
    expect(merged).toEqual({ proxy: { port: 8045, scheduling: { mode: 'cache_first', max_wait_s: 60 }, allowed_hosts: ['b'], custom_mapping: { c: 'z' } } });
    expect(current.proxy.scheduling.mode).toBe('balance');
  });
});

describe('settings documents', () => {
  it('leaves out an upstream proxy URL with a password unless secrets are included', () => {
    const settings = createDefaultSettings();
    settings.proxy.upstream_proxy = 'socks5://me:secret@127.0.0.1:1080';
    const without = createSettingsDocument(settings, { includeSecrets: false, now: 0 });
    expect(JSON.stringify(without)).not.toContain('secret@');
    const withSecrets = createSettingsDocument(settings, { includeSecrets: true, now: 0 });
    expect(readSettingsDocument(withSecrets)).toMatchObject({ proxy: { upstream_proxy: 'socks5://me:secret@127.0.0.1:1080' } });
  });

  it('reads an export or a bare config.json, and refuses anything else or a newer format', () => {
    expect(readSettingsDocument({ proxy: { port: 1 } })).toEqual({ proxy: { port: 1 } });
    expect(() => readSettingsDocument({ format: 'skyport-settings', version: 2, settings: {} })).toThrow(/newer Skyport/);
    expect(() => readSettingsDocument({ something: 'else' })).toThrow(/not a Skyport settings file/);
  });
});
