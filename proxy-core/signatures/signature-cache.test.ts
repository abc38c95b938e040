import { describe, expect, it } from 'vitest';
import { createSignatureCache } from './signature-cache.js';

describe('signature cache', () => {
  it('finds signatures by tool call id and by reasoning text, within their family only', () => {
    const cache = createSignatureCache();
    cache.rememberToolCall('call_1', 'sig-gemini', 'gemini');
    cache.rememberReasoning('I should look it up.', 'sig-claude', 'claude');
    expect(cache.lookupToolCall('call_1', 'gemini')).toBe('sig-gemini');
    expect(cache.lookupToolCall('call_1', 'claude')).toBeUndefined();
    expect(cache.lookupReasoning('I should look it up.', 'claude')).toBe('sig-claude');
    expect(cache.lookupReasoning('I should look it up!', 'claude')).toBeUndefined();
    expect(cache.lookupFamily('sig-claude')).toBe('claude');
    expect(cache.lookupFamily('sig-gemini')).toBe('gemini');
    expect(cache.lookupFamily('never-seen')).toBeUndefined();
  });

  it('forgets entries after the TTL', () => {
    let now = 0;
    const cache = createSignatureCache({ ttlMs: 1000, now: () => now });
    cache.rememberToolCall('call_1', 'sig', 'gemini');
    now = 999;
    expect(cache.lookupToolCall('call_1', 'gemini')).toBe('sig');
    now = 1000;
    expect(cache.lookupToolCall('call_1', 'gemini')).toBeUndefined();
    expect(cache.lookupFamily('sig')).toBeUndefined();
  });

  it('stays bounded, dropping the oldest writes first', () => {
    const cache = createSignatureCache({ maxEntries: 4 });
    for (let index = 0; index < 10; index += 1) cache.rememberToolCall(`call_${index}`, `sig_${index}`, 'gemini');
    expect(cache.size).toBe(4);
    expect(cache.lookupToolCall('call_9', 'gemini')).toBe('sig_9');
    expect(cache.lookupToolCall('call_0', 'gemini')).toBeUndefined();
  });

  it('evicts by write time when entries are written again, expire or are evicted in long runs', () => {
    const cache = createSignatureCache({ maxEntries: 6, ttlMs: 1_000_000, now: () => 0 });
    // Each tool call takes two entries (by id and by signature).
    cache.rememberToolCall('a', 'sig_a', 'gemini');
    cache.rememberToolCall('b', 'sig_b', 'gemini');
    cache.rememberToolCall('c', 'sig_c', 'gemini');
    // Written again: now the newest, so `b` is the oldest.
    cache.rememberToolCall('a', 'sig_a', 'gemini');
    cache.rememberToolCall('d', 'sig_d', 'gemini');
    expect(cache.size).toBe(6);
    expect(cache.lookupToolCall('b', 'gemini')).toBeUndefined();
    expect(cache.lookupToolCall('a', 'gemini')).toBe('sig_a');
    expect(cache.lookupToolCall('c', 'gemini')).toBe('sig_c');
    for (let index = 0; index < 1000; index += 1) cache.rememberToolCall(`call_${index}`, `sig_${index}`, 'gemini');
    expect(cache.size).toBe(6);
    for (const index of [997, 998, 999]) expect(cache.lookupToolCall(`call_${index}`, 'gemini')).toBe(`sig_${index}`);
    expect(cache.lookupToolCall('call_996', 'gemini')).toBeUndefined();
    expect(cache.lookupFamily('sig_999')).toBe('gemini');
    expect(cache.lookupFamily('sig_996')).toBeUndefined();
  });
});
