/**
 * Claude Code's start-up "Warmup" probe: a small-model (haiku) request whose only user text is
 * `Warmup`, sent to warm the prompt cache; Claude Code ignores the answer. Answered by the gateway
 * itself (`proxy.answer_claude_code_warmup`), it costs no upstream quota.
 */
import type { GenerationEvent } from '../../../canonical/generation-event.js';
import { emptyUsage } from '../../../canonical/generation-event.js';
import type { AnthropicMessagesRequest } from './anthropic-messages-request-schema.js';

/** What the request log shows as the mapped model of a probe answered here. */
export const localWarmupModel = 'local/claude-code-warmup';

export function isClaudeCodeWarmup(request: AnthropicMessagesRequest): boolean {
  if (!/haiku/i.test(request.model) || request.messages.length !== 1) return false;
  const [message] = request.messages;
  if (message?.role !== 'user') return false;
  const { content } = message;
  if (typeof content === 'string') return content.trim() === 'Warmup';
  // Only text blocks, together saying exactly "Warmup" (a tool result or an image is a real turn).
  if (content.length === 0 || content.some((block) => block.type !== 'text')) return false;
  return content.map((block) => (block.type === 'text' ? block.text : '')).join('').trim() === 'Warmup';
}

/** The events of a short, complete answer, for the protocol's own encoder (streamed or not). */
export async function* answerClaudeCodeWarmup(model: string): AsyncGenerator<GenerationEvent> {
  yield { type: 'start', responseId: 'local-warmup', modelVersion: model };
  yield { type: 'text-delta', text: 'Ready.' };
  yield { type: 'finish', reason: 'stop', usage: emptyUsage };
}
