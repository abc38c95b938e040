/** The official `openai` client against the real gateway and the fake Google. */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidArgumentError } from '../fakes/fake-google-errors.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  world = await startTestGateway();
  client = new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 });
});
afterAll(async () => {
  await world.close();
});

const weatherTool: OpenAI.Chat.Completions.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { city: { type: 'string', minLength: 1 }, unit: { anyOf: [{ type: 'string', enum: ['c', 'f'] }, { type: 'null' }] } },
      required: ['city'],
      additionalProperties: false,
    },
  },
};

describe('chat completions', () => {
  it('answers a plain request and names the upstream model and account', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'Say hi' }] })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.model).toBe('gemini-3-flash');
    expect(data.choices[0]?.message.content).toContain('Hello from gemini-3-flash: Say hi');
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(data.usage?.completion_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-mapped-model')).toBe('gemini-3-flash');
    expect(response.headers.get('x-account-email')).toMatch(/@example\.com$/);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('streams deltas, a finish reason and a usage chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'gemini-3-flash',
      messages: [{ role: 'user', content: 'Stream please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toContain('Hello from gemini-3-flash: Stream please');
    expect(chunks.filter((chunk) => (chunk.choices[0]?.delta.content ?? '') !== '').length).toBeGreaterThan(2);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason === 'stop')).toBe(true);
    const usage = chunks.at(-1)?.usage;
    expect(usage?.total_tokens).toBeGreaterThan(0);
  });

  it('keeps system prompt and multi-turn history', async () => {
    await client.chat.completions.create({
      model: 'gemini-3-flash',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'First' },
        { role: 'assistant', content: 'Ok' },
        { role: 'user', content: 'Second question' },
      ],
    });
    const sent = world.fake.requestsTo('streamGenerateContent').at(-1)?.body as {
      request: { systemInstruction: { parts: Array<{ text: string }> }; contents: Array<{ role: string }> };
    };
    expect(sent.request.systemInstruction.parts[0]?.text).toContain('You are terse.');
    expect(sent.request.contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
  });

  it('sends images as inline data', async () => {
    const pixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const result = await client.chat.completions.create({
      model: 'gemini-3-flash',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${pixel}` } }] }],
    });
    expect(result.choices[0]?.message.content).toContain('What is this?');
    const sent = world.fake.requestsTo('streamGenerateContent').at(-1)?.body as { request: { contents: Array<{ parts: unknown[] }> } };
    expect(sent.request.contents[0]?.parts).toContainEqual({ inlineData: { mimeType: 'image/png', data: pixel } });
  });

  for (const stream of [false, true]) {
    it(`round-trips a tool call with Gemini 3 signatures (stream: ${stream})`, async () => {
      const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Please call get_weather for Paris' }];
      let toolCall: { id: string; name: string; arguments: string };
      if (stream) {
        const runner = client.chat.completions.stream({ model: 'gemini-3-flash', messages, tools: [weatherTool] });
        const completion = await runner.finalChatCompletion();
        const call = completion.choices[0]?.message.tool_calls?.[0];
        expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
        if (call?.type !== 'function') throw new Error('expected a function call');
        toolCall = { id: call.id, name: call.function.name, arguments: call.function.arguments };
      } else {
        const completion = await client.chat.completions.create({ model: 'gemini-3-flash', messages, tools: [weatherTool], tool_choice: 'auto' });
        expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
        const call = completion.choices[0]?.message.tool_calls?.[0];
        if (call?.type !== 'function') throw new Error('expected a function call');
        toolCall = { id: call.id, name: call.function.name, arguments: call.function.arguments };
      }
      expect(toolCall.name).toBe('get_weather');
      expect(JSON.parse(toolCall.arguments)).toMatchObject({ city: 'test' });
      // The client drops signatures; the fake rejects a Gemini 3 history without them.
      const followUp = await client.chat.completions.create({
        model: 'gemini-3-flash',
        tools: [weatherTool],
        messages: [
          ...messages,
          { role: 'assistant', content: null, tool_calls: [{ id: toolCall.id, type: 'function', function: { name: toolCall.name, arguments: toolCall.arguments } }] },
          { role: 'tool', tool_call_id: toolCall.id, content: '{"temperature": 21}' },
        ],
      });
      expect(followUp.choices[0]?.message.content).toContain('Tool said');
      expect(followUp.choices[0]?.message.content).toContain('21');
      const sent = world.fake.requestsTo('streamGenerateContent').at(-1)?.body as {
        request: { contents: Array<{ role: string; parts: Array<{ functionCall?: unknown; thoughtSignature?: string }> }> };
      };
      const modelTurn = sent.request.contents.find((content) => content.role === 'model');
      expect(modelTurn?.parts[0]?.thoughtSignature).toBeDefined();
      expect(modelTurn?.parts[0]?.thoughtSignature).not.toBe('skip_thought_signature_validator');
    });
  }

  it('restricts the call to the named function for tool_choice {function}', async () => {
    await client.chat.completions.create({
      model: 'gemini-3-flash',
      messages: [{ role: 'user', content: 'call get_weather' }],
      tools: [weatherTool],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    const sent = world.fake.requestsTo('streamGenerateContent').at(-1)?.body as { request: { toolConfig: unknown } };
    expect(sent.request.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } });
  });

  it('passes json_schema response formats as a response schema', async () => {
    await client.chat.completions.create({
      model: 'gemini-3-flash',
      messages: [{ role: 'user', content: 'json please' }],
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'], additionalProperties: false } } },
    });
    const sent = world.fake.requestsTo('streamGenerateContent').at(-1)?.body as { request: { generationConfig: Record<string, unknown> } };
    expect(sent.request.generationConfig.responseMimeType).toBe('application/json');
    expect(sent.request.generationConfig.responseSchema).toMatchObject({ type: 'object', properties: { ok: { type: 'boolean' } } });
  });

  it('returns reasoning as reasoning_content', async () => {
    world.fake.enqueue({ kind: 'text', text: 'The answer is 4.', thoughts: 'Two plus two is four.' });
    const result = await client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: '2+2?' }], reasoning_effort: 'low' });
    const message = result.choices[0]?.message as { content: string; reasoning_content?: string };
    expect(message.content).toBe('The answer is 4.');
    expect(message.reasoning_content).toBe('Two plus two is four.');
  });

  it('lists models including mapping rules and upstream ids', async () => {
    await world.setSetting('proxy.custom_mapping.my-team-model', 'gemini-3-flash');
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain('my-team-model');
    expect(ids).toContain('gemini-3-flash');
    expect(ids).toContain('claude-sonnet-4-5');
    expect(ids.some((id) => id.includes('*'))).toBe(false);
  });

  it('searches the web with Google Search for web_search_options, and lists the sources after the answer', async () => {
    const params = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'rome weather' }], web_search_options: {} };
    const completion = await client.chat.completions.create(params);
    const sent = world.fake.requestsTo('streamGenerateContent').at(-1)?.body as { model: string; request: { tools?: unknown } };
    expect(sent.model).toBe('gemini-3-flash');
    expect(sent.request.tools).toEqual([{ googleSearch: {} }]);
    expect(completion.choices[0]?.message.content).toContain('Hello from gemini-3-flash: rome weather');
    expect(completion.choices[0]?.message.content).toContain('1. [example.com](https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-1)');

    let streamed = '';
    for await (const chunk of await client.chat.completions.create({ ...params, stream: true })) streamed += chunk.choices[0]?.delta.content ?? '';
    expect(streamed).toBe(completion.choices[0]?.message.content);

    // An answer that must be JSON stays JSON: no sources after it.
    world.fake.enqueue({ kind: 'text', text: '{"city":"Rome"}', grounding: { queries: ['rome'], sources: [{ uri: 'https://a.example/', title: 'a' }] } });
    const json = await client.chat.completions.create({ ...params, response_format: { type: 'json_object' } });
    expect(JSON.parse(json.choices[0]?.message.content ?? '')).toEqual({ city: 'Rome' });
  });

  it('searches the web for a model name ending in -online, in any client; function tools keep the search off', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gemini-3-flash-online', messages: [{ role: 'user', content: 'latest node release' }] })
      .withResponse();
    const lastSent = () => world.fake.requestsTo('streamGenerateContent').at(-1)?.body as { model: string; request: { tools?: unknown } };
    expect(lastSent()).toMatchObject({ model: 'gemini-3-flash', request: { tools: [{ googleSearch: {} }] } });
    expect(response.headers.get('x-mapped-model')).toBe('gemini-3-flash');
    expect(data.choices[0]?.message.content).toContain('Sources (Google Search: "latest node release")');

    await client.chat.completions.create({ model: 'gemini-3-flash-online', messages: [{ role: 'user', content: 'hi' }], tools: [weatherTool] });
    expect(JSON.stringify(lastSent().request.tools)).not.toContain('googleSearch');
  });

  it('detects what a model name calls: POST /v1/models/detect', async () => {
    await world.setSetting('proxy.custom_mapping.team-drawer', 'gemini-3-pro-image-16x9');
    const upstreamCallsBefore = world.fake.requestsTo('streamGenerateContent').length;
    const { data, response } = await client.post<unknown>('/models/detect', { body: { model: 'team-drawer' } }).withResponse();
    expect(data).toEqual({
      model: 'team-drawer',
      mapped_model: 'gemini-3-pro-image',
      type: 'image_gen',
      rule: { kind: 'exact', pattern: 'team-drawer' },
      features: { has_web_search: false, is_image_gen: true },
      config: { aspectRatio: '16:9' },
    });
    expect(response.headers.get('x-mapped-model')).toBe('gemini-3-pro-image');
    expect(await client.post('/models/detect', { body: { model: 'claude-sonnet-4-5' } })).toMatchObject({ mapped_model: 'claude-sonnet-4-5', type: 'agent' });

    const error: unknown = await client.post('/models/detect', { body: { model: ' ' } }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('model');
    // The upstream is never called to answer.
    expect(world.fake.requestsTo('streamGenerateContent')).toHaveLength(upstreamCallsBefore);
  });

  it('replays Claude thinking with its signature through a tool loop', async () => {
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Please call get_weather for Rome' }];
    const first = await client.chat.completions.create({ model: 'claude-sonnet-4-5-thinking', messages, tools: [weatherTool] });
    const message = first.choices[0]?.message as OpenAI.Chat.Completions.ChatCompletionMessage & { reasoning_content?: string };
    const call = message.tool_calls?.[0];
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(message.reasoning_content).toBeTruthy();
    const second = await client.chat.completions.create({
      model: 'claude-sonnet-4-5-thinking',
      tools: [weatherTool],
      messages: [
        ...messages,
        { role: 'assistant', content: null, tool_calls: [call], reasoning_content: message.reasoning_content } as OpenAI.Chat.Completions.ChatCompletionAssistantMessageParam,
        { role: 'tool', tool_call_id: call.id, content: 'sunny' },
      ],
    });
    expect(second.choices[0]?.message.content).toContain('Tool said');
    const sent = world.fake.requestsTo('streamGenerateContent').at(-1)?.body as {
      request: { contents: Array<{ role: string; parts: Array<{ thought?: boolean; thoughtSignature?: string }> }> };
    };
    const modelTurn = sent.request.contents.find((content) => content.role === 'model');
    expect(modelTurn?.parts[0]).toMatchObject({ thought: true, thoughtSignature: expect.any(String) });
  });

  it('strips signatures and retries once when the upstream rejects one', async () => {
    const before = world.fake.requestsTo('streamGenerateContent').length;
    world.fake.enqueue(invalidArgumentError('Corrupted thought signature.'));
    const result = await client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'after a bad signature' }] });
    expect(result.choices[0]?.message.content).toContain('after a bad signature');
    expect(world.fake.requestsTo('streamGenerateContent').length).toBe(before + 2);
  });

  it('returns other upstream 400s to the client without retrying', async () => {
    const before = world.fake.requestsTo('streamGenerateContent').length;
    world.fake.enqueue(invalidArgumentError('Request contains an invalid argument.'));
    const error = await client.chat.completions
      .create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'bad' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(world.fake.requestsTo('streamGenerateContent').length).toBe(before + 1);
  });
});
