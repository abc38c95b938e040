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

  it('answers lookupFamily only for a signature, never for the key of a tool call or of reasoning', () => {
    const cache = createSignatureCache();
    cache.rememberToolCall('call_1', 'sig-gemini', 'gemini');
    cache.rememberReasoning('thinking', 'sig-claude', 'claude');
    expect(cache.lookupFamily('t:call_1')).toBeUndefined();
    expect(cache.lookupFamily('call_1')).toBeUndefined();
    expect(cache.lookupFamily('thinking')).toBeUndefined();
    expect(cache.lookupFamily('sig-claude')).toBe('claude');
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

  it('stays bounded, keeping the newest half at least and dropping the oldest writes first', () => {
    const cache = createSignatureCache({ maxEntries: 8 });
    // Each tool call takes two entries (by id and by signature).
    for (let index = 0; index < 10; index += 1) {
      cache.rememberToolCall(`call_${index}`, `sig_${index}`, 'gemini');
      expect(cache.size).toBeLessThanOrEqual(8);
    }
    for (const index of [8, 9]) expect(cache.lookupToolCall(`call_${index}`, 'gemini')).toBe(`sig_${index}`);
    expect(cache.lookupFamily('sig_9')).toBe('gemini');
    expect(cache.lookupToolCall('call_0', 'gemini')).toBeUndefined();
    expect(cache.lookupFamily('sig_0')).toBeUndefined();
  });

  it('keeps an entry that is written again as if it were new', () => {
    const cache = createSignatureCache({ maxEntries: 8, ttlMs: 1_000_000, now: () => 0 });
    cache.rememberToolCall('a', 'sig_a', 'gemini');
    cache.rememberToolCall('b', 'sig_b', 'gemini');
    // `b` filled the first generation; writing `a` again moves it to the current one.
    cache.rememberToolCall('a', 'sig_a', 'gemini');
    cache.rememberToolCall('c', 'sig_c', 'gemini');
    cache.rememberToolCall('d', 'sig_d', 'gemini');
    expect(cache.size).toBeLessThanOrEqual(8);
    expect(cache.lookupToolCall('a', 'gemini')).toBe('sig_a');
    expect(cache.lookupToolCall('d', 'gemini')).toBe('sig_d');
    for (let index = 0; index < 1000; index += 1) cache.rememberToolCall(`call_${index}`, `sig_${index}`, 'gemini');
    expect(cache.size).toBeLessThanOrEqual(8);
    for (const index of [998, 999]) expect(cache.lookupToolCall(`call_${index}`, 'gemini')).toBe(`sig_${index}`);
    expect(cache.lookupToolCall('a', 'gemini')).toBeUndefined();
    expect(cache.lookupToolCall('call_990', 'gemini')).toBeUndefined();
  });
});
