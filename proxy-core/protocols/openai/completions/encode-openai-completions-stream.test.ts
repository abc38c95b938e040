import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecordedEvents, replayGenerationEvents } from '../../shared/__fixtures__/replay-generation-events.js';
import { collectOpenAICompletion } from './collect-openai-completion.js';
import { encodeOpenAICompletionsStream } from './encode-openai-completions-stream.js';

const fixtures = join(import.meta.dirname, '__fixtures__');
const options = { id: 'cmpl-7f3c9a', model: 'gpt-3.5-turbo-instruct', created: 1_760_000_000 };

async function encode(name: string, extra: { includeUsage?: boolean; echoPrompt?: string } = {}): Promise<string> {
  let body = '';
  for await (const frame of encodeOpenAICompletionsStream(replayGenerationEvents(readRecordedEvents(fixtures, name)), { ...options, ...extra })) body += frame;
  return body;
}

describe('encodeOpenAICompletionsStream', () => {
  it('text (echo, include_usage) -> text.frames.txt', async () => {
    await expect(await encode('text', { includeUsage: true, echoPrompt: 'Once upon a time' })).toMatchFileSnapshot(join(fixtures, 'text.frames.txt'));
  });

  it('ends a failed stream with an error frame and no [DONE]', async () => {
    const body = await encode('error-mid-stream');
    expect(body).not.toContain('[DONE]');
    expect(body.trim().split('\n\n').at(-1)).toBe('data: {"error":{"message":"Upstream connection reset","type":"upstream_error","code":null,"param":null}}');
  });
});

describe('collectOpenAICompletion', () => {
  it('answers one text_completion without the reasoning', async () => {
    const completion = await collectOpenAICompletion(replayGenerationEvents(readRecordedEvents(fixtures, 'text')), options);
    expect(completion).toEqual({
      ...options,
      object: 'text_completion',
      choices: [{ text: ' there was a gateway.', index: 0, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 5, completion_tokens: 9, total_tokens: 14, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 5 } },
    });
  });
});
