/**
 * The upstream refused a signature (UPSTREAM-PROTOCOL.md §11, 400 signature errors): retry once
 * with history thinking removed and Gemini function calls carrying the skip value instead.
 */
import type { GeminiGenerateContentRequest } from '../canonical/gemini-schemas.js';
import { skipThoughtSignature, type ModelFamily } from '../signatures/model-family.js';

export function stripThoughtSignatures(request: GeminiGenerateContentRequest, family: ModelFamily): GeminiGenerateContentRequest {
  const contents = request.contents.flatMap((content) => {
    if (content.role !== 'model') return [content];
    let firstCall = true;
    const parts = content.parts
      .filter((part) => part.thought !== true)
      .map((part) => {
        if (part.functionCall === undefined) return part;
        const { thoughtSignature: _dropped, ...rest } = part;
        const withSkip = family === 'gemini' && firstCall ? { ...rest, thoughtSignature: skipThoughtSignature } : rest;
        firstCall = false;
        return withSkip;
      });
    // A turn that held only thinking is dropped; history repair already kept roles alternating.
    return parts.length > 0 ? [{ ...content, parts }] : [];
  });
  const stripped: GeminiGenerateContentRequest = { ...request, contents };
  // Claude rejects a tool loop whose turn does not open with signed thinking: think no more.
  if (family === 'claude' && request.generationConfig?.thinkingConfig !== undefined) {
    const { thinkingConfig: _off, ...generationConfig } = request.generationConfig;
    stripped.generationConfig = generationConfig;
  }
  return stripped;
}
