import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildCloudCodeEnvelope } from './build-cloud-code-envelope.js';
import { deriveSessionKey } from '../canonical/derive-session-key.js';

const request = { contents: [{ role: 'user' as const, parts: [{ text: 'hi' }] }] };
const envelope = (sessionKey: string | undefined) =>
  buildCloudCodeEnvelope({ model: 'gemini-3-flash', projectId: 'p-1', request, requestId: 'r1', sessionKey });

describe('buildCloudCodeEnvelope', () => {
  it('wraps the request in the Antigravity envelope without touching the original', () => {
    const built = envelope(undefined);
    expect(built).toEqual({ model: 'gemini-3-flash', project: 'p-1', requestId: 'agent-r1', userAgent: 'antigravity', requestType: 'agent', request });
    expect(built.request).not.toBe(request);
  });

  it('names no project for an account that has none yet', () => {
    const built = buildCloudCodeEnvelope({ model: 'gemini-3-flash', projectId: undefined, request, requestId: 'r1', sessionKey: undefined });
    expect('project' in built).toBe(false);
    expect('sessionId' in built.request).toBe(false);
  });

  it('sends a key derived from the conversation as its 32 hex digits, the same on every turn', () => {
    const key = deriveSessionKey({ system: 'be brief', firstUserText: 'hi' });
    const first = envelope(key).request.sessionId;
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(`hash:${first}`).toBe(key);
    expect(envelope(deriveSessionKey({ system: 'be brief', firstUserText: 'hi' })).request.sessionId).toBe(first);
    expect(envelope(deriveSessionKey({ system: 'be brief', firstUserText: 'hello' })).request.sessionId).not.toBe(first);
  });

  it("hashes a client's own key, so it never goes upstream as given", () => {
    const key = deriveSessionKey({ explicit: 'user-42', system: '', firstUserText: '' });
    const sessionId = envelope(key).request.sessionId;
    expect(sessionId).toBe(createHash('sha256').update(key).digest('hex').slice(0, 32));
    expect(sessionId).not.toContain('user-42');
    // A client key that merely looks like a derived one is still hashed.
    expect(envelope('client:hash:0123456789abcdef0123456789abcdef').request.sessionId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('takes a key as already derived only when it has both the prefix and the length of one', () => {
    const sha = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 32);
    // The length of a derived key, without its prefix.
    const sameLength = 'client:0123456789abcdef0123456789abcd';
    expect(sameLength).toHaveLength(37);
    expect(envelope(sameLength).request.sessionId).toBe(sha(sameLength));
    // The prefix, without the length.
    expect(envelope('hash:0123').request.sessionId).toBe(sha('hash:0123'));
  });
});
