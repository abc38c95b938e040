/** The official `openai` client's Responses and legacy Completions calls against the real gateway and the fake Google. */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const weatherTool: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Weather for a city',
  strict: false,
  parameters: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { city: { type: 'string', minLength: 1 } },
    required: ['city'],
    additionalProperties: false,
  },
};

type SentRequest = {
  request: {
    systemInstruction?: { parts: Array<{ text: string }> };
    contents: Array<{ role: string; parts: Array<{ text?: string; thought?: boolean; functionCall?: { name: string }; functionResponse?: unknown; thoughtSignature?: string }> }>;
    generationConfig?: Record<string, unknown>;
    tools?: Array<{ functionDeclarations: Array<{ name: string; description?: string; parameters: unknown }> }>;
  };
};
const lastSent = () => world.fake.requestsTo('streamGenerateContent').at(-1)?.body as SentRequest;

describe('responses', () => {
  it('answers the hosted web_search tool with Google Search grounding, sources listed, on a Gemini model', async () => {
    const { data, response } = await client.responses
      .create({ model: 'claude-sonnet-4-5', input: 'rome weather', tools: [{ type: 'web_search' }] })
      .withResponse();
    const sent = lastSent() as SentRequest & { model: string; request: { tools?: unknown } };
    expect(sent.model).toBe('gemini-2.5-flash');
    expect(sent.request.tools).toEqual([{ googleSearch: {} }]);
    expect(response.headers.get('x-mapped-model')).toBe('gemini-2.5-flash');
    expect(data.output_text).toContain('Hello from gemini-2.5-flash: rome weather');
    expect(data.output_text).toContain('2. [example.org](https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-2)');
  });

  it('answers with a real response object, usage details and the mapping headers', async () => {
    world.fake.enqueue({ kind: 'text', text: 'Hi there.', usage: { promptTokenCount: 40, cachedContentTokenCount: 12, thoughtsTokenCount: 3 } });
    const { data, response } = await client.responses
      .create({ model: 'gemini-3-flash', instructions: 'Be brief.', input: 'Say hi' })
      .withResponse();
    expect(data.object).toBe('response');
    expect(data.id).toMatch(/^resp_/);
    expect(data.status).toBe('completed');
    expect(data.model).toBe('gemini-3-flash');
    expect(data.output_text).toBe('Hi there.');
    const message = data.output.find((item) => item.type === 'message');
    expect(message?.id).toMatch(/^msg_/);
    expect(data.usage).toMatchObject({ input_tokens: 40, input_tokens_details: { cached_tokens: 12 }, output_tokens_details: { reasoning_tokens: 3 } });
    expect(data.usage?.total_tokens).toBe((data.usage?.input_tokens ?? 0) + (data.usage?.output_tokens ?? 0));
    expect(response.headers.get('x-mapped-model')).toBe('gemini-3-flash');
    expect(lastSent().request.systemInstruction?.parts[0]?.text).toBe('Be brief.');
  });

  it('serves the same response object on /responses (base URL without /v1)', async () => {
    const bare = new OpenAI({ baseURL: world.origin, apiKey: world.apiKey, maxRetries: 0 });
    const data = await bare.responses.create({ model: 'gemini-3-flash', input: 'no v1 here' });
    expect(data.object).toBe('response');
    expect(data.output_text).toContain('no v1 here');
  });

  it('streams named events with increasing sequence numbers to a final response', async () => {
    world.fake.enqueue({ kind: 'text', text: 'Streaming works fine.', thoughts: 'Plan the reply.' });
    const stream = client.responses.stream({ model: 'gemini-3-flash', input: 'Stream please', reasoning: { effort: 'low', summary: 'auto' } });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    stream.on('event', (event) => events.push(event));
    const final = await stream.finalResponse();
    expect(final.status).toBe('completed');
    expect(final.output_text).toBe('Streaming works fine.');
    const reasoning = final.output.find((item) => item.type === 'reasoning');
    expect(reasoning?.summary).toEqual([{ type: 'summary_text', text: 'Plan the reply.' }]);
    expect(reasoning?.encrypted_content).toBeUndefined();
    const types = events.map((event) => event.type);
    expect(types.slice(0, 2)).toEqual(['response.created', 'response.in_progress']);
    expect(types.at(-1)).toBe('response.completed');
    expect(types).toContain('response.reasoning_summary_text.delta');
    expect(types.filter((type) => type === 'response.output_text.delta').length).toBeGreaterThan(2);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
  });

  for (const stream of [false, true]) {
    it(`round-trips a function call with function_call_output and Gemini 3 signatures (stream: ${stream})`, async () => {
      const input: OpenAI.Responses.ResponseInput = [{ role: 'user', content: 'Please call get_weather for Paris' }];
      const first = stream
        ? await client.responses.stream({ model: 'gemini-3-flash', input, tools: [weatherTool] }).finalResponse()
        : await client.responses.create({ model: 'gemini-3-flash', input, tools: [weatherTool], tool_choice: 'auto' });
      const call = first.output.find((item) => item.type === 'function_call');
      if (call?.type !== 'function_call') throw new Error('expected a function call');
      expect(call.name).toBe('get_weather');
      expect(call.id).toMatch(/^fc_/);
      expect(call.call_id).toMatch(/^call_/);
      expect(JSON.parse(call.arguments)).toEqual({ city: 'test' });
      // The client keeps only what it needs; the fake rejects a Gemini 3 history without the call's signature.
      const second = await client.responses.create({
        model: 'gemini-3-flash',
        tools: [weatherTool],
        input: [...input, { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments }, { type: 'function_call_output', call_id: call.call_id, output: '{"temperature": 21}' }],
      });
      expect(second.output_text).toContain('Tool said');
      expect(second.output_text).toContain('21');
      const modelTurn = lastSent().request.contents.find((content) => content.role === 'model');
      expect(modelTurn?.parts[0]?.thoughtSignature).toBeDefined();
      expect(modelTurn?.parts[0]?.thoughtSignature).not.toBe('skip_thought_signature_validator');
    });
  }

  it('replays Claude thinking from encrypted_content when the client keeps the history (store: false)', async () => {
    const input: OpenAI.Responses.ResponseInput = [{ role: 'user', content: 'Please call get_weather for Rome' }];
    const first = await client.responses.create({
      model: 'claude-sonnet-4-5-thinking',
      input,
      tools: [weatherTool],
      store: false,
      include: ['reasoning.encrypted_content'],
    });
    const reasoning = first.output.find((item) => item.type === 'reasoning');
    expect(reasoning?.summary[0]?.text).toBeTruthy();
    expect(reasoning?.encrypted_content).toMatch(/^skyport\.v1\./);
    const call = first.output.find((item) => item.type === 'function_call');
    if (call?.type !== 'function_call') throw new Error('expected a function call');
    // Send back exactly what Codex sends: the output items as they came, then the result.
    const second = await client.responses.create({
      model: 'claude-sonnet-4-5-thinking',
      tools: [weatherTool],
      store: false,
      input: [...input, ...(first.output as OpenAI.Responses.ResponseInputItem[]), { type: 'function_call_output', call_id: call.call_id, output: 'sunny' }],
    });
    expect(second.output_text).toContain('Tool said');
    const modelTurn = lastSent().request.contents.find((content) => content.role === 'model');
    expect(modelTurn?.parts[0]).toMatchObject({ thought: true, text: reasoning?.summary[0]?.text, thoughtSignature: expect.any(String) });
  });

  it('continues from previous_response_id without the client resending the history', async () => {
    const first = await client.responses.create({ model: 'gemini-3-flash', input: 'Please call get_weather for Rome', tools: [weatherTool] });
    const call = first.output.find((item) => item.type === 'function_call');
    if (call?.type !== 'function_call') throw new Error('expected a function call');
    const second = await client.responses.create({
      model: 'gemini-3-flash',
      previous_response_id: first.id,
      tools: [weatherTool],
      input: [{ type: 'function_call_output', call_id: call.call_id, output: 'sunny' }],
    });
    expect(second.previous_response_id).toBe(first.id);
    expect(second.output_text).toContain('Tool said: {"result":"sunny"}');
    const third = await client.responses.create({ model: 'gemini-3-flash', previous_response_id: second.id, input: 'And tomorrow?' });
    expect(third.output_text).toContain('And tomorrow?');
    expect(lastSent().request.contents.map((content) => content.role)).toEqual(['user', 'model', 'user', 'model', 'user']);
  });

  it('does not keep responses sent with store: false', async () => {
    const unsaved = await client.responses.create({ model: 'gemini-3-flash', input: 'forget me', store: false });
    expect((unsaved as OpenAI.Responses.Response & { store?: boolean }).store).toBe(false);
    const error = await client.responses.create({ model: 'gemini-3-flash', previous_response_id: unsaved.id, input: 'hello?' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('answers an unknown previous_response_id with an OpenAI-shaped 404', async () => {
    const response = await fetch(`${world.baseUrl}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gemini-3-flash', previous_response_id: 'resp_unknown', input: 'hi' }),
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        message: expect.stringContaining("Previous response with id 'resp_unknown' not found"),
        type: 'not_found_error',
        code: 'previous_response_not_found',
        param: 'previous_response_id',
      },
    });
  });

  it('passes max_output_tokens, reasoning effort and a json_schema text format upstream', async () => {
    await client.responses.create({
      model: 'gemini-2.5-flash',
      input: 'json please',
      max_output_tokens: 20000,
      reasoning: { effort: 'medium' },
      text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'], additionalProperties: false } } },
    });
    expect(lastSent().request.generationConfig).toMatchObject({
      maxOutputTokens: 20000,
      responseMimeType: 'application/json',
      responseSchema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] },
      thinkingConfig: { includeThoughts: true, thinkingBudget: 8192 },
    });
  });

  it('reports a cut answer as incomplete', async () => {
    world.fake.enqueue({ kind: 'text', text: 'This answer was cut', finishReason: 'MAX_TOKENS' });
    const data = await client.responses.create({ model: 'gemini-3-flash', input: 'long story' });
    expect(data.status).toBe('incomplete');
    expect(data.incomplete_details).toEqual({ reason: 'max_output_tokens' });
  });

  it('ends a stream that breaks mid-answer with response.failed, never response.completed', async () => {
    world.fake.enqueue({ kind: 'reset-after', chunks: 2, text: 'This reply will be cut off in the middle.' });
    const response = await fetch(`${world.baseUrl}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.apiKey}` },
      body: JSON.stringify({ model: 'gemini-3-flash', input: 'break', stream: true }),
    });
    const text = await response.text();
    const names = [...text.matchAll(/^event: (.+)$/gm)].map((match) => match[1]);
    expect(names.at(-1)).toBe('response.failed');
    expect(names).not.toContain('response.completed');
    const failed = JSON.parse(text.trim().split('\n').at(-1)?.slice('data: '.length) ?? '{}') as { response: { status: string; error: { code: string } } };
    expect(failed.response.status).toBe('failed');
    expect(failed.response.error.code).toBe('server_error');
  });
});

describe('responses: bad input', () => {
  async function post(body: unknown) {
    const response = await fetch(`${world.baseUrl}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { error: { message: string; type: string; param: string | null } } };
  }

  it.each([
    ['an unknown item type', { model: 'gemini-3-flash', input: [{ type: 'wizard_call', call_id: 'x' }] }, 'input[0].type', /wizard|must be an item of type/],
    ['an output without its call', { model: 'gemini-3-flash', input: [{ type: 'function_call_output', call_id: 'call_nowhere', output: 'x' }] }, 'input[0].call_id', /call_nowhere/],
    ['an unknown tool type', { model: 'gemini-3-flash', input: 'hi', tools: [{ type: 'teleport' }] }, 'tools[0].type', /tool of type/],
    ['a forced tool that was not given', { model: 'gemini-3-flash', input: 'hi', tools: [weatherTool], tool_choice: { type: 'function', name: 'nope' } }, 'tool_choice.name', /nope/],
    ['background mode', { model: 'gemini-3-flash', input: 'hi', background: true }, 'background', /not supported/],
    ['no input at all', { model: 'gemini-3-flash' }, 'input', /input/],
  ])('answers %s with a 400 naming the field', async (_name, body, param, message) => {
    const result = await post(body);
    expect(result.status).toBe(400);
    expect(result.body.error.type).toBe('invalid_request_error');
    expect(result.body.error.param).toBe(param);
    expect(result.body.error.message).toMatch(message);
  });
});

describe('legacy completions', () => {
  it('answers a prompt with a text_completion', async () => {
    const completion = await client.completions.create({ model: 'gemini-3-flash', prompt: 'Once upon a time', max_tokens: 50 });
    expect(completion.object).toBe('text_completion');
    expect(completion.id).toMatch(/^cmpl-/);
    expect(completion.choices[0]?.text).toContain('Once upon a time');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    expect(lastSent().request.contents).toEqual([{ role: 'user', parts: [{ text: 'Once upon a time' }] }]);
  });

  it('streams text_completion chunks, the finish reason and usage', async () => {
    const stream = await client.completions.create({ model: 'gemini-3-flash', prompt: ['Stream a story'], stream: true, stream_options: { include_usage: true } });
    const chunks: OpenAI.Completions.Completion[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.text ?? '').join('')).toContain('Stream a story');
    expect(chunks.every((chunk) => chunk.object === 'text_completion')).toBe(true);
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason === 'stop')).toBe(true);
    expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('refuses a batch of prompts instead of merging them', async () => {
    const error = await client.completions.create({ model: 'gemini-3-flash', prompt: ['one', 'two'] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toMatch(/batches are not supported/);
  });
});
