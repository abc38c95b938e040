/**
 * Canonical usage -> Responses `usage` (https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage).
 * Both count cached prompt tokens inside `input_tokens` and reasoning inside `output_tokens`, so
 * the numbers pass through; the total is recomputed so it always equals input + output.
 */
import type { TokenUsage } from '../../../canonical/generation-event.js';
import type { OpenAIResponsesUsage } from './openai-responses-response-types.js';

export function convertOpenAIResponsesUsage(usage: TokenUsage): OpenAIResponsesUsage {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedInputTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}
