import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GenerationEvent } from '../../../canonical/generation-event.js';
import { groundedAnswer as grounded, groundedSourcesText as sourcesText } from '../../shared/__fixtures__/grounded-answer.js';
import { readRecordedEvents, replayGenerationEvents } from '../../shared/__fixtures__/replay-generation-events.js';
import type { AnthropicErrorBody } from '../render-anthropic-error.js';
import type { AnthropicStreamEvent } from './anthropic-messages-response-types.js';
import { collectAnthropicMessage } from './collect-anthropic-message.js';
import { anthropicPingFrame, encodeAnthropicMessagesStream } from './encode-anthropic-messages-stream.js';

const fixtures = join(import.meta.dirname, '__fixtures__');
const toolNames = new Map([
  ['get_weather', 'get_weather'],
  ['mcp:fs_read_file', 'mcp:fs/read file'],
]);
const options = { id: 'msg_0123456789abcdef', model: 'claude-sonnet-4-5', toolNames, sourcesAsText: true };

const complete = ['text', 'thinking-tool-use', 'interleaved-thinking', 'gemini-thinking-cached', 'stop-sequence', 'length', 'content-filter', 'inline-image'];
const failing = ['error-mid-stream', 'error-before-content', 'truncated'];
const stopSequencesFor = (name: string) => (name === 'stop-sequence' ? ['END', 'never'] : []);

async function encode(events: AsyncIterable<GenerationEvent>, stopSequences: string[] = []): Promise<string[]> {
  const frames: string[] = [];
  for await (const frame of encodeAnthropicMessagesStream(events, { ...options, stopSequences })) frames.push(frame);
  return frames;
}

const parse = (frame: string) => {
  const match = /^event: (\w+)\ndata: (.+)\n\n$/s.exec(frame);
  if (match === null) throw new Error(`not an Anthropic SSE frame: ${frame}`);
  return { name: match[1], data: JSON.parse(match[2] ?? '') as AnthropicStreamEvent | AnthropicErrorBody };
};

describe('encodeAnthropicMessagesStream', () => {
  // <name>.events.json (recorded canonical events) -> <name>.frames.txt: the exact bytes the client receives.
  it.each([...complete, ...failing])('%s', async (name) => {
    const frames = await encode(replayGenerationEvents(readRecordedEvents(fixtures, name)), stopSequencesFor(name));
    for (const frame of frames) {
      const { name: event, data } = parse(frame);
      expect(data.type).toBe(event);
    }
    await expect(frames.join('')).toMatchFileSnapshot(join(fixtures, `${name}.frames.txt`));
  });

  it('ends every complete stream with message_delta then message_stop, and a failed one with an error event only', async () => {
    for (const name of complete) {
      const frames = (await encode(replayGenerationEvents(readRecordedEvents(fixtures, name)), stopSequencesFor(name))).map((frame) => parse(frame).name);
      expect(frames[0]).toBe('message_start');
      expect(frames.slice(-2)).toEqual(['message_delta', 'message_stop']);
    }
    for (const name of failing) {
      const frames = (await encode(replayGenerationEvents(readRecordedEvents(fixtures, name)))).map((frame) => parse(frame).name);
      expect(frames.at(-1)).toBe('error');
      expect(frames).not.toContain('message_stop');
    }
  });

  it('gives message_start the usage the first upstream chunk carried', async () => {
    const frames = await encode(replayGenerationEvents(readRecordedEvents(fixtures, 'gemini-thinking-cached')));
    const start = parse(frames[0] ?? '').data;
    const delta = parse(frames.at(-2) ?? '').data;
    if (start.type !== 'message_start' || delta.type !== 'message_delta') throw new Error('unexpected frames');
    expect(start.message.usage).toMatchObject({ input_tokens: 500, cache_read_input_tokens: 1500 });
    expect(delta.usage).toEqual({ input_tokens: 500, cache_creation_input_tokens: 0, cache_read_input_tokens: 1500, output_tokens: 9 });
  });

  it('has a heartbeat that Anthropic clients read as a ping event', () => {
    expect(parse(anthropicPingFrame)).toEqual({ name: 'ping', data: { type: 'ping' } });
  });

  it('renders an unexpected (non-gateway) failure without leaking its message', async () => {
    async function* failing(): AsyncGenerator<GenerationEvent> {
      yield { type: 'text-delta', text: 'x' };
      throw new Error('ECONNRESET at /home/me/secret-token-123');
    }
    const frames = await encode(failing());
    expect(frames.at(-1)).toBe('event: error\ndata: {"type":"error","error":{"type":"api_error","message":"Internal gateway error"}}\n\n');
  });
});

describe('collectAnthropicMessage', () => {
  // The same recorded events -> <name>.message.json, the non-streaming answer.
  it.each(complete)('%s', async (name) => {
    const message = await collectAnthropicMessage(replayGenerationEvents(readRecordedEvents(fixtures, name)), { ...options, stopSequences: stopSequencesFor(name) });
    await expect(`${JSON.stringify(message, null, 2)}\n`).toMatchFileSnapshot(join(fixtures, `${name}.message.json`));
  });

  it('writes Google Search sources into the answer text, where stop sequences apply as to any text; none in a JSON-only answer', async () => {
    const collect = (stopSequences: string[], sourcesAsText: boolean) => collectAnthropicMessage(replayGenerationEvents(grounded), { ...options, stopSequences, sourcesAsText });
    const plain = await collect([], true);
    expect(plain.content).toEqual([{ type: 'text', text: `Rome is sunny.${sourcesText}` }]);
    expect(plain.stop_reason).toBe('end_turn');
    // The stream sends the sources as one more delta of the same text block.
    const frames = (await encode(replayGenerationEvents(grounded))).map(parse);
    expect(frames.flatMap(({ data }) => (data.type === 'content_block_delta' && data.delta.type === 'text_delta' ? [data.delta.text] : []))).toEqual(['Rome is sunny.', sourcesText]);

    const cut = await collect(['Google'], true);
    expect(cut.content).toEqual([{ type: 'text', text: 'Rome is sunny.\n\nSources (' }]);
    expect([cut.stop_reason, cut.stop_sequence]).toEqual(['stop_sequence', 'Google']);

    for (const stopSequences of [[], ['Google']]) {
      const json = await collect(stopSequences, false);
      expect(json.content).toEqual([{ type: 'text', text: 'Rome is sunny.' }]);
      expect(json.stop_reason).toBe('end_turn');
    }
  });

  it('throws the failure, or an upstream error for a stream that never finished', async () => {
    await expect(collectAnthropicMessage(replayGenerationEvents(readRecordedEvents(fixtures, 'error-mid-stream')), options)).rejects.toMatchObject({
      kind: 'upstream',
      message: 'Upstream stream was reset',
    });
    await expect(collectAnthropicMessage(replayGenerationEvents(readRecordedEvents(fixtures, 'truncated')), options)).rejects.toMatchObject({
      kind: 'upstream',
      message: expect.stringContaining('ended before the answer was complete'),
    });
  });
});
