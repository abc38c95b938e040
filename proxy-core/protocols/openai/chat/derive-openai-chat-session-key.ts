/**
 * A Chat Completions conversation's identity: `prompt_cache_key` or `user` when the client names
 * it, else the system (and developer) messages and the first user message, which stay the same on
 * every turn of one conversation.
 */
import { deriveSessionKey } from '../../../canonical/derive-session-key.js';
import type { OpenAIChatRequest } from './openai-chat-request-schema.js';

function textOf(content: OpenAIChatRequest['messages'][number]['content']): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

export function deriveOpenAIChatSessionKey(request: OpenAIChatRequest): string {
  const system = request.messages.filter((message) => message.role === 'system' || message.role === 'developer');
  const firstUser = request.messages.find((message) => message.role === 'user');
  return deriveSessionKey({
    explicit: request.prompt_cache_key ?? request.user ?? undefined,
    system: system.map((message) => textOf(message.content)).join('\n'),
    firstUserText: firstUser === undefined ? '' : textOf(firstUser.content),
  });
}
