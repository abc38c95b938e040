/**
 * An Anthropic conversation's identity: `metadata.user_id` names it (Claude Code puts its session
 * id in it); without it, the system prompt as sent upstream (Claude Code's per-request billing
 * block is not part of it) and the first user message do.
 */
import { deriveSessionKey } from '../../../canonical/derive-session-key.js';
import type { AnthropicMessagesRequest } from './anthropic-messages-request-schema.js';
import { convertAnthropicSystemPrompt } from './convert-anthropic-system-prompt.js';

function textOf(content: AnthropicMessagesRequest['messages'][number]['content']): string {
  if (typeof content === 'string') return content;
  return content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

export function deriveAnthropicSessionKey(request: AnthropicMessagesRequest): string {
  const firstUser = request.messages.find((message) => message.role === 'user');
  return deriveSessionKey({
    explicit: request.metadata?.user_id ?? undefined,
    system: convertAnthropicSystemPrompt(request.system, 'system', []).map((part) => part.text).join('\n'),
    firstUserText: firstUser === undefined ? '' : textOf(firstUser.content),
  });
}
