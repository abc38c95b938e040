import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../accounts/account-schema.js';
import { createAccountStore, type AccountStore } from '../accounts/account-store.js';
import type { QuotaRefreshResult } from '../accounts/quota-refresher.js';
import { GatewayError } from '../errors/gateway-error.js';
import { runBulkAccountAction } from './run-bulk-account-action.js';

let directory: string;
let filePath: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'skyport-bulk-'));
  filePath = join(directory, 'accounts.json');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function account(email: string, overrides: Partial<Account> = {}): Account {
  return { email, refreshToken: `1//token-of-${email}`, status: 'active', addedAt: '2026-01-01T00:00:00.000Z', quotas: {}, cooldowns: {}, ...overrides };
}

async function storeWith(accounts: Account[]): Promise<{ store: AccountStore; changes: () => number }> {
  const store = await createAccountStore({ filePath, logger: { warn: () => {} } });
  await store.upsertMany(accounts);
  let changes = 0;
  store.onChange(() => {
    changes += 1;
  });
  return { store, changes: () => changes };
}

const noRefresh = async (): Promise<QuotaRefreshResult[]> => [];

describe('runBulkAccountAction', () => {
  it('disables many accounts in one store change, with a result per email in the order given', async () => {
    const { store, changes } = await storeWith([account('a@x'), account('b@x'), account('c@x')]);
    const results = await runBulkAccountAction({ store, refreshQuotas: noRefresh }, { emails: ['C@x', 'a@x', 'missing@x'], action: 'disable' });
    expect(results).toEqual([
      { email: 'c@x', ok: true, error: null },
      { email: 'a@x', ok: true, error: null },
      { email: 'missing@x', ok: false, error: 'No account missing@x.' },
    ]);
    expect(changes()).toBe(1);
    expect(store.list().map((entry) => [entry.email, entry.status])).toEqual([
      ['a@x', 'disabled'],
      ['b@x', 'active'],
      ['c@x', 'disabled'],
    ]);
    await store.flush();
    const file = JSON.parse(await readFile(filePath, 'utf8')) as { accounts: Account[] };
    expect(file.accounts.filter((entry) => entry.status === 'disabled')).toHaveLength(2);
  });

  it('enables all but a revoked account, which says why; cooldowns of the enabled ones are cleared', async () => {
    const cooldowns = { '*': { until: '2099-01-01T00:00:00Z', reason: 'rate_limited', strikes: 2 } };
    const { store } = await storeWith([account('a@x', { status: 'disabled', cooldowns }), account('r@x', { status: 'revoked' })]);
    const results = await runBulkAccountAction({ store, refreshQuotas: noRefresh }, { emails: ['a@x', 'r@x'], action: 'enable' });
    expect(results[0]).toEqual({ email: 'a@x', ok: true, error: null });
    expect(results[1]).toMatchObject({ email: 'r@x', ok: false, error: expect.stringContaining('revoked') });
    expect(store.get('a@x')).toMatchObject({ status: 'active', cooldowns: {} });
    expect(store.get('r@x')?.status).toBe('revoked');
  });

  it('removes the selected accounts in one change; a duplicate email is answered once', async () => {
    const { store, changes } = await storeWith([account('a@x'), account('b@x'), account('c@x')]);
    const results = await runBulkAccountAction({ store, refreshQuotas: noRefresh }, { emails: ['a@x', 'A@X', 'c@x'], action: 'remove' });
    expect(results).toEqual([
      { email: 'a@x', ok: true, error: null },
      { email: 'c@x', ok: true, error: null },
    ]);
    expect(changes()).toBe(1);
    expect(store.list().map((entry) => entry.email)).toEqual(['b@x']);
  });

  it('adds and removes a label without touching other labels; a blank label is refused per account', async () => {
    const { store } = await storeWith([account('a@x', { labels: ['team-a'] }), account('b@x')]);
    await runBulkAccountAction({ store, refreshQuotas: noRefresh }, { emails: ['a@x', 'b@x'], action: 'add_label', label: ' Night ' });
    expect(store.get('a@x')?.labels).toEqual(['team-a', 'Night']);
    expect(store.get('b@x')?.labels).toEqual(['Night']);
    await runBulkAccountAction({ store, refreshQuotas: noRefresh }, { emails: ['a@x'], action: 'remove_label', label: 'night' });
    expect(store.get('a@x')?.labels).toEqual(['team-a']);
    const blank = await runBulkAccountAction({ store, refreshQuotas: noRefresh }, { emails: ['a@x'], action: 'add_label', label: '  ' });
    expect(blank).toEqual([{ email: 'a@x', ok: false, error: 'A label is required.' }]);
  });

  it('refreshes quotas a few at a time and reports each failure by email', async () => {
    const emails = Array.from({ length: 9 }, (_, i) => `u${i}@x`);
    const { store } = await storeWith(emails.map((email) => account(email)));
    let running = 0;
    let most = 0;
    const refreshQuotas = vi.fn(async (email: string): Promise<QuotaRefreshResult[]> => {
      running += 1;
      most = Math.max(most, running);
      await Promise.resolve();
      running -= 1;
      if (email === 'u3@x') return [{ email, ok: false, error: new GatewayError('upstream', 'Google said no') }];
      if (email === 'u4@x') throw new GatewayError('upstream', 'socket hang up');
      return [{ email, ok: true, account: store.get(email) as Account }];
    });
    const results = await runBulkAccountAction({ store, refreshQuotas, concurrency: 3 }, { emails, action: 'refresh_quota' });
    expect(refreshQuotas).toHaveBeenCalledTimes(9);
    expect(most).toBeLessThanOrEqual(3);
    expect(results.filter((result) => result.ok)).toHaveLength(7);
    expect(results[3]).toEqual({ email: 'u3@x', ok: false, error: 'Google said no' });
    expect(results[4]).toEqual({ email: 'u4@x', ok: false, error: 'socket hang up' });
  });
});
