import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GenerationEvent } from '../../../canonical/generation-event.js';
import { readRecordedEvents, replayGenerationEvents } from '../../shared/__fixtures__/replay-generation-events.js';
import { collectGeminiNativeResponse } from './collect-gemini-native-response.js';
import { encodeGeminiNativeStream } from './encode-gemini-native-stream.js';
import { frameGeminiNativeStream } from './frame-gemini-native-stream.js';
import type { GeminiNativeResponse } from './gemini-native-response-types.js';

const fixtures = join(import.meta.dirname, '__fixtures__');
/** An answer grounded by Google Search: the sources come as one event after the text. */
const grounded: GenerationEvent[] = [
  { type: 'start', responseId: 'r1', modelVersion: 'gemini-3-flash' },
  { type: 'text-delta', text: 'Rome is sunny.' },
  { type: 'grounding', sources: { queries: ['weather rome'], pages: [{ uri: 'https://a.example/1', title: 'a.example' }] }, metadata: { webSearchQueries: ['weather rome'] } },
  { type: 'finish', reason: 'stop', usage: { inputTokens: 3, outputTokens: 4, cachedInputTokens: 0, reasoningTokens: 0, totalTokens: 7 } },
];
const options = { modelVersion: 'fallback-model', responseId: 'fallback-id' };

const chunksOf = (name: string, includeThoughts: boolean) =>
  encodeGeminiNativeStream(replayGenerationEvents(readRecordedEvents(fixtures, name)), { ...options, includeThoughts });

async function collectChunks(name: string, includeThoughts: boolean): Promise<GeminiNativeResponse[]> {
  const chunks: GeminiNativeResponse[] = [];
  for await (const chunk of chunksOf(name, includeThoughts)) chunks.push(chunk);
  return chunks;
}

async function frames(name: string, sse: boolean): Promise<string> {
  let body = '';
  for await (const frame of frameGeminiNativeStream(chunksOf(name, true), { sse })) body += frame;
  return body;
}

describe('encodeGeminiNativeStream', () => {
  // <events>.events.json -> <events>.sse.txt: the exact bytes of `streamGenerateContent?alt=sse`.
  it.each(['thinking-tool-call', 'claude-thinking', 'error-mid-stream'])('%s -> %s.sse.txt', async (name) => {
    await expect(await frames(name, true)).toMatchFileSnapshot(join(fixtures, `${name}.sse.txt`));
  });

  it('sends parts as the Gemini API streams them, with usage once known and a last finish chunk', async () => {
    const chunks = await collectChunks('thinking-tool-call', true);
    expect(chunks.map((chunk) => chunk.candidates[0]?.content?.parts ?? chunk.candidates[0]?.finishReason)).toEqual([
      [{ text: 'Need the weather. ', thought: true }],
      [{ text: 'Call the tool.', thought: true }],
      [{ text: 'Let me check.' }],
      [{ text: '', thoughtSignature: 'sig-gemini-text' }],
      [{ functionCall: { name: 'get_weather', args: { city: 'Paris' }, id: 'call_1' }, thoughtSignature: 'sig-gemini-call' }],
      'STOP',
    ]);
    expect(chunks[0]?.usageMetadata).toBeUndefined();
    expect(chunks.at(-1)?.usageMetadata).toEqual({ promptTokenCount: 50, candidatesTokenCount: 12, totalTokenCount: 70, thoughtsTokenCount: 8, cachedContentTokenCount: 10 });
    expect(new Set(chunks.map((chunk) => `${chunk.modelVersion} ${chunk.responseId}`))).toEqual(new Set(['gemini-3-flash ypM9abPqFKWl0-kPvamgqQw']));
  });

  it('hides thoughts and their signatures unless the client asked for thoughts', async () => {
    const chunks = await collectChunks('claude-thinking', false);
    const parts = chunks.flatMap((chunk) => chunk.candidates[0]?.content?.parts ?? []);
    expect(parts).toEqual([{ text: 'Hi' }, { text: '!' }]);
    expect(chunks.at(-1)?.candidates[0]?.finishReason).toBe('MAX_TOKENS');
  });

  it('hands back Google Search grounding as the upstream sent it, on the finish chunk, and writes no sources text', async () => {
    const chunks: GeminiNativeResponse[] = [];
    for await (const chunk of encodeGeminiNativeStream(replayGenerationEvents(grounded), { ...options, includeThoughts: false })) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.candidates[0])).toEqual([
      { content: { role: 'model', parts: [{ text: 'Rome is sunny.' }] }, index: 0 },
      { finishReason: 'STOP', groundingMetadata: { webSearchQueries: ['weather rome'] }, index: 0 },
    ]);
    async function* again() {
      yield* chunks;
    }
    expect((await collectGeminiNativeResponse(again())).candidates[0]).toEqual({
      content: { role: 'model', parts: [{ text: 'Rome is sunny.' }] },
      finishReason: 'STOP',
      groundingMetadata: { webSearchQueries: ['weather rome'] },
      index: 0,
    });
  });

  it('throws on a stream that ends without a finish', async () => {
    async function* cut() {
      yield { type: 'text-delta' as const, text: 'no end' };
    }
    const drain = async () => {
      for await (const _chunk of encodeGeminiNativeStream(cut(), { ...options, includeThoughts: false })) {
        // read to the end
      }
    };
    await expect(drain()).rejects.toMatchObject({ kind: 'upstream' });
  });
});

describe('frameGeminiNativeStream', () => {
  it('writes one JSON array without alt=sse, its last element the error of a failed stream', async () => {
    const ok = JSON.parse(await frames('claude-thinking', false)) as GeminiNativeResponse[];
    expect(ok.at(-1)?.candidates[0]?.finishReason).toBe('MAX_TOKENS');
    const failed = JSON.parse(await frames('error-mid-stream', false)) as unknown[];
    expect(failed.at(-1)).toEqual({ error: { code: 504, message: 'Upstream sent nothing for 120 s', status: 'DEADLINE_EXCEEDED' } });
  });
});

describe('collectGeminiNativeResponse', () => {
  it('joins runs of text and thought text, each with the signature that closed it', async () => {
    const response = await collectGeminiNativeResponse(chunksOf('claude-thinking', true));
    expect(response).toEqual({
      candidates: [
        {
          content: { role: 'model', parts: [{ text: 'Short answer.', thought: true, thoughtSignature: 'sig-claude-thinking' }, { text: 'Hi!' }] },
          finishReason: 'MAX_TOKENS',
          index: 0,
        },
      ],
      usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 2, totalTokenCount: 18, thoughtsTokenCount: 4 },
      modelVersion: 'claude-sonnet-4-5-thinking',
      responseId: 'msg_vrtx_01UDKZG8PWPj9mjajje8d7u7',
    });
    const tool = await collectGeminiNativeResponse(chunksOf('thinking-tool-call', true));
    expect(tool.candidates[0]?.content?.parts).toEqual([
      { text: 'Need the weather. Call the tool.', thought: true },
      { text: 'Let me check.', thoughtSignature: 'sig-gemini-text' },
      { functionCall: { name: 'get_weather', args: { city: 'Paris' }, id: 'call_1' }, thoughtSignature: 'sig-gemini-call' },
    ]);
  });

  it('propagates a failure', async () => {
    await expect(collectGeminiNativeResponse(chunksOf('error-mid-stream', false))).rejects.toMatchObject({ kind: 'timeout' });
  });
});
