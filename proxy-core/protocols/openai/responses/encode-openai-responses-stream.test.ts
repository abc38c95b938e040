import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../errors/gateway-error.js';
import type { ModelFamily } from '../../../signatures/model-family.js';
import { groundedAnswer as grounded, groundedSourcesText as sourcesText } from '../../shared/__fixtures__/grounded-answer.js';
import { readRecordedEvents, replayGenerationEvents } from '../../shared/__fixtures__/replay-generation-events.js';
import { collectOpenAIResponsesResponse } from './collect-openai-responses-response.js';
import type { OpenAIResponsesOutputOptions } from './create-openai-responses-output.js';
import { encodeOpenAIResponsesStream, formatOpenAIResponsesFrame } from './encode-openai-responses-stream.js';
import type { OpenAIResponsesSequencedEvent } from './openai-responses-response-types.js';
import { parseReasoningEncryptedContent } from './reasoning-encrypted-content.js';

const fixtures = join(import.meta.dirname, '__fixtures__');

function outputOptions(family: ModelFamily, includeEncryptedContent: boolean): OpenAIResponsesOutputOptions {
  let counter = 0;
  return {
    response: {
      id: 'resp_test',
      object: 'response',
      created_at: 1_760_000_000,
      instructions: null,
      max_output_tokens: null,
      metadata: {},
      model: 'gpt-5.5',
      parallel_tool_calls: true,
      previous_response_id: null,
      reasoning: { effort: 'medium', summary: null },
      store: false,
      temperature: null,
      text: { format: { type: 'text' } },
      tool_choice: 'auto',
      tools: [],
      top_p: null,
      truncation: 'disabled',
    },
    toolTargets: new Map([
      ['apply_patch', { kind: 'custom', name: 'apply_patch' }],
      ['exec_command', { kind: 'function', name: 'exec_command' }],
      ['local_shell', { kind: 'local_shell' }],
      ['multi_agent_v1__close_agent', { kind: 'function', name: 'close_agent', namespace: 'multi_agent_v1' }],
    ]),
    family,
    includeEncryptedContent,
    createItemId: (prefix) => `${prefix}_${(counter += 1)}`,
    sourcesAsText: true,
  };
}

async function encode(name: string, family: ModelFamily = 'gemini', includeEncryptedContent = true): Promise<OpenAIResponsesSequencedEvent[]> {
  const events: OpenAIResponsesSequencedEvent[] = [];
  for await (const event of encodeOpenAIResponsesStream(replayGenerationEvents(readRecordedEvents(fixtures, name)), outputOptions(family, includeEncryptedContent))) {
    events.push(event);
  }
  return events;
}

describe('encodeOpenAIResponsesStream', () => {
  // <events>.events.json -> <events>.responses.txt: the exact SSE bytes the client receives.
  it.each([
    { events: 'thinking-text', family: 'claude' as const },
    { events: 'codex-tool-calls', family: 'gemini' as const },
    { events: 'signature-without-reasoning', family: 'gemini' as const },
    { events: 'length', family: 'gemini' as const },
    { events: 'error-mid-stream', family: 'gemini' as const },
    { events: 'truncated', family: 'gemini' as const },
  ])('$events -> $events.responses.txt', async ({ events, family }) => {
    const output = await encode(events, family);
    expect(output.map((event) => event.sequence_number)).toEqual(output.map((_, index) => index));
    await expect(output.map(formatOpenAIResponsesFrame).join('')).toMatchFileSnapshot(join(fixtures, `${events}.responses.txt`));
  });

  it('sends the item and content events in OpenAI order for text', async () => {
    const types = (await encode('thinking-text', 'claude')).map((event) => event.type);
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
  });

  it('carries the turn signatures in the reasoning item, only when asked to show them', async () => {
    const events = await encode('codex-tool-calls');
    const reasoning = events.find((event) => event.type === 'response.output_item.done' && event.item.type === 'reasoning');
    if (reasoning?.type !== 'response.output_item.done' || reasoning.item.type !== 'reasoning') throw new Error('expected a reasoning item');
    expect(parseReasoningEncryptedContent(reasoning.item.encrypted_content ?? '')).toEqual({ family: 'gemini', calls: { call_patch: 'sig-gemini-patch' } });
    const hidden = await encode('codex-tool-calls', 'gemini', false);
    expect(JSON.stringify(hidden)).not.toContain('encrypted_content');
  });

  it('sends Google Search sources as one more text delta of the answer message, none for a JSON-only answer', async () => {
    const deltasOf = async (sourcesAsText: boolean) => {
      const deltas: string[] = [];
      for await (const event of encodeOpenAIResponsesStream(replayGenerationEvents(grounded), { ...outputOptions('gemini', false), sourcesAsText })) {
        if (event.type === 'response.output_text.delta') deltas.push(event.delta);
        if (event.type === 'response.completed') expect(event.response.output).toMatchObject([{ type: 'message', content: [{ text: deltas.join('') }] }]);
      }
      return deltas;
    };
    expect(await deltasOf(true)).toEqual(['Rome is sunny.', sourcesText]);
    expect(await deltasOf(false)).toEqual(['Rome is sunny.']);
  });

  it('ends failed and cut streams with response.failed and never response.completed', async () => {
    for (const name of ['error-mid-stream', 'truncated']) {
      const events = await encode(name);
      expect(events.at(-1)?.type).toBe('response.failed');
      expect(events.some((event) => event.type === 'response.completed')).toBe(false);
    }
    const failed = (await encode('error-mid-stream')).at(-1);
    if (failed?.type !== 'response.failed') throw new Error('expected response.failed');
    expect(failed.response.error).toEqual({ code: 'rate_limit_exceeded', message: 'Upstream rate limit reached. Please try again in 8s.' });
  });
});

describe('collectOpenAIResponsesResponse', () => {
  it('returns the response the stream completes with, and the output to store', async () => {
    const streamed = (await encode('codex-tool-calls', 'gemini', false)).at(-1);
    const collected = await collectOpenAIResponsesResponse(replayGenerationEvents(readRecordedEvents(fixtures, 'codex-tool-calls')), outputOptions('gemini', false));
    if (streamed?.type !== 'response.completed') throw new Error('expected response.completed');
    expect(collected.response).toEqual(streamed.response);
    expect(collected.storedOutput[0]).toMatchObject({ type: 'reasoning', encrypted_content: expect.stringMatching(/^skyport\.v1\./) });
    expect(collected.response.output.map((item) => item.type)).toEqual(['reasoning', 'custom_tool_call', 'function_call', 'local_shell_call', 'function_call']);
  });

  it('throws the failure instead of answering', async () => {
    await expect(collectOpenAIResponsesResponse(replayGenerationEvents(readRecordedEvents(fixtures, 'error-mid-stream')), outputOptions('gemini', false))).rejects.toMatchObject({
      kind: 'rate_limit',
    });
    await expect(collectOpenAIResponsesResponse(replayGenerationEvents(readRecordedEvents(fixtures, 'truncated')), outputOptions('gemini', false))).rejects.toBeInstanceOf(GatewayError);
  });
});
