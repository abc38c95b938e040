/**
 * Canonical usage -> OpenAI `usage` (https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage).
 * Both canonical and OpenAI counts include cached prompt tokens and reasoning output tokens, so
 * the numbers pass through; the total is recomputed so it always equals prompt + completion.
 */
import type { TokenUsage } from '../../../canonical/generation-event.js';
import type { OpenAIChatUsage } from './openai-chat-response-types.js';

export function convertOpenAIChatUsage(usage: TokenUsage): OpenAIChatUsage {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
  };
}
