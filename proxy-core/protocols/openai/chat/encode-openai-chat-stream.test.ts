import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GenerationEvent } from '../../../canonical/generation-event.js';
import { groundedAnswer as grounded, groundedSourcesText as sourcesText } from '../../shared/__fixtures__/grounded-answer.js';
import { readRecordedEvents, replayGenerationEvents } from '../../shared/__fixtures__/replay-generation-events.js';
import { encodeOpenAIChatStream } from './encode-openai-chat-stream.js';

const fixtures = join(import.meta.dirname, '__fixtures__');
const toolNames = new Map([
  ['get_weather', 'get_weather'],
  ['mcp:fs_read_file', 'mcp:fs/read file'],
]);
const options = { id: 'chatcmpl-7f3c9a', model: 'gpt-4o', created: 1_760_000_000, toolNames, sourcesAsText: true };

async function encode(events: AsyncIterable<GenerationEvent>, includeUsage: boolean): Promise<string[]> {
  const frames: string[] = [];
  for await (const frame of encodeOpenAIChatStream(events, { ...options, includeUsage })) frames.push(frame);
  return frames;
}

describe('encodeOpenAIChatStream', () => {
  // <events>.events.json -> <frames>.frames.txt: the exact SSE bytes the client receives.
  it.each([
    { events: 'text', includeUsage: true, frames: 'text' },
    { events: 'text', includeUsage: false, frames: 'text-no-usage' },
    { events: 'tool-calls', includeUsage: true, frames: 'tool-calls' },
    { events: 'tool-calls-only', includeUsage: false, frames: 'tool-calls-only' },
    { events: 'length', includeUsage: false, frames: 'length' },
    { events: 'content-filter', includeUsage: false, frames: 'content-filter' },
    { events: 'inline-image', includeUsage: false, frames: 'inline-image' },
    { events: 'error-mid-stream', includeUsage: true, frames: 'error-mid-stream' },
    { events: 'error-before-content', includeUsage: false, frames: 'error-before-content' },
    { events: 'truncated', includeUsage: false, frames: 'truncated' },
  ])('$events (include_usage: $includeUsage) -> $frames.frames.txt', async ({ events, includeUsage, frames }) => {
    const output = await encode(replayGenerationEvents(readRecordedEvents(fixtures, events)), includeUsage);
    for (const frame of output) expect(frame).toMatch(/^data: .+\n\n$/s);
    await expect(output.join('')).toMatchFileSnapshot(join(fixtures, `${frames}.frames.txt`));
  });

  it('ends a clean stream with [DONE] and a failed or cut one without it', async () => {
    const clean = await encode(replayGenerationEvents(readRecordedEvents(fixtures, 'text')), true);
    expect(clean.at(-1)).toBe('data: [DONE]\n\n');
    for (const name of ['error-mid-stream', 'error-before-content', 'truncated']) {
      const failed = await encode(replayGenerationEvents(readRecordedEvents(fixtures, name)), true);
      expect(failed.join('')).not.toContain('[DONE]');
      expect(JSON.parse(failed.at(-1)?.slice('data: '.length) ?? '')).toHaveProperty('error.type');
    }
  });

  it('uses one id on every chunk and increasing tool call indexes', async () => {
    const frames = await encode(replayGenerationEvents(readRecordedEvents(fixtures, 'tool-calls')), true);
    const chunks = frames.filter((frame) => frame !== 'data: [DONE]\n\n').map((frame) => JSON.parse(frame.slice(6)) as Record<string, unknown>);
    expect(new Set(chunks.map((chunk) => chunk.id))).toEqual(new Set(['chatcmpl-7f3c9a']));
    const indexes = chunks.flatMap((chunk) =>
      (chunk.choices as Array<{ delta: { tool_calls?: Array<{ index: number }> } }>).flatMap((choice) => choice.delta.tool_calls ?? []).map((call) => call.index),
    );
    expect(indexes).toEqual([0, 1]);
  });

  it('sends Google Search sources as one content chunk after the answer, and none for a JSON-only answer', async () => {
    const contentOf = async (sourcesAsText: boolean) => {
      const frames: string[] = [];
      for await (const frame of encodeOpenAIChatStream(replayGenerationEvents(grounded), { ...options, includeUsage: false, sourcesAsText })) frames.push(frame);
      return frames
        .filter((frame) => frame !== 'data: [DONE]\n\n')
        .map((frame) => (JSON.parse(frame.slice(6)) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content);
    };
    expect(await contentOf(true)).toEqual(['', 'Rome is sunny.', sourcesText, undefined]);
    expect(await contentOf(false)).toEqual(['', 'Rome is sunny.', undefined]);
  });

  it('renders an unexpected (non-gateway) failure without leaking its message', async () => {
    async function* failing(): AsyncGenerator<GenerationEvent> {
      yield { type: 'text-delta', text: 'x' };
      throw new Error('ECONNRESET at /home/me/secret-token-123');
    }
    const frames = await encode(failing(), false);
    expect(frames.at(-1)).toBe('data: {"error":{"message":"Internal gateway error","type":"server_error","code":null,"param":null}}\n\n');
  });
});
