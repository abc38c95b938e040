/**
 * Canonical finish reason -> Anthropic `stop_reason`
 * (https://docs.anthropic.com/en/api/handling-stop-reasons). `tool_use` whenever the answer
 * carries calls the client must run, whatever the upstream said (Claude-via-upstream ends a tool
 * call with OTHER, Gemini with STOP, UPSTREAM-PROTOCOL.md §5); `stop_sequence` when the gateway cut
 * the text at one; a safety or recitation stop is the `refusal` Anthropic reports for its own.
 */
import type { FinishReason } from '../../../canonical/generation-event.js';
import type { AnthropicStopReason } from './anthropic-messages-response-types.js';

const stopReasonByReason: Record<FinishReason, AnthropicStopReason> = {
  stop: 'end_turn',
  length: 'max_tokens',
  // Only with calls actually emitted; without any, there is nothing for the client to run.
  tool_calls: 'end_turn',
  content_filter: 'refusal',
  other: 'end_turn',
};

export function mapAnthropicStopReason(reason: FinishReason, state: { hasToolUse: boolean; stopSequence: string | undefined }): AnthropicStopReason {
  if (state.stopSequence !== undefined) return 'stop_sequence';
  if (state.hasToolUse) return 'tool_use';
  return stopReasonByReason[reason];
}
