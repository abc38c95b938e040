import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groundedAnswer as grounded, groundedSourcesText as sourcesText } from '../../shared/__fixtures__/grounded-answer.js';
import { readRecordedEvents, replayGenerationEvents } from '../../shared/__fixtures__/replay-generation-events.js';
import { collectOpenAICompletion } from './collect-openai-completion.js';
import { encodeOpenAICompletionsStream } from './encode-openai-completions-stream.js';

const fixtures = join(import.meta.dirname, '__fixtures__');
const options = { id: 'cmpl-7f3c9a', model: 'gpt-3.5-turbo-instruct', created: 1_760_000_000 };

async function encode(name: string, extra: { includeUsage?: boolean; echoPrompt?: string } = {}): Promise<string> {
  let body = '';
  for await (const frame of encodeOpenAICompletionsStream(replayGenerationEvents(readRecordedEvents(fixtures, name)), { ...options, ...extra, sourcesAsText: true })) body += frame;
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

describe('Google Search sources', () => {
  it('follow the completion text, streamed or not, except in a JSON-only answer', async () => {
    const streamed = async (sourcesAsText: boolean) => {
      const texts: string[] = [];
      for await (const frame of encodeOpenAICompletionsStream(replayGenerationEvents(grounded), { ...options, sourcesAsText })) {
        if (frame.startsWith('data: {')) texts.push((JSON.parse(frame.slice(6)) as { choices: Array<{ text: string }> }).choices[0]?.text ?? '');
      }
      return texts;
    };
    expect(await streamed(true)).toEqual(['Rome is sunny.', sourcesText, '']);
    expect(await streamed(false)).toEqual(['Rome is sunny.', '']);
    const collected = async (sourcesAsText: boolean) => (await collectOpenAICompletion(replayGenerationEvents(grounded), { ...options, sourcesAsText })).choices[0]?.text;
    expect(await collected(true)).toBe(`Rome is sunny.${sourcesText}`);
    expect(await collected(false)).toBe('Rome is sunny.');
  });
});

describe('collectOpenAICompletion', () => {
  it('answers one text_completion without the reasoning', async () => {
    const completion = await collectOpenAICompletion(replayGenerationEvents(readRecordedEvents(fixtures, 'text')), { ...options, sourcesAsText: true });
    expect(completion).toEqual({
      ...options,
      object: 'text_completion',
      choices: [{ text: ' there was a gateway.', index: 0, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 5, completion_tokens: 9, total_tokens: 14, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 5 } },
    });
  });
});
