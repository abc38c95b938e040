import { describe, expect, it } from 'vitest';
import { createDefaultSettings, type Settings } from '../config/settings-schema.js';
import { refuseWeakConsolePassword } from './refuse-weak-console-password.js';

function withProxy(base: Settings, proxy: Partial<Settings['proxy']>): Settings {
  return { ...base, proxy: { ...base.proxy, ...proxy } };
}

describe('refuseWeakConsolePassword', () => {
  const loopback = createDefaultSettings();
  const lan = withProxy(loopback, { allow_lan_access: true, auth_mode: 'strict' });

  it('takes any password on loopback, 8 characters or more with LAN access', () => {
    expect(() => refuseWeakConsolePassword(loopback, withProxy(loopback, { admin_password: 'short' }))).not.toThrow();
    expect(() => refuseWeakConsolePassword(lan, withProxy(lan, { admin_password: '12345678' }))).not.toThrow();
    expect(() => refuseWeakConsolePassword(lan, withProxy(lan, { admin_password: 'short' }))).toThrow(
      expect.objectContaining({ status: 400, code: 'console_password_too_short', param: 'proxy.admin_password' }),
    );
  });

  it('refuses turning LAN on over a short password, and allows LAN with no password (the admin token only)', () => {
    const short = withProxy(loopback, { admin_password: 'short' });
    expect(() => refuseWeakConsolePassword(short, withProxy(short, { allow_lan_access: true, auth_mode: 'strict' }))).toThrow(
      expect.objectContaining({ param: 'proxy.allow_lan_access' }),
    );
    expect(() => refuseWeakConsolePassword(loopback, lan)).not.toThrow();
  });

  it('never lets the password equal the API key', () => {
    expect(() => refuseWeakConsolePassword(loopback, withProxy(loopback, { admin_password: loopback.proxy.api_key }))).toThrow(
      expect.objectContaining({ code: 'console_password_is_api_key' }),
    );
  });
});
