/**
 * OpenAI Images request -> the Gemini request one image is generated with. One candidate per
 * call: `n` images are `n` calls (Cloud Code answers `candidateCount` 1 only). No system prompt,
 * no tools, no thinking: image models take none of them (UPSTREAM-PROTOCOL.md §13). `style`
 * becomes a sentence after the prompt, worded as OpenAI documents the two styles.
 *
 * An edit sends its images before the prompt; a mask goes last among them, and the prompt says
 * what it means in OpenAI's terms (its transparent areas are the ones to change).
 */
import type { GeminiGenerateContentRequest, GeminiGenerationConfig } from '../../../canonical/gemini-schemas.js';
import { safetySettingsOff } from '../../gemini/safety-settings-off.js';
import type { OpenAIImageRequest } from './openai-image-request-schema.js';
import type { ImageOptions } from '../../../mapping/parse-image-model-suffixes.js';

export interface ImageEditInput {
  images: ReadonlyArray<{ mimeType: string; data: string }>;
  mask?: { mimeType: string; data: string };
}

const maskSentence = 'The last image is a mask: change only the areas where it is transparent and keep everything else as it is.';

const stylePhrases: Record<NonNullable<OpenAIImageRequest['style']>, string> = {
  vivid: 'Style: vivid, leaning towards hyper-real and dramatic images.',
  natural: 'Style: natural, more realistic and less hyper-real.',
};

export function convertOpenAIImageRequestToGemini(request: OpenAIImageRequest, options: ImageOptions, edit?: ImageEditInput): GeminiGenerateContentRequest {
  const sentences = [request.prompt];
  if (edit?.mask !== undefined) sentences.push(maskSentence);
  if (request.style != null) sentences.push(stylePhrases[request.style]);
  const inputImages = edit === undefined ? [] : edit.mask === undefined ? edit.images : [...edit.images, edit.mask];
  const generationConfig: GeminiGenerationConfig = { candidateCount: 1 };
  if (options.aspectRatio !== undefined || options.imageSize !== undefined) {
    generationConfig.imageConfig = {
      ...(options.aspectRatio === undefined ? {} : { aspectRatio: options.aspectRatio }),
      ...(options.imageSize === undefined ? {} : { imageSize: options.imageSize }),
    };
  }
  return {
    contents: [{ role: 'user', parts: [...inputImages.map((image) => ({ inlineData: { mimeType: image.mimeType, data: image.data } })), { text: sentences.join('\n\n') }] }],
    safetySettings: [...safetySettingsOff],
    generationConfig,
  };
}
