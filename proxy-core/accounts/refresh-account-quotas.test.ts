import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from './account-schema.js';
import { createAccountStore, type AccountStore } from './account-store.js';
import { refreshAccountQuotas, type RefreshAccountQuotasDependencies } from './refresh-account-quotas.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { FetchAvailableModelsResponse, UpstreamCallContext } from '../upstream/cloud-code-api.js';
import { classifyUpstreamError } from '../upstream/classify-upstream-error.js';

let directory: string;
let store: AccountStore;
let calls: Array<{ context: UpstreamCallContext; project: string | undefined }>;

const now = Date.parse('2026-03-04T05:06:07.000Z');

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'skyport-refresh-quotas-'));
  store = await createAccountStore({ filePath: join(directory, 'accounts.json'), logger: { warn: () => undefined } });
  calls = [];
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function account(overrides: Partial<Account> = {}): Account {
  return {
    email: 'ada@example.com',
    refreshToken: '1//ada',
    projectId: 'proj-1',
    status: 'active',
    addedAt: '2026-01-01T00:00:00.000Z',
    quotas: { 'gemini-3-flash': { remainingFraction: 0.1 } },
    cooldowns: {},
    ...overrides,
  };
}

const models: FetchAvailableModelsResponse = {
  models: {
    'gemini-3-flash': { displayName: 'Gemini 3 Flash', quotaInfo: { remainingFraction: 0.75, resetTime: '2026-03-04T10:00:00Z' } },
    'claude-opus-4-6-thinking': { quotaInfo: { resetTime: '2026-03-05T00:00:00Z' } },
    chat_20706: { quotaInfo: { remainingFraction: 1 } },
  },
};

function deps(answers: Array<FetchAvailableModelsResponse | Error>): RefreshAccountQuotasDependencies {
  return {
    store,
    now: () => now,
    accessToken: async (email) => `ya29.token-of-${email}`,
    api: {
      fetchAvailableModels: async (context, project) => {
        calls.push({ context, project });
        const answer = answers.shift();
        if (answer === undefined) throw new Error('no answer scripted');
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
  };
}

const forbidden = (reason?: string, validationUrl?: string) =>
  classifyUpstreamError({ status: 403, message: 'The caller does not have permission', ...(reason ? { reason } : {}), ...(validationUrl ? { validationUrl } : {}) });

describe('refreshAccountQuotas', () => {
  it("stores the account's quotas from fetchAvailableModels, asked with its token, project and proxy", async () => {
    await store.upsert(account({ upstreamProxy: 'socks5://127.0.0.1:1080' }));
    const updated = await refreshAccountQuotas(deps([models]), 'ADA@example.com');
    expect(updated.quotas).toEqual({
      'gemini-3-flash': { remainingFraction: 0.75, resetTime: '2026-03-04T10:00:00Z', displayName: 'Gemini 3 Flash' },
      'claude-opus-4-6-thinking': { remainingFraction: 0, resetTime: '2026-03-05T00:00:00Z' },
    });
    expect(updated.quotasUpdatedAt).toBe('2026-03-04T05:06:07.000Z');
    expect(store.get('ada@example.com')).toEqual(updated);
    expect(calls).toEqual([{ context: { accessToken: 'ya29.token-of-ada@example.com', proxyUrl: 'socks5://127.0.0.1:1080' }, project: 'proj-1' }]);
  });

  it('a 403 marks the account forbidden and resolves (after one try without the project)', async () => {
    await store.upsert(account());
    const updated = await refreshAccountQuotas(deps([forbidden(), forbidden()]), 'ada@example.com');
    expect(updated).toMatchObject({ status: 'forbidden', statusReason: 'The upstream refused the Google account (HTTP 403)' });
    expect(updated.lastError).toMatch(/^Quota refresh failed: /);
    expect(updated.quotas).toEqual(account().quotas);
    expect(calls.map((call) => call.project)).toEqual(['proj-1', undefined]);
  });

  it('an account refused only with its project is served without it', async () => {
    await store.upsert(account());
    const updated = await refreshAccountQuotas(deps([forbidden(), models]), 'ada@example.com');
    expect(updated.status).toBe('active');
    expect(Object.keys(updated.quotas)).toContain('gemini-3-flash');
  });

  it('VALIDATION_REQUIRED marks validation_required with the URL, without a second try', async () => {
    await store.upsert(account());
    const updated = await refreshAccountQuotas(deps([forbidden('VALIDATION_REQUIRED', 'https://example.com/validate')]), 'ada@example.com');
    expect(updated).toMatchObject({ status: 'validation_required', validationUrl: 'https://example.com/validate' });
    expect(calls).toHaveLength(1);
  });

  it('a successful read brings a forbidden account back and clears its quota error', async () => {
    await store.upsert(
      account({ status: 'validation_required', statusReason: 'verify', validationUrl: 'https://example.com/v', lastError: 'Quota refresh failed: 403' }),
    );
    const updated = await refreshAccountQuotas(deps([models]), 'ada@example.com');
    expect(updated.status).toBe('active');
    expect(updated.statusReason).toBeUndefined();
    expect(updated.validationUrl).toBeUndefined();
    expect(updated.lastError).toBeUndefined();
  });

  it("never overrides the user's disable: a 403 only records the error, a success keeps it disabled", async () => {
    await store.upsert(account({ status: 'disabled', statusReason: 'Disabled by user' }));
    expect(await refreshAccountQuotas(deps([forbidden(), forbidden()]), 'ada@example.com')).toMatchObject({ status: 'disabled', statusReason: 'Disabled by user' });
    expect(await refreshAccountQuotas(deps([models]), 'ada@example.com')).toMatchObject({ status: 'disabled' });
  });

  it('other failures are recorded as the last error and thrown; the quotas stay', async () => {
    await store.upsert(account());
    const failure = new GatewayError('overloaded', 'Upstream overloaded: no capacity');
    await expect(refreshAccountQuotas(deps([failure]), 'ada@example.com')).rejects.toBe(failure);
    expect(store.get('ada@example.com')).toMatchObject({ status: 'active', lastError: 'Quota refresh failed: Upstream overloaded: no capacity', quotas: account().quotas });
  });

  it('an unknown account is not_found', async () => {
    await expect(refreshAccountQuotas(deps([]), 'nobody@example.com')).rejects.toMatchObject({ kind: 'not_found' });
  });
});
