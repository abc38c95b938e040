import { describe, expect, it } from 'vitest';
import { convertOpenAIChatUsage } from './convert-openai-chat-usage.js';

describe('convertOpenAIChatUsage', () => {
  it('passes the counts through with their details, and a total that is prompt + completion', () => {
    // The upstream's own total (here off by 7, as when it counts tool-use prompt tokens apart) is not used.
    expect(convertOpenAIChatUsage({ inputTokens: 1200, outputTokens: 300, cachedInputTokens: 1000, reasoningTokens: 120, totalTokens: 1507 })).toEqual({
      prompt_tokens: 1200,
      completion_tokens: 300,
      total_tokens: 1500,
      prompt_tokens_details: { cached_tokens: 1000 },
      completion_tokens_details: { reasoning_tokens: 120 },
    });
  });
});
