/**
 * Quota errors as Google sends them, with and without `quotaResetTimeStamp` in their ErrorInfo:
 * the account rests until the reset the error names (the timestamp, else the RetryInfo delay) and
 * the request is served by another account without the client noticing.
 */
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { quotaExhaustedError, rateLimitError } from '../fakes/fake-google-errors.js';
import { startTestGateway, testAccount, type TestGateway } from './start-test-gateway.js';

let world: TestGateway | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const question = { model: 'gemini-3-flash', messages: [{ role: 'user' as const, content: 'hello' }] };

async function limitedThenServed(error: Parameters<TestGateway['fake']['enqueue']>[0]): Promise<{ restedFor: number; servedBy: string | null; limited: string }> {
  const limited = testAccount();
  const healthy = testAccount();
  world = await startTestGateway({ accounts: [limited, healthy] });
  await world.setSetting('proxy.preferred_account', limited.email);
  world.fake.enqueue(error, limited.email);
  const before = Date.now();
  const { response } = await new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 }).chat.completions.create(question).withResponse();
  const cooldown = world.gateway.accountStore.get(limited.email)?.cooldowns['gemini-3-flash'];
  return { restedFor: Date.parse(cooldown?.until ?? '') - before, servedBy: response.headers.get('x-account-email'), limited: limited.email };
}

describe('quota errors with and without a reset timestamp', () => {
  it('QUOTA_EXHAUSTED without quotaResetTimeStamp rests the account for its RetryInfo delay (2 h), not a guessed step', async () => {
    const result = await limitedThenServed(quotaExhaustedError({ resetDelay: '2h', resetTimeStamp: false }));
    expect(result.servedBy).not.toBe(result.limited);
    expect(result.restedFor).toBeGreaterThan(2 * 3600_000 - 60_000);
    expect(result.restedFor).toBeLessThan(2 * 3600_000 + 60_000);
    expect(world?.gateway.accountStore.get(result.limited)?.cooldowns['gemini-3-flash']).toMatchObject({ reason: 'quota_exhausted' });
  });

  it('QUOTA_EXHAUSTED with quotaResetTimeStamp rests it until that time', async () => {
    const result = await limitedThenServed(quotaExhaustedError({ resetDelay: '5h' }));
    expect(result.servedBy).not.toBe(result.limited);
    expect(result.restedFor).toBeGreaterThan(5 * 3600_000 - 60_000);
    expect(result.restedFor).toBeLessThan(5 * 3600_000 + 60_000);
  });

  it('RATE_LIMIT_EXCEEDED without quotaResetTimeStamp rests it for the RetryInfo delay', async () => {
    const result = await limitedThenServed(rateLimitError({ retryDelay: '90s', resetTimeStamp: false }));
    expect(result.servedBy).not.toBe(result.limited);
    expect(result.restedFor).toBeGreaterThan(90_000 - 10_000);
    expect(result.restedFor).toBeLessThan(90_000 + 10_000);
    expect(world?.gateway.accountStore.get(result.limited)?.cooldowns['gemini-3-flash']).toMatchObject({ reason: 'rate_limited' });
  });
});
