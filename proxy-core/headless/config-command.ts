/** `skyport config get [KEY]`, `config set KEY VALUE`, `config unset KEY`. */
import { join } from 'node:path';
import { getSettingByPath, parseSettingValue, setSettingByPath } from '../config/set-setting-by-path.js';
import { createSettingsStore } from '../config/settings-store.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { CliIo } from './cli-io.js';

function print(io: CliIo, value: unknown): void {
  io.stdout(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

export async function runConfigCommand(dataDir: string, args: string[], io: CliIo): Promise<number> {
  const store = await createSettingsStore({ filePath: join(dataDir, 'config.json'), logger: { warn: io.stderr } });
  const [action, key, ...rest] = args;
  switch (action) {
    case 'get':
      print(io, getSettingByPath(store.get(), key ?? ''));
      return 0;
    case 'set': {
      if (key === undefined || rest.length === 0) throw new GatewayError('invalid_request', 'Usage: skyport config set KEY VALUE');
      const next = await store.replace(setSettingByPath(store.get(), key, parseSettingValue(rest.join(' '))));
      print(io, getSettingByPath(next, key));
      return 0;
    }
    case 'unset': {
      if (key === undefined) throw new GatewayError('invalid_request', 'Usage: skyport config unset KEY');
      await store.replace(setSettingByPath(store.get(), key, undefined));
      io.stdout(`${key} reset`);
      return 0;
    }
    default:
      throw new GatewayError('invalid_request', 'Usage: skyport config get [KEY] | set KEY VALUE | unset KEY');
  }
}
