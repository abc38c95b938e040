/**
 * OpenAI Images request -> the Gemini request one image is generated with. One candidate per
 * call: `n` images are `n` calls (Cloud Code answers `candidateCount` 1 only). No system prompt,
 * no tools, no thinking: image models take none of them (UPSTREAM-PROTOCOL.md §13). `style`
 * becomes a sentence after the prompt, worded as OpenAI documents the two styles.
 */
import type { GeminiGenerateContentRequest, GeminiGenerationConfig } from '../../gemini/gemini-schemas.js';
import { safetySettingsOff } from '../../gemini/safety-settings-off.js';
import type { OpenAIImageRequest } from './openai-image-request-schema.js';
import type { ImageOptions } from './resolve-image-options.js';

const stylePhrases: Record<NonNullable<OpenAIImageRequest['style']>, string> = {
  vivid: 'Style: vivid, leaning towards hyper-real and dramatic images.',
  natural: 'Style: natural, more realistic and less hyper-real.',
};

export function convertOpenAIImageRequestToGemini(request: OpenAIImageRequest, options: ImageOptions): GeminiGenerateContentRequest {
  const prompt = request.style == null ? request.prompt : `${request.prompt}\n\n${stylePhrases[request.style]}`;
  const generationConfig: GeminiGenerationConfig = { candidateCount: 1 };
  if (options.aspectRatio !== undefined || options.imageSize !== undefined) {
    generationConfig.imageConfig = {
      ...(options.aspectRatio === undefined ? {} : { aspectRatio: options.aspectRatio }),
      ...(options.imageSize === undefined ? {} : { imageSize: options.imageSize }),
    };
  }
  return {
    contents: [{ role: 'user', parts: [{ text: prompt }] }],
    safetySettings: [...safetySettingsOff],
    generationConfig,
  };
}
