/**
 * A Responses conversation's identity: Codex sends its session id as `prompt_cache_key` (or
 * `user`); otherwise the instructions, the system and developer messages and the first user
 * message of the whole history (a stored previous response's items included).
 */
import { deriveSessionKey } from '../../../canonical/derive-session-key.js';
import type { LocatedResponsesItem } from './convert-openai-responses-input.js';
import type { OpenAIResponsesInputItem, OpenAIResponsesRequest } from './openai-responses-request-schema.js';

export function deriveOpenAIResponsesSessionKey(body: OpenAIResponsesRequest, items: readonly LocatedResponsesItem[]): string {
  const messages = items.flatMap(({ item }) => (item.type === 'message' ? [item] : []));
  const textOf = (item: Extract<OpenAIResponsesInputItem, { type: 'message' }>) =>
    typeof item.content === 'string' ? item.content : item.content.map((part) => ('text' in part ? part.text : '')).join('');
  const system = messages.filter((item) => item.role === 'system' || item.role === 'developer').map(textOf);
  const firstUser = messages.find((item) => item.role === 'user');
  return deriveSessionKey({
    explicit: body.prompt_cache_key ?? body.user ?? undefined,
    system: [body.instructions ?? '', ...system].join('\n'),
    firstUserText: firstUser === undefined ? '' : textOf(firstUser),
  });
}
