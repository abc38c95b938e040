/**
 * Canonical finish reason -> OpenAI `finish_reason`
 * (https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices).
 * OpenAI reports `tool_calls` whenever the answer carries calls the client must run, whatever the
 * upstream said: Claude-via-upstream ends a tool call with OTHER, Gemini with STOP (UPSTREAM §5).
 * `other` (an upstream reason with no OpenAI counterpart) is reported as `stop`, the only
 * neutral value OpenAI has.
 */
import type { FinishReason } from '../../../canonical/generation-event.js';

export type OpenAIChatFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

const finishReasonByReason: Record<FinishReason, OpenAIChatFinishReason> = {
  stop: 'stop',
  length: 'length',
  // Only with calls actually emitted; without any, there is nothing for the client to run.
  tool_calls: 'stop',
  content_filter: 'content_filter',
  other: 'stop',
};

export function mapOpenAIFinishReason(reason: FinishReason, hasToolCalls: boolean): OpenAIChatFinishReason {
  return hasToolCalls ? 'tool_calls' : finishReasonByReason[reason];
}
