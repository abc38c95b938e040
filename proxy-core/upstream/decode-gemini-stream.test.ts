import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import type { GenerationEvent } from '../canonical/generation-event.js';
import { geminiResponseChunkSchema, type GeminiResponseChunk } from '../canonical/gemini-schemas.js';
import { decodeGeminiStream } from './decode-gemini-stream.js';
import { parseSseStream } from './parse-sse-stream.js';

const signature = `ErADCq0DAXLI2nx${'A'.repeat(60)}`;

/** Replays a recorded stream: one upstream SSE `data` payload per fixture line. */
async function* replay(name: string): AsyncGenerator<GeminiResponseChunk> {
  const lines = readFileSync(new URL(`./__fixtures__/${name}.chunks.txt`, import.meta.url), 'utf8').split('\n').filter(Boolean);
  async function* bytes(): AsyncGenerator<string> {
    for (const line of lines) yield `data: ${line}\r\n\r\n`;
  }
  for await (const event of parseSseStream(bytes())) {
    const envelope = JSON.parse(event.data) as { response: unknown };
    yield geminiResponseChunkSchema.parse(envelope.response);
  }
}

async function* fromChunks(chunks: GeminiResponseChunk[]): AsyncGenerator<GeminiResponseChunk> {
  for (const chunk of chunks) yield chunk;
}

function createIds(): () => string {
  let next = 0;
  return () => `call_${(next += 1)}`;
}

async function decode(chunks: AsyncIterable<GeminiResponseChunk>): Promise<GenerationEvent[]> {
  const events: GenerationEvent[] = [];
  for await (const event of decodeGeminiStream(chunks, { createToolCallId: createIds() })) events.push(event);
  return events;
}

async function decodeError(chunks: AsyncIterable<GeminiResponseChunk>): Promise<{ events: GenerationEvent[]; error: unknown }> {
  const events: GenerationEvent[] = [];
  try {
    for await (const event of decodeGeminiStream(chunks, { createToolCallId: createIds() })) events.push(event);
  } catch (error) {
    return { events, error };
  }
  throw new Error('expected the stream to fail');
}

describe('decodeGeminiStream', () => {
  it('decodes a plain text stream (UPSTREAM-PROTOCOL.md §6 example)', async () => {
    expect(await decode(replay('gemini-text'))).toEqual([
      { type: 'start', responseId: 'ypM9abPqFKWl0-kPvamgqQw', modelVersion: 'gemini-3-flash' },
      { type: 'text-delta', text: 'Hel' },
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 1, cachedInputTokens: 0, reasoningTokens: 0, totalTokens: 6 } },
      { type: 'text-delta', text: 'lo' },
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 2, cachedInputTokens: 0, reasoningTokens: 0, totalTokens: 7 } },
      { type: 'finish', reason: 'stop', usage: { inputTokens: 5, outputTokens: 2, cachedInputTokens: 0, reasoningTokens: 0, totalTokens: 7 } },
    ]);
  });

  it('decodes Claude thinking with its signature, text and a tool call ending in OTHER', async () => {
    const cachedUsage = { inputTokens: 1200, outputTokens: 0, cachedInputTokens: 1000, reasoningTokens: 0, totalTokens: 1200 };
    expect(await decode(replay('claude-thinking-tool-call'))).toEqual([
      { type: 'start', responseId: 'msg_vrtx_01UDKZG8PWPj9mjajje8d7u7', modelVersion: 'claude-sonnet-4-5-thinking' },
      { type: 'reasoning-delta', text: 'Let me' },
      { type: 'usage', usage: cachedUsage },
      { type: 'reasoning-delta', text: ' check the weather.' },
      { type: 'reasoning-signature', signature },
      { type: 'text-delta', text: "I'll look it up." },
      { type: 'usage', usage: { ...cachedUsage, outputTokens: 8, totalTokens: 1208 } },
      { type: 'tool-call', id: 'toolu_vrtx_01A', name: 'get_weather', arguments: { city: 'Paris' } },
      { type: 'usage', usage: { ...cachedUsage, outputTokens: 30, totalTokens: 1230 } },
      { type: 'finish', reason: 'tool_calls', usage: { ...cachedUsage, outputTokens: 30, totalTokens: 1230 } },
    ]);
  });

  it('gives Gemini function calls ids and sibling signatures, and finishes with the usage that came after STOP', async () => {
    const events = await decode(replay('gemini3-tool-call-usage-after-finish'));
    expect(events).toEqual([
      { type: 'start', responseId: 'Zq9abcdEFgh-ijklMNopQrs', modelVersion: 'gemini-3-pro-high' },
      { type: 'reasoning-delta', text: '**Planning** the lookup' },
      { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' }, signature },
      { type: 'tool-call', id: 'call_2', name: 'get_time', arguments: {} },
      { type: 'usage', usage: { inputTokens: 40, outputTokens: 35, cachedInputTokens: 0, reasoningTokens: 25, totalTokens: 75 } },
      { type: 'usage', usage: { inputTokens: 40, outputTokens: 37, cachedInputTokens: 0, reasoningTokens: 25, totalTokens: 77 } },
      { type: 'finish', reason: 'tool_calls', usage: { inputTokens: 40, outputTokens: 37, cachedInputTokens: 0, reasoningTokens: 25, totalTokens: 77 } },
    ]);
  });

  it('keeps a signature-only part as a reasoning signature', async () => {
    const events = await decode(replay('gemini-signature-only-part'));
    expect(events.map((event) => event.type)).toEqual(['start', 'reasoning-delta', 'reasoning-signature', 'text-delta', 'usage', 'finish']);
    expect(events[2]).toEqual({ type: 'reasoning-signature', signature });
  });

  it('turns a blocked prompt into a content_filter finish', async () => {
    expect(await decode(replay('gemini-blocked-prompt'))).toEqual([
      { type: 'start', responseId: 'blk1', modelVersion: 'gemini-3-flash' },
      { type: 'usage', usage: { inputTokens: 9, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0, totalTokens: 9 } },
      { type: 'finish', reason: 'content_filter', usage: { inputTokens: 9, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0, totalTokens: 9 } },
    ]);
  });

  it('passes inline data through', async () => {
    const events = await decode(replay('gemini-image'));
    expect(events).toContainEqual({ type: 'inline-data', mimeType: 'image/png', data: 'iVBORw0KGgo=' });
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'stop' });
  });

  it('fails a stream that ends without finishReason instead of finishing it', async () => {
    const { events, error } = await decodeError(replay('gemini-truncated'));
    expect(events.filter((event) => event.type === 'text-delta')).toHaveLength(2);
    expect(events.some((event) => event.type === 'finish')).toBe(false);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'upstream', message: 'Upstream stream ended before the answer was complete' });
  });

  it('fails an empty answer so the caller can retry on another account', async () => {
    const { error } = await decodeError(replay('gemini-empty'));
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({
      kind: 'upstream',
      message: 'Upstream returned an empty response',
      upstream: { status: 200, message: 'empty stream' },
    });
    expect((await decodeError(fromChunks([]))).error).toMatchObject({ message: 'Upstream returned an empty response' });
  });

  it('does not count a lone signature as content', async () => {
    const { error } = await decodeError(
      fromChunks([{ candidates: [{ content: { role: 'model', parts: [{ text: '', thoughtSignature: 'sig' }] }, finishReason: 'STOP' }] }]),
    );
    expect(error).toMatchObject({ message: 'Upstream returned an empty response' });
  });

  it.each([
    ['STOP', false, 'stop'],
    ['STOP', true, 'tool_calls'],
    ['MAX_TOKENS', false, 'length'],
    ['MAX_TOKENS', true, 'length'],
    ['SAFETY', false, 'content_filter'],
    ['RECITATION', false, 'content_filter'],
    ['BLOCKLIST', false, 'content_filter'],
    ['PROHIBITED_CONTENT', false, 'content_filter'],
    ['SPII', false, 'content_filter'],
    ['IMAGE_SAFETY', false, 'content_filter'],
    ['OTHER', true, 'tool_calls'],
    ['OTHER', false, 'other'],
    ['MALFORMED_FUNCTION_CALL', false, 'other'],
    ['SOMETHING_NEW', false, 'other'],
  ])('maps finishReason %s (tool call: %s) to %s', async (finishReason, withToolCall, expected) => {
    const part = withToolCall ? { functionCall: { name: 'f', args: {} } } : { text: 'x' };
    const events = await decode(fromChunks([{ candidates: [{ content: { role: 'model', parts: [part] }, finishReason }] }]));
    expect(events.at(-1)).toEqual({
      type: 'finish',
      reason: expected,
      usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0, totalTokens: 0 },
    });
  });

  it('finishes an empty answer cut by a content filter or the token limit (a retry would get the same)', async () => {
    for (const [finishReason, reason] of [
      ['SAFETY', 'content_filter'],
      ['MAX_TOKENS', 'length'],
    ] as const) {
      const events = await decode(fromChunks([{ candidates: [{ finishReason }], usageMetadata: { promptTokenCount: 3, thoughtsTokenCount: 5 } }]));
      expect(events.at(-1)).toMatchObject({ type: 'finish', reason, usage: { inputTokens: 3, outputTokens: 5, totalTokens: 8 } });
    }
  });

  it('reads candidate 0 only, and emits usage only when it changes', async () => {
    const usageMetadata = { promptTokenCount: 2, candidatesTokenCount: 1, totalTokenCount: 3 };
    const events = await decode(
      fromChunks([
        {
          candidates: [
            { content: { role: 'model', parts: [{ text: 'first' }] } },
            { content: { role: 'model', parts: [{ text: 'second' }] } },
          ],
          usageMetadata,
        },
        { candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP' }], usageMetadata },
      ]),
    );
    expect(events.map((event) => event.type)).toEqual(['start', 'text-delta', 'usage', 'finish']);
    expect(events[0]).toEqual({ type: 'start', responseId: '', modelVersion: '' });
  });

  it('lets errors of the input iterator through unchanged', async () => {
    const failure = new GatewayError('timeout', 'Upstream sent nothing for 0.1 s');
    async function* failing(): AsyncGenerator<GeminiResponseChunk> {
      yield { candidates: [{ content: { role: 'model', parts: [{ text: 'partial' }] } }] };
      throw failure;
    }
    const { events, error } = await decodeError(failing());
    expect(error).toBe(failure);
    expect(events.map((event) => event.type)).toEqual(['start', 'text-delta']);
  });
});

describe('Google Search grounding', () => {
  it('gathers the queries and the pages over the chunks, each page once, into one grounding event before the finish', async () => {
    const last = {
      webSearchQueries: ['weather rome', 'rome forecast'],
      groundingChunks: [
        { web: { uri: 'https://a.example/1', title: 'a.example' } },
        { web: { uri: 'https://a.example/1', title: 'a.example' } },
        { web: { uri: 'https://b.example/2', title: 'Weather [live]' } },
        { web: { uri: '' } },
      ],
    };
    const events = await decode(
      fromChunks([
        {
          candidates: [
            {
              content: { role: 'model', parts: [{ text: 'Rome is sunny.' }] },
              groundingMetadata: { webSearchQueries: ['weather rome'], groundingChunks: [{ web: { uri: 'https://c.example/0' } }] },
            },
          ],
        },
        { candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', groundingMetadata: last }] },
      ]),
    );
    expect(events.map((event) => event.type)).toEqual(['start', 'text-delta', 'grounding', 'finish']);
    expect(events[2]).toEqual({
      type: 'grounding',
      sources: {
        queries: ['weather rome', 'rome forecast'],
        pages: [
          { uri: 'https://c.example/0', title: '' },
          { uri: 'https://a.example/1', title: 'a.example' },
          { uri: 'https://b.example/2', title: 'Weather [live]' },
        ],
      },
      // The metadata as the upstream last sent it, for a protocol that hands it back.
      metadata: last,
    });
    // The decoder writes no text for it: rendering the sources is each encoder's job.
    expect(events.filter((event) => event.type === 'text-delta')).toEqual([{ type: 'text-delta', text: 'Rome is sunny.' }]);
  });

  it('sends the grounding event even when the search found no page', async () => {
    const events = await decode(
      fromChunks([{ candidates: [{ content: { role: 'model', parts: [{ text: '{"a":1}' }] }, finishReason: 'STOP', groundingMetadata: { webSearchQueries: ['x'] } }] }]),
    );
    expect(events.find((event) => event.type === 'grounding')).toEqual({ type: 'grounding', sources: { queries: ['x'], pages: [] }, metadata: { webSearchQueries: ['x'] } });
  });

  it('sends no grounding event for an answer without search', async () => {
    const events = await decode(fromChunks([{ candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }] }, finishReason: 'STOP' }] }]));
    expect(events.some((event) => event.type === 'grounding')).toBe(false);
  });
});
