/**
 * `skyport config get [KEY]`, `config set KEY VALUE`, `config unset KEY`. While a gateway runs on
 * the data dir, set and unset go through it (its owner-only route, admin token), so the change
 * applies live and is never overwritten by the gateway's next save; `get` then reads the file
 * without writing it. With no gateway, the command holds the data dir's lock while it writes.
 */
import { join } from 'node:path';
import { getSettingByPath, parseSettingValue, setSettingByPath } from '../config/set-setting-by-path.js';
import { createSettingsFile, createSettingsStore, parseSettings } from '../config/settings-store.js';
import type { Settings } from '../config/settings-schema.js';
import { refuseShortApiKey } from '../config/refuse-short-api-key.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { CliIo } from './cli-io.js';
import { openDataDir, type OpenDataDirOptions } from './open-data-dir.js';

function print(io: CliIo, value: unknown): void {
  io.stdout(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

export type ConfigCommandOptions = Pick<OpenDataDirOptions, 'fetch' | 'sleep'>;

export async function runConfigCommand(dataDir: string, args: string[], io: CliIo, options: ConfigCommandOptions = {}): Promise<number> {
  const [action, key, ...rest] = args;
  const filePath = join(dataDir, 'config.json');
  switch (action) {
    case 'get': {
      const access = await openDataDir(dataDir, { command: 'config get', readOnly: true, ...options });
      try {
        // A gateway (or another command) owns the file: read it, write nothing.
        const settings = access.kind === 'local' && access.lock !== undefined ? (await createSettingsStore({ filePath, logger: { warn: io.stderr } })).get() : await readSettingsFile(filePath);
        print(io, getSettingByPath(settings, key ?? ''));
        return 0;
      } finally {
        if (access.kind === 'local') await access.lock?.release();
      }
    }
    case 'set':
    case 'unset': {
      if (key === undefined || (action === 'set' && rest.length === 0)) {
        throw new GatewayError('invalid_request', action === 'set' ? 'Usage: skyport config set KEY VALUE' : 'Usage: skyport config unset KEY');
      }
      const value = action === 'set' ? parseSettingValue(rest.join(' ')) : undefined;
      const access = await openDataDir(dataDir, { command: `config ${action}`, ...options });
      if (access.kind === 'gateway') {
        const result = await access.client.setSetting(key, value);
        if (action === 'set') print(io, result.value);
        else io.stdout(`${key} reset`);
        if (result.message !== null) io.stderr(result.message);
        return 0;
      }
      try {
        const store = await createSettingsStore({ filePath, logger: { warn: io.stderr } });
        const next = await store.update((current) => {
          const changed = setSettingByPath(current, key, value);
          const proxy = changed.proxy as { api_key?: unknown } | undefined;
          if (typeof proxy?.api_key === 'string') refuseShortApiKey(current.proxy.api_key, proxy.api_key);
          return changed;
        });
        if (action === 'set') print(io, getSettingByPath(next, key));
        else io.stdout(`${key} reset`);
        return 0;
      } finally {
        await access.lock?.release();
      }
    }
    default:
      throw new GatewayError('invalid_request', 'Usage: skyport config get [KEY] | set KEY VALUE | unset KEY');
  }
}

async function readSettingsFile(filePath: string): Promise<Settings> {
  let stored: unknown;
  try {
    stored = await createSettingsFile(filePath).read();
  } catch (error) {
    throw new GatewayError('invalid_request', `${filePath} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseSettings(stored ?? {});
}
