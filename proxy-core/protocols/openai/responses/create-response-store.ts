/**
 * The responses kept for `previous_response_id` (https://platform.openai.com/docs/guides/conversation-state#passing-context-from-the-previous-response):
 * each entry holds the whole conversation up to and including that response, as input items,
 * so the next request continues from it without the client sending the history again. In
 * memory, bounded by count (least recently used out first) and by age, like the signature
 * cache. Instructions are not kept: OpenAI does not carry them over either.
 */
import type { OpenAIResponsesInputItem } from './openai-responses-request-schema.js';

export interface StoredResponse {
  id: string;
  /** Every item of the conversation, oldest first: earlier inputs, earlier outputs, this one's. */
  items: readonly OpenAIResponsesInputItem[];
  /** The conversation's session key, so every turn of a chain sticks to the same account. */
  sessionKey: string;
}

export interface ResponseStore {
  get(id: string): StoredResponse | undefined;
  save(response: StoredResponse): void;
  readonly size: number;
}

export interface ResponseStoreOptions {
  maxEntries?: number;
  ttlMs?: number;
  now?: () => number;
}

export function createResponseStore(options: ResponseStoreOptions = {}): ResponseStore {
  const maxEntries = options.maxEntries ?? 1000;
  const ttlMs = options.ttlMs ?? 2 * 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on use makes it an LRU.
  const entries = new Map<string, { response: StoredResponse; expiresAt: number }>();

  return {
    get(id) {
      const entry = entries.get(id);
      if (entry === undefined) return undefined;
      entries.delete(id);
      if (entry.expiresAt <= now()) return undefined;
      entries.set(id, entry);
      return entry.response;
    },
    save(response) {
      entries.delete(response.id);
      entries.set(response.id, { response, expiresAt: now() + ttlMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
