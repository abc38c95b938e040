/**
 * The desktop's one settings file: electron-store at `<userData>/config.json` (mode 0600: it holds
 * the API key), migrated to the current shape on open. The gateway reads and writes its part
 * through a SettingsDocument (validated by the settings store against the one schema); main keeps
 * the desktop-only preferences beside it. A file that is not JSON is kept aside, never overwritten.
 */
import { copyFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ElectronStore from 'electron-store';
import type { SettingsDocument } from '../proxy-core/index.js';
import { desktopPreferencesSchema, migrateDesktopStore, type DesktopPreferences } from './migrate-desktop-store.js';

/** The part of electron-store used here: the whole document, read and written at once. */
export interface StoreFile {
  readonly path: string;
  store: Record<string, unknown>;
}

export interface DesktopStore {
  readonly path: string;
  readonly settingsDocument: SettingsDocument;
  getPreferences(): DesktopPreferences;
  setPreferences(patch: Partial<DesktopPreferences>): DesktopPreferences;
}

export interface OpenDesktopStoreOptions {
  /** `app.getPath('userData')`. */
  directory: string;
  logger: { warn(message: string): void };
  /** Injected by tests; electron-store by default. */
  createStoreFile?: (directory: string) => StoreFile;
  now?: () => Date;
}

export function createElectronStoreFile(directory: string): StoreFile {
  return new ElectronStore<Record<string, unknown>>({
    cwd: directory,
    name: 'config',
    configFileMode: 0o600,
    clearInvalidConfig: false,
    // Keys like `proxy.custom_mapping` patterns hold dots; the document is only used whole.
    accessPropertiesByDotNotation: false,
  });
}

const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-');

export function openDesktopStore(options: OpenDesktopStoreOptions): DesktopStore {
  const createStoreFile = options.createStoreFile ?? createElectronStoreFile;
  const now = options.now ?? (() => new Date());
  const path = join(options.directory, 'config.json');
  let file: StoreFile;
  try {
    file = createStoreFile(options.directory);
  } catch (error) {
    // electron-store throws on a file that is not JSON; keep it for the user and start afresh.
    if (!(error instanceof SyntaxError)) throw error;
    const keptAt = `${path}.corrupt-${stamp(now())}`;
    renameSync(path, keptAt);
    options.logger.warn(`Settings file ${path} is not valid JSON; it was kept as ${keptAt} and defaults are used.`);
    file = createStoreFile(options.directory);
  }

  const { document, migrated } = migrateDesktopStore(file.store);
  if (migrated) {
    // One copy of the old shape, in case the user wants to go back to the previous version.
    if (Object.keys(file.store).length > 0) copyFileSync(file.path, `${file.path}.before-migration-${stamp(now())}`);
    file.store = document;
  }

  const settingsDocument: SettingsDocument = {
    location: file.path,
    async read() {
      return file.store.settings;
    },
    async write(settings) {
      file.store = { ...file.store, settings };
    },
    async keepAside() {
      // The settings part did not validate: keep it in a file of its own before defaults replace it.
      const keptAt = `${file.path}.settings-${stamp(now())}.json`;
      writeFileSync(keptAt, `${JSON.stringify(file.store.settings, null, 2)}\n`, { mode: 0o600 });
      return keptAt;
    },
  };

  return {
    path: file.path,
    settingsDocument,
    getPreferences: () => desktopPreferencesSchema.parse(file.store.desktop ?? {}),
    setPreferences(patch) {
      const next = desktopPreferencesSchema.parse({ ...desktopPreferencesSchema.parse(file.store.desktop ?? {}), ...patch });
      file.store = { ...file.store, desktop: next };
      return next;
    },
  };
}
