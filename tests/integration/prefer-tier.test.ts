/**
 * proxy.scheduling.prefer_tier on the real gateway against the fake Google, driven by the OpenAI
 * SDK: the preferred tier serves while it can, the other tier is named in the attempt's skipped
 * accounts, and the other tier serves once the preferred one rests.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, testAccount, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
let openai: OpenAI;

beforeAll(async () => {
  world = await startTestGateway({
    accounts: [testAccount({ email: 'free@example.com', tier: 'free-tier' }), testAccount({ email: 'pro@example.com', tier: 'g1-pro-tier' })],
    settings: { 'proxy.auth_mode': 'off', 'proxy.scheduling.mode': 'performance_first' },
  });
  openai = new OpenAI({ baseURL: world.baseUrl, apiKey: 'unused', maxRetries: 0 });
});
afterAll(async () => {
  await world.close();
});

async function lastAttempt(): Promise<{ account: string | null; skipped: Array<{ email: string; reason: string }> }> {
  await expect.poll(async () => (await world.gateway.control.queryLogs({})).items.length, { timeout: 3000 }).toBeGreaterThan(0);
  const [latest] = (await world.gateway.control.queryLogs({})).items;
  const { item } = await world.gateway.control.getLog({ id: String(latest?.id) });
  const attempt = item.attempts[0];
  return { account: attempt?.account_email ?? null, skipped: attempt?.skipped ?? [] };
}

describe('prefer_tier', () => {
  it('paid_first sends every request to the Pro account and logs the free one as passed over for tier', async () => {
    await world.setSetting('proxy.scheduling.prefer_tier', 'paid_first');
    for (let i = 0; i < 4; i += 1) {
      const { response } = await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: `hi ${i}` }] }).withResponse();
      expect(response.status).toBe(200);
    }
    await expect.poll(async () => (await world.gateway.control.queryLogs({})).items.length, { timeout: 3000 }).toBe(4);
    expect(new Set((await world.gateway.control.queryLogs({})).items.map((item) => item.account_email))).toEqual(new Set(['pro@example.com']));
    await world.gateway.control.clearLogs({});
    await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'once more' }] });
    const attempt = await lastAttempt();
    expect(attempt.account).toBe('pro@example.com');
    expect(attempt.skipped).toEqual([{ email: 'free@example.com', reason: 'passed over for tier (paid_first: a usable paid account goes first)' }]);
  });

  it('free_first prefers the free account; when it is disabled the Pro account serves and nobody is passed over for tier', async () => {
    await world.setSetting('proxy.scheduling.prefer_tier', 'free_first');
    await world.gateway.control.clearLogs({});
    await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'free please' }] });
    expect((await lastAttempt()).account).toBe('free@example.com');

    await world.gateway.control.disableAccount({ email: 'free@example.com' });
    await world.gateway.control.clearLogs({});
    await openai.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'anyone' }] });
    const attempt = await lastAttempt();
    expect(attempt.account).toBe('pro@example.com');
    expect(attempt.skipped.some((entry) => entry.reason.includes('tier'))).toBe(false);
    await world.gateway.control.enableAccount({ email: 'free@example.com' });
  });
});
