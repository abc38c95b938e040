import { describe, expect, it } from 'vitest';
import { createResponseStore } from './create-response-store.js';

const entry = (id: string) => ({ id, items: [{ type: 'message' as const, role: 'user' as const, content: id }], sessionKey: 'client:s' });

describe('createResponseStore', () => {
  it('forgets the least recently used response past its size', () => {
    const store = createResponseStore({ maxEntries: 2 });
    store.save(entry('resp_a'));
    store.save(entry('resp_b'));
    expect(store.get('resp_a')?.id).toBe('resp_a');
    store.save(entry('resp_c'));
    expect(store.get('resp_b')).toBeUndefined();
    expect(store.get('resp_a')?.id).toBe('resp_a');
    expect(store.size).toBe(2);
  });

  it('forgets responses older than its time to live', () => {
    let now = 0;
    const store = createResponseStore({ ttlMs: 1000, now: () => now });
    store.save(entry('resp_a'));
    now = 999;
    expect(store.get('resp_a')).toBeDefined();
    now = 1999;
    expect(store.get('resp_a')).toBeUndefined();
    expect(store.size).toBe(0);
  });
});
