/**
 * The admin API's own check, stricter than the AI routes' (ARCHITECTURE.md "Admin API"; the
 * reference app guards its management API the same way, ANCHOR-ANTIGRAVITY-MANAGER.md §1.2): a
 * credential is always required, on loopback too and whatever `proxy.auth_mode` says, because
 * these routes add and remove accounts and decide where tokens go.
 *
 * Two credentials open it: the admin token in `<dataDir>/admin-token` (the owner's local
 * credential; `npm run skyport -- console-login` prints it) and, when one is set, the console
 * password. The API key never does: it is pasted into IDE plugins and teammates' machines, and
 * serves the AI routes only.
 */
import type { NextFunction, Request, Response } from 'express';
import type { ProxySettings } from '../../config/settings-schema.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { CredentialFailureLimiter } from './credential-failure-limiter.js';
import { safeEqual } from '../../util/safe-equal.js';

/** Where the user finds the credential, said in every refusal. */
export const adminCredentialHint = 'Run "npm run skyport -- console-login" on the gateway\'s machine for the admin token, or use the console password.';

export function extractAdminCredential(headers: Request['headers']): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.trim() !== '') {
    return authorization.replace(/^Bearer\s+/i, '').trim();
  }
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.trim() !== '' ? apiKey.trim() : undefined;
}

export type AdminCredentialSettings = Pick<ProxySettings, 'admin_password' | 'api_key'>;

/** Which credential `candidate` is, compared in constant time; the API key counts as none. */
export function matchAdminCredential(candidate: string, settings: AdminCredentialSettings, adminToken: string | undefined): 'admin_token' | 'console_password' | 'api_key' | undefined {
  // Checked first, so a console password that happens to equal the key opens nothing either.
  if (safeEqual(candidate, settings.api_key)) return 'api_key';
  if (adminToken !== undefined && adminToken !== '' && safeEqual(candidate, adminToken)) return 'admin_token';
  // Header values arrive trimmed, so the password is compared trimmed too.
  const password = settings.admin_password.trim();
  if (password !== '' && safeEqual(candidate, password)) return 'console_password';
  return undefined;
}

export interface AdminAuthOptions {
  settings: () => AdminCredentialSettings;
  /** The data dir's admin token; absent = only the console password opens the admin API. */
  adminToken?: string;
  failures?: CredentialFailureLimiter;
}

export function createAdminAuth(options: AdminAuthOptions) {
  return function adminAuth(request: Request, _response: Response, next: NextFunction): void {
    if (request.method === 'OPTIONS') {
      next();
      return;
    }
    const credential = extractAdminCredential(request.headers);
    if (credential === undefined) {
      next(
        new GatewayError('authentication', `The admin API needs the admin credential as "Authorization: Bearer <credential>". ${adminCredentialHint}`, {
          code: 'missing_admin_credential',
        }),
      );
      return;
    }
    const address = request.socket.remoteAddress;
    const blocked = options.failures?.check(address);
    if (blocked !== undefined) {
      next(blocked);
      return;
    }
    const matched = matchAdminCredential(credential, options.settings(), options.adminToken);
    if (matched === 'api_key') {
      next(
        new GatewayError('authentication', `The API key serves the AI routes only and does not open the admin API. ${adminCredentialHint}`, {
          code: 'api_key_not_admin_credential',
        }),
      );
      return;
    }
    if (matched === undefined) {
      options.failures?.recordFailure(address);
      next(new GatewayError('authentication', `Invalid admin credential. ${adminCredentialHint}`, { code: 'invalid_admin_credential' }));
      return;
    }
    next();
  };
}
