import type { Request, Response } from 'express';
import { describe, expect, it, vi } from 'vitest';
import { createAdminAuth, extractAdminCredential, matchAdminCredential } from './admin-auth.js';
import { createCredentialFailureLimiter } from './credential-failure-limiter.js';

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

describe('extractAdminCredential', () => {
  it('reads Authorization (Bearer optional, any case), else x-api-key, trimmed; never x-goog-api-key', () => {
    expect(extractAdminCredential({ authorization: 'Bearer tok' })).toBe('tok');
    expect(extractAdminCredential({ authorization: 'BEARER   tok  ' })).toBe('tok');
    expect(extractAdminCredential({ authorization: 'tok' })).toBe('tok');
    expect(extractAdminCredential({ authorization: 'xBearer tok' })).toBe('xBearer tok');
    expect(extractAdminCredential({ authorization: 'Bearer tok', 'x-api-key': 'other' })).toBe('tok');
    expect(extractAdminCredential({ authorization: ' ', 'x-api-key': ' tok ' })).toBe('tok');
    expect(extractAdminCredential({ 'x-api-key': '  ' })).toBeUndefined();
    expect(extractAdminCredential({ 'x-goog-api-key': 'tok' })).toBeUndefined();
    expect(extractAdminCredential({})).toBeUndefined();
  });
});

describe('createAdminAuth', () => {
  const settings = { api_key: 'sk-0123456789abcdef0123456789abcdef', admin_password: 'correct horse' };
  const token = 'skyport-admin-0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';
  const hint = 'Run "npm run skyport -- console-login" on the gateway\'s machine for the admin token, or use the console password.';

  function run(adminAuth: ReturnType<typeof createAdminAuth>, headers: Record<string, string>, method = 'GET', remoteAddress = '192.168.1.50'): unknown[] {
    const next = vi.fn();
    adminAuth({ method, headers, socket: { remoteAddress } } as unknown as Request, {} as Response, next);
    expect(next).toHaveBeenCalledTimes(1);
    return next.mock.calls[0] as unknown[];
  }

  it('opens with the admin token or the console password, on loopback too', () => {
    const adminAuth = createAdminAuth({ settings: () => settings, adminToken: token });
    expect(run(adminAuth, { authorization: `Bearer ${token}` }, 'GET', '127.0.0.1')).toEqual([]);
    expect(run(adminAuth, { 'x-api-key': 'correct horse' }, 'POST')).toEqual([]);
    expect(run(adminAuth, {}, 'GET', '127.0.0.1')[0]).toMatchObject({
      kind: 'authentication',
      status: 401,
      code: 'missing_admin_credential',
      message: `The admin API needs the admin credential as "Authorization: Bearer <credential>". ${hint}`,
    });
  });

  it('lets CORS preflights through without a credential', () => {
    expect(run(createAdminAuth({ settings: () => settings }), {}, 'OPTIONS')).toEqual([]);
  });

  it('refuses the API key by name, and anything else as invalid', () => {
    const adminAuth = createAdminAuth({ settings: () => settings, adminToken: token });
    expect(run(adminAuth, { authorization: `Bearer ${settings.api_key}` })[0]).toMatchObject({
      status: 401,
      code: 'api_key_not_admin_credential',
      message: `The API key serves the AI routes only and does not open the admin API. ${hint}`,
    });
    expect(run(adminAuth, { authorization: 'Bearer guess' })[0]).toMatchObject({ status: 401, code: 'invalid_admin_credential', message: `Invalid admin credential. ${hint}` });
  });

  it('without a token file only the console password opens, read afresh for every request', () => {
    let current = settings;
    const adminAuth = createAdminAuth({ settings: () => current });
    expect(run(adminAuth, { authorization: `Bearer ${token}` })[0]).toMatchObject({ code: 'invalid_admin_credential' });
    expect(run(adminAuth, { authorization: 'Bearer correct horse' })).toEqual([]);
    current = { ...settings, admin_password: 'battery staple' };
    expect(run(adminAuth, { authorization: 'Bearer correct horse' })[0]).toMatchObject({ code: 'invalid_admin_credential' });
  });

  it('counts wrong credentials (not the API key) per address and then blocks even the right one', () => {
    let now = 0;
    const failures = createCredentialFailureLimiter({ now: () => now, maxFailures: 2 });
    const adminAuth = createAdminAuth({ settings: () => settings, adminToken: token, failures });
    run(adminAuth, { authorization: `Bearer ${settings.api_key}` });
    run(adminAuth, { authorization: `Bearer ${settings.api_key}` });
    expect(run(adminAuth, { authorization: `Bearer ${token}` })).toEqual([]);
    run(adminAuth, { authorization: 'Bearer guess 1' });
    run(adminAuth, { authorization: 'Bearer guess 2' });
    expect(run(adminAuth, { authorization: `Bearer ${token}` })[0]).toMatchObject({ status: 429, code: 'too_many_failed_credentials' });
    // A missing credential is not checked against the limit (nothing was guessed).
    expect(run(adminAuth, {})[0]).toMatchObject({ code: 'missing_admin_credential' });
    expect(run(adminAuth, { authorization: `Bearer ${token}` }, 'GET', '192.168.1.51')).toEqual([]);
    now += 60_000;
    expect(run(adminAuth, { authorization: `Bearer ${token}` })).toEqual([]);
  });
});
