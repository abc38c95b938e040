import { describe, expect, it } from 'vitest';
import { convertOpenAIResponsesUsage } from './convert-openai-responses-usage.js';

describe('convertOpenAIResponsesUsage', () => {
  it('passes the counts through with their details, and a total that is input + output', () => {
    // The upstream's own total (here off by 7) is not used.
    expect(convertOpenAIResponsesUsage({ inputTokens: 1200, outputTokens: 300, cachedInputTokens: 1000, reasoningTokens: 120, totalTokens: 1507 })).toEqual({
      input_tokens: 1200,
      input_tokens_details: { cached_tokens: 1000 },
      output_tokens: 300,
      output_tokens_details: { reasoning_tokens: 120 },
      total_tokens: 1500,
    });
  });
});
