/**
 * The fixture folder of a converter test: `<name>.request.json` (a client body), optionally
 * `<name>.context.json` (upstream model, signatures already in the gateway's cache), compared
 * with `<name>.gemini.json`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelFamily } from '../../../signatures/model-family.js';
import { createSignatureCache, type SignatureCache } from '../../../signatures/signature-cache.js';

export interface ConverterFixtureContext {
  upstreamModel?: string;
  signatures?: {
    toolCalls?: Array<{ id: string; family: ModelFamily; signature: string }>;
    reasoning?: Array<{ text: string; family: ModelFamily; signature: string }>;
  };
}

export function openConverterFixtures(directory: string) {
  const files = readdirSync(directory);
  // Frozen all the way down: a converter that wrote into the client's body (which the request
  // log keeps, and which the gateway no longer copies before parsing) fails its fixture test.
  const readJson = (name: string): unknown => deepFreeze(JSON.parse(readFileSync(join(directory, name), 'utf8')));
  return {
    readJson,
    /** Fixture names, sorted: every `<name>.request.json`. */
    names: files
      .filter((file) => file.endsWith('.request.json'))
      .map((file) => file.slice(0, -'.request.json'.length))
      .sort(),
    snapshotPath: (name: string) => join(directory, `${name}.gemini.json`),
    context: (name: string): ConverterFixtureContext => (files.includes(`${name}.context.json`) ? (readJson(`${name}.context.json`) as ConverterFixtureContext) : {}),
    /** A cache holding the context's signatures, as if earlier turns had gone through the gateway. */
    signatureCache(context: ConverterFixtureContext): SignatureCache {
      const cache = createSignatureCache();
      for (const entry of context.signatures?.toolCalls ?? []) cache.rememberToolCall(entry.id, entry.signature, entry.family);
      for (const entry of context.signatures?.reasoning ?? []) cache.rememberReasoning(entry.text, entry.signature, entry.family);
      return cache;
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
