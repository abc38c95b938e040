/** What a client sees when the upstream misbehaves, and that failover stays invisible to it. */
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { capacityError, internalError, rateLimitError } from '../fakes/fake-google-errors.js';
import { startTestGateway, testAccount, type TestGateway } from './start-test-gateway.js';

let world: TestGateway | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const question = { model: 'gemini-3-flash', messages: [{ role: 'user' as const, content: 'hello' }] };
const clientFor = (gateway: TestGateway) => new OpenAI({ baseURL: gateway.baseUrl, apiKey: gateway.apiKey, maxRetries: 0 });

describe('upstream faults', () => {
  it('fails over from a 503 and a 500 to a healthy account without the client noticing', async () => {
    const accounts = [testAccount(), testAccount(), testAccount()];
    world = await startTestGateway({ accounts });
    const [first, second] = accounts;
    world.fake.enqueue(capacityError('gemini-3-flash'), first?.email);
    world.fake.enqueue(internalError(), second?.email);
    world.fake.enqueue(capacityError('gemini-3-flash'), first?.email);
    world.fake.enqueue(internalError(), second?.email);
    const { data, response } = await clientFor(world).chat.completions.create(question).withResponse();
    expect(data.choices[0]?.message.content).toContain('Hello from gemini-3-flash');
    expect(response.headers.get('x-account-email')).toBe(accounts[2]?.email);
  });

  it('answers 429 with Retry-After when every attempt is rate limited', async () => {
    world = await startTestGateway();
    for (let index = 0; index < 3; index += 1) world.fake.enqueue(rateLimitError({ retryDelay: '42s' }));
    const error = await clientFor(world).chat.completions.create(question).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after')).toBe('42');
    expect(JSON.stringify((error as InstanceType<typeof OpenAI.APIError>).error)).not.toMatch(/@example\.com/);
  });

  it('retries an empty 200 on another account', async () => {
    const accounts = [testAccount(), testAccount()];
    world = await startTestGateway({ accounts });
    // Both accounts answer an empty stream once; the third attempt gets a real answer.
    world.fake.enqueue({ kind: 'empty' }, accounts[0]?.email);
    world.fake.enqueue({ kind: 'empty' }, accounts[1]?.email);
    const result = await clientFor(world).chat.completions.create(question);
    expect(result.choices[0]?.message.content).toContain('Hello from');
    expect(world.fake.requestsTo('streamGenerateContent')).toHaveLength(3);
  });

  it('moves to the next base URL when one refuses connections', async () => {
    world = await startTestGateway({ leadingBaseUrls: ['http://127.0.0.1:9'] });
    const result = await clientFor(world).chat.completions.create(question);
    expect(result.choices[0]?.message.content).toContain('Hello from');
  });

  it('ends a stream that breaks mid-way with an error, never a clean finish', async () => {
    world = await startTestGateway();
    world.fake.enqueue({ kind: 'reset-after', chunks: 2, text: 'This answer will be cut off somewhere in the middle' });
    const stream = await clientFor(world).chat.completions.create({ ...question, stream: true });
    const seen: string[] = [];
    const failure = await (async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.finish_reason ?? chunk.choices[0]?.delta.content ?? '');
    })().catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(seen.join('')).not.toContain('stop');
    expect(seen.join('').length).toBeGreaterThan(0);
  });

  it('closes the upstream stream as soon as the client goes away mid-stream', async () => {
    world = await startTestGateway();
    const { fake } = world;
    fake.enqueue({ kind: 'stall-after', chunks: 2, text: 'a stream the client walks away from' });
    const stream = await clientFor(world).chat.completions.create({ ...question, stream: true });
    for await (const chunk of stream) {
      if ((chunk.choices[0]?.delta.content ?? '') !== '') break;
    }
    // Breaking out of the loop aborts the client's request; the gateway must hang up upstream too.
    await expect.poll(() => fake.openGenerations, { timeout: 2000 }).toBe(0);
  });

  it('answers 504 when the upstream goes silent before the first byte', async () => {
    world = await startTestGateway({ settings: { 'proxy.request_timeout_s': 1, 'proxy.max_attempts': 1 } });
    world.fake.enqueue({ kind: 'stall-after', chunks: 0 });
    const error = await clientFor(world).chat.completions.create(question).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(504);
  });

  it('answers 502 when the upstream cannot be reached at all, then recovers', async () => {
    world = await startTestGateway({ settings: { 'proxy.max_attempts': 1 } });
    const { fake } = world;
    await fake.close();
    const error = await clientFor(world).chat.completions.create(question).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    const health = await fetch(`${world.origin}/healthz`);
    expect(health.status).toBe(200);
  });
});
