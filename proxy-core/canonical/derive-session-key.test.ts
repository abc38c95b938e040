/** A conversation keeps its identity across turns: the client's own key, else a hash of how it began. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derivedKeyLength, derivedKeyPrefix, deriveSessionKey } from './derive-session-key.js';

describe('deriveSessionKey', () => {
  it("uses the client's own key, without the blanks around it", () => {
    expect(deriveSessionKey({ explicit: '  user-42 ', system: 'be brief', firstUserText: 'hi' })).toBe('client:user-42');
  });

  it('derives the key from the system prompt and the first user message when the client names none', () => {
    const expected = `hash:${createHash('sha256').update('be brief\u0000hi').digest('hex').slice(0, 32)}`;
    expect(deriveSessionKey({ system: 'be brief', firstUserText: 'hi' })).toBe(expected);
    // A blank key is no key.
    expect(deriveSessionKey({ explicit: '   ', system: 'be brief', firstUserText: 'hi' })).toBe(expected);
    expect(deriveSessionKey({ explicit: '', system: 'be brief', firstUserText: 'hi' })).toBe(expected);
    expect(expected).toHaveLength(derivedKeyLength);
    expect(derivedKeyPrefix).toBe('hash:');
    expect(derivedKeyLength).toBe(37);
  });

  it('keeps the system prompt and the first message apart: moving text between them is another conversation', () => {
    expect(deriveSessionKey({ system: 'ab', firstUserText: 'c' })).not.toBe(deriveSessionKey({ system: 'a', firstUserText: 'bc' }));
  });
});
