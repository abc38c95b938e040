/**
 * The console password guards the admin API from the network once LAN access is on, so it must
 * be worth guessing against the rate limit (credential-failure-limiter.ts): at least 8
 * characters then, checked both when the password is set and when LAN access is turned on. It
 * may never equal the API key, which is handed to clients and opens only the AI routes.
 */
import type { Settings } from '../config/settings-schema.js';
import { GatewayError } from '../errors/gateway-error.js';

export const minimumLanConsolePasswordLength = 8;

export function refuseWeakConsolePassword(previous: Settings, next: Settings): void {
  const password = next.proxy.admin_password.trim();
  const passwordChanged = next.proxy.admin_password !== previous.proxy.admin_password;
  if (password !== '' && (passwordChanged || next.proxy.api_key !== previous.proxy.api_key) && password === next.proxy.api_key.trim()) {
    throw new GatewayError('invalid_request', 'The console password must differ from the API key: the key is handed to clients and must not open the admin API.', {
      code: 'console_password_is_api_key',
      param: passwordChanged ? 'proxy.admin_password' : 'proxy.api_key',
    });
  }
  if (!next.proxy.allow_lan_access || password === '' || password.length >= minimumLanConsolePasswordLength) return;
  const lanTurnedOn = !previous.proxy.allow_lan_access;
  if (!lanTurnedOn && !passwordChanged) return;
  throw new GatewayError(
    'invalid_request',
    lanTurnedOn
      ? `LAN access needs a console password of at least ${minimumLanConsolePasswordLength} characters (others on your network could guess a shorter one): set a longer password or remove it first.`
      : `With LAN access on, the console password must be at least ${minimumLanConsolePasswordLength} characters.`,
    { code: 'console_password_too_short', param: lanTurnedOn ? 'proxy.allow_lan_access' : 'proxy.admin_password' },
  );
}
