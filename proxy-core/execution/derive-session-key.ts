/**
 * A conversation's identity: what the client says it is (Anthropic `metadata.user_id`, OpenAI
 * `prompt_cache_key` / `user`), else a hash of the system prompt and the first user message,
 * which stay the same for every turn of one conversation.
 */
import { createHash } from 'node:crypto';

export function deriveSessionKey(input: { explicit?: string | undefined; system: string; firstUserText: string }): string {
  if (input.explicit !== undefined && input.explicit.trim() !== '') return `client:${input.explicit.trim()}`;
  return `hash:${createHash('sha256').update(input.system).update('\u0000').update(input.firstUserText).digest('hex').slice(0, 32)}`;
}
