/** The official `@anthropic-ai/sdk` against the real gateway and the fake Google. */
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
let client: Anthropic;

beforeAll(async () => {
  world = await startTestGateway();
  client = new Anthropic({ baseURL: world.origin, apiKey: world.apiKey, maxRetries: 0 });
});
afterAll(async () => {
  await world.close();
});

interface SentRequest {
  model: string;
  request: {
    contents: Array<{ role: string; parts: Array<Record<string, unknown>> }>;
    systemInstruction?: { parts: Array<{ text: string }> };
    tools?: Array<{ functionDeclarations: Array<{ name: string }> }>;
    toolConfig?: unknown;
    generationConfig?: Record<string, unknown>;
  };
}
const lastSent = () => world.fake.requestsTo('streamGenerateContent').at(-1)?.body as SentRequest;

const weatherTool: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: {
    type: 'object',
    properties: { city: { type: 'string', minLength: 1 }, unit: { anyOf: [{ type: 'string', enum: ['c', 'f'] }, { type: 'null' }] } },
    required: ['city'],
    additionalProperties: false,
  },
};

describe('messages', () => {
  it('answers a plain request with the requested model name, usage and the mapping headers', async () => {
    const { data, response } = await client.messages
      .create({ model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'Say hi' }] })
      .withResponse();
    expect(data).toMatchObject({ type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', stop_reason: 'end_turn', stop_sequence: null });
    expect(data.id).toMatch(/^msg_/);
    expect(data.content).toEqual([{ type: 'text', text: 'Hello from claude-sonnet-4-5: Say hi' }]);
    expect(data.usage.input_tokens).toBeGreaterThan(0);
    expect(data.usage.output_tokens).toBeGreaterThan(0);
    expect(data.usage.cache_read_input_tokens).toBe(0);
    expect(response.headers.get('x-mapped-model')).toBe('claude-sonnet-4-5');
    expect(response.headers.get('x-account-email')).toMatch(/@example\.com$/);
  });

  it('streams the Anthropic event sequence, and finalMessage() assembles it', async () => {
    const stream = client.messages.stream({ model: 'gemini-3-flash', max_tokens: 256, messages: [{ role: 'user', content: 'Stream please' }] });
    const types: string[] = [];
    stream.on('streamEvent', (event) => types.push(event.type));
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: 'Hello from gemini-3-flash: Stream please' }]);
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
    expect(types.at(-2)).toBe('message_delta');
    expect(types.filter((type) => type === 'content_block_delta').length).toBeGreaterThan(2);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('reports the same input usage in message_start and message_delta', async () => {
    const stream = await client.messages.create({
      model: 'gemini-3-flash',
      max_tokens: 256,
      stream: true,
      messages: [{ role: 'user', content: 'count my tokens' }],
    });
    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const start = events.find((event) => event.type === 'message_start');
    const delta = events.find((event) => event.type === 'message_delta');
    if (start?.type !== 'message_start' || delta?.type !== 'message_delta') throw new Error('missing events');
    expect(start.message.usage.input_tokens).toBeGreaterThan(0);
    expect(delta.usage.input_tokens).toBe(start.message.usage.input_tokens);
    expect(delta.usage.cache_read_input_tokens).toBe(start.message.usage.cache_read_input_tokens);
  });

  it('moves cached prompt tokens to cache_read_input_tokens', async () => {
    world.fake.enqueue({ kind: 'text', text: 'cached', usage: { promptTokenCount: 1000, cachedContentTokenCount: 600, candidatesTokenCount: 5 } });
    const message = await client.messages.create({ model: 'gemini-3-flash', max_tokens: 64, messages: [{ role: 'user', content: 'again' }] });
    expect(message.usage).toMatchObject({ input_tokens: 400, cache_read_input_tokens: 600, cache_creation_input_tokens: 0, output_tokens: 5 });
  });

  it('sends the system prompt, without the blocks the upstream refuses, and the multi-turn history', async () => {
    await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 256,
      system: [
        { type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1.197.1c0; cc_entrypoint=sdk-cli;' },
        { type: 'text', text: "You are a Claude agent, built on Anthropic's Claude Agent SDK.", cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'You are terse.' },
      ],
      messages: [
        { role: 'user', content: 'First' },
        { role: 'assistant', content: 'Ok' },
        { role: 'user', content: [{ type: 'text', text: 'Second question', cache_control: { type: 'ephemeral' } }] },
      ],
    });
    const sent = lastSent();
    expect(sent.request.systemInstruction?.parts.map((part) => part.text)).toEqual([
      "You are Claude Code, Anthropic's official CLI for Claude.",
      'You are terse.',
    ]);
    expect(sent.request.contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
    expect(JSON.stringify(sent)).not.toContain('cache_control');
  });

  it('accepts fields newer clients send, Claude Code headers and ?beta=true', async () => {
    const message = await client.beta.messages.create({
      model: 'claude-opus-4-8',
      max_tokens: 1024,
      betas: ['claude-code-20250219', 'context-management-2025-06-27', 'interleaved-thinking-2025-05-14'],
      messages: [{ role: 'user', content: 'new fields' }],
      context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
      output_config: { effort: 'high' },
      service_tier: 'auto',
      thinking: { type: 'adaptive' },
      metadata: { user_id: '{"device_id":"abc","session_id":"s-1"}' },
    } as Anthropic.Beta.MessageCreateParamsNonStreaming);
    expect(message.content.at(-1)).toMatchObject({ type: 'text', text: expect.stringContaining('Hello from claude-opus-4-6-thinking') });
    expect(world.fake.requestsTo('streamGenerateContent').at(-1)?.body).toMatchObject({ model: 'claude-opus-4-6-thinking' });
    expect(world.logLines.some((line) => line.includes('ignored (no upstream equivalent): context_management, service_tier'))).toBe(true);
  });

  it('honours stop_sequences: forwarded upstream, and the text is cut at one the gateway finds', async () => {
    world.fake.enqueue({ kind: 'text', text: 'alpha beta END gamma delta' });
    const message = await client.messages.create({
      model: 'gemini-3-flash',
      max_tokens: 64,
      stop_sequences: ['END', 'NEVER'],
      messages: [{ role: 'user', content: 'stop please' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'alpha beta ' }]);
    expect(message.stop_reason).toBe('stop_sequence');
    expect(message.stop_sequence).toBe('END');
    expect(lastSent().request.generationConfig?.stopSequences).toEqual(['END', 'NEVER']);
  });

  it('reports max_tokens when the upstream ran out of tokens', async () => {
    world.fake.enqueue({ kind: 'text', text: 'cut short', finishReason: 'MAX_TOKENS' });
    const message = await client.messages.create({ model: 'gemini-3-flash', max_tokens: 3, messages: [{ role: 'user', content: 'long' }] });
    expect(message.stop_reason).toBe('max_tokens');
  });

  it('sends images and documents as inline data and URLs as file data', async () => {
    const pixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    await client.messages.create({
      model: 'gemini-3-flash',
      max_tokens: 64,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: pixel } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.webp' } },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'The doc.' }, title: 'Notes' },
            { type: 'text', text: 'What is this?' },
          ],
        },
      ],
    });
    expect(lastSent().request.contents[0]?.parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: pixel } },
      { fileData: { fileUri: 'https://example.com/cat.webp', mimeType: 'image/webp' } },
      { text: 'Notes\n\nThe doc.' },
      { text: 'What is this?' },
    ]);
  });
});

describe('web search', () => {
  const searchTool: Anthropic.WebSearchTool20250305 = { type: 'web_search_20250305', name: 'web_search', max_uses: 8 };
  const sourceLink = '[example.com](https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-1)';

  for (const stream of [false, true]) {
    it(`answers Claude Code's WebSearch with Google Search grounding on a Gemini model, sources listed (stream: ${stream})`, async () => {
      const params = {
        model: 'claude-sonnet-4-5',
        max_tokens: 1024,
        tools: [searchTool],
        messages: [{ role: 'user' as const, content: 'Perform a web search for the query: rome weather' }],
      };
      const message = stream ? await client.messages.stream(params).finalMessage() : await client.messages.create(params);
      const sent = lastSent() as SentRequest & { request: { tools?: unknown } };
      expect(sent.model).toBe('gemini-2.5-flash');
      expect(sent.request.tools).toEqual([{ googleSearch: {} }]);
      const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
      expect(text).toContain('Hello from gemini-2.5-flash: Perform a web search');
      expect(text).toContain('Sources (Google Search: "Perform a web search for the query: rome weather")');
      expect(text).toContain(sourceLink);
      expect(message.stop_reason).toBe('end_turn');
    });
  }

  it('says which model answered the search in X-Mapped-Model', async () => {
    const { response } = await client.messages
      .create({ model: 'claude-opus-4-6-thinking', max_tokens: 512, tools: [searchTool], messages: [{ role: 'user', content: 'news today' }] })
      .withResponse();
    expect(response.headers.get('x-mapped-model')).toBe('gemini-2.5-flash');
    // count_tokens counts on the model that would answer, and says so.
    const counted = await client.messages
      .countTokens({ model: 'claude-opus-4-6-thinking', tools: [searchTool], messages: [{ role: 'user', content: 'news today' }] })
      .withResponse();
    expect(counted.response.headers.get('x-mapped-model')).toBe('gemini-2.5-flash');
    expect((world.fake.requestsTo('countTokens').at(-1)?.body as { request: { model: string } }).request.model).toBe('models/gemini-2.5-flash');
  });

  it('keeps the client tools and leaves the search out when both are offered (the upstream cannot mix them)', async () => {
    await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 512, tools: [searchTool, weatherTool], messages: [{ role: 'user', content: 'hi' }] });
    const sent = lastSent();
    expect(sent.model).toBe('claude-sonnet-4-5');
    expect(sent.request.tools?.[0]?.functionDeclarations.map((declaration) => declaration.name)).toEqual(['get_weather']);
    expect(JSON.stringify(sent.request.tools)).not.toContain('googleSearch');
  });
});

describe('tools', () => {
  for (const stream of [false, true]) {
    it(`round-trips a tool call on a Gemini target through Claude Code's haiku name (stream: ${stream})`, async () => {
      const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Please call get_weather for Paris' }];
      const params = { model: 'claude-haiku-4-5-20251001', max_tokens: 1024, tools: [weatherTool], messages };
      const first = stream ? await client.messages.stream(params).finalMessage() : await client.messages.create(params);
      expect(first.stop_reason).toBe('tool_use');
      const toolUse = first.content.find((block) => block.type === 'tool_use');
      if (toolUse?.type !== 'tool_use') throw new Error('expected a tool_use block');
      expect(toolUse).toMatchObject({ name: 'get_weather', input: { city: 'test' } });
      expect(lastSent().model).toBe('gemini-3-flash');

      // The client returns only what Anthropic defines; the fake rejects a Gemini 3 history without its signature.
      const followUp = await client.messages.create({
        ...params,
        messages: [
          ...messages,
          { role: 'assistant', content: [{ type: 'tool_use', id: toolUse.id, name: toolUse.name, input: toolUse.input }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '{"temperature": 21}' }] },
        ],
      });
      expect(followUp.content.at(-1)).toMatchObject({ type: 'text', text: 'Tool said: {"temperature":21}' });
      const modelTurn = lastSent().request.contents.find((content) => content.role === 'model');
      expect(modelTurn?.parts[0]?.thoughtSignature).toEqual(expect.any(String));
      expect(modelTurn?.parts[0]?.thoughtSignature).not.toBe('skip_thought_signature_validator');
    });
  }

  it('maps tool_choice to the upstream function calling modes', async () => {
    const ask = (tool_choice: Anthropic.ToolChoice) =>
      client.messages.create({ model: 'gemini-3-flash', max_tokens: 64, tools: [weatherTool], tool_choice, messages: [{ role: 'user', content: 'hi' }] });
    await ask({ type: 'tool', name: 'get_weather' });
    expect(lastSent().request.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } });
    await ask({ type: 'any' });
    expect(lastSent().request.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    await ask({ type: 'none' });
    expect(lastSent().request.toolConfig).toEqual({ functionCallingConfig: { mode: 'NONE' } });
    await ask({ type: 'auto', disable_parallel_tool_use: true });
    expect(lastSent().request.toolConfig).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
  });

  it('drops server tools such as web search and keeps the function tools', async () => {
    await client.messages.create({
      model: 'gemini-3-flash',
      max_tokens: 64,
      tools: [weatherTool, { type: 'web_search_20250305', name: 'web_search', max_uses: 5 }],
      messages: [{ role: 'user', content: 'search' }],
    });
    expect(lastSent().request.tools).toEqual([{ functionDeclarations: [expect.objectContaining({ name: 'get_weather' })] }]);
  });
});

describe('thinking', () => {
  for (const stream of [false, true]) {
    it(`replays Claude thinking with its signature through a tool loop (stream: ${stream})`, async () => {
      const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Please call get_weather for Rome' }];
      const params = {
        model: 'claude-sonnet-4-5-thinking',
        max_tokens: 4096,
        thinking: { type: 'enabled' as const, budget_tokens: 2048 },
        tools: [weatherTool],
        messages,
      };
      const first = stream ? await client.messages.stream(params).finalMessage() : await client.messages.create(params);
      expect(first.content.map((block) => block.type)).toEqual(['thinking', 'tool_use']);
      const [thinking, toolUse] = first.content;
      if (thinking?.type !== 'thinking' || toolUse?.type !== 'tool_use') throw new Error('unexpected content');
      expect(thinking.thinking).toContain('Thinking about');
      expect(thinking.signature.length).toBeGreaterThan(50);
      expect(lastSent().request.generationConfig?.thinkingConfig).toMatchObject({ thinkingBudget: 2048 });

      const second = await client.messages.create({
        ...params,
        messages: [
          ...messages,
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'sunny' }] },
        ],
      });
      expect(second.content.at(-1)).toMatchObject({ type: 'text', text: 'Tool said: {"result":"sunny"}' });
      const modelTurn = lastSent().request.contents.find((content) => content.role === 'model');
      expect(modelTurn?.parts[0]).toEqual({ thought: true, text: thinking.thinking, thoughtSignature: thinking.signature });
      expect(lastSent().request.generationConfig?.thinkingConfig).toMatchObject({ thinkingBudget: 2048 });
    });
  }

  it('puts back a signature the client dropped, and drops thinking signed by another family', async () => {
    const params = {
      model: 'claude-sonnet-4-5-thinking',
      max_tokens: 4096,
      thinking: { type: 'enabled' as const, budget_tokens: 1024 },
      tools: [weatherTool],
      messages: [{ role: 'user' as const, content: 'Please call get_weather for Oslo' }],
    };
    const first = await client.messages.create(params);
    const [thinking, toolUse] = first.content;
    if (thinking?.type !== 'thinking' || toolUse?.type !== 'tool_use') throw new Error('unexpected content');
    const second = await client.messages.create({
      ...params,
      messages: [
        ...params.messages,
        { role: 'assistant', content: [{ type: 'thinking', thinking: thinking.thinking, signature: '' }, toolUse] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'cold' }] },
      ],
    });
    expect(second.stop_reason).toBe('end_turn');
    expect(lastSent().request.contents[1]?.parts[0]).toMatchObject({ thought: true, thoughtSignature: thinking.signature });

    // A Gemini-signed thinking block sent to Claude is dropped; with the loop unsigned, thinking is off for the turn.
    const gemini = await client.messages.create({
      model: 'gemini-3-flash',
      max_tokens: 256,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [{ role: 'user', content: 'think' }],
    });
    const geminiThinking = gemini.content.find((block) => block.type === 'thinking');
    if (geminiThinking?.type !== 'thinking') throw new Error('expected Gemini thinking');
    expect(geminiThinking.signature.length).toBeGreaterThan(50);
    const crossed = await client.messages.create({
      ...params,
      messages: [
        ...params.messages,
        { role: 'assistant', content: [geminiThinking, toolUse] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'cold' }] },
      ],
    });
    expect(crossed.content.at(-1)).toMatchObject({ type: 'text' });
    const sent = lastSent();
    expect(JSON.stringify(sent.request.contents)).not.toContain(geminiThinking.signature);
    expect(sent.request.generationConfig?.thinkingConfig).toBeUndefined();
  });

  it('hides thoughts from a client that did not ask for thinking', async () => {
    await client.messages.create({ model: 'gemini-3-flash', max_tokens: 64, messages: [{ role: 'user', content: 'quick' }] });
    expect(lastSent().request.generationConfig?.thinkingConfig).toEqual({ includeThoughts: false });
  });
});

describe('count_tokens', () => {
  it('counts through the upstream, system prompt and tools included', async () => {
    const base = { model: 'claude-sonnet-4-5', messages: [{ role: 'user' as const, content: 'How many tokens is this?' }] };
    const bare = await client.messages.countTokens(base);
    const full = await client.messages.countTokens({ ...base, system: 'A long system prompt '.repeat(20), tools: [weatherTool] });
    expect(bare.input_tokens).toBeGreaterThan(0);
    expect(full.input_tokens).toBeGreaterThan(bare.input_tokens + 50);
    const sent = world.fake.requestsTo('countTokens').at(-1)?.body as { request: { model: string } };
    expect(sent.request.model).toBe('models/claude-sonnet-4-5');
  });
});

describe('Claude Code specifics', () => {
  it('accepts the key as x-api-key and as a Bearer token, and refuses a wrong one in Anthropic shape', async () => {
    await world.setSetting('proxy.auth_mode', 'strict');
    await expect(client.messages.create({ model: 'gemini-3-flash', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] })).resolves.toMatchObject({
      type: 'message',
    });
    const bearer = new Anthropic({ baseURL: world.origin, authToken: world.apiKey, apiKey: null, maxRetries: 0 });
    await expect(bearer.messages.create({ model: 'gemini-3-flash', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] })).resolves.toMatchObject({
      type: 'message',
    });
    const wrong = new Anthropic({ baseURL: world.origin, apiKey: 'sk-wrong', maxRetries: 0 });
    const error = await wrong.messages.create({ model: 'gemini-3-flash', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    await world.setSetting('proxy.auth_mode', 'auto');
  });

  it('answers its probe and its telemetry without forwarding anything', async () => {
    const before = world.fake.requests.length;
    expect((await fetch(`${world.origin}/`, { method: 'HEAD' })).status).toBe(200);
    const logging = await fetch(`${world.origin}/v1/api/event_logging/batch`, {
      method: 'POST',
      headers: { 'x-api-key': world.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ events: [{ event_type: 'ClaudeCodeInternalEvent' }] }),
    });
    expect(logging.status).toBe(200);
    expect(world.fake.requests.length).toBe(before);
  });
});
