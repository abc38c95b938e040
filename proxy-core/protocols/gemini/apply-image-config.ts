/**
 * The image shape a model name's suffixes asked for (mapping/resolve-target.ts), put into the
 * request's `imageConfig`. Fields the request already sets in its own `imageConfig` win.
 */
import type { GeminiGenerateContentRequest } from '../../canonical/gemini-schemas.js';
import type { ResolvedTarget } from '../../mapping/resolve-target.js';

export function applyImageConfig(request: GeminiGenerateContentRequest, imageConfig: ResolvedTarget['imageConfig']): GeminiGenerateContentRequest {
  if (imageConfig === undefined) return request;
  const merged = { ...imageConfig, ...request.generationConfig?.imageConfig };
  return { ...request, generationConfig: { ...request.generationConfig, imageConfig: merged } };
}
