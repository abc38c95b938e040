/**
 * What importing a settings file would change, field by field, shown before anything is applied
 * (the console's "Import settings" asks first). Secrets are named but never shown: their values
 * do not go to the renderer. Owner-only fields (find-owner-only-changes.ts) are listed too, so
 * the user sees why the import will be refused.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseSettings } from '../config/settings-store.js';
import type { Settings } from '../config/settings-schema.js';
import { findOwnerOnlyChanges } from './find-owner-only-changes.js';
import { mergeSettings } from './merge-settings.js';

/** Imported only when the user ticks "also import the secrets" (and then shown as "changes", never as values). */
export const importedSecretPaths = ['proxy.api_key', 'proxy.admin_password'] as const;
/** Never shown, wherever they come from. */
const hiddenPaths = new Set<string>([...importedSecretPaths, 'upstream.oauth_client_secret']);
/** Edited as a whole, so compared as a whole (merge-settings.ts replaces them whole too). */
const leafPaths = new Set(['proxy.custom_mapping']);

export interface SettingsImportChange {
  path: string;
  /** JSON text of the value now and after the import; null for a secret. */
  before: string | null;
  after: string | null;
  /** `secret`: applied only when asked; `owner_only`: the import is refused while it is there. */
  kind: 'setting' | 'secret' | 'owner_only';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function flatten(value: unknown, path: string[], into: Map<string, unknown>): void {
  const key = path.join('.');
  if (isPlainObject(value) && !leafPaths.has(key)) {
    for (const [name, child] of Object.entries(value)) flatten(child, [...path, name], into);
    return;
  }
  into.set(key, value);
}

function flattenSettings(settings: unknown): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  flatten(settings, [], leaves);
  return leaves;
}

/** The settings part of a file with the secrets left out (what an import without them applies). */
export function withoutImportedSecrets(imported: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(imported);
  const proxy = copy.proxy;
  if (isPlainObject(proxy)) for (const path of importedSecretPaths) delete proxy[path.slice('proxy.'.length)];
  return copy;
}

/**
 * Every field `imported` (a file's settings part) would change, in the settings' own order.
 * Throws the same 400 as the import when the result would not be valid settings.
 */
export function previewSettingsImport(current: Settings, imported: Record<string, unknown>): SettingsImportChange[] {
  const merged = mergeSettings(current, imported);
  const ownerOnly = new Set(findOwnerOnlyChanges(current, merged));
  // Validated without the owner-only fields, which the preview lists but the import never applies.
  const next = parseSettings(isPlainObject(merged) ? { ...merged, upstream: current.upstream } : merged);
  const before = flattenSettings(current);
  const after = flattenSettings(next);
  const changes: SettingsImportChange[] = [];
  const show = (path: string, value: unknown) => (hiddenPaths.has(path) || value === undefined ? null : JSON.stringify(value));
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    if (ownerOnly.has(path)) continue;
    const old = before.get(path);
    const updated = after.get(path);
    if (isDeepStrictEqual(old, updated)) continue;
    const kind = (importedSecretPaths as readonly string[]).includes(path) ? 'secret' : 'setting';
    changes.push({ path, before: show(path, old), after: show(path, updated), kind });
  }
  const importedValues = flattenSettings(merged);
  for (const path of ownerOnly) {
    changes.push({ path, before: show(path, before.get(path)), after: show(path, importedValues.get(path)), kind: 'owner_only' });
  }
  return changes;
}
