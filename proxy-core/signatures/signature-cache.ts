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
  // Two generations of at most half the entries each: writes go to the current one, and a full
  // current one becomes the previous one, dropping the old previous one whole. The newest
  // maxEntries / 2 writes at least are always kept, never more than maxEntries. No per-write
  // eviction: deleting the oldest entry of a full Map on every write cost the request path far
  // more than the lookups it serves (bench/README.md).
  const generationSize = Math.max(1, Math.floor(maxEntries / 2));
  let current = new Map<string, Entry>();
  let previous = new Map<string, Entry>();

  function store(key: string, entry: Entry): void {
    // Written again: the newer copy lives in the current generation only.
    if (previous.size > 0) previous.delete(key);
    current.set(key, entry);
    if (current.size >= generationSize) {
      previous = current;
      current = new Map();
    }
  }

  function remember(key: string, signature: string, family: ModelFamily): void {
    if (signature === '') return;
    const entry: Entry = { signature, family, expiresAt: now() + ttlMs };
    // Keyed by the signature itself for lookupFamily: the key is the very string the entry holds
    // (no copy, no hash to compute), and base64 never contains the `:` of the other keys.
    store(signature, entry);
    store(key, entry);
  }

  function find(key: string): Entry | undefined {
    const entry = current.get(key) ?? previous.get(key);
    return entry === undefined || entry.expiresAt <= now() ? undefined : entry;
  }

  function lookup(key: string, family: ModelFamily): string | undefined {
    const entry = find(key);
    return entry !== undefined && entry.family === family ? entry.signature : undefined;
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
      const entry = find(signature);
      return entry?.signature === signature ? entry.family : undefined;
    },
    get size() {
      return current.size + previous.size;
    },
  };
}
