import { describe, expect, it } from 'vitest';
import { accountQuotaState, collectAccountLabels, emptyAccountFilter, filterAccounts, pageAccounts } from './filter-accounts.js';
import type { AccountView } from './view-types.js';

function account(email: string, overrides: Partial<AccountView> = {}): AccountView {
  return {
    email,
    status: 'active',
    status_reason: null,
    validation_url: null,
    tier: 'free-tier',
    project_id: null,
    quotas: {},
    quotas_updated_at: null,
    cooldowns: {},
    last_used_at: null,
    last_error: null,
    added_at: '2026-01-01T00:00:00Z',
    upstream_proxy: null,
    labels: [],
    ...overrides,
    tier_class: overrides.tier === null ? 'unknown' : /pro|ultra/.test(overrides.tier ?? 'free-tier') ? 'paid' : 'free',
  };
}
const quota = (remaining_fraction: number) => ({ remaining_fraction, reset_time: null, display_name: null });

const pool = [
  account('alice@team.dev', { tier: 'g1-pro-tier', labels: ['Night'], quotas: { flash: quota(0.9), pro: quota(0.5) } }),
  account('bob@team.dev', { status: 'disabled', quotas: { flash: quota(0) } }),
  account('carol@other.org', { tier: null, labels: ['night', 'eu'], quotas: { flash: quota(0.05) } }),
  account('dave@team.dev', { tier: 'g1-ultra-tier', quotas: { flash: quota(0.3) } }),
];
const emails = (list: AccountView[]) => list.map((entry) => entry.email);

describe('filterAccounts', () => {
  it('searches the email in any case', () => {
    expect(emails(filterAccounts(pool, { ...emptyAccountFilter, search: '  TEAM.dev ' }, 0))).toEqual(['alice@team.dev', 'bob@team.dev', 'dave@team.dev']);
  });

  it('filters by status, tier class and label (any case)', () => {
    expect(emails(filterAccounts(pool, { ...emptyAccountFilter, status: 'disabled' }, 0))).toEqual(['bob@team.dev']);
    expect(emails(filterAccounts(pool, { ...emptyAccountFilter, tier: 'paid' }, 0))).toEqual(['alice@team.dev', 'dave@team.dev']);
    expect(emails(filterAccounts(pool, { ...emptyAccountFilter, tier: 'unknown' }, 0))).toEqual(['carol@other.org']);
    expect(emails(filterAccounts(pool, { ...emptyAccountFilter, label: 'NIGHT' }, 0))).toEqual(['alice@team.dev', 'carol@other.org']);
  });

  it('filters by quota state against the protection threshold', () => {
    expect(emails(filterAccounts(pool, { ...emptyAccountFilter, quota: 'exhausted' }, 10))).toEqual(['bob@team.dev']);
    expect(emails(filterAccounts(pool, { ...emptyAccountFilter, quota: 'protected' }, 10))).toEqual(['carol@other.org']);
    expect(emails(filterAccounts(pool, { ...emptyAccountFilter, quota: 'ok' }, 10))).toEqual(['alice@team.dev', 'dave@team.dev']);
    // Protection off: nothing is protected, the low account is ok.
    expect(emails(filterAccounts(pool, { ...emptyAccountFilter, quota: 'protected' }, 0))).toEqual([]);
    expect(accountQuotaState(account('new@x'), 10)).toBe('unknown');
  });

  it('sorts by the lowest remaining quota of the chosen model, accounts without it last', () => {
    expect(emails(filterAccounts(pool, { ...emptyAccountFilter, sortModel: 'flash' }, 0))).toEqual(['bob@team.dev', 'carol@other.org', 'dave@team.dev', 'alice@team.dev']);
    expect(emails(filterAccounts(pool, { ...emptyAccountFilter, sortModel: 'pro' }, 0))).toEqual(['alice@team.dev', 'bob@team.dev', 'carol@other.org', 'dave@team.dev']);
  });

  it('combines filters and leaves the input list as it was', () => {
    const before = emails(pool);
    expect(emails(filterAccounts(pool, { ...emptyAccountFilter, search: 'team', tier: 'paid', sortModel: 'flash' }, 0))).toEqual(['dave@team.dev', 'alice@team.dev']);
    expect(emails(pool)).toEqual(before);
  });
});

describe('collectAccountLabels', () => {
  it('lists each label once, first spelling, sorted', () => {
    expect(collectAccountLabels(pool)).toEqual(['eu', 'Night']);
  });
});

describe('pageAccounts', () => {
  const many = Array.from({ length: 120 }, (_, i) => account(`u${String(i).padStart(3, '0')}@x`));

  it('cuts pages of the given size and says which rows are shown', () => {
    const second = pageAccounts(many, 1, 50);
    expect(second).toMatchObject({ page: 1, pageCount: 3, first: 51, last: 100 });
    expect(second.items[0]?.email).toBe('u050@x');
    expect(pageAccounts(many, 2, 50)).toMatchObject({ first: 101, last: 120 });
  });

  it('clamps a page past the end (a filter shrank the list) and handles an empty list', () => {
    expect(pageAccounts(many.slice(0, 10), 4, 50)).toMatchObject({ page: 0, pageCount: 1, first: 1, last: 10 });
    expect(pageAccounts([], 3, 50)).toMatchObject({ page: 0, pageCount: 1, first: 0, last: 0, items: [] });
  });
});
