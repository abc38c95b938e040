import { describe, expect, it } from 'vitest';
import { matchAdminCredential } from './admin-auth.js';

describe('matchAdminCredential', () => {
  const settings = { api_key: 'sk-0123456789abcdef0123456789abcdef', admin_password: '  correct horse  ' };
  const token = 'skyport-admin-0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

  it('tells the admin token, the console password (trimmed) and the API key apart', () => {
    expect(matchAdminCredential(token, settings, token)).toBe('admin_token');
    expect(matchAdminCredential('correct horse', settings, token)).toBe('console_password');
    expect(matchAdminCredential(settings.api_key, settings, token)).toBe('api_key');
    expect(matchAdminCredential('anything else', settings, token)).toBeUndefined();
  });

  it('never opens with an empty password or a missing token, and a password equal to the key is the key', () => {
    expect(matchAdminCredential('', { ...settings, admin_password: '' }, undefined)).toBeUndefined();
    expect(matchAdminCredential('', settings, '')).toBeUndefined();
    expect(matchAdminCredential(settings.api_key, { ...settings, admin_password: settings.api_key }, token)).toBe('api_key');
  });
});
