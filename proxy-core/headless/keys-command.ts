/**
 * `skyport keys create NAME [--label T] [--expires 30d|2027-01-31] [--models 'gemini-*,claude-*'] [--rpm 60]
 * | list | update NAME [same options; --expires never, --rpm none] | disable NAME | enable NAME | delete NAME | regenerate NAME`. While a gateway runs on the
 * data dir the commands go through its admin API (so the change is in force at once); otherwise
 * this command holds the data dir's lock while it writes `api-keys.json`.
 */
import { join } from 'node:path';
import type { ControlInput, ControlOutput } from '../control/control-operations.js';
import { parseControlInput } from '../control/parse-control-input.js';
import { createNamedKeyOperations, type NamedKeyHandlers } from '../control/key-operations.js';
import { GatewayError } from '../errors/gateway-error.js';
import { createApiKeyStore } from '../keys/api-key-store.js';
import type { ApiKeyDescription } from '../keys/describe-api-key.js';
import type { CliIo } from './cli-io.js';
import { openDataDir, type OpenDataDirOptions } from './open-data-dir.js';

const usage =
  "Usage: skyport keys create NAME [--label TEXT] [--expires 30d|2027-01-31] [--models 'gemini-*,claude-*'] [--rpm 60] | list | update NAME [same options] | disable NAME | enable NAME | delete NAME | regenerate NAME";

export interface KeysFlags {
  label?: string | undefined;
  expires?: string | undefined;
  models?: string | undefined;
  rpm?: string | undefined;
}

export type KeysCommandOptions = Pick<OpenDataDirOptions, 'fetch' | 'sleep'> & { now?: () => number };

type KeyCall = <Name extends keyof NamedKeyHandlers>(name: Name, input: ControlInput<Name>) => Promise<ControlOutput<Name>>;

function parseRpm(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const rpm = Number(text);
  if (!Number.isInteger(rpm) || rpm < 1) throw new GatewayError('invalid_request', `--rpm must be a whole number of requests per minute (1 or more), not "${text}".`);
  return rpm;
}

function parseModels(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text.split(',').map((pattern) => pattern.trim()).filter((pattern) => pattern !== '');
}

export function formatKeyLine(key: ApiKeyDescription): string {
  return [
    key.name,
    key.status,
    key.prefix,
    `expires=${key.expires_at ?? 'never'}`,
    `models=${key.models.length === 0 ? '*' : key.models.join(',')}`,
    `rpm=${key.rpm ?? '-'}`,
    key.label === '' ? undefined : `label=${JSON.stringify(key.label)}`,
  ]
    .filter((part) => part !== undefined)
    .join('\t');
}

export async function runKeysCommand(dataDir: string, args: string[], flags: KeysFlags, io: CliIo, options: KeysCommandOptions = {}): Promise<number> {
  const [action, name] = args;
  const needName = () => {
    if (name === undefined || name.trim() === '') throw new GatewayError('invalid_request', `Usage: skyport keys ${action ?? ''} NAME`);
    return name;
  };
  switch (action) {
    case 'list':
      return withKeys(dataDir, 'keys list', true, io, options, async (call) => {
        const { items } = await call('listKeys', {});
        if (items.length === 0) io.stdout('No named keys. Create one with: npm run skyport -- keys create NAME');
        for (const key of items) io.stdout(formatKeyLine(key));
        return 0;
      });
    case 'create': {
      const keyName = needName();
      const rpm = parseRpm(flags.rpm);
      const models = parseModels(flags.models);
      return withKeys(dataDir, 'keys create', false, io, options, async (call) => {
        const created = await call('createKey', {
          name: keyName,
          ...(flags.label === undefined ? {} : { label: flags.label }),
          ...(flags.expires === undefined ? {} : { expires: flags.expires }),
          ...(models === undefined ? {} : { models }),
          ...(rpm === undefined ? {} : { rpm }),
        });
        io.stdout(created.secret);
        io.stderr(`Created key "${created.item.name}". The secret above is shown once: store it now.`);
        return 0;
      });
    }
    case 'update': {
      // Only the rules given change; `--expires never`, `--models ''` and `--rpm none` clear one.
      const keyName = needName();
      const rpm = flags.rpm === undefined ? undefined : flags.rpm.trim().toLowerCase() === 'none' ? null : parseRpm(flags.rpm);
      const models = parseModels(flags.models);
      if (flags.label === undefined && flags.expires === undefined && models === undefined && rpm === undefined) {
        throw new GatewayError('invalid_request', 'Usage: skyport keys update NAME [--label TEXT] [--expires 30d|2027-01-31|never] [--models PATTERNS] [--rpm N|none]');
      }
      return withKeys(dataDir, 'keys update', false, io, options, async (call) => {
        const { item } = await call('updateKey', {
          name: keyName,
          ...(flags.label === undefined ? {} : { label: flags.label }),
          ...(flags.expires === undefined ? {} : { expires: flags.expires.trim().toLowerCase() === 'never' ? null : flags.expires }),
          ...(models === undefined ? {} : { models }),
          ...(rpm === undefined ? {} : { rpm }),
        });
        io.stdout(formatKeyLine(item));
        return 0;
      });
    }
    case 'disable':
    case 'enable': {
      const keyName = needName();
      return withKeys(dataDir, `keys ${action}`, false, io, options, async (call) => {
        const { item } = await call('updateKey', { name: keyName, disabled: action === 'disable' });
        io.stdout(formatKeyLine(item));
        return 0;
      });
    }
    case 'delete': {
      const keyName = needName();
      return withKeys(dataDir, 'keys delete', false, io, options, async (call) => {
        await call('deleteKey', { name: keyName });
        io.stdout(`Deleted key "${keyName}"`);
        return 0;
      });
    }
    case 'regenerate': {
      const keyName = needName();
      return withKeys(dataDir, 'keys regenerate', false, io, options, async (call) => {
        const regenerated = await call('regenerateKey', { name: keyName });
        io.stdout(regenerated.secret);
        io.stderr(`New secret for "${keyName}"; the old one no longer works. It is shown once: store it now.`);
        return 0;
      });
    }
    default:
      throw new GatewayError('invalid_request', usage);
  }
}

async function withKeys(
  dataDir: string,
  command: string,
  readOnly: boolean,
  io: CliIo,
  options: KeysCommandOptions,
  run: (call: KeyCall) => Promise<number>,
): Promise<number> {
  const { now = Date.now, ...openOptions } = options;
  const access = await openDataDir(dataDir, { command, readOnly, ...openOptions });
  if (access.kind === 'gateway') return run(((name, input) => access.client.call(name, input)) as KeyCall);
  try {
    const store = await createApiKeyStore({ filePath: join(dataDir, 'api-keys.json'), now, logger: { warn: io.stderr } });
    const handlers = createNamedKeyOperations(store, { now });
    // Validated as the admin API would: the same 400 naming the field either way.
    return await run(((name: keyof NamedKeyHandlers, input: unknown) => (handlers[name] as (value: unknown) => Promise<unknown>)(parseControlInput(name, input))) as KeyCall);
  } finally {
    await access.lock?.release();
  }
}
