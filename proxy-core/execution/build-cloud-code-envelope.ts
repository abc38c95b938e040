/** Wrap a Gemini request in the Cloud Code envelope (UPSTREAM-PROTOCOL.md §4, Antigravity spelling). */
import { hash } from 'node:crypto';
import { derivedKeyLength, derivedKeyPrefix } from '../canonical/derive-session-key.js';
import type { CloudCodeGenerateEnvelope, CloudCodeRequestType, GeminiGenerateContentRequest } from '../canonical/gemini-schemas.js';

export function buildCloudCodeEnvelope(input: {
  model: string;
  projectId: string | undefined;
  request: GeminiGenerateContentRequest;
  requestId: string;
  sessionKey: string | undefined;
  /** `agent` when not given. */
  requestType?: CloudCodeRequestType;
}): CloudCodeGenerateEnvelope {
  const request: GeminiGenerateContentRequest = { ...input.request };
  // A stable session id per conversation lets the upstream reuse its prompt cache.
  if (input.sessionKey !== undefined) request.sessionId = toSessionId(input.sessionKey);
  const envelope: CloudCodeGenerateEnvelope = {
    model: input.model,
    requestId: `agent-${input.requestId}`,
    userAgent: 'antigravity',
    requestType: input.requestType ?? 'agent',
    request,
  };
  if (input.projectId !== undefined) envelope.project = input.projectId;
  return envelope;
}

/**
 * A key derived from the conversation (derive-session-key.ts) is already 32 hex digits of a
 * SHA-256: used as it is, without hashing it a second time on every request. A client's own key
 * (`client:…`) is hashed, so what the client chose never leaves as given.
 */
function toSessionId(sessionKey: string): string {
  if (sessionKey.length === derivedKeyLength && sessionKey.startsWith(derivedKeyPrefix)) return sessionKey.slice(derivedKeyPrefix.length);
  return hash('sha256', sessionKey, 'hex').slice(0, 32);
}
