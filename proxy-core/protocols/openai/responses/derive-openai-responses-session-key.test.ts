import { describe, expect, it } from 'vitest';
import { locateOpenAIResponsesInput } from './convert-openai-responses-input.js';
import { deriveOpenAIResponsesSessionKey } from './derive-openai-responses-session-key.js';
import { parseOpenAIResponsesRequest } from './openai-responses-request-schema.js';

describe('deriveOpenAIResponsesSessionKey', () => {
  const responses = (body: Record<string, unknown>) => {
    const request = parseOpenAIResponsesRequest({ model: 'm', ...body });
    return deriveOpenAIResponsesSessionKey(request, locateOpenAIResponsesInput(request.input));
  };
  it("reads the instructions and the history's opening, or Codex's prompt_cache_key", () => {
    const first = responses({ instructions: 'Be brief.', input: 'Q1' });
    expect(responses({ instructions: 'Be brief.', input: [{ type: 'message', role: 'user', content: 'Q1' }, { type: 'message', role: 'user', content: 'Q2' }] })).toBe(first);
    expect(responses({ instructions: 'Be long.', input: 'Q1' })).not.toBe(first);
    expect(responses({ input: 'Q1', prompt_cache_key: 'codex-session' })).toBe('client:codex-session');
  });
});
