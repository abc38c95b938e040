/**
 * Quota protection, alerts and warm-up, end to end: a real gateway with two accounts against the
 * fake Google (quota figures come from its fetchAvailableModels), driven by the official SDKs and
 * the admin API a user's console uses.
 */
import OpenAI from 'openai';
import { GoogleGenAI } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import { permissionDeniedError } from '../fakes/fake-google-errors.js';
import type { FakeAccountOptions } from '../fakes/fake-google-types.js';
import { sampleValue, validatePrometheusText } from './validate-prometheus-text.js';
import { startTestGateway, testAccount, type TestGateway } from './start-test-gateway.js';

let world: TestGateway | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const withFlash = (account: FakeAccountOptions, remainingFraction: number): FakeAccountOptions => ({
  ...account,
  quotas: { 'gemini-3-flash': { remainingFraction, resetTime: inAnHour() } },
});

async function control(gateway: TestGateway, operation: string, body: unknown = {}) {
  const response = await fetch(`${gateway.origin}/api/admin/control/${operation}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gateway.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Two accounts, quotas read once, protection at 20 %. */
async function twoAccounts(low: number, high: number, mode: 'strict' | 'fallback' = 'strict') {
  const lowAccount = withFlash(testAccount(), low);
  const highAccount = withFlash(testAccount(), high);
  world = await startTestGateway({
    accounts: [lowAccount, highAccount],
    settings: { 'accounts.quota_protection_percent': 20, 'accounts.quota_protection_mode': mode },
  });
  await world.gateway.refreshQuotas();
  return { world, lowAccount, highAccount };
}

const chat = (gateway: TestGateway, content: string) =>
  new OpenAI({ baseURL: gateway.baseUrl, apiKey: gateway.apiKey, maxRetries: 0 }).chat.completions
    .create({ model: 'gemini-3-flash', messages: [{ role: 'user', content }] })
    .withResponse();

describe('quota protection', () => {
  it('keeps a low account out of a model and logs it as quota_protected', async () => {
    const { world, lowAccount, highAccount } = await twoAccounts(0.1, 0.8);
    for (let index = 0; index < 6; index += 1) {
      const { response } = await chat(world, `conversation ${index}`);
      expect(response.headers.get('x-account-email')).toBe(highAccount.email);
    }
    expect(world.fake.requestsTo('streamGenerateContent').filter((request) => request.account === lowAccount.email)).toHaveLength(0);
    // Other models are not protected on that account.
    const gemini = new GoogleGenAI({ apiKey: world.apiKey, httpOptions: { baseUrl: world.origin } });
    await gemini.models.generateContent({ model: 'gemini-3-pro-high', contents: 'hi' });
    const logs = await control(world, 'queryLogs', { model: 'gemini-3-flash' });
    const [latest] = logs.body.items as Array<{ id: string }>;
    const detail = await control(world, 'getLog', { id: latest?.id });
    const attempts = (detail.body.item as { attempts: Array<{ skipped: Array<{ email: string; reason: string }> }> }).attempts;
    expect(attempts[0]?.skipped).toEqual([{ email: lowAccount.email, reason: 'quota_protected: 10% of gemini-3-flash left, below 20%' }]);
  });

  it('strict: with every account protected the client gets 429 saying so; fallback: the one with the most left serves', async () => {
    const { world, highAccount } = await twoAccounts(0.05, 0.15);
    const client = new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 });
    const refused = await client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.APIError);
    const apiError = refused as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(429);
    expect(apiError.message).toContain('accounts.quota_protection_percent');
    expect(Number(apiError.headers?.get('retry-after'))).toBeGreaterThan(3000);
    expect(world.fake.requestsTo('streamGenerateContent')).toHaveLength(0);

    expect((await control(world, 'updateSettings', { accounts: { quota_protection_mode: 'fallback' } })).status).toBe(200);
    const { response } = await chat(world, 'again');
    expect(response.headers.get('x-account-email')).toBe(highAccount.email);
  });

  it('refuses a bad threshold, mode or warm-up time with a 400 naming the field, and stores nothing', async () => {
    world = await startTestGateway();
    const before = world.gateway.settingsStore.get().accounts;
    for (const [field, value] of [
      ['quota_protection_percent', 100],
      ['quota_protection_percent', -1],
      ['quota_protection_percent', 12.5],
      ['quota_protection_mode', 'lenient'],
      ['warmup', '25:00'],
      ['warmup', 'sometimes'],
    ] as const) {
      const { status, body } = await control(world, 'updateSettings', { accounts: { [field]: value } });
      expect(status, `${field}=${value}`).toBe(400);
      expect((body.error as { param: string }).param).toBe(`accounts.${field}`);
    }
    expect(world.gateway.settingsStore.get().accounts).toEqual(before);
    const accepted = await control(world, 'updateSettings', { accounts: { quota_protection_percent: 15, warmup: '09:30' } });
    expect(accepted.body.settings).toMatchObject({ accounts: { quota_protection_percent: 15, quota_protection_mode: 'strict', warmup: '09:30' } });
  });
});

describe('alerts', () => {
  it('sends an alert event when an account falls below the threshold, when one leaves the pool and when nothing serves a model', async () => {
    const { world, lowAccount, highAccount } = await twoAccounts(0.5, 0.9);
    const abort = new AbortController();
    const response = await fetch(`${world.origin}/api/admin/events?types=alert`, { headers: { authorization: `Bearer ${world.adminToken}` }, signal: abort.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (done: () => boolean) => {
      while (!done()) {
        const next = await reader.read();
        if (next.done) throw new Error('stream ended');
        text += decoder.decode(next.value, { stream: true });
      }
    };
    const readAlerts = async (count: number) => {
      await readUntil(() => (text.match(/event: alert\ndata: .*\n/g) ?? []).length >= count);
      return [...text.matchAll(/event: alert\ndata: (.*)\n/g)].map((match) => JSON.parse(match[1] as string) as Record<string, unknown>);
    };
    try {
      await readUntil(() => text.includes(': connected'));
      world.fake.addAccount(withFlash(lowAccount, 0.08));
      await control(world, 'refreshQuota', { email: lowAccount.email });
      const [low] = await readAlerts(1);
      expect(low).toMatchObject({ kind: 'quota_low', severity: 'warning', account: lowAccount.email, model: 'gemini-3-flash' });
      expect(low?.message).toContain('8% of');
      expect(low).toHaveProperty('id');
      expect(low).toHaveProperty('at');
      // Read again, still low: no second alert for the same crossing.
      await control(world, 'refreshQuota', { email: lowAccount.email });

      world.fake.enqueue(permissionDeniedError(), highAccount.email);
      await chat(world, 'hello').catch(() => undefined);
      // With the other account protected, nothing serves gemini-3-flash any more: that is news too.
      const alerts = await readAlerts(3);
      expect(alerts.map((alert) => [alert.kind, alert.account ?? alert.model])).toEqual([
        ['quota_low', lowAccount.email],
        ['account_left_pool', highAccount.email],
        ['model_unavailable', 'gemini-3-flash'],
      ]);
      expect(alerts[1]).toMatchObject({ severity: 'error' });
      // A console opened now still sees them, newest first.
      const listed = await control(world, 'listAlerts');
      expect((listed.body.items as Array<{ id: string }>).map((item) => item.id)).toEqual(alerts.map((alert) => alert.id).reverse());
    } finally {
      abort.abort();
    }
  });

  it('/metrics reports the remaining share per account and model', async () => {
    const { world, lowAccount } = await twoAccounts(0.25, 0.9);
    const response = await fetch(`${world.origin}/metrics`, { headers: { authorization: `Bearer ${world.apiKey}` } });
    const families = await validatePrometheusText(await response.text());
    expect(sampleValue(families, 'skyport_quota_remaining_ratio', { account: lowAccount.email, model: 'gemini-3-flash' })).toBe(0.25);
    expect(sampleValue(families, 'skyport_quota_remaining_ratio', { account: lowAccount.email, model: 'claude-sonnet-4-5' })).toBe(1);
  });
});

describe('warm-up', () => {
  it('warms each model family on every account through the pool, logged as warmup, skipping protected models', async () => {
    const { world, lowAccount, highAccount } = await twoAccounts(0.1, 0.9);
    const response = await fetch(`${world.origin}/api/admin/accounts/warmup`, { method: 'POST', headers: { authorization: `Bearer ${world.adminToken}` } });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: Array<{ email: string; model: string; status: string; detail: string | null }> };
    const byAccount = (email: string) => results.filter((result) => result.email === email).map((result) => [result.model, result.status]);
    expect(byAccount(highAccount.email)).toEqual([
      ['gemini-3-flash', 'warmed'],
      ['gemini-3-pro-high', 'warmed'],
      ['claude-sonnet-4-5', 'warmed'],
    ]);
    expect(byAccount(lowAccount.email)).toEqual([
      ['gemini-3-flash', 'skipped'],
      ['gemini-3-pro-high', 'warmed'],
      ['claude-sonnet-4-5', 'warmed'],
    ]);
    const upstream = world.fake.requestsTo('streamGenerateContent').map((request) => `${request.account} ${(request.body as { model: string }).model}`);
    expect(upstream.sort()).toEqual(
      [
        `${highAccount.email} gemini-3-flash`,
        `${highAccount.email} gemini-3-pro-high`,
        `${highAccount.email} claude-sonnet-4-5`,
        `${lowAccount.email} gemini-3-pro-high`,
        `${lowAccount.email} claude-sonnet-4-5`,
      ].sort(),
    );
    const logs = await control(world, 'queryLogs', { protocol: 'warmup' });
    const items = logs.body.items as Array<{ protocol: string; path: string; status: number; account_email: string; mapped_model: string }>;
    expect(items).toHaveLength(5);
    expect(items.every((item) => item.protocol === 'warmup' && item.path === '/warmup' && item.status === 200)).toBe(true);

    const one = await fetch(`${world.origin}/api/admin/accounts/${encodeURIComponent(highAccount.email)}/warmup`, { method: 'POST', headers: { authorization: `Bearer ${world.adminToken}` } });
    expect(((await one.json()) as { results: unknown[] }).results).toHaveLength(3);
    const missing = await fetch(`${world.origin}/api/admin/accounts/nobody%40example.com/warmup`, { method: 'POST', headers: { authorization: `Bearer ${world.adminToken}` } });
    expect(missing.status).toBe(404);
  });
});
