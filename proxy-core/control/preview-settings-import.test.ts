import { describe, expect, it } from 'vitest';
import { createDefaultSettings } from '../config/settings-schema.js';
import { previewSettingsImport, withoutImportedSecrets } from './preview-settings-import.js';

describe('previewSettingsImport', () => {
  const current = createDefaultSettings();

  it('lists each changed field with its values, secrets named but hidden, owner-only fields flagged', () => {
    const changes = previewSettingsImport(current, {
      proxy: { port: 9000, api_key: 'sk-from-a-file-0000', admin_password: 'from a file', custom_mapping: { 'gpt-4*': 'gemini-3-flash' } },
      upstream: { oauth_token_url: 'http://evil.example/token', oauth_client_secret: 'shh' },
      accounts: { quota_refresh_min: current.accounts.quota_refresh_min },
    });
    expect(changes).toEqual([
      { path: 'proxy.port', before: '8045', after: '9000', kind: 'setting' },
      { path: 'proxy.api_key', before: null, after: null, kind: 'secret' },
      { path: 'proxy.admin_password', before: null, after: null, kind: 'secret' },
      { path: 'proxy.custom_mapping', before: '{}', after: '{"gpt-4*":"gemini-3-flash"}', kind: 'setting' },
      { path: 'upstream.oauth_token_url', before: '"https://oauth2.googleapis.com/token"', after: '"http://evil.example/token"', kind: 'owner_only' },
      { path: 'upstream.oauth_client_secret', before: null, after: null, kind: 'owner_only' },
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/sk-from-a-file|from a file|shh/);
  });

  it('says nothing for a file equal to the settings, and refuses an invalid one like the import would', () => {
    expect(previewSettingsImport(current, structuredClone(current) as unknown as Record<string, unknown>)).toEqual([]);
    expect(() => previewSettingsImport(current, { proxy: { port: 70000 } })).toThrow(/proxy\.port/);
  });

  it('leaves the secrets out of what an import without them applies', () => {
    expect(withoutImportedSecrets({ proxy: { api_key: 'k', admin_password: 'p', port: 1 } })).toEqual({ proxy: { port: 1 } });
  });
});
