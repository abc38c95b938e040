/**
 * The admin API's own check, stricter than the AI routes' (ARCHITECTURE.md; the reference app
 * guards its management API the same way, ANCHOR-ANTIGRAVITY-MANAGER.md §1.2): a credential is
 * always required, on loopback too and whatever `proxy.auth_mode` says, because these routes add
 * and remove accounts. The credential is `proxy.admin_password` when one is set, else the API key.
 */
import type { NextFunction, Request, Response } from 'express';
import type { ProxySettings } from '../../config/settings-schema.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { safeEqual } from './safe-equal.js';

function extractAdminCredential(request: Request): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && authorization.trim() !== '') {
    return authorization.replace(/^Bearer\s+/i, '').trim();
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.trim() !== '' ? apiKey.trim() : undefined;
}

export function createAdminAuth(options: { settings: () => Pick<ProxySettings, 'admin_password' | 'api_key'> }) {
  return function adminAuth(request: Request, _response: Response, next: NextFunction): void {
    if (request.method === 'OPTIONS') {
      next();
      return;
    }
    const credential = extractAdminCredential(request);
    if (credential === undefined) {
      next(
        new GatewayError('authentication', 'The admin API needs a credential: send "Authorization: Bearer <admin password or API key>" or "x-api-key".', {
          code: 'missing_admin_credential',
        }),
      );
      return;
    }
    const settings = options.settings();
    // Header values arrive trimmed, so the password is compared trimmed too.
    const password = settings.admin_password.trim();
    const expected = password !== '' ? password : settings.api_key;
    if (!safeEqual(credential, expected)) {
      next(new GatewayError('authentication', 'Invalid admin credential.', { code: 'invalid_admin_credential' }));
      return;
    }
    next();
  };
}
