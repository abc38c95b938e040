import { describe, expect, it } from 'vitest';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';

describe('convertAnthropicUsage', () => {
  it('moves the cached share of the prompt to cache_read_input_tokens, so the two add up to the prompt', () => {
    expect(convertAnthropicUsage({ inputTokens: 2000, outputTokens: 40, cachedInputTokens: 1500, reasoningTokens: 10, totalTokens: 2040 })).toEqual({
      input_tokens: 500,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 1500,
      output_tokens: 40,
    });
  });

  it('never reports more cached tokens than the prompt had (no negative input_tokens)', () => {
    expect(convertAnthropicUsage({ inputTokens: 100, outputTokens: 5, cachedInputTokens: 300, reasoningTokens: 0, totalTokens: 105 })).toEqual({
      input_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 100,
      output_tokens: 5,
    });
  });
});
