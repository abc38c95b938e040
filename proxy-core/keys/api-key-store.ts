/**
 * Named API keys (`<data dir>/api-keys.json`, 0600): create, change, delete, regenerate, and the
 * lookup the AI routes make on every request. Writes are atomic and serialized like the settings
 * store's: each change reads, validates and writes before the next starts, and the keys in force
 * change only once the file holds the change (a deleted key stops working when the call returns).
 * Secrets are never stored: a lost one is regenerated, not recovered.
 */
import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ZodError } from 'zod';
import { formatZodIssues } from '../config/format-zod-issues.js';
import { GatewayError } from '../errors/gateway-error.js';
import { moveAside } from '../util/move-aside.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import { apiKeyFileSchema, apiKeyNameSchema, apiKeyPatchSchema, modelPatternSchema, type ApiKeyRecord } from './api-key-schema.js';
import { createApiKeySecret, hashApiKeySecret, readApiKeyId } from './create-api-key-secret.js';

export interface NewApiKey {
  name: string;
  label?: string;
  expires_at?: number | null;
  models?: string[];
  rpm?: number | null;
}

export type ApiKeyPatch = Partial<Pick<ApiKeyRecord, 'label' | 'expires_at' | 'models' | 'rpm' | 'disabled'>>;

export interface ApiKeyStore {
  /** In creation order. */
  list(): readonly ApiKeyRecord[];
  get(name: string): ApiKeyRecord | undefined;
  /** The key a presented secret belongs to: found by its id in O(1), the hash compared in constant time. */
  find(presented: string): ApiKeyRecord | undefined;
  /** The secret is in the answer and nowhere else. A taken name is a 409. */
  create(input: NewApiKey): Promise<{ key: ApiKeyRecord; secret: string }>;
  update(name: string, patch: ApiKeyPatch): Promise<ApiKeyRecord>;
  remove(name: string): Promise<void>;
  /** A new secret (and id) for the same name and rules; the old secret stops working. */
  regenerate(name: string): Promise<{ key: ApiKeyRecord; secret: string }>;
  /** Called after each change is saved (the rate limiter forgets deleted ids). */
  onChange(listener: (keys: readonly ApiKeyRecord[]) => void): () => void;
}

export interface ApiKeyStoreOptions {
  filePath: string;
  now: () => number;
  logger: { warn(message: string): void };
}

function notFound(name: string): GatewayError {
  return new GatewayError('not_found', `There is no API key named "${name}".`, { code: 'api_key_not_found', param: 'name' });
}

function parseField<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: ZodError } }, value: unknown, field: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    // The field at fault: the one named, or the one inside it (`rpm` of a whole change).
    const inner = parsed.error.issues[0]?.path.map(String).join('.') ?? '';
    const message = inner === '' ? `${field}: ${formatZodIssues(parsed.error)}` : formatZodIssues(parsed.error);
    throw new GatewayError('invalid_request', message, { param: inner === '' ? field : inner });
  }
  return parsed.data;
}

/** Validates a change's fields (a 400 naming the field) before anything is written. */
function checkPatch(patch: ApiKeyPatch): ApiKeyPatch {
  return parseField(apiKeyPatchSchema, patch, 'key');
}

async function readKeys(options: ApiKeyStoreOptions): Promise<ApiKeyRecord[]> {
  let text: string;
  try {
    text = await readFile(options.filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  try {
    const parsed = apiKeyFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(formatZodIssues(parsed.error));
    return parsed.data.keys;
  } catch (error) {
    // Fails closed: no named key works until the user looks at the kept file.
    const keptAt = await moveAside(options.filePath);
    options.logger.warn(`API key file ${options.filePath} could not be read (${(error as Error).message}); it was kept as ${keptAt} and no named key is in force.`);
    return [];
  }
}

export async function createApiKeyStore(options: ApiKeyStoreOptions): Promise<ApiKeyStore> {
  let keys: readonly ApiKeyRecord[] = Object.freeze(await readKeys(options));
  let byId = new Map(keys.map((key) => [key.id, key]));
  const listeners = new Set<(keys: readonly ApiKeyRecord[]) => void>();
  let queue: Promise<unknown> = Promise.resolve();

  /** One read-modify-write; `change` sees the keys saved so far and returns the next list. */
  const change = <T>(edit: (current: readonly ApiKeyRecord[]) => { next: ApiKeyRecord[]; result: T }): Promise<T> => {
    const run = queue
      // A failed change must not block the ones after it; its caller still sees the failure.
      .catch(() => undefined)
      .then(async () => {
        const { next, result } = edit(keys);
        await writeFileAtomic(options.filePath, `${JSON.stringify({ version: 1, keys: next }, null, 2)}\n`, { mode: 0o600 });
        keys = Object.freeze(next);
        byId = new Map(next.map((key) => [key.id, key]));
        for (const listener of listeners) listener(keys);
        return result;
      });
    queue = run;
    return run;
  };

  const indexOf = (current: readonly ApiKeyRecord[], name: string): number => {
    const index = current.findIndex((key) => key.name === name);
    if (index === -1) throw notFound(name);
    return index;
  };

  const freshId = (): { id: string; secret: string } => {
    for (;;) {
      const made = createApiKeySecret();
      if (!byId.has(made.id)) return made;
    }
  };

  return {
    list: () => keys,
    get: (name) => keys.find((key) => key.name === name),
    find(presented) {
      const id = readApiKeyId(presented);
      if (id === undefined) return undefined;
      const key = byId.get(id);
      if (key === undefined) return undefined;
      const sent = Buffer.from(hashApiKeySecret(presented), 'hex');
      return timingSafeEqual(sent, Buffer.from(key.hash, 'hex')) ? key : undefined;
    },
    async create(input) {
      const name = parseField(apiKeyNameSchema, input.name, 'name');
      const models = parseField(modelPatternSchema.array().max(100), input.models ?? [], 'models');
      const fields = checkPatch({ label: input.label ?? '', expires_at: input.expires_at ?? null, rpm: input.rpm ?? null, models });
      return change((current) => {
        if (current.some((key) => key.name.toLowerCase() === name.toLowerCase())) {
          throw new GatewayError('invalid_request', `An API key named "${name}" already exists.`, { status: 409, code: 'api_key_exists', param: 'name' });
        }
        const { id, secret } = freshId();
        const key: ApiKeyRecord = {
          id,
          name,
          label: fields.label ?? '',
          hash: hashApiKeySecret(secret),
          created_at: options.now(),
          expires_at: fields.expires_at ?? null,
          models: fields.models ?? [],
          rpm: fields.rpm ?? null,
          disabled: false,
        };
        return { next: [...current, key], result: { key, secret } };
      });
    },
    async update(name, patch) {
      const fields = checkPatch(patch);
      return change((current) => {
        const index = indexOf(current, name);
        const key = { ...(current[index] as ApiKeyRecord), ...fields };
        const next = [...current];
        next[index] = key;
        return { next, result: key };
      });
    },
    remove(name) {
      return change((current) => {
        const index = indexOf(current, name);
        return { next: current.filter((_, position) => position !== index), result: undefined };
      });
    },
    regenerate(name) {
      return change((current) => {
        const index = indexOf(current, name);
        const { id, secret } = freshId();
        const key = { ...(current[index] as ApiKeyRecord), id, hash: hashApiKeySecret(secret) };
        const next = [...current];
        next[index] = key;
        return { next, result: { key, secret } };
      });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
