/** The official `@google/genai` SDK, pointed at the gateway with `httpOptions.baseUrl`, against the fake Google. */
import { ApiError, FunctionCallingConfigMode, GoogleGenAI, Type, type Content, type FunctionDeclaration } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
let ai: GoogleGenAI;

beforeAll(async () => {
  world = await startTestGateway({ settings: { 'proxy.auth_mode': 'strict' } });
  ai = new GoogleGenAI({ apiKey: world.apiKey, httpOptions: { baseUrl: world.origin } });
});
afterAll(async () => {
  await world.close();
});

const weather: FunctionDeclaration = {
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING, description: 'City name' } }, required: ['city'] },
};

interface SentRequest {
  model: string;
  request: {
    contents: Array<{ role: string; parts: Array<{ text?: string; thought?: boolean; thoughtSignature?: string; functionCall?: { name: string; id?: string }; functionResponse?: unknown }> }>;
    systemInstruction?: { parts: Array<{ text: string }> };
    safetySettings: Array<{ category: string; threshold: string }>;
    generationConfig?: Record<string, unknown>;
    tools?: Array<{ functionDeclarations: Array<{ name: string; parameters: Record<string, unknown> }> }>;
  };
}
const lastSent = () => world.fake.requestsTo('streamGenerateContent').at(-1)?.body as SentRequest;

describe('gemini native', () => {
  it('lists and describes models', async () => {
    const names: string[] = [];
    for await (const model of await ai.models.list()) names.push(model.name ?? '');
    expect(names).toContain('models/gemini-3-flash');
    const model = await ai.models.get({ model: 'gemini-3-flash' });
    expect(model.name).toBe('models/gemini-3-flash');
    expect(model.supportedActions).toEqual(['generateContent', 'streamGenerateContent', 'countTokens']);
  });

  it('generates content with the response wrapper removed', async () => {
    world.fake.enqueue({ kind: 'text', text: 'Bonjour!', usage: { promptTokenCount: 9, cachedContentTokenCount: 4 } });
    const response = await ai.models.generateContent({
      model: 'gemini-3-flash',
      contents: 'Say hello in French',
      config: { systemInstruction: 'You are terse.', safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT' as never, threshold: 'BLOCK_LOW_AND_ABOVE' as never }] },
    });
    expect(response.text).toBe('Bonjour!');
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.modelVersion).toBe('gemini-3-flash');
    expect(response.usageMetadata).toMatchObject({ promptTokenCount: 9, cachedContentTokenCount: 4 });
    const sent = lastSent().request;
    expect(sent.systemInstruction?.parts).toEqual([{ text: 'You are terse.' }]);
    expect(sent.safetySettings.every((setting) => setting.threshold === 'OFF')).toBe(true);
  });

  it('grounds with googleSearch and hands back the groundingMetadata itself, streamed or not', async () => {
    const request = { model: 'gemini-3-flash', contents: 'rome weather', config: { tools: [{ googleSearch: {} }] } };
    const answer = await ai.models.generateContent(request);
    expect((lastSent().request as { tools?: unknown }).tools).toEqual([{ googleSearch: {} }]);
    expect(answer.text).toBe('Hello from gemini-3-flash: rome weather');
    const metadata = answer.candidates?.[0]?.groundingMetadata;
    expect(metadata?.webSearchQueries).toEqual(['rome weather']);
    expect(metadata?.groundingChunks?.map((chunk) => chunk.web?.uri)).toEqual([
      'https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-1',
      'https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-2',
    ]);
    expect(metadata?.groundingSupports?.[0]?.groundingChunkIndices).toEqual([0, 1]);

    const chunks = [];
    for await (const chunk of await ai.models.generateContentStream(request)) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.text ?? '').join('')).toBe('Hello from gemini-3-flash: rome weather');
    expect(chunks.at(-1)?.candidates?.[0]?.groundingMetadata?.webSearchQueries).toEqual(['rome weather']);
    expect(chunks.slice(0, -1).every((chunk) => chunk.candidates?.[0]?.groundingMetadata === undefined)).toBe(true);
  });

  it('searches for a -online model name, and serves googleSearch next to functions with the functions only', async () => {
    const answer = await ai.models.generateContent({ model: 'gemini-3-flash-online', contents: 'news' });
    expect(lastSent()).toMatchObject({ model: 'gemini-3-flash', request: { tools: [{ googleSearch: {} }] } });
    expect(answer.candidates?.[0]?.groundingMetadata?.groundingChunks).toHaveLength(2);
    // The upstream refuses the pair, so the search is dropped (with a warning) and the functions kept.
    const both = await ai.models.generateContent({
      model: 'gemini-3-flash',
      contents: 'Please call get_weather for Rome',
      config: { tools: [{ googleSearch: {} }, { functionDeclarations: [weather] }] },
    });
    expect(both.functionCalls?.[0]).toMatchObject({ name: 'get_weather', args: { city: 'test' } });
    expect(lastSent().request.tools).toEqual([{ functionDeclarations: [expect.objectContaining({ name: 'get_weather' })] }]);
  });

  it('streams chunks through generateContentStream (alt=sse)', async () => {
    const stream = await ai.models.generateContentStream({ model: 'gemini-3-flash', contents: 'Stream a greeting please' });
    const texts: string[] = [];
    let finishReason: string | undefined;
    for await (const chunk of stream) {
      texts.push(chunk.text ?? '');
      finishReason = chunk.candidates?.[0]?.finishReason ?? finishReason;
    }
    expect(texts.filter((text) => text !== '').length).toBeGreaterThan(2);
    expect(texts.join('')).toBe('Hello from gemini-3-flash: Stream a greeting please');
    expect(finishReason).toBe('STOP');
    expect(world.fake.requestsTo('streamGenerateContent').length).toBeGreaterThan(0);
  });

  it('shows thoughts only when includeThoughts asks for them', async () => {
    world.fake.enqueue({ kind: 'text', text: 'Four.', thoughts: 'Two and two.' });
    const withThoughts = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: '2+2?', config: { thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 } } });
    const parts = withThoughts.candidates?.[0]?.content?.parts ?? [];
    expect(parts[0]).toMatchObject({ text: 'Two and two.', thought: true });
    expect(withThoughts.text).toBe('Four.');
    expect(lastSent().request.generationConfig?.thinkingConfig).toEqual({ includeThoughts: true, thinkingBudget: 2048 });
    world.fake.enqueue({ kind: 'text', text: 'Four.', thoughts: 'Two and two.' });
    const without = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: '2+2?' });
    expect(without.candidates?.[0]?.content?.parts?.some((part) => part.thought === true)).toBe(false);
  });

  it('round-trips a function call with its Gemini 3 signature', async () => {
    const history: Content[] = [{ role: 'user', parts: [{ text: 'Please call get_weather for Paris' }] }];
    const config = { tools: [{ functionDeclarations: [weather] }], toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.AUTO } } };
    const first = await ai.models.generateContent({ model: 'gemini-3-flash', contents: history, config });
    const call = first.functionCalls?.[0];
    expect(call).toMatchObject({ name: 'get_weather', args: { city: 'test' } });
    const modelContent = first.candidates?.[0]?.content;
    expect(modelContent?.parts?.[0]?.thoughtSignature).toBeDefined();
    expect(lastSent().request.tools?.[0]?.functionDeclarations[0]?.parameters).toMatchObject({ type: 'object', properties: { city: { type: 'string' } } });

    const second = await ai.models.generateContent({
      model: 'gemini-3-flash',
      contents: [...history, modelContent as Content, { role: 'user', parts: [{ functionResponse: { name: 'get_weather', id: call?.id, response: { temperature: 21 } } }] }],
      config,
    });
    expect(second.text).toContain('Tool said: {"temperature":21}');
    const sentCall = lastSent().request.contents[1]?.parts[0];
    expect(sentCall?.thoughtSignature).toBe(modelContent?.parts?.[0]?.thoughtSignature);
    // Gemini pairs calls and results by position; the ids the gateway handed out stay on its side.
    expect(sentCall?.functionCall).toEqual({ name: 'get_weather', args: { city: 'test' } });
  });

  it('puts a signature back when the client dropped it', async () => {
    const first = await ai.models.generateContent({ model: 'gemini-3-flash', contents: 'Please call get_weather for Oslo', config: { tools: [{ functionDeclarations: [weather] }] } });
    const call = first.functionCalls?.[0];
    const second = await ai.models.generateContent({
      model: 'gemini-3-flash',
      contents: [
        { role: 'user', parts: [{ text: 'Please call get_weather for Oslo' }] },
        { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: call?.args ?? {}, id: call?.id ?? '' } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'get_weather', id: call?.id ?? '', response: { sky: 'grey' } } }] },
      ],
      config: { tools: [{ functionDeclarations: [weather] }] },
    });
    expect(second.text).toContain('grey');
    expect(lastSent().request.contents[1]?.parts[0]?.thoughtSignature).toBe(first.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature);
  });

  it('counts tokens through the upstream', async () => {
    const result = await ai.models.countTokens({ model: 'gemini-3-flash', contents: 'How many tokens is this sentence?' });
    expect(result.totalTokens).toBe(Math.ceil('How many tokens is this sentence?'.length / 4));
  });

  it('countTokens checks its body as generateContent does: a wrong type is a Google 400, never a count', async () => {
    const countCalls = world.fake.requestsTo('countTokens').length;
    const contents = [{ role: 'user', parts: [{ text: 'count me' }] }];
    const garbage: Array<[Record<string, unknown>, string]> = [
      [{ contents: 'not a list' }, 'contents'],
      [{ contents: [{ parts: 'nope' }] }, 'contents'],
      [{ contents, tools: 'all of them' }, 'tools'],
      [{ contents, tools: [{ functionDeclarations: [{ description: 'no name' }] }] }, 'tools'],
      [{ contents, systemInstruction: 42 }, 'systemInstruction'],
      [{ contents, generationConfig: { temperature: 'hot' } }, 'generationConfig'],
      [{ generateContentRequest: { contents, systemInstruction: 42 } }, 'generateContentRequest.systemInstruction'],
    ];
    for (const [body, field] of garbage) {
      const response = await fetch(`${world.origin}/v1beta/models/gemini-3-flash:countTokens`, {
        method: 'POST',
        headers: { 'x-goog-api-key': world.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      const answer = (await response.json()) as { error: { code: number; status: string; message: string } };
      expect(answer.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
      expect(answer.error.message).toContain(field);
    }
    expect(world.fake.requestsTo('countTokens')).toHaveLength(countCalls);

    // Well-formed fields beside contents are counted too (the system instruction is part of the prompt).
    const response = await fetch(`${world.origin}/v1beta/models/gemini-3-flash:countTokens`, {
      method: 'POST',
      headers: { 'x-goog-api-key': world.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ contents, systemInstruction: { parts: [{ text: 'You are a careful counter of every token.' }] } }),
    });
    expect(response.status).toBe(200);
    const counted = (await response.json()) as { totalTokens: number };
    const plain = await ai.models.countTokens({ model: 'gemini-3-flash', contents: 'count me' });
    expect(counted.totalTokens).toBeGreaterThan(plain.totalTokens ?? 0);
  });

  it('returns Google-shaped errors the SDK raises as ApiError', async () => {
    const unknownMethod = await fetch(`${world.origin}/v1beta/models/gemini-3-flash:embedContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': world.apiKey, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unknownMethod.status).toBe(404);
    expect(await unknownMethod.json()).toEqual({ error: { code: 404, message: expect.stringContaining("Method 'embedContent' is not supported"), status: 'NOT_FOUND' } });

    const noMethod = await fetch(`${world.origin}/v1beta/models/gemini-3-flash`, { method: 'POST', headers: { 'x-goog-api-key': world.apiKey }, body: '{}' });
    expect(noMethod.status).toBe(400);
    expect(((await noMethod.json()) as { error: { status: string } }).error.status).toBe('INVALID_ARGUMENT');

    const badBody = await ai.models
      .generateContent({ model: 'gemini-3-flash', contents: [{ role: 'user', parts: [{ executableCode: { code: 'print(1)' } }] }] })
      .catch((caught: unknown) => caught);
    expect(badBody).toBeInstanceOf(ApiError);
    expect((badBody as ApiError).status).toBe(400);
    expect((badBody as ApiError).message).toContain('contents[0].parts[0]');

    const keyInUrl = await fetch(`${world.origin}/v1beta/models?key=${world.apiKey}`);
    expect(keyInUrl.status).toBe(400);
    expect(((await keyInUrl.json()) as { error: { message: string } }).error.message).toMatch(/x-goog-api-key/);

    const wrongKey = await new GoogleGenAI({ apiKey: 'wrong', httpOptions: { baseUrl: world.origin } }).models
      .generateContent({ model: 'gemini-3-flash', contents: 'hi' })
      .catch((caught: unknown) => caught);
    expect((wrongKey as ApiError).status).toBe(401);
  });

  it('streams a JSON array without alt=sse and ends a broken stream with an error object', async () => {
    const array = await fetch(`${world.origin}/v1beta/models/gemini-3-flash:streamGenerateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': world.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'as an array' }] }] }),
    });
    expect(array.headers.get('content-type')).toMatch(/application\/json/);
    const chunks = (await array.json()) as Array<{ candidates: Array<{ content?: { parts: Array<{ text?: string }> }; finishReason?: string }> }>;
    expect(chunks.map((chunk) => chunk.candidates[0]?.content?.parts[0]?.text ?? '').join('')).toBe('Hello from gemini-3-flash: as an array');
    expect(chunks.at(-1)?.candidates[0]?.finishReason).toBe('STOP');

    world.fake.enqueue({ kind: 'reset-after', chunks: 2, text: 'This reply will be cut off in the middle.' });
    const stream = await ai.models.generateContentStream({ model: 'gemini-3-flash', contents: 'break please' });
    const failure = await (async () => {
      for await (const _chunk of stream) {
        // read until the error
      }
    })().catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(502);
  });
});
