/**
 * Settings export/import. An export is a small envelope around the settings; secrets (the API
 * key, the admin password, a custom OAuth client secret, an upstream proxy URL with a password in
 * it) are left out unless asked for. An import is laid over the current settings, so a document
 * without secrets keeps the ones this installation has.
 */
import type { Settings } from '../config/settings-schema.js';
import { GatewayError } from '../errors/gateway-error.js';

export const settingsDocumentFormat = 'skyport-settings';
export const settingsDocumentVersion = 1;

export function createSettingsDocument(settings: Settings, options: { includeSecrets: boolean; now: number }): Record<string, unknown> {
  const copy = structuredClone(settings) as unknown as { proxy: Record<string, unknown>; upstream: Record<string, unknown> };
  if (!options.includeSecrets) {
    delete copy.proxy.api_key;
    delete copy.proxy.admin_password;
    delete copy.upstream.oauth_client_secret;
    if (/^[a-z][a-z0-9+.-]*:\/\/[^/@]*:[^/@]*@/i.test(settings.proxy.upstream_proxy)) delete copy.proxy.upstream_proxy;
  }
  return {
    format: settingsDocumentFormat,
    version: settingsDocumentVersion,
    exported_at: new Date(options.now).toISOString(),
    includes_secrets: options.includeSecrets,
    settings: copy,
  };
}

/** The settings part of an export (or a bare settings object, as in config.json). */
export function readSettingsDocument(document: Record<string, unknown>): Record<string, unknown> {
  if (document.format === settingsDocumentFormat) {
    if (typeof document.version !== 'number' || document.version > settingsDocumentVersion) {
      throw new GatewayError('invalid_request', 'This settings file was exported by a newer Skyport; update Skyport to import it.', { param: 'document.version' });
    }
    const settings = document.settings;
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
      throw new GatewayError('invalid_request', 'The settings file has no "settings" object.', { param: 'document.settings' });
    }
    return settings as Record<string, unknown>;
  }
  if (['proxy', 'upstream', 'accounts', 'monitor'].some((key) => Object.hasOwn(document, key))) return document;
  throw new GatewayError('invalid_request', 'This is not a Skyport settings file (expected an export from Skyport, or a config.json).', {
    param: 'document',
  });
}
