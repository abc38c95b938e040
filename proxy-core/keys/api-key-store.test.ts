import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { createApiKeyStore } from './api-key-store.js';
import { hashApiKeySecret } from './create-api-key-secret.js';

let dir: string;
let filePath: string;
let warnings: string[];
let clock: number;

const open = () => createApiKeyStore({ filePath, now: () => clock, logger: { warn: (message) => warnings.push(message) } });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skyport-keys-'));
  filePath = join(dir, 'api-keys.json');
  warnings = [];
  clock = Date.UTC(2026, 11, 7);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('api key store', () => {
  it('keeps only the hash: the secret is in the answer, the file holds its SHA-256 (0600)', async () => {
    const store = await open();
    const { key, secret } = await store.create({ name: 'ci', label: 'build bot', models: ['gemini-*'], rpm: 60 });
    expect(secret).toMatch(/^skp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const text = await readFile(filePath, 'utf8');
    expect(text).not.toContain(secret.slice(17));
    expect(JSON.parse(text).keys[0]).toMatchObject({ name: 'ci', label: 'build bot', hash: hashApiKeySecret(secret), models: ['gemini-*'], rpm: 60, disabled: false });
    if (process.platform !== 'win32') expect((await stat(filePath)).mode & 0o777).toBe(0o600);
    expect(store.find(secret)).toEqual(key);
  });

  it('finds a key only by its whole secret', async () => {
    const store = await open();
    const { secret } = await store.create({ name: 'ci' });
    const lastChar = secret.at(-1) === 'A' ? 'B' : 'A';
    expect(store.find(`${secret.slice(0, -1)}${lastChar}`)).toBeUndefined();
    expect(store.find(secret.slice(0, -1))).toBeUndefined();
    expect(store.find('sk-0123456789abcdef0123456789abcdef')).toBeUndefined();
    expect(store.find('')).toBeUndefined();
  });

  it('survives a restart: a new store over the file checks the same secrets', async () => {
    const first = await open();
    const { secret } = await first.create({ name: 'ci', expires_at: clock + 60_000 });
    const second = await open();
    expect(second.find(secret)?.name).toBe('ci');
    expect(second.get('ci')?.expires_at).toBe(clock + 60_000);
  });

  it('refuses a taken name with 409 (case-insensitive) and bad names with 400 naming the field', async () => {
    const store = await open();
    await store.create({ name: 'ci' });
    await expect(store.create({ name: 'CI' })).rejects.toMatchObject({ status: 409, code: 'api_key_exists' });
    await expect(store.create({ name: 'default' })).rejects.toMatchObject({ status: 400, param: 'name' });
    await expect(store.create({ name: 'has space' })).rejects.toMatchObject({ status: 400, param: 'name' });
    await expect(store.create({ name: 'x', rpm: 0 })).rejects.toBeInstanceOf(GatewayError);
    expect(store.list().map((key) => key.name)).toEqual(['ci']);
  });

  it('serializes concurrent changes: every create lands, and of two creates of one name exactly one wins', async () => {
    const store = await open();
    const names = Array.from({ length: 20 }, (_, index) => `key-${index}`);
    const results = await Promise.allSettled([...names.map((name) => store.create({ name })), store.create({ name: 'key-3' })]);
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
    const reopened = await open();
    expect(reopened.list().map((key) => key.name).sort()).toEqual([...names].sort());
    // No temp file left behind by the atomic writes.
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('delete and regenerate take effect when the call returns; the old secret stops working', async () => {
    const store = await open();
    const ci = await store.create({ name: 'ci', models: ['claude-*'] });
    const other = await store.create({ name: 'other' });
    const regenerated = await store.regenerate('ci');
    expect(store.find(ci.secret)).toBeUndefined();
    expect(store.find(regenerated.secret)).toMatchObject({ name: 'ci', models: ['claude-*'] });
    await store.remove('other');
    expect(store.find(other.secret)).toBeUndefined();
    expect((await open()).find(other.secret)).toBeUndefined();
    await expect(store.remove('other')).rejects.toMatchObject({ status: 404, code: 'api_key_not_found' });
  });

  it('disables and re-enables a key, and changes its rules', async () => {
    const store = await open();
    await store.create({ name: 'ci', label: 'bot', models: ['claude-*'], rpm: 5, expires_at: clock + 1000 });
    // Only the fields given change.
    expect(await store.update('ci', { disabled: true })).toMatchObject({ disabled: true, label: 'bot', models: ['claude-*'], rpm: 5, expires_at: clock + 1000 });
    expect((await store.update('ci', { disabled: false, rpm: 10, models: ['gemini-*'] })).rpm).toBe(10);
    await expect(store.update('ci', { rpm: -1 })).rejects.toMatchObject({ status: 400 });
    expect(store.get('ci')).toMatchObject({ disabled: false, rpm: 10, models: ['gemini-*'], label: 'bot', expires_at: clock + 1000 });
  });

  it('a failed write changes nothing in force', async () => {
    const store = await open();
    const { secret } = await store.create({ name: 'ci' });
    await rm(dir, { recursive: true, force: true });
    // The directory is now a file: the atomic write cannot make its temp file.
    await writeFile(dir, 'not a directory');
    try {
      await expect(store.remove('ci')).rejects.toThrow();
      expect(store.find(secret)?.name).toBe('ci');
    } finally {
      await rm(dir, { force: true });
    }
  });

  it('fails closed on an unreadable file: kept aside, no named key in force, a warning', async () => {
    await writeFile(filePath, '{"version":1,"keys":[{"name":');
    const store = await open();
    expect(store.list()).toEqual([]);
    expect(warnings.join('\n')).toMatch(/could not be read.*kept as .*corrupt/);
    expect((await readdir(dir)).some((name) => name.startsWith('api-keys.json.corrupt-'))).toBe(true);
  });
});
