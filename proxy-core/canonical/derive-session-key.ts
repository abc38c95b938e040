/**
 * A conversation's identity: what the client says it is (Anthropic `metadata.user_id`, OpenAI
 * `prompt_cache_key` / `user`), else a hash of the system prompt and the first user message,
 * which stay the same for every turn of one conversation.
 */
import { hash } from 'node:crypto';

/** A derived key is this prefix and 32 hex digits. */
export const derivedKeyPrefix = 'hash:';
export const derivedKeyLength = derivedKeyPrefix.length + 32;

export function deriveSessionKey(input: { explicit?: string | undefined; system: string; firstUserText: string }): string {
  if (input.explicit !== undefined && input.explicit.trim() !== '') return `client:${input.explicit.trim()}`;
  // One-shot hash of the same bytes as the three updates it replaced (a NUL between the two texts).
  return `${derivedKeyPrefix}${hash('sha256', `${input.system}\u0000${input.firstUserText}`, 'hex').slice(0, 32)}`;
}
