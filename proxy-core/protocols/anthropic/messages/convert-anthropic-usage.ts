/**
 * Canonical usage -> Anthropic `usage` (https://docs.anthropic.com/en/api/messages#response-usage).
 * Anthropic counts cache reads apart from `input_tokens`, so the cached share of the upstream's
 * `promptTokenCount` (which includes it, UPSTREAM-PROTOCOL.md §5) moves to
 * `cache_read_input_tokens`: the sum is the whole prompt, which is what Claude Code adds up to
 * decide when to compact. The upstream reports no cache writes.
 */
import type { TokenUsage } from '../../../canonical/generation-event.js';
import type { AnthropicUsage } from './anthropic-messages-response-types.js';

export function convertAnthropicUsage(usage: TokenUsage): AnthropicUsage {
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  return {
    input_tokens: usage.inputTokens - cached,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
    output_tokens: usage.outputTokens,
  };
}
