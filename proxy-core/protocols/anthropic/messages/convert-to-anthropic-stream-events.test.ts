import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../errors/gateway-error.js';
import { convertToAnthropicStreamEvents, type AnthropicStreamOptions } from './convert-to-anthropic-stream-events.js';

type GenerationEvent = Parameters<typeof convertToAnthropicStreamEvents>[0] extends AsyncIterable<infer Event> ? Event : never;

const usage = (inputTokens: number, outputTokens: number, cachedInputTokens = 0) => ({
  inputTokens,
  outputTokens,
  cachedInputTokens,
  reasoningTokens: 0,
  totalTokens: inputTokens + outputTokens,
});

const options: AnthropicStreamOptions = { id: 'msg_1', model: 'claude-sonnet-4-5', toolNames: new Map([['mcp_fs_read', 'mcp:fs/read']]), sourcesAsText: true };

async function* from(events: GenerationEvent[]): AsyncGenerator<GenerationEvent> {
  for (const event of events) yield event;
}

async function run(events: GenerationEvent[], extra: Partial<AnthropicStreamOptions> = {}) {
  const out = [];
  for await (const event of convertToAnthropicStreamEvents(from(events), { ...options, ...extra })) out.push(event);
  return out;
}

const messageStart = (input: number, cached = 0) => ({
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: input - cached, cache_creation_input_tokens: 0, cache_read_input_tokens: cached, output_tokens: 0 },
  },
});

describe('convertToAnthropicStreamEvents', () => {
  it('opens one block per thinking run, text run and call, and closes each before the next', async () => {
    const events = await run([
      { type: 'start', responseId: 'r', modelVersion: 'v' },
      { type: 'usage', usage: usage(100, 0, 40) },
      { type: 'reasoning-delta', text: '' },
      { type: 'reasoning-delta', text: 'Let me ' },
      { type: 'reasoning-delta', text: 'think.' },
      { type: 'reasoning-signature', signature: 'sig-1' },
      // A signature with no thinking block open (Gemini signs text parts) is not shown.
      { type: 'reasoning-signature', signature: 'sig-text' },
      { type: 'text-delta', text: '' },
      { type: 'text-delta', text: 'Reading ' },
      { type: 'text-delta', text: 'it.' },
      { type: 'tool-call', id: 'toolu_1', name: 'mcp_fs_read', arguments: { path: 'a.txt' } },
      { type: 'tool-call', id: 'toolu_2', name: 'not_mapped', arguments: {} },
      { type: 'finish', reason: 'tool_calls', usage: usage(100, 20, 40) },
    ]);
    expect(events).toEqual([
      messageStart(100, 40),
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'think.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig-1' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Reading ' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'it.' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_1', name: 'mcp:fs/read', input: {} } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"path":"a.txt"}' } },
      { type: 'content_block_stop', index: 2 },
      { type: 'content_block_start', index: 3, content_block: { type: 'tool_use', id: 'toolu_2', name: 'not_mapped', input: {} } },
      { type: 'content_block_delta', index: 3, delta: { type: 'input_json_delta', partial_json: '{}' } },
      { type: 'content_block_stop', index: 3 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { input_tokens: 60, cache_creation_input_tokens: 0, cache_read_input_tokens: 40, output_tokens: 20 },
      },
      { type: 'message_stop' },
    ]);
  });

  it('starts a new thinking block after text, and keeps text open across an image', async () => {
    const events = await run([
      { type: 'text-delta', text: 'A' },
      { type: 'inline-data', mimeType: 'image/png', data: 'AAAA' },
      { type: 'reasoning-delta', text: 'hmm' },
      { type: 'text-delta', text: 'B' },
      { type: 'finish', reason: 'stop', usage: usage(5, 3) },
    ]);
    expect(events.map((event) => ('index' in event ? `${event.type}:${event.index}` : event.type))).toEqual([
      'message_start',
      'content_block_start:0',
      'content_block_delta:0',
      'content_block_delta:0',
      'content_block_stop:0',
      'content_block_start:1',
      'content_block_delta:1',
      'content_block_stop:1',
      'content_block_start:2',
      'content_block_delta:2',
      'content_block_stop:2',
      'message_delta',
      'message_stop',
    ]);
    expect(events[3]).toEqual({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: '![image](data:image/png;base64,AAAA)' } });
    expect(events.at(-2)).toMatchObject({ delta: { stop_reason: 'end_turn', stop_sequence: null } });
  });

  it('answers a stream with no content with message_start, then the stop and usage', async () => {
    expect(await run([{ type: 'finish', reason: 'length', usage: usage(7, 0) }])).toEqual([
      messageStart(7),
      { type: 'message_delta', delta: { stop_reason: 'max_tokens', stop_sequence: null }, usage: { input_tokens: 7, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 0 } },
      { type: 'message_stop' },
    ]);
  });

  it('cuts the text at a stop sequence and names it', async () => {
    const events = await run(
      [
        { type: 'text-delta', text: 'one two ST' },
        { type: 'text-delta', text: 'OP three' },
        { type: 'finish', reason: 'stop', usage: usage(4, 4) },
      ],
      { stopSequences: ['STOP'] },
    );
    const text = events.flatMap((event) => (event.type === 'content_block_delta' && event.delta.type === 'text_delta' ? [event.delta.text] : [])).join('');
    expect(text).toBe('one two ');
    expect(events.at(-2)).toMatchObject({ type: 'message_delta', delta: { stop_reason: 'stop_sequence', stop_sequence: 'STOP' } });
    expect(events.at(-1)).toEqual({ type: 'message_stop' });
  });

  it('writes Google Search sources as text after the answer, and nothing when there are none or the answer is JSON only', async () => {
    const grounding = (pages: Array<{ uri: string; title: string }>): GenerationEvent => ({ type: 'grounding', sources: { queries: ['q'], pages }, metadata: {} });
    const answer = (event: GenerationEvent, extra: Partial<AnthropicStreamOptions> = {}) =>
      run([{ type: 'text-delta', text: 'Answer.' }, event, { type: 'finish', reason: 'stop', usage: usage(1, 1) }], extra);
    const texts = (events: Awaited<ReturnType<typeof run>>) =>
      events.flatMap((event) => (event.type === 'content_block_delta' && event.delta.type === 'text_delta' ? [event.delta.text] : []));
    expect(texts(await answer(grounding([{ uri: 'https://example.com/a', title: 'A' }])))).toEqual(['Answer.', '\n\nSources (Google Search: "q"):\n1. [A](https://example.com/a)\n']);
    for (const events of [await answer(grounding([])), await answer(grounding([{ uri: 'https://example.com/a', title: 'A' }]), { sourcesAsText: false })]) {
      expect(texts(events)).toEqual(['Answer.']);
      expect(events.filter((event) => event.type === 'content_block_start')).toHaveLength(1);
    }
    // Sources with no answer text before them open their own text block.
    const alone = await run([grounding([{ uri: 'https://example.com/a', title: 'A' }]), { type: 'finish', reason: 'stop', usage: usage(1, 1) }]);
    expect(alone[1]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
  });

  it('throws when the upstream stream ends without a finish, so a cut answer never looks complete', async () => {
    const error = await run([{ type: 'text-delta', text: 'partial' }]).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).kind).toBe('upstream');
    expect((error as GatewayError).message).toBe('The upstream stream ended before the answer was complete.');
  });
});
