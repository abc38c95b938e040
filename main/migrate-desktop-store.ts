/**
 * The desktop's settings file (electron-store, `<userData>/config.json`) and its one migration.
 *
 * Version 1 was the gateway's own `config.json` at the top level (the first desktop build ran the
 * headless settings store in `userData`). Version 2 keeps those settings under `settings`, beside
 * what only the desktop has (`desktop.launch_at_login`, `auto_update`, `update_channel`), and says
 * which version it is.
 */
import { z } from 'zod';

export const desktopStoreVersion = 2;

export const desktopPreferencesSchema = z.object({
  launch_at_login: z.boolean().default(false),
  // Auto-update of the installed app (auto-updater.ts): on by default, from full releases.
  auto_update: z.boolean().default(true),
  update_channel: z.enum(['latest', 'beta']).default('latest'),
});
export type DesktopPreferences = z.infer<typeof desktopPreferencesSchema>;

export interface DesktopStoreDocument extends Record<string, unknown> {
  version: typeof desktopStoreVersion;
  /** The gateway's settings (validated by the settings store with the one schema); absent in a new file. */
  settings?: unknown;
  desktop: DesktopPreferences;
}

export class DesktopStoreVersionError extends Error {}

/** The document in the current shape, and whether it had to change (then it is written back). */
export function migrateDesktopStore(raw: Record<string, unknown>): { document: DesktopStoreDocument; migrated: boolean } {
  const version = raw.version;
  if (version === undefined) return { document: migrateVersion1(raw), migrated: true };
  if (version !== desktopStoreVersion) {
    if (typeof version === 'number' && version > desktopStoreVersion) {
      throw new DesktopStoreVersionError(`The settings file was written by a newer Skyport (version ${version}); update Skyport or move the file away.`);
    }
    throw new DesktopStoreVersionError(`The settings file has an unknown version (${JSON.stringify(version)}).`);
  }
  const preferences = desktopPreferencesSchema.safeParse(raw.desktop ?? {});
  const desktop = preferences.success ? preferences.data : desktopPreferencesSchema.parse({});
  const migrated = !preferences.success || JSON.stringify(desktop) !== JSON.stringify(raw.desktop);
  return { document: { ...raw, version: desktopStoreVersion, desktop }, migrated };
}

/** v1 -> v2: the bare gateway settings (or nothing, in a new file) move under `settings`. */
function migrateVersion1(raw: Record<string, unknown>): DesktopStoreDocument {
  const document: DesktopStoreDocument = { version: desktopStoreVersion, desktop: desktopPreferencesSchema.parse({}) };
  if (Object.keys(raw).length > 0) document.settings = raw;
  return document;
}
