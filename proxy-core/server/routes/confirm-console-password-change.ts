/**
 * Changing or removing the console password over the admin API asks for the current credential
 * again, in the request body (`current_credential`): a console tab left open, or a session
 * token copied from it, is not enough to lock the owner out. The desktop's IPC does not go
 * through here (the preload is the trust there).
 */
import type { ControlInput } from '../../control/control-operations.js';
import { readSettingsDocument } from '../../control/settings-document.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { adminCredentialHint, matchAdminCredential, type AdminCredentialSettings } from '../middleware/admin-auth.js';
import type { CredentialFailureLimiter } from '../middleware/credential-failure-limiter.js';

export const currentCredentialField = 'current_credential';

/** The password `input` would set, when the operation sets one that differs from `current`. */
export function readConsolePasswordChange(name: string, input: unknown, current: string): string | undefined {
  let proposed: unknown;
  if (name === 'updateSettings') {
    proposed = (input as ControlInput<'updateSettings'>).proxy?.admin_password;
  } else if (name === 'importSettings') {
    const { document, apply_secrets } = input as ControlInput<'importSettings'>;
    if (apply_secrets !== true) return undefined;
    const proxy = readSettingsDocument(document).proxy;
    proposed = typeof proxy === 'object' && proxy !== null ? (proxy as Record<string, unknown>).admin_password : undefined;
  }
  return typeof proposed === 'string' && proposed !== current ? proposed : undefined;
}

export interface ConfirmOptions {
  settings: AdminCredentialSettings;
  adminToken: string | undefined;
  failures: CredentialFailureLimiter | undefined;
  clientAddress: string | undefined;
}

/** Throws a 401 unless `given` is the admin token or the console password in force. */
export function confirmCurrentCredential(given: unknown, options: ConfirmOptions): void {
  if (typeof given !== 'string' || given.trim() === '') {
    throw new GatewayError(
      'authentication',
      `Changing or removing the console password needs the current credential (the console password, or the admin token) again in "${currentCredentialField}". ${adminCredentialHint}`,
      { code: 'current_credential_required', param: currentCredentialField },
    );
  }
  const blocked = options.failures?.check(options.clientAddress);
  if (blocked !== undefined) throw blocked;
  const matched = matchAdminCredential(given.trim(), options.settings, options.adminToken);
  if (matched === 'admin_token' || matched === 'console_password') return;
  options.failures?.recordFailure(options.clientAddress);
  throw new GatewayError('authentication', `The current credential is wrong; the console password was not changed. ${adminCredentialHint}`, {
    code: 'invalid_current_credential',
    param: currentCredentialField,
  });
}
