/**
 * A conversation's identity: what the client says it is (Anthropic `metadata.user_id`, OpenAI
 * `prompt_cache_key` / `user`), else a hash of the system prompt and the first user message,
 * which stay the same for every turn of one conversation.
 */
import { hash } from 'node:crypto';

export function deriveSessionKey(input: { explicit?: string | undefined; system: string; firstUserText: string }): string {
  if (input.explicit !== undefined && input.explicit.trim() !== '') return `client:${input.explicit.trim()}`;
  // One-shot hash of the same bytes as the three updates it replaced (a NUL between the two texts).
  return `hash:${hash('sha256', `${input.system}\u0000${input.firstUserText}`, 'hex').slice(0, 32)}`;
}
