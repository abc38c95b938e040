/**
 * `config set proxy.custom_mapping.gpt-4* gemini-3-flash`: dotted keys for the CLI. Inside a
 * record setting (`proxy.custom_mapping`) the rest of the key is one record key, dots included,
 * so model names like `gemini-2.5-flash` work as patterns.
 */
import { GatewayError } from '../errors/gateway-error.js';
import { settingsSchema, type Settings } from './settings-schema.js';

const recordSettings = new Set(['proxy.custom_mapping']);

export function splitSettingPath(key: string): string[] {
  for (const record of recordSettings) {
    if (key.startsWith(`${record}.`)) return [...record.split('.'), key.slice(record.length + 1)];
  }
  return key.split('.');
}

/** Parse a CLI value: JSON when it is JSON (numbers, booleans, arrays, objects), else the raw string. */
export function parseSettingValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function describeKnownKeys(): string {
  const shape = settingsSchema.shape;
  return Object.entries(shape)
    .flatMap(([section, schema]) => Object.keys((schema as unknown as { unwrap(): { shape: object } }).unwrap().shape).map((key) => `${section}.${key}`))
    .join(', ');
}

function assertKnownPath(settings: Settings, path: string[]): void {
  let node: unknown = settings;
  const walked: string[] = [];
  for (const [index, segment] of path.entries()) {
    const isRecordKey = recordSettings.has(walked.join('.')) && index === path.length - 1;
    if (!isRecordKey && (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment))) {
      throw new GatewayError('invalid_request', `Unknown setting "${path.join('.')}". Known settings: ${describeKnownKeys()}`);
    }
    walked.push(segment);
    node = isRecordKey ? undefined : (node as Record<string, unknown>)[segment];
  }
}

export function getSettingByPath(settings: Settings, key: string): unknown {
  if (key === '') return settings;
  const path = splitSettingPath(key);
  assertKnownPath(settings, path);
  return path.reduce<unknown>((node, segment) => (node as Record<string, unknown> | undefined)?.[segment], settings);
}

/** A copy of `settings` with `key` set (or deleted when `value` is undefined); not validated yet. */
export function setSettingByPath(settings: Settings, key: string, value: unknown): Record<string, unknown> {
  const path = splitSettingPath(key);
  assertKnownPath(settings, path);
  const copy = structuredClone(settings) as unknown as Record<string, unknown>;
  let node = copy;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}
