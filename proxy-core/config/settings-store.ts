/**
 * Settings persisted as `<data dir>/config.json` (or, on the desktop, in electron-store's file
 * through a SettingsDocument). Every write is validated against the one schema and written
 * atomically; a document that does not parse is kept aside (never silently overwritten) and the
 * gateway starts from defaults with a warning.
 */
import { GatewayError } from '../errors/gateway-error.js';
import { moveAside } from '../util/move-aside.js';
import { readFileIfExists } from '../util/read-file-if-exists.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import { formatZodIssues } from './format-zod-issues.js';
import { settingsSchema, type Settings } from './settings-schema.js';

export interface SettingsStore {
  get(): Settings;
  /**
   * One read-modify-write: `change` gets the settings as they are once every earlier change is
   * saved, and returns the next settings (validated; a GatewayError(invalid_request) names the
   * field). Changes run one at a time, so two callers never overwrite each other's fields. A
   * `change` that throws changes nothing.
   */
  update(change: (current: Settings) => unknown): Promise<Settings>;
  /** Validate and persist a whole new settings object (an update that ignores the current one). */
  replace(next: unknown): Promise<Settings>;
  onChange(listener: (settings: Settings, previous: Settings) => void): () => void;
}

/** Where the settings live: a JSON file by default; the desktop app passes its electron-store. */
export interface SettingsDocument {
  /** Shown in messages (a path). */
  readonly location: string;
  /** The stored settings; undefined when nothing is stored yet. Throws when what is stored cannot be read. */
  read(): Promise<unknown>;
  write(settings: Settings): Promise<void>;
  /** Keeps an unusable document for the user before defaults replace it; returns where it went. */
  keepAside(): Promise<string>;
}

export type SettingsStoreOptions = { logger: { warn(message: string): void } } & ({ filePath: string } | { document: SettingsDocument });

export function parseSettings(value: unknown): Settings {
  const result = settingsSchema.safeParse(value);
  if (!result.success) {
    // `param` names the first bad field (`accounts.warmup`), as the ControlApi's own input errors do.
    const first = result.error.issues[0];
    const param = first === undefined || first.path.length === 0 ? undefined : first.path.map(String).join('.');
    throw new GatewayError('invalid_request', `Invalid settings: ${formatZodIssues(result.error)}`, param === undefined ? {} : { param });
  }
  return result.data;
}

export function createSettingsFile(filePath: string): SettingsDocument {
  return {
    location: filePath,
    async read() {
      const text = await readFileIfExists(filePath);
      if (text === undefined) return undefined;
      return JSON.parse(text);
    },
    write: (settings) => writeFileAtomic(filePath, `${JSON.stringify(settings, null, 2)}\n`),
    keepAside: () => moveAside(filePath),
  };
}

async function readInitialSettings(document: SettingsDocument, logger: SettingsStoreOptions['logger']): Promise<{ settings: Settings; needsWrite: boolean }> {
  try {
    const stored = await document.read();
    if (stored === undefined) return { settings: settingsSchema.parse({}), needsWrite: true };
    const parsed = settingsSchema.safeParse(stored);
    if (!parsed.success) throw new Error(formatZodIssues(parsed.error));
    // Rewrite when defaults were filled in (a generated API key must survive restarts).
    return { settings: parsed.data, needsWrite: JSON.stringify(parsed.data) !== JSON.stringify(stored) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== undefined) throw error;
    const keptAt = await document.keepAside();
    logger.warn(`Settings file ${document.location} could not be read (${(error as Error).message}); it was kept as ${keptAt} and defaults are used.`);
    return { settings: settingsSchema.parse({}), needsWrite: true };
  }
}

export async function createSettingsStore(options: SettingsStoreOptions): Promise<SettingsStore> {
  const document = 'document' in options ? options.document : createSettingsFile(options.filePath);
  const initial = await readInitialSettings(document, options.logger);
  let current = initial.settings;
  const listeners = new Set<(settings: Settings, previous: Settings) => void>();
  // The one queue of this file: each change reads, validates and writes before the next starts.
  let queue: Promise<unknown> = Promise.resolve();

  const update = (change: (current: Settings) => unknown): Promise<Settings> => {
    const run = queue
      // A failed change must not block the ones after it; its caller still sees the failure.
      .catch(() => undefined)
      .then(async () => {
        const previous = current;
        const settings = parseSettings(change(previous));
        await document.write(settings);
        current = settings;
        for (const listener of listeners) listener(settings, previous);
        return settings;
      });
    queue = run;
    return run;
  };
  if (initial.needsWrite) await document.write(current);

  return {
    get: () => current,
    update,
    replace: (next) => update(() => next),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
