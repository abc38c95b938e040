/**
 * Bounded, TTL'd memory of thought signatures. Clients drop fields they do not know
 * (`thoughtSignature` on tool calls, signatures on reasoning text), but the upstream rejects a
 * history without them (UPSTREAM-PROTOCOL.md §14), so the gateway remembers each signature by
 * tool-call id and by the exact reasoning text it closed, tagged with the model family.
 */
import { hash } from 'node:crypto';
import type { ModelFamily } from './model-family.js';

export interface SignatureCacheOptions {
  maxEntries?: number;
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  signature: string;
  family: ModelFamily;
  expiresAt: number;
}

export interface SignatureCache {
  rememberToolCall(toolCallId: string, signature: string, family: ModelFamily): void;
  lookupToolCall(toolCallId: string, family: ModelFamily): string | undefined;
  rememberReasoning(reasoningText: string, signature: string, family: ModelFamily): void;
  lookupReasoning(reasoningText: string, family: ModelFamily): string | undefined;
  /** Which family issued a signature this gateway has seen, if any (clients may replay foreign ones). */
  lookupFamily(signature: string): ModelFamily | undefined;
  readonly size: number;
}

export function createSignatureCache(options: SignatureCacheOptions = {}): SignatureCache {
  const maxEntries = options.maxEntries ?? 5000;
  const ttlMs = options.ttlMs ?? 2 * 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on write makes it an LRU by write time.
  const entries = new Map<string, Entry>();

  function remember(key: string, signature: string, family: ModelFamily): void {
    if (signature === '') return;
    store(`s:${digest(signature)}`, signature, family);
    store(key, signature, family);
  }

  // Walks the keys oldest first across calls. A Map iterator stays valid while the map changes
  // (deleted keys are skipped, re-inserted ones come again at their new place), so its next key
  // is always the oldest; a fresh `keys()` per eviction would step over every slot deleted since
  // the table was last compacted, thousands once the cache is full.
  let oldestFirst = entries.keys();

  function store(key: string, signature: string, family: ModelFamily): void {
    entries.delete(key);
    entries.set(key, { signature, family, expiresAt: now() + ttlMs });
    while (entries.size > maxEntries) {
      let next = oldestFirst.next();
      if (next.done === true) {
        oldestFirst = entries.keys();
        next = oldestFirst.next();
      }
      if (next.done === true) break;
      entries.delete(next.value);
    }
  }

  function lookup(key: string, family: ModelFamily): string | undefined {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.family === family ? entry.signature : undefined;
  }

  // One-shot hashing (no Hash object per call); the same digest as createHash('sha256').
  const digest = (text: string) => hash('sha256', text, 'base64url');
  const reasoningKey = (text: string) => `r:${digest(text)}`;

  return {
    rememberToolCall: (id, signature, family) => remember(`t:${id}`, signature, family),
    lookupToolCall: (id, family) => lookup(`t:${id}`, family),
    rememberReasoning: (text, signature, family) => remember(reasoningKey(text), signature, family),
    lookupReasoning: (text, family) => lookup(reasoningKey(text), family),
    lookupFamily(signature) {
      const entry = entries.get(`s:${digest(signature)}`);
      return entry === undefined || entry.expiresAt <= now() ? undefined : entry.family;
    },
    get size() {
      return entries.size;
    },
  };
}
