/**
 * Settings persisted as `<data dir>/config.json`. Every write is validated against the one
 * schema and written atomically; a file that does not parse is renamed aside (never silently
 * overwritten) and the gateway starts from defaults with a warning.
 */
import { readFile } from 'node:fs/promises';
import { GatewayError } from '../errors/gateway-error.js';
import { moveAside } from '../util/move-aside.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import { formatZodIssues } from './format-zod-issues.js';
import { settingsSchema, type Settings } from './settings-schema.js';

export interface SettingsStore {
  get(): Settings;
  /** Validate and persist a whole new settings object; throws GatewayError(invalid_request) naming the field. */
  replace(next: unknown): Promise<Settings>;
  onChange(listener: (settings: Settings, previous: Settings) => void): () => void;
}

export interface SettingsStoreOptions {
  filePath: string;
  logger: { warn(message: string): void };
}

export function parseSettings(value: unknown): Settings {
  const result = settingsSchema.safeParse(value);
  if (!result.success) throw new GatewayError('invalid_request', `Invalid settings: ${formatZodIssues(result.error)}`);
  return result.data;
}

async function readInitialSettings(options: SettingsStoreOptions): Promise<{ settings: Settings; needsWrite: boolean }> {
  let text: string;
  try {
    text = await readFile(options.filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: settingsSchema.parse({}), needsWrite: true };
    throw error;
  }
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(formatZodIssues(parsed.error));
    // Rewrite when defaults were filled in (a generated API key must survive restarts).
    return { settings: parsed.data, needsWrite: JSON.stringify(parsed.data) !== JSON.stringify(JSON.parse(text)) };
  } catch (error) {
    const keptAt = await moveAside(options.filePath);
    options.logger.warn(
      `Settings file ${options.filePath} could not be read (${(error as Error).message}); it was kept as ${keptAt} and defaults are used.`,
    );
    return { settings: settingsSchema.parse({}), needsWrite: true };
  }
}

export async function createSettingsStore(options: SettingsStoreOptions): Promise<SettingsStore> {
  const initial = await readInitialSettings(options);
  let current = initial.settings;
  const listeners = new Set<(settings: Settings, previous: Settings) => void>();
  let writing: Promise<void> = Promise.resolve();

  const persist = (settings: Settings) => {
    writing = writing.then(() => writeFileAtomic(options.filePath, `${JSON.stringify(settings, null, 2)}\n`));
    return writing;
  };
  if (initial.needsWrite) await persist(current);

  return {
    get: () => current,
    async replace(next) {
      const settings = parseSettings(next);
      const previous = current;
      await persist(settings);
      current = settings;
      for (const listener of listeners) listener(settings, previous);
      return settings;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
