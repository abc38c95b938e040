import { describe, expect, it } from 'vitest';
import { createSignatureCache } from '../../../signatures/signature-cache.js';
import { convertOpenAICompletionsToGemini as convertForTarget } from './convert-openai-completions-to-gemini.js';
import { noTools } from '../../../mapping/resolve-target.js';
import { withTarget } from '../../shared/__fixtures__/converter-target.js';

// A completion sends no tools (openai-completions-adapter.ts).
const convertOpenAICompletionsToGemini = withTarget(convertForTarget, () => noTools);
import { parseOpenAICompletionsRequest } from './openai-completions-request-schema.js';

const convert = (body: Record<string, unknown>, upstreamModel = 'gemini-3-flash') =>
  convertOpenAICompletionsToGemini(parseOpenAICompletionsRequest({ model: 'gpt-3.5-turbo-instruct', ...body }), { upstreamModel, signatures: createSignatureCache() });

describe('convertOpenAICompletionsToGemini', () => {
  it('sends the prompt as the one user message, with every sampling field the chat route reads', () => {
    const converted = convert({
      prompt: 'Once upon a time',
      max_tokens: 100,
      temperature: 0.4,
      top_p: 0.8,
      stop: ['\n\n'],
      seed: 7,
      presence_penalty: 0.25,
      frequency_penalty: -0.25,
    });
    expect(converted.upstreamModel).toBe('gemini-3-flash');
    expect(converted.request.contents).toEqual([{ role: 'user', parts: [{ text: 'Once upon a time' }] }]);
    expect(converted.request.systemInstruction).toBeUndefined();
    expect(converted.request.generationConfig).toEqual({
      temperature: 0.4,
      topP: 0.8,
      maxOutputTokens: 100,
      stopSequences: ['\n\n'],
      seed: 7,
      presencePenalty: 0.25,
      frequencyPenalty: -0.25,
      thinkingConfig: { includeThoughts: true },
    });
    expect(converted.warnings).toEqual([]);
  });

  it('reads a one-prompt array as that prompt, and a single stop string as one stop sequence', () => {
    const converted = convert({ prompt: ['Say hi'], stop: 'END' });
    expect(converted.request.contents).toEqual([{ role: 'user', parts: [{ text: 'Say hi' }] }]);
    expect(converted.request.generationConfig?.stopSequences).toEqual(['END']);
  });

  it('warns that a suffix cannot be honoured, and says nothing for an empty one', () => {
    expect(convert({ prompt: 'def add(a, b):', suffix: '\n    return c' }).warnings).toEqual([{ code: 'field_ignored', message: 'suffix (insertion) has no upstream equivalent; ignored' }]);
    expect(convert({ prompt: 'def add(a, b):', suffix: '' }).warnings).toEqual([]);
  });

  it('ignores the chat-only fields a completions body might carry (no tools, no reasoning)', () => {
    const converted = convert({ prompt: 'x', tools: [{ type: 'function', function: { name: 'f' } }], reasoning_effort: 'high', n: 1 });
    expect(converted.request.tools).toBeUndefined();
    expect(converted.request.generationConfig).toEqual({ thinkingConfig: { includeThoughts: true } });
  });
});
