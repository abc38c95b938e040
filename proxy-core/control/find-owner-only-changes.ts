/**
 * Settings that decide where account tokens are sent (`upstream.*`: the Cloud Code hosts, the
 * OAuth URLs, the OAuth client) change only through the owner's own channels: environment
 * variables, `npm run skyport -- config set`, or editing config.json. A UI change or an imported
 * file that would change one is refused, so neither someone holding an admin session nor a
 * shared "preset" file can send the refresh tokens to another host. A value equal to the current
 * one is no change, so an exported file imports again as it is.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Settings } from '../config/settings-schema.js';
import { GatewayError } from '../errors/gateway-error.js';

/** Whole sections owned by the owner's channels; any field in them, including ones added later. */
export const ownerOnlySections = ['upstream'] as const;

const environmentVariables: Record<string, string> = {
  'upstream.base_urls': 'SKYPORT_UPSTREAM_BASE_URLS',
  'upstream.oauth_authorize_url': 'SKYPORT_OAUTH_AUTHORIZE_URL',
  'upstream.oauth_token_url': 'SKYPORT_OAUTH_TOKEN_URL',
  'upstream.userinfo_url': 'SKYPORT_USERINFO_URL',
  'upstream.oauth_client_id': 'SKYPORT_OAUTH_CLIENT_ID',
  'upstream.oauth_client_secret': 'SKYPORT_OAUTH_CLIENT_SECRET',
  'upstream.client_version': 'SKYPORT_CLIENT_VERSION',
  'upstream.client_version_feed_url': 'SKYPORT_CLIENT_VERSION_FEED_URL',
};

function readSection(settings: unknown, section: string): Record<string, unknown> | undefined {
  if (typeof settings !== 'object' || settings === null) return undefined;
  const value = (settings as Record<string, unknown>)[section];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The owner-only fields (`upstream.oauth_token_url` …) whose value in `next` (a merged, not yet
 * validated settings object) differs from `current`. Compared before validation on purpose: the
 * schema drops unknown fields, and a field added to the schema later must be caught too.
 */
export function findOwnerOnlyChanges(current: Settings, next: unknown): string[] {
  const changed: string[] = [];
  for (const section of ownerOnlySections) {
    const before = readSection(current, section) ?? {};
    const afterValue = typeof next === 'object' && next !== null ? (next as Record<string, unknown>)[section] : undefined;
    if (afterValue === undefined) continue;
    const after = readSection(next, section);
    if (after === undefined) {
      changed.push(section);
      continue;
    }
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (!Object.hasOwn(after, key)) continue;
      if (!isDeepStrictEqual(before[key], after[key])) changed.push(`${section}.${key}`);
    }
  }
  return changed;
}

/** The 400 that names the first owner-only field `next` would change, and how the owner changes it. */
export function refuseOwnerOnlyChanges(current: Settings, next: unknown): void {
  const [first, ...others] = findOwnerOnlyChanges(current, next);
  if (first === undefined) return;
  const variable = environmentVariables[first];
  const also = others.length === 0 ? '' : ` (also ${others.join(', ')})`;
  throw new GatewayError(
    'invalid_request',
    `${first}${also} cannot be changed here: it decides where account tokens are sent, so only the owner changes it on the gateway's machine, with ` +
      `"npm run skyport -- config set ${first} VALUE"${variable === undefined ? '' : `, the ${variable} environment variable`} or config.json. Nothing was changed.`,
    { code: 'owner_only_setting', param: first },
  );
}
