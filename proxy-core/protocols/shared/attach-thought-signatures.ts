/**
 * Puts back the thought signatures clients drop (PROTOCOLS.md "Thought signatures",
 * UPSTREAM-PROTOCOL.md §14). Gemini 3 rejects a history whose model turns lost the signature of
 * their first function call, so that call gets the cached signature or, failing that, the
 * documented skip value; other calls get theirs when it is known. Claude calls get a cached
 * Claude signature when there is one and never the skip value, which Claude rejects.
 * Lookups are by family, so a signature never crosses from one family to the other; a signature
 * already on a part is kept (the caller has dropped those of another family).
 */
import type { GeminiContent, GeminiPart } from '../../canonical/gemini-schemas.js';
import { skipThoughtSignature, type ModelFamily } from '../../signatures/model-family.js';
import type { SignatureCache } from '../../signatures/signature-cache.js';

export interface AttachThoughtSignaturesContext {
  /** The client's tool call id of each functionCall part. */
  callIds: ReadonlyMap<GeminiPart, string>;
  family: ModelFamily;
  signatures: SignatureCache;
}

export function attachThoughtSignatures(contents: GeminiContent[], context: AttachThoughtSignaturesContext): GeminiContent[] {
  const { callIds, family, signatures } = context;
  if (family === 'other') return contents;
  return contents.map((content) => {
    if (content.role !== 'model') return content;
    let firstCall = true;
    const parts = content.parts.map((part) => {
      if (part.functionCall === undefined) return part;
      const id = callIds.get(part);
      const cached = id === undefined ? undefined : signatures.lookupToolCall(id, family);
      // A signature the client kept on the part (Gemini-native clients do) is the one to send.
      const signature = part.thoughtSignature ?? cached ?? (family === 'gemini' && firstCall ? skipThoughtSignature : undefined);
      firstCall = false;
      return signature === undefined ? part : { ...part, thoughtSignature: signature };
    });
    return { ...content, parts };
  });
}
