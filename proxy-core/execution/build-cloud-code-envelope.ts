/** Wrap a Gemini request in the Cloud Code envelope (UPSTREAM-PROTOCOL.md §4, Antigravity spelling). */
import { hash } from 'node:crypto';
import type { CloudCodeGenerateEnvelope, CloudCodeRequestType, GeminiGenerateContentRequest } from '../protocols/gemini/gemini-schemas.js';

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
  if (input.sessionKey !== undefined) {
    request.sessionId = hash('sha256', input.sessionKey, 'hex').slice(0, 32);
  }
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
