/** The retry loop with fake time and a scripted upstream: who is called, how long it waits, what is recorded. */
import { describe, expect, it } from 'vitest';
import { createAccountScheduler } from '../accounts/account-scheduler.js';
import type { Account } from '../accounts/account-schema.js';
import { GatewayError, type UpstreamFailure } from '../errors/gateway-error.js';
import type { GenerationEvent } from '../canonical/generation-event.js';
import type { GeminiResponseChunk } from '../canonical/gemini-schemas.js';
import { createSignatureCache } from '../signatures/signature-cache.js';
import type { CloudCodeApi } from '../upstream/cloud-code-api.js';
import { createGenerationRunner, type AttemptRecord } from './run-generation.js';

/** Per call: an error, a normal answer, or a 200 stream with usage and no content (retried elsewhere). */
type Script = Array<UpstreamFailure | 'ok' | 'empty'>;
const t0 = Date.parse('2026-11-26T12:00:00Z');

async function* answer(): AsyncGenerator<GeminiResponseChunk> {
  yield { candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }] } }], usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1 } };
  yield { candidates: [{ content: { role: 'model', parts: [{ text: ' there' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 2 } };
}

async function* emptyAnswer(): AsyncGenerator<GeminiResponseChunk> {
  yield { usageMetadata: { promptTokenCount: 7 } };
}

function world(emails: string[], scripts: Record<string, Script>, mode: 'balance' | 'cache_first' = 'balance') {
  let time = t0;
  let accounts: Account[] = emails.map((email) => ({ email, refreshToken: 'r', status: 'active', addedAt: '', quotas: {}, cooldowns: {} }));
  const calls: string[] = [];
  const sleeps: number[] = [];
  const tokenFor = new Map<string, string>();
  const api = {
    async streamGenerateContent(context: { accessToken: string }) {
      const email = tokenFor.get(context.accessToken) as string;
      calls.push(email);
      const step = scripts[email]?.shift() ?? 'ok';
      if (step === 'ok') return { baseUrl: 'fake', chunks: answer() };
      if (step === 'empty') return { baseUrl: 'fake', chunks: emptyAnswer() };
      throw new GatewayError(step.status === 429 ? 'rate_limit' : 'upstream', step.message, { upstream: step });
    },
  } as unknown as CloudCodeApi;
  const scheduler = createAccountScheduler({ accounts: () => accounts, settings: () => ({ mode, maxWaitSeconds: 60, preferredAccount: '' }), now: () => time, random: () => 0 });
  const run = createGenerationRunner({
    scheduler,
    accounts: () => accounts,
    updateAccount: async (email, patch) => {
      accounts = accounts.map((account) => (account.email === email ? { ...account, ...(typeof patch === 'function' ? patch(account) : patch) } : account));
    },
    accessToken: async (email) => {
      tokenFor.set(`token-${email}`, email);
      return `token-${email}`;
    },
    invalidateAccessToken: () => {},
    api,
    signatures: createSignatureCache(),
    settings: () => ({ maxAttempts: 3, requestTimeoutSeconds: 120 }),
    now: () => time,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
    },
  });
  const attempts: AttemptRecord[] = [];
  return {
    calls,
    sleeps,
    attempts,
    accounts: () => accounts,
    coolDown(email: string, ms: number) {
      accounts = accounts.map((account) =>
        account.email === email ? { ...account, cooldowns: { 'gemini-3-flash': { until: new Date(time + ms).toISOString(), reason: 'rate_limited', strikes: 1 } } } : account,
      );
    },
    advance: (ms: number) => {
      time += ms;
    },
    run: (sessionKey?: string, onEvent?: (event: GenerationEvent) => void) =>
      run({
        upstreamModel: 'gemini-3-flash',
        request: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] },
        signal: new AbortController().signal,
        onAttempt: (attempt) => attempts.push(attempt),
        ...(sessionKey === undefined ? {} : { sessionKey }),
        ...(onEvent === undefined ? {} : { onEvent }),
      }),
  };
}

const limit = (retryDelayMs?: number): UpstreamFailure => ({ status: 429, reason: 'RATE_LIMIT_EXCEEDED', message: 'limited', ...(retryDelayMs === undefined ? {} : { retryDelayMs }) });

describe('runGeneration', () => {
  it('tells onEvent of every event as it is handed out, and of none from an attempt that failed before content', async () => {
    const w = world(['a', 'b'], { a: ['empty'] });
    const heard: string[] = [];
    const result = await w.run(undefined, (event) => heard.push(event.type === 'text-delta' ? `text:${event.text}` : event.type));
    expect(w.calls).toEqual(['a', 'b']);
    // The peeked batch is told of when it is read, not before.
    expect(heard).toEqual([]);
    const read: string[] = [];
    for await (const event of result.events) read.push(event.type === 'text-delta' ? `text:${event.text}` : event.type);
    expect(read).toEqual(['start', 'text:hi', 'usage', 'text: there', 'usage', 'finish']);
    expect(heard).toEqual(read);
  });

  it('retries the same account after a short 429 delay', async () => {
    const w = world(['a'], { a: [limit(800)] });
    const result = await w.run();
    expect(result.accountEmail).toBe('a');
    expect(w.calls).toEqual(['a', 'a']);
    expect(w.sleeps).toEqual([800]);
  });

  it('cools a limited account down, rotates, and does not call it again before the reset', async () => {
    const w = world(['a', 'b'], { a: [limit(30_000)] });
    const first = await w.run();
    expect(first.accountEmail).toBe('b');
    expect(w.accounts().find((account) => account.email === 'a')?.cooldowns['gemini-3-flash']).toMatchObject({ reason: 'rate_limited', strikes: 1 });
    for (let index = 0; index < 5; index += 1) await w.run();
    expect(w.calls.filter((email) => email === 'a')).toHaveLength(1);
    w.advance(30_000);
    await w.run();
    await w.run();
    expect(w.calls.filter((email) => email === 'a').length).toBeGreaterThan(1);
  });

  it('answers 429 with the time until the earliest reset when every account is limited', async () => {
    const w = world(['a', 'b'], { a: [limit(50_000)], b: [limit(20_000)] });
    const error = await w.run().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterSeconds: 20 });
    expect((error as Error).message).not.toMatch(/@|\ba\b.*\bb\b/);
    const again = await w.run().catch((caught: unknown) => caught);
    expect(again).toMatchObject({ retryAfterSeconds: 20 });
    expect(w.calls).toEqual(['a', 'b']);
  });

  it('never resets cooldowns optimistically: a limited pool stays untouched until the reset', async () => {
    const w = world(['a'], { a: [limit(10_000)] });
    await w.run().catch(() => {});
    for (let index = 0; index < 3; index += 1) await w.run().catch(() => {});
    expect(w.calls).toEqual(['a']);
  });

  it('marks a 403 account forbidden and serves from another', async () => {
    const w = world(['a', 'b'], { a: [{ status: 403, message: 'You do not have a valid license' }] });
    expect((await w.run()).accountEmail).toBe('b');
    expect(w.accounts()[0]).toMatchObject({ status: 'forbidden', statusReason: 'You do not have a valid license' });
  });

  it('records every attempt with the rule that handled it and the accounts passed over', async () => {
    const w = world(['a', 'b'], { a: [{ status: 500, message: 'Internal error encountered.' }] });
    await w.run();
    expect(w.attempts).toEqual([
      { accountEmail: 'a', outcome: 'failed', status: 500, message: 'Internal error encountered.', rule: 'server or network failure: back off and rotate', waitedMs: 0, skipped: [] },
      { accountEmail: 'b', outcome: 'ok', waitedMs: 250, skipped: [{ email: 'a', reason: 'already failed this request' }] },
    ]);
  });

  it('one account on a flaky upstream: a bare 503 is retried on it after a short back-off and rests nothing', async () => {
    const unavailable: UpstreamFailure = { status: 503, rpcStatus: 'UNAVAILABLE', message: 'The service is currently unavailable.' };
    const w = world(['a'], { a: [unavailable, { status: 500, rpcStatus: 'INTERNAL', message: 'Internal error encountered.' }] });
    const result = await w.run();
    expect(result.accountEmail).toBe('a');
    expect(w.calls).toEqual(['a', 'a', 'a']);
    expect(w.sleeps).toEqual([250, 500]);
    expect(w.accounts()[0]?.cooldowns).toEqual({});
    expect(w.attempts.map((attempt) => attempt.rule ?? attempt.outcome)).toEqual([
      '503 unavailable, no other account: jittered back-off, retry same account',
      'server or network failure, no other account: jittered back-off, retry same account',
      'ok',
    ]);
    // The next request goes straight to the account: no cooldown was left behind.
    await w.run();
    expect(w.sleeps).toEqual([250, 500]);
  });

  it('one account that keeps failing: at most proxy.max_attempts calls, then the last error', async () => {
    const unavailable: UpstreamFailure = { status: 503, rpcStatus: 'UNAVAILABLE', message: 'The service is currently unavailable.' };
    const w = world(['a'], { a: [unavailable, unavailable, unavailable, unavailable] });
    const error = await w.run().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ message: 'The service is currently unavailable.' });
    expect(w.calls).toEqual(['a', 'a', 'a']);
  });

  it('one account out of capacity for long: the client is told to come back, with Retry-After', async () => {
    const w = world(['a'], { a: [{ status: 503, reason: 'MODEL_CAPACITY_EXHAUSTED', rpcStatus: 'UNAVAILABLE', message: 'No capacity available', retryDelayMs: 40_000 }] });
    const error = await w.run().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ message: 'No capacity available', retryAfterSeconds: 40 });
    expect(w.calls).toEqual(['a']);
    expect(w.sleeps).toEqual([]);
    expect(w.attempts[0]?.rule).toBe('503 capacity, no other account: answer overloaded with Retry-After');
  });

  it('one account out of capacity with no delay named: Retry-After 10 s and no cooldown', async () => {
    const w = world(['a'], { a: [{ status: 503, reason: 'MODEL_CAPACITY_EXHAUSTED', message: 'No capacity available' }] });
    expect(await w.run().catch((caught: unknown) => caught)).toMatchObject({ message: 'No capacity available', retryAfterSeconds: 10 });
    expect(w.accounts()[0]?.cooldowns).toEqual({});
    expect((await w.run()).accountEmail).toBe('a');
  });

  it('one account out of capacity for a moment: waits the upstream delay and retries it', async () => {
    const w = world(['a'], { a: [{ status: 503, reason: 'MODEL_CAPACITY_EXHAUSTED', message: 'No capacity available', retryDelayMs: 1_200 }] });
    expect((await w.run()).accountEmail).toBe('a');
    expect(w.sleeps).toEqual([1_200]);
  });

  it('a capacity 503 with another account rests the model on the first and moves on', async () => {
    const w = world(['a', 'b'], { a: [{ status: 503, reason: 'MODEL_CAPACITY_EXHAUSTED', message: 'No capacity available' }] });
    expect((await w.run()).accountEmail).toBe('b');
    expect(w.accounts()[0]?.cooldowns['gemini-3-flash']).toMatchObject({ reason: 'capacity' });
  });

  it('cache_first waits for the conversation account instead of moving', async () => {
    const w = world(['a', 'b'], {}, 'cache_first');
    const home = (await w.run('conversation')).accountEmail;
    w.coolDown(home, 15_000);
    const result = await w.run('conversation');
    expect(result.accountEmail).toBe(home);
    expect(w.sleeps).toEqual([15_000]);
    expect(w.attempts.at(-1)).toMatchObject({ accountEmail: home, outcome: 'ok', waitedMs: 15_000 });
  });

  it('balance borrows another account instead of waiting', async () => {
    const w = world(['a', 'b'], {}, 'balance');
    const home = (await w.run('conversation')).accountEmail;
    w.coolDown(home, 15_000);
    expect((await w.run('conversation')).accountEmail).not.toBe(home);
    expect(w.sleeps).toEqual([]);
  });
});
