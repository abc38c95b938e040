/**
 * A conversation (chat, messages, responses, Gemini native) with an image model named with size
 * and ratio suffixes: the call goes to the model without them, and they become the request's
 * `imageConfig`. Fields the request already sets in its own `imageConfig` win.
 */
import type { GeminiGenerateContentRequest } from '../../canonical/gemini-schemas.js';
import { parseImageModelSuffixes } from '../../mapping/parse-image-model-suffixes.js';
import { isImageModel } from '../../mapping/is-image-model.js';

export function applyImageModelSuffixes(model: string, request: GeminiGenerateContentRequest): { model: string; request: GeminiGenerateContentRequest } {
  if (!isImageModel(model)) return { model, request };
  const { model: base, aspectRatio, imageSize } = parseImageModelSuffixes(model);
  if (base === model) return { model, request };
  const imageConfig = {
    ...(aspectRatio === undefined ? {} : { aspectRatio }),
    ...(imageSize === undefined ? {} : { imageSize }),
    ...request.generationConfig?.imageConfig,
  };
  return { model: base, request: { ...request, generationConfig: { ...request.generationConfig, imageConfig } } };
}
