import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from './account-schema.js';
import { createAccountStore, type AccountStoreOptions } from './account-store.js';
import { GatewayError } from '../errors/gateway-error.js';

const fixedNow = new Date('2026-01-02T03:04:05.000Z');

let directory: string;
let filePath: string;
let warnings: string[];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'skyport-accounts-'));
  filePath = join(directory, 'accounts.json');
  warnings = [];
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function open(options: Partial<AccountStoreOptions> = {}) {
  return createAccountStore({ filePath, logger: { warn: (message) => warnings.push(message) }, now: () => fixedNow, ...options });
}

function account(email: string, overrides: Partial<Account> = {}): Account {
  return { email, refreshToken: `1//token-of-${email}`, status: 'active', addedAt: '2026-01-01T00:00:00.000Z', quotas: {}, cooldowns: {}, ...overrides };
}

async function readAccountsFile(): Promise<{ version: number; accounts: Account[] }> {
  return JSON.parse(await readFile(filePath, 'utf8')) as { version: number; accounts: Account[] };
}

describe('createAccountStore', () => {
  it('starts empty without creating a file when there is none', async () => {
    const store = await open();
    expect(store.list()).toEqual([]);
    await expect(readdir(directory)).resolves.toEqual([]);
  });

  it('writes {version: 1, accounts} with mode 0600 and leaves no temporary file', async () => {
    const store = await open();
    await store.upsert(account('ada@example.com', { projectId: 'p-1' }));
    expect(await readAccountsFile()).toEqual({ version: 1, accounts: [account('ada@example.com', { projectId: 'p-1' })] });
    expect((await stat(filePath)).mode & 0o777).toBe(0o600);
    expect(await readdir(directory)).toEqual(['accounts.json']);
  });

  it('tightens a file that was readable by others to 0600 on the next write', async () => {
    await writeFile(filePath, JSON.stringify({ version: 1, accounts: [account('ada@example.com')] }));
    await chmod(filePath, 0o644);
    const store = await open();
    await store.update('ada@example.com', { tier: 'free-tier' });
    expect((await stat(filePath)).mode & 0o777).toBe(0o600);
  });

  it('reloads its data after a restart', async () => {
    const first = await open();
    await first.upsert(account('ada@example.com', { quotas: { 'gemini-3-flash': { remainingFraction: 0.5 } } }));
    await first.upsert(account('bob@example.com'));
    const second = await open();
    expect(second.list()).toEqual(first.list());
    expect(second.list().map((a) => a.email)).toEqual(['ada@example.com', 'bob@example.com']);
  });

  it('compares emails case-insensitively', async () => {
    const store = await open();
    await store.upsert(account('Ada@Example.com'));
    expect(store.get('ada@example.com')?.email).toBe('Ada@Example.com');
    await store.upsert(account('ADA@example.com', { refreshToken: '1//new' }));
    expect(store.list()).toHaveLength(1);
    expect(store.get('ada@EXAMPLE.com')?.refreshToken).toBe('1//new');
    await expect(store.remove('ADA@EXAMPLE.COM')).resolves.toBe(true);
    expect(store.list()).toEqual([]);
  });

  it('hands out frozen accounts that callers cannot change', async () => {
    const store = await open();
    const returned = await store.upsert(account('ada@example.com'));
    const listed = store.list()[0];
    expect(() => {
      if (listed) listed.quotas['x'] = { remainingFraction: 1 };
    }).toThrow(TypeError);
    const got = store.get('ada@example.com');
    expect(() => {
      if (got) got.status = 'disabled';
    }).toThrow(TypeError);
    expect(() => (store.list() as Account[]).push(account('eve@example.com'))).toThrow(TypeError);
    expect(() => {
      returned.cooldowns['*'] = { until: '2026-01-01T00:00:00.000Z', reason: 'x', strikes: 1 };
    }).toThrow(TypeError);
    expect(store.get('ada@example.com')).toEqual(account('ada@example.com'));
    expect(store.list()).toEqual([account('ada@example.com')]);
  });

  it('hands out the same list until something changes', async () => {
    const store = await open();
    await store.upsert(account('ada@example.com'));
    const before = store.list();
    expect(store.list()).toBe(before);
    expect(store.get('ada@example.com')).toBe(before[0]);
    await store.update('ada@example.com', { lastError: 'boom' });
    expect(store.list()).not.toBe(before);
    expect(before[0]?.lastError).toBeUndefined();
    expect(store.list()[0]?.lastError).toBe('boom');
  });

  it('merges updates, clears fields set to undefined and keeps the email', async () => {
    const store = await open();
    await store.upsert(account('ada@example.com', { status: 'revoked', statusReason: 'gone', lastError: 'boom' }));
    const updated = await store.update('ada@example.com', {
      status: 'active',
      statusReason: undefined,
      email: 'other@example.com',
      lastUsedAt: '2026-01-02T00:00:00.000Z',
    });
    expect(updated).toEqual(account('ada@example.com', { lastError: 'boom', lastUsedAt: '2026-01-02T00:00:00.000Z' }));
    expect((await readAccountsFile()).accounts).toEqual([updated]);
    await expect(store.update('nobody@example.com', { status: 'disabled' })).resolves.toBeUndefined();
  });

  it('applies a function patch to the account as stored then, so cooldowns set meanwhile stay', async () => {
    const store = await open();
    await store.upsert(account('a@example.com'));
    const until = '2026-01-02T04:00:00.000Z';
    await Promise.all([
      store.update('a@example.com', (current) => ({ cooldowns: { ...current.cooldowns, 'model-1': { until, reason: 'one', strikes: 1 } } })),
      store.update('a@example.com', (current) => ({ cooldowns: { ...current.cooldowns, 'model-2': { until, reason: 'two', strikes: 1 } } })),
    ]);
    expect(Object.keys(store.get('a@example.com')?.cooldowns ?? {}).sort()).toEqual(['model-1', 'model-2']);
    expect(Object.keys((await readAccountsFile()).accounts[0]?.cooldowns ?? {}).sort()).toEqual(['model-1', 'model-2']);
  });

  it('upsertMany adds and replaces several accounts as one change, or none of them when one is invalid or its token refused', async () => {
    const store = await open();
    await store.upsert(account('a@example.com'));
    const changes: number[] = [];
    store.onChange((list) => changes.push(list.length));
    await store.upsertMany([account('A@example.com', { refreshToken: '1//new-a' }), account('b@example.com')]);
    expect(changes).toEqual([2]);
    expect((await readAccountsFile()).accounts.map((entry) => [entry.email, entry.refreshToken])).toEqual([
      ['A@example.com', '1//new-a'],
      ['b@example.com', '1//token-of-b@example.com'],
    ]);

    await expect(store.upsertMany([account('c@example.com'), account('x')])).rejects.toBeInstanceOf(GatewayError);
    const refusing = await open({ secretCodec: { encode: (plain) => (plain.includes('refused') ? (() => { throw new Error('no keychain'); })() : plain), decode: (stored) => stored } });
    await expect(refusing.upsertMany([account('d@example.com'), account('e@example.com', { refreshToken: '1//refused' })])).rejects.toThrow('no keychain');
    expect(refusing.list().map((entry) => entry.email)).toEqual(['A@example.com', 'b@example.com']);
    expect(store.list().map((entry) => entry.email)).toEqual(['A@example.com', 'b@example.com']);
    expect(changes).toEqual([2]);
  });

  it('removes accounts and reports unknown ones', async () => {
    const store = await open();
    await store.upsert(account('ada@example.com'));
    await store.upsert(account('bob@example.com'));
    await expect(store.remove('ada@example.com')).resolves.toBe(true);
    await expect(store.remove('ada@example.com')).resolves.toBe(false);
    expect((await readAccountsFile()).accounts.map((a) => a.email)).toEqual(['bob@example.com']);
  });

  it('refuses an invalid account without changing anything', async () => {
    const store = await open();
    await expect(store.upsert(account('ada@example.com', { refreshToken: '' }))).rejects.toBeInstanceOf(GatewayError);
    await expect(store.update('ada@example.com', {})).resolves.toBeUndefined();
    expect(store.list()).toEqual([]);
  });

  it('keeps every one of many concurrent changes, in memory and on disk', async () => {
    const store = await open();
    const emails = Array.from({ length: 20 }, (_, i) => `user${i}@example.com`);
    await Promise.all(emails.map((email) => store.upsert(account(email))));
    await Promise.all(
      emails.flatMap((email, i) => [
        store.update(email, { tier: `tier-${i}` }),
        store.update(email, { lastUsedAt: `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z` }),
        store.update(email, { quotas: { m: { remainingFraction: i / 20 } } }),
      ]),
    );
    const expected = emails.map((email, i) =>
      account(email, {
        tier: `tier-${i}`,
        lastUsedAt: `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`,
        quotas: { m: { remainingFraction: i / 20 } },
      }),
    );
    expect(store.list()).toEqual(expected);
    expect((await readAccountsFile()).accounts).toEqual(expected);
    expect((await open()).list()).toEqual(expected);
    expect(await readdir(directory)).toEqual(['accounts.json']);
  });

  it('moves a corrupt file aside, warns, and writes nothing until the first change', async () => {
    const corrupt = '{"version":1,"accounts":[{"email":"ada@example.com","refreshToken":"1//secret-token"';
    await writeFile(filePath, corrupt);
    const store = await open();
    const keptAs = `${filePath}.corrupt-2026-01-02T03-04-05-000Z`;

    expect(store.list()).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(keptAs);
    expect(warnings[0]).not.toContain('secret-token');
    expect(await readdir(directory)).toEqual(['accounts.json.corrupt-2026-01-02T03-04-05-000Z']);

    await store.upsert(account('bob@example.com'));
    expect(await readFile(keptAs, 'utf8')).toBe(corrupt);
    expect((await readAccountsFile()).accounts.map((a) => a.email)).toEqual(['bob@example.com']);
  });

  it('moves aside a file that is JSON but not an accounts file', async () => {
    await writeFile(filePath, JSON.stringify({ version: 1, accounts: [{ email: 'ada@example.com', refreshToken: '1//secret-token' }] }));
    const store = await open();
    expect(store.list()).toEqual([]);
    expect(warnings[0]).toMatch(/not a valid accounts file/);
    expect(warnings[0]).not.toContain('secret-token');
    expect(await readdir(directory)).toEqual(['accounts.json.corrupt-2026-01-02T03-04-05-000Z']);
  });

  it('encodes refresh tokens on disk with the secret codec and decodes them on load', async () => {
    const secretCodec = {
      encode: (plain: string) => `enc:${Buffer.from(plain).toString('base64')}`,
      decode: (stored: string) => {
        if (!stored.startsWith('enc:')) throw new Error('not encrypted');
        return Buffer.from(stored.slice(4), 'base64').toString();
      },
    };
    const store = await open({ secretCodec });
    await store.upsert(account('ada@example.com', { refreshToken: '1//plain' }));
    expect(store.get('ada@example.com')?.refreshToken).toBe('1//plain');
    expect((await readAccountsFile()).accounts[0]?.refreshToken).toBe(`enc:${Buffer.from('1//plain').toString('base64')}`);
    expect((await open({ secretCodec })).get('ada@example.com')?.refreshToken).toBe('1//plain');
  });

  it('a token that cannot be decrypted (locked keyring) keeps the file untouched, locks the pool and refuses changes until a reload works', async () => {
    let unlocked = true;
    const secretCodec = {
      encode: (plain: string) => `enc:${Buffer.from(plain).toString('base64')}`,
      decode: (stored: string) => {
        if (!unlocked) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
        return Buffer.from(stored.slice(4), 'base64').toString();
      },
    };
    const first = await open({ secretCodec });
    await first.upsert(account('ada@example.com', { refreshToken: '1//ada' }));
    await first.upsert(account('bob@example.com', { refreshToken: '1//bob' }));
    const onDisk = await readFile(filePath, 'utf8');

    unlocked = false;
    const store = await open({ secretCodec });
    expect(store.list()).toEqual([]);
    expect(store.problem()).toMatchObject({ kind: 'locked', message: expect.stringMatching(/Unlock your keyring, then Retry/) });
    await expect(store.upsert(account('eve@example.com'))).rejects.toMatchObject({ code: 'accounts_locked' });
    await expect(store.remove('ada@example.com')).rejects.toMatchObject({ code: 'accounts_locked' });
    await expect(store.update('ada@example.com', { lastError: 'x' })).rejects.toMatchObject({ code: 'accounts_locked' });
    expect(await store.reload()).toMatchObject({ kind: 'locked' });
    expect(await readFile(filePath, 'utf8')).toBe(onDisk);
    expect(await readdir(directory)).toEqual(['accounts.json']);

    unlocked = true;
    const seen: string[][] = [];
    store.onChange((accounts) => seen.push(accounts.map((a) => a.email)));
    expect(await store.reload()).toBeUndefined();
    expect(store.list().map((a) => a.email)).toEqual(['ada@example.com', 'bob@example.com']);
    expect(store.get('bob@example.com')?.refreshToken).toBe('1//bob');
    expect(seen).toEqual([['ada@example.com', 'bob@example.com']]);
    await store.remove('bob@example.com');
    expect((await readAccountsFile()).accounts.map((a) => a.email)).toEqual(['ada@example.com']);
  });

  it('says where a file that does not parse was kept', async () => {
    await writeFile(filePath, '{"version": 1, "accounts": [');
    const store = await open();
    expect(store.problem()).toEqual({ kind: 'moved_aside', keptAt: join(directory, 'accounts.json.corrupt-2026-01-02T03-04-05-000Z'), message: expect.stringContaining('kept as') });
    expect(await store.reload()).toMatchObject({ kind: 'moved_aside' });
    await store.upsert(account('ada@example.com'));
    expect(store.list()).toHaveLength(1);
  });

  it('notifies listeners after each change until they unsubscribe', async () => {
    const store = await open();
    const seen: string[][] = [];
    const unsubscribe = store.onChange((accounts) => seen.push(accounts.map((a) => a.email)));
    await store.upsert(account('ada@example.com'));
    await store.upsert(account('bob@example.com'));
    unsubscribe();
    await store.remove('ada@example.com');
    expect(seen).toEqual([['ada@example.com'], ['ada@example.com', 'bob@example.com']]);
  });

  it('reports a failed write and still ends with the final state once writing works again', async () => {
    const blocked = join(directory, 'data');
    filePath = join(blocked, 'accounts.json');
    const store = await open();
    await writeFile(blocked, 'a file where the data directory should be');
    await expect(store.upsert(account('ada@example.com'))).rejects.toThrow();
    expect(warnings.some((warning) => warning.startsWith(`Could not write ${filePath}`))).toBe(true);
    await rm(blocked);
    await store.upsert(account('bob@example.com'));
    expect((await readAccountsFile()).accounts.map((a) => a.email)).toEqual(['ada@example.com', 'bob@example.com']);
  });
});
