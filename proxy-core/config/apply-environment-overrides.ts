/**
 * Environment variables that point the gateway elsewhere (tests, relays, other OAuth clients).
 * They shape the settings in force, never what is written to config.json.
 */
import { parseSettings } from './settings-store.js';
import type { Settings } from './settings-schema.js';

export type Environment = Readonly<Record<string, string | undefined>>;

export function applyEnvironmentOverrides(settings: Settings, environment: Environment): Settings {
  const upstream = { ...settings.upstream };
  const baseUrls = environment.SKYPORT_UPSTREAM_BASE_URLS;
  if (baseUrls !== undefined && baseUrls.trim() !== '') {
    upstream.base_urls = baseUrls.split(',').map((url) => url.trim()).filter((url) => url !== '');
  }
  const pick = (name: string) => {
    const value = environment[name];
    return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
  };
  upstream.oauth_authorize_url = pick('SKYPORT_OAUTH_AUTHORIZE_URL') ?? upstream.oauth_authorize_url;
  upstream.oauth_token_url = pick('SKYPORT_OAUTH_TOKEN_URL') ?? upstream.oauth_token_url;
  upstream.userinfo_url = pick('SKYPORT_USERINFO_URL') ?? upstream.userinfo_url;
  upstream.oauth_client_id = pick('SKYPORT_OAUTH_CLIENT_ID') ?? upstream.oauth_client_id;
  upstream.oauth_client_secret = pick('SKYPORT_OAUTH_CLIENT_SECRET') ?? upstream.oauth_client_secret;
  upstream.client_version = pick('SKYPORT_CLIENT_VERSION') ?? upstream.client_version;
  upstream.client_version_feed_url = pick('SKYPORT_CLIENT_VERSION_FEED_URL') ?? upstream.client_version_feed_url;
  // Validate again so a bad environment value is reported like a bad setting.
  return parseSettings({ ...settings, upstream });
}
