/** Signatures the upstream hands out are remembered, so a client that drops them can still replay the history. */
import { describe, expect, it } from 'vitest';
import type { GenerationEvent } from '../canonical/generation-event.js';
import { createSignatureCache } from '../signatures/signature-cache.js';
import { createSignatureRecorder, rememberSignatures } from './remember-signatures.js';

const answer: GenerationEvent[] = [
  { type: 'start', responseId: 'r1', modelVersion: 'gemini-3-flash' },
  { type: 'reasoning-delta', text: 'Let me ' },
  { type: 'reasoning-delta', text: 'think.' },
  { type: 'reasoning-signature', signature: 'sig-think' },
  { type: 'text-delta', text: 'Calling.' },
  { type: 'tool-call', id: 'call_1', name: 'weather', arguments: { city: 'Paris' }, signature: 'sig-call' },
  { type: 'tool-call', id: 'call_2', name: 'weather', arguments: { city: 'Rome' } },
  { type: 'reasoning-delta', text: 'Second block.' },
  { type: 'reasoning-signature', signature: 'sig-second' },
];

describe('createSignatureRecorder', () => {
  it('remembers each reasoning block by its whole text and each signed tool call by its id, for the family', () => {
    const cache = createSignatureCache();
    const record = createSignatureRecorder(cache, 'gemini');
    for (const event of answer) record(event);
    expect(cache.lookupReasoning('Let me think.', 'gemini')).toBe('sig-think');
    // The second block starts afresh: its text does not carry the first one's.
    expect(cache.lookupReasoning('Second block.', 'gemini')).toBe('sig-second');
    expect(cache.lookupReasoning('Let me think.Second block.', 'gemini')).toBeUndefined();
    expect(cache.lookupToolCall('call_1', 'gemini')).toBe('sig-call');
    expect(cache.lookupToolCall('call_2', 'gemini')).toBeUndefined();
    // Tagged with the family that issued them: another family does not get them.
    expect(cache.lookupReasoning('Let me think.', 'claude')).toBeUndefined();
    expect(cache.lookupToolCall('call_1', 'claude')).toBeUndefined();
    expect(cache.lookupFamily('sig-call')).toBe('gemini');
  });

  it('remembers nothing for events that carry no signature', () => {
    const cache = createSignatureCache();
    const record = createSignatureRecorder(cache, 'gemini');
    record({ type: 'start', responseId: 'r1', modelVersion: 'gemini-3-flash' });
    record({ type: 'text-delta', text: 'hello' });
    record({ type: 'tool-call', id: 'call_1', name: 'weather', arguments: {} });
    record({ type: 'finish', reason: 'stop', usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0, reasoningTokens: 0, totalTokens: 2 } });
    expect(cache.size).toBe(0);
  });

  it('a text delta is not reasoning: it does not enter the remembered reasoning text', () => {
    const cache = createSignatureCache();
    const record = createSignatureRecorder(cache, 'claude');
    record({ type: 'text-delta', text: 'visible ' });
    record({ type: 'reasoning-delta', text: 'hidden' });
    record({ type: 'reasoning-signature', signature: 'sig' });
    expect(cache.lookupReasoning('hidden', 'claude')).toBe('sig');
  });
});

describe('rememberSignatures', () => {
  it('passes every event through unchanged and in order, remembering the signatures on the way', async () => {
    const cache = createSignatureCache();
    async function* upstream() {
      yield* answer;
    }
    const seen: GenerationEvent[] = [];
    for await (const event of rememberSignatures(upstream(), cache, 'gemini')) seen.push(event);
    expect(seen).toEqual(answer);
    expect(cache.lookupReasoning('Let me think.', 'gemini')).toBe('sig-think');
    expect(cache.lookupToolCall('call_1', 'gemini')).toBe('sig-call');
  });
});
