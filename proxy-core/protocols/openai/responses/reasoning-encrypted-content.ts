/**
 * What the gateway puts in a reasoning item's `encrypted_content`: the upstream thought
 * signatures of that turn, so a client that keeps its own history (Codex sends `store: false`
 * and `include: ["reasoning.encrypted_content"]`, then echoes the items back) restores them on
 * the next turn even after the gateway restarted or its signature cache forgot them
 * (UPSTREAM-PROTOCOL.md §14). It carries the signature that closed the reasoning (Claude
 * thinking) and those of the function calls that followed it (Gemini 3), tagged with the model
 * family, because signatures never cross families. Not encrypted: the signatures are already
 * opaque to the client, and nothing secret is in them.
 */
import type { ModelFamily } from '../../../signatures/model-family.js';
import { isPlainObject } from '../../shared/is-plain-object.js';

const prefix = 'skyport.v1.';

export interface ReasoningSignatures {
  family: ModelFamily;
  /** Signature of the reasoning text itself. */
  reasoning?: string;
  /** Call id -> signature of that function call. */
  calls: Record<string, string>;
}

export function encodeReasoningEncryptedContent(signatures: ReasoningSignatures): string {
  const body = {
    f: signatures.family,
    ...(signatures.reasoning === undefined ? {} : { r: signatures.reasoning }),
    ...(Object.keys(signatures.calls).length > 0 ? { c: signatures.calls } : {}),
  };
  return `${prefix}${Buffer.from(JSON.stringify(body), 'utf8').toString('base64url')}`;
}

/** undefined for content this gateway did not write (another provider's, or damaged). */
export function parseReasoningEncryptedContent(content: string): ReasoningSignatures | undefined {
  if (!content.startsWith(prefix)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(content.slice(prefix.length), 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isPlainObject(value) || (value.f !== 'gemini' && value.f !== 'claude' && value.f !== 'other')) return undefined;
  const calls: Record<string, string> = {};
  if (isPlainObject(value.c)) {
    for (const [id, signature] of Object.entries(value.c)) if (typeof signature === 'string') calls[id] = signature;
  }
  return { family: value.f, ...(typeof value.r === 'string' ? { reasoning: value.r } : {}), calls };
}
