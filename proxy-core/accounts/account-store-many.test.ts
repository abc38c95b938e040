import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from './account-schema.js';
import { createAccountStore } from './account-store.js';

let directory: string;
let filePath: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'skyport-accounts-many-'));
  filePath = join(directory, 'accounts.json');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const account = (email: string, overrides: Partial<Account> = {}): Account => ({
  email,
  refreshToken: `1//token-of-${email}`,
  status: 'active',
  addedAt: '2026-01-01T00:00:00.000Z',
  quotas: {},
  cooldowns: {},
  ...overrides,
});

async function open(accounts: Account[]) {
  const store = await createAccountStore({ filePath, logger: { warn: () => {} } });
  await store.upsertMany(accounts);
  let notified = 0;
  store.onChange(() => {
    notified += 1;
  });
  return { store, notified: () => notified };
}

describe('updateMany and removeMany', () => {
  it('applies every patch as one change and one file, undefined for an unknown email', async () => {
    const { store, notified } = await open([account('a@x'), account('b@x')]);
    const results = await store.updateMany([
      { email: 'A@X', patch: { status: 'disabled' } },
      { email: 'nobody@x', patch: { status: 'disabled' } },
      { email: 'b@x', patch: (current) => ({ labels: [...(current.labels ?? []), 'night'] }) },
    ]);
    expect(results.map((result) => result?.email)).toEqual(['a@x', undefined, 'b@x']);
    expect(notified()).toBe(1);
    const file = JSON.parse(await readFile(filePath, 'utf8')) as { accounts: Account[] };
    expect(file.accounts.map((entry) => [entry.email, entry.status, entry.labels ?? []])).toEqual([
      ['a@x', 'disabled', []],
      ['b@x', 'active', ['night']],
    ]);
  });

  it('changes nothing when one patch is invalid', async () => {
    const { store, notified } = await open([account('a@x'), account('b@x')]);
    await expect(store.updateMany([{ email: 'a@x', patch: { status: 'disabled' } }, { email: 'b@x', patch: { labels: ['x'.repeat(41)] } }])).rejects.toThrow(/Invalid account/);
    expect(notified()).toBe(0);
    expect(store.list().map((entry) => entry.status)).toEqual(['active', 'active']);
  });

  it('removes several accounts in one change; a duplicate or unknown email is false', async () => {
    const { store, notified } = await open([account('a@x'), account('b@x'), account('c@x')]);
    expect(await store.removeMany(['a@x', 'C@x', 'a@x', 'nobody@x'])).toEqual([true, true, false, false]);
    expect(notified()).toBe(1);
    expect(store.list().map((entry) => entry.email)).toEqual(['b@x']);
  });

  it('a file written before labels existed loads as it is, and a label can be added', async () => {
    await writeFile(filePath, JSON.stringify({ version: 1, accounts: [account('old@x')] }));
    const store = await createAccountStore({ filePath, logger: { warn: () => {} } });
    expect(store.get('old@x')).toMatchObject({ email: 'old@x', status: 'active' });
    expect(store.get('old@x')?.labels).toBeUndefined();
    await store.updateMany([{ email: 'old@x', patch: { labels: ['kept'] } }]);
    expect(store.get('old@x')?.labels).toEqual(['kept']);
  });
});
