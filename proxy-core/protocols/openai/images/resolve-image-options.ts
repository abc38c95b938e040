/**
 * The image an OpenAI Images request asks for, as Gemini's `imageConfig`
 * (https://ai.google.dev/gemini-api/docs/image-generation): the upstream model id, an aspect
 * ratio and a size. Antigravity Manager's grammar (ANCHOR-ANTIGRAVITY-MANAGER.md §6.8, §14.4),
 * with an explicit field always winning over what the model name implies:
 * - aspect ratio: `aspect_ratio`, else a model suffix (`gemini-3-pro-image-16x9`), else the ratio
 *   of `size` rounded to the nearest ratio Gemini offers (`1792x1024` -> `16:9`);
 * - size: `image_size`/`imageSize`, else a model suffix (`-1k`, `-2k`, `-4k`, `-hd` = 4K), else
 *   `quality` (`hd`/`high` -> 4K, `medium` -> 2K, `standard`/`low` -> 1K);
 * - neither: left to the model's default (1:1, 1K).
 * The model and its suffixes were read once, with the mapping (mapping/resolve-target.ts: the
 * suffixes come off the model id in any order, `-4k-16x9` and `-16x9-4k` alike).
 */
import { imageAspectRatios, type ImageAspectRatio, type ImageSize } from '../../../canonical/image-config-values.js';
import type { ImageOptions } from '../../../mapping/parse-image-model-suffixes.js';
import type { ResolvedTarget } from '../../../mapping/resolve-target.js';
import type { OpenAIImageRequest } from './openai-image-request-schema.js';

const qualitySizes: Partial<Record<NonNullable<OpenAIImageRequest['quality']>, ImageSize>> = {
  hd: '4K',
  high: '4K',
  medium: '2K',
  standard: '1K',
  low: '1K',
};

/** The offered ratio closest to width/height (compared on a log scale, so 2:1 and 1:2 are equally far from 1:1). */
export function nearestAspectRatio(width: number, height: number): ImageAspectRatio {
  const target = Math.log(width / height);
  let best: ImageAspectRatio = '1:1';
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const ratio of imageAspectRatios) {
    const [w, h] = ratio.split(':').map(Number) as [number, number];
    const distance = Math.abs(Math.log(w / h) - target);
    if (distance < bestDistance) {
      best = ratio;
      bestDistance = distance;
    }
  }
  return best;
}

export function resolveImageOptions(target: Pick<ResolvedTarget, 'model' | 'imageConfig'>, request: OpenAIImageRequest): ImageOptions {
  const fromModel = target.imageConfig ?? {};
  let aspectRatio = request.aspect_ratio ?? fromModel.aspectRatio;
  if (aspectRatio === undefined && request.size != null && request.size !== 'auto') {
    const [width, height] = request.size.split('x').map(Number) as [number, number];
    if (width > 0 && height > 0) aspectRatio = nearestAspectRatio(width, height);
  }
  const imageSize = request.image_size ?? request.imageSize ?? fromModel.imageSize ?? (request.quality == null ? undefined : qualitySizes[request.quality]);
  return { model: target.model, ...(aspectRatio === undefined ? {} : { aspectRatio }), ...(imageSize === undefined ? {} : { imageSize }) };
}
