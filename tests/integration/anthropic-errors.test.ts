/** Bad input and upstream faults as an Anthropic client (and Claude Code) sees them. */
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { permissionDeniedError, rateLimitError } from '../fakes/fake-google-errors.js';
import { startTestGateway, testAccount, type TestGateway } from './start-test-gateway.js';

let world: TestGateway | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const question = { model: 'gemini-3-flash', max_tokens: 64, messages: [{ role: 'user' as const, content: 'hello' }] };
const clientFor = (gateway: TestGateway) => new Anthropic({ baseURL: gateway.origin, apiKey: gateway.apiKey, maxRetries: 0 });

async function post(gateway: TestGateway, body: string) {
  const response = await fetch(`${gateway.origin}/v1/messages`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-api-key': gateway.apiKey },
  });
  return { status: response.status, body: (await response.json()) as { type: string; error: { type: string; message: string } } };
}

describe('bad input', () => {
  const messages = (value: unknown) => JSON.stringify({ model: 'gemini-3-flash', max_tokens: 16, messages: value });
  const cases: Array<[string, string, RegExp]> = [
    ['malformed JSON', '{"model": "gemini-3-flash", "messages": [', /not valid JSON/],
    ['a JSON array', '[1,2,3]', /object/i],
    ['missing messages', '{"model":"gemini-3-flash","max_tokens":16}', /messages/],
    ['no messages', messages([]), /messages/],
    ['empty string content', messages([{ role: 'user', content: '' }]), /messages\.0\.content/],
    ['empty block list', messages([{ role: 'user', content: [] }]), /messages\.0\.content/],
    ['an unknown role', messages([{ role: 'wizard', content: 'hi' }]), /messages\.0\.role/],
    ['an unknown block type', messages([{ role: 'user', content: [{ type: 'hologram', text: 'hi' }] }]), /messages\.0\.content\.0\.type/],
    ['a tool_use in a user message', messages([{ role: 'user', content: [{ type: 'tool_use', id: 't1', name: 'x', input: {} }] }]), /user message cannot hold a tool_use/],
    ['a tool_result in an assistant message', messages([{ role: 'user', content: 'hi' }, { role: 'assistant', content: [{ type: 'tool_result', tool_use_id: 't1' }] }]), /assistant message cannot hold a tool_result/],
    ['a tool_result without its tool_use', messages([{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_missing', content: 'x' }] }]), /no tool_use block with id 'toolu_missing'/],
    [
      'a tool_result answering an older turn',
      messages([
        { role: 'user', content: 'go' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'x', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }] },
        { role: 'assistant', content: 'done' },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'again' }] },
      ]),
      /tool_use_id/,
    ],
    ['thinking enabled without a budget', JSON.stringify({ ...question, thinking: { type: 'enabled' } }), /budget_tokens/],
    ['a wrong temperature', JSON.stringify({ ...question, temperature: 'hot' }), /temperature/],
    ['a forced tool that was not given', JSON.stringify({ ...question, tool_choice: { type: 'tool', name: 'nope' } }), /tool_choice/],
    ['an image URL that is not http(s)', messages([{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'file:///etc/passwd' } }] }]), /http\(s\)/],
  ];

  it.each(cases)('answers %s with a 400 invalid_request_error', async (_name, body, message) => {
    world ??= await startTestGateway();
    const result = await post(world, body);
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(result.body.error.message).toMatch(message);
    expect(world.fake.requestsTo('streamGenerateContent')).toHaveLength(0);
  });
});

describe('upstream faults', () => {
  it('answers 429 rate_limit_error with Retry-After when every account is rate limited', async () => {
    world = await startTestGateway();
    for (let index = 0; index < 3; index += 1) world.fake.enqueue(rateLimitError({ retryDelay: '42s' }));
    const error = await clientFor(world).messages.create(question).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect((error as InstanceType<typeof Anthropic.APIError>).headers?.get('retry-after')).toBe('42');
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });

  it('never answers 403 for an upstream account refusal (Claude Code would log the user out)', async () => {
    const accounts = [testAccount(), testAccount()];
    world = await startTestGateway({ accounts });
    for (const account of accounts) world.fake.enqueue(permissionDeniedError(), account.email);
    const error = await clientFor(world).messages.create(question).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(503);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });

  it('answers overloaded_error when no account can serve', async () => {
    world = await startTestGateway({ accounts: [] });
    const error = await clientFor(world).messages.create(question).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(503);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });

  it('ends a stream that breaks mid-way with an error event, never message_stop', async () => {
    world = await startTestGateway();
    world.fake.enqueue({ kind: 'reset-after', chunks: 2, text: 'This answer will be cut off somewhere in the middle' });
    const response = await fetch(`${world.origin}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': world.apiKey },
      body: JSON.stringify({ ...question, stream: true }),
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const frames = (await response.text()).split('\n\n').filter((frame) => frame !== '');
    const names = frames.map((frame) => /^event: (\S+)/.exec(frame)?.[1]);
    expect(names.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'content_block_delta']);
    expect(names.at(-1)).toBe('error');
    expect(names).not.toContain('message_stop');
    expect(JSON.parse(frames.at(-1)?.split('data: ')[1] ?? '')).toMatchObject({ type: 'error', error: { type: 'api_error' } });

    world.fake.enqueue({ kind: 'reset-after', chunks: 2, text: 'Cut again, this time through the SDK stream helper' });
    const failure = await clientFor(world)
      .messages.stream({ ...question })
      .finalMessage()
      .catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(Anthropic.APIError);
  });
});
