/**
 * Issue 16: a one-account user on a flaky upstream. Google answers `503 UNAVAILABLE` to every
 * other call (a normal bad minute); every request through the official SDKs still succeeds,
 * streamed or not, and the account is never rested. A real capacity answer is told to the client
 * with Retry-After instead.
 */
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { capacityError, unavailableError } from '../fakes/fake-google-errors.js';
import type { FakeReply } from '../fakes/fake-google.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
let calls = 0;

beforeAll(async () => {
  world = await startTestGateway();
});
afterAll(async () => {
  await world.close();
});
beforeEach(() => {
  calls = 0;
  // Odd calls fail, even calls answer: every request's first attempt fails.
  world.fake.setDefaultReply(({ model }): FakeReply => {
    calls += 1;
    return calls % 2 === 1 ? unavailableError() : { kind: 'text', text: `Hello from ${model} after a bad moment` };
  });
});

const openai = () => new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: world.origin, apiKey: world.apiKey, maxRetries: 0 });
// The Gemini SDK has no retries of its own unless asked for.
const gemini = () => new GoogleGenAI({ apiKey: world.apiKey, httpOptions: { baseUrl: world.origin } });

function accountCooldowns() {
  return world.gateway.accountStore.list()[0]?.cooldowns;
}

describe('one account, an upstream that fails every other call', () => {
  it('OpenAI Chat, streamed and not: every request succeeds', async () => {
    for (let index = 0; index < 3; index += 1) {
      const answer = await openai().chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] });
      expect(answer.choices[0]?.message.content).toContain('after a bad moment');
      const stream = await openai().chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }], stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      expect(text).toContain('after a bad moment');
    }
    expect(calls).toBe(12);
    expect(accountCooldowns()).toEqual({});
  });

  it('Anthropic Messages, streamed and not: every request succeeds', async () => {
    for (let index = 0; index < 2; index += 1) {
      const message = await anthropic().messages.create({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
      expect(message.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('after a bad moment') });
      const stream = anthropic().messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
      expect(await stream.finalText()).toContain('after a bad moment');
    }
    expect(calls).toBe(8);
  });

  it('Gemini generateContent and its stream: every request succeeds', async () => {
    for (let index = 0; index < 2; index += 1) {
      const answer = await gemini().models.generateContent({ model: 'gemini-3-flash', contents: 'hi' });
      expect(answer.text).toContain('after a bad moment');
      let text = '';
      for await (const chunk of await gemini().models.generateContentStream({ model: 'gemini-3-flash', contents: 'hi' })) text += chunk.text ?? '';
      expect(text).toContain('after a bad moment');
    }
    expect(calls).toBe(8);
  });

  it('the request log shows the retry on the same account as a named rule', async () => {
    await openai().chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'log me' }] });
    world.gateway.monitor.flush();
    const [latest] = world.gateway.monitor.queryLogs({ limit: 1 }).items;
    const detail = world.gateway.monitor.getLog(latest?.id ?? '');
    const email = world.gateway.accountStore.list()[0]?.email;
    expect(detail?.attempts).toMatchObject([
      { account_email: email, outcome: 'failed', status: 503, rule: '503 unavailable, no other account: jittered back-off, retry same account' },
      { account_email: email, outcome: 'ok' },
    ]);
  });
});

describe('one account out of capacity', () => {
  it('a long capacity wait reaches each client as its overloaded error with Retry-After, and the account rests that long', async () => {
    world.fake.setDefaultReply(() => capacityError('gemini-3-flash', { retryDelay: '40s' }));
    const error = await openai()
      .chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
    expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after')).toBe('40');
    expect(world.fake.requestsTo('streamGenerateContent').length).toBeGreaterThan(0);
    expect(accountCooldowns()?.['gemini-3-flash']).toMatchObject({ reason: 'capacity' });

    // While it rests, the next client hears when capacity returns without another upstream call.
    const before = world.fake.requestsTo('streamGenerateContent').length;
    const again = await anthropic()
      .messages.create({ model: 'gemini-3-flash', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(again).toBeInstanceOf(Anthropic.APIError);
    expect(Number((again as InstanceType<typeof Anthropic.APIError>).headers?.get('retry-after'))).toBeGreaterThan(30);
    expect(world.fake.requestsTo('streamGenerateContent')).toHaveLength(before);
    await world.gateway.accountStore.update(world.gateway.accountStore.list()[0]?.email ?? '', { cooldowns: {} });
  });

  it('a short capacity wait (under 2 s) is waited out on the same account', async () => {
    let served = 0;
    world.fake.setDefaultReply(({ model }): FakeReply => {
      served += 1;
      return served === 1 ? capacityError(model, { retryDelay: '0.3s' }) : { kind: 'text', text: 'capacity came back' };
    });
    const answer = await gemini().models.generateContent({ model: 'gemini-3-flash', contents: 'hi' });
    expect(answer.text).toContain('capacity came back');
    expect(served).toBe(2);
  });
});
