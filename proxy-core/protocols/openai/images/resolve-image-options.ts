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
 * The suffixes come off the model id in any order (`-4k-16x9` and `-16x9-4k` alike).
 */
import { imageAspectRatios, type ImageAspectRatio, type ImageSize } from '../../gemini/image-config-values.js';
import type { OpenAIImageRequest } from './openai-image-request-schema.js';

export interface ImageOptions {
  /** The model id without its size and ratio suffixes. */
  model: string;
  aspectRatio?: ImageAspectRatio;
  imageSize?: ImageSize;
}

const sizeSuffixes: Record<string, ImageSize> = { '1k': '1K', '2k': '2K', '4k': '4K', hd: '4K' };
const qualitySizes: Partial<Record<NonNullable<OpenAIImageRequest['quality']>, ImageSize>> = {
  hd: '4K',
  high: '4K',
  medium: '2K',
  standard: '1K',
  low: '1K',
};

function ratioFromSuffix(suffix: string): ImageAspectRatio | undefined {
  const match = /^(\d+)x(\d+)$/.exec(suffix);
  if (match === null) return undefined;
  const ratio = `${match[1]}:${match[2]}`;
  return (imageAspectRatios as readonly string[]).includes(ratio) ? (ratio as ImageAspectRatio) : undefined;
}

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

/** Split `gemini-3-pro-image-16x9-4k` into the model and what its suffixes ask for. */
export function parseImageModelSuffixes(model: string): ImageOptions {
  let base = model;
  let aspectRatio: ImageAspectRatio | undefined;
  let imageSize: ImageSize | undefined;
  for (;;) {
    const dash = base.lastIndexOf('-');
    if (dash <= 0) break;
    const suffix = base.slice(dash + 1).toLowerCase();
    const size = sizeSuffixes[suffix];
    const ratio = ratioFromSuffix(suffix);
    if (size !== undefined && imageSize === undefined) imageSize = size;
    else if (ratio !== undefined && aspectRatio === undefined) aspectRatio = ratio;
    else break;
    base = base.slice(0, dash);
  }
  return { model: base, ...(aspectRatio === undefined ? {} : { aspectRatio }), ...(imageSize === undefined ? {} : { imageSize }) };
}

export function resolveImageOptions(upstreamModel: string, request: OpenAIImageRequest): ImageOptions {
  const fromModel = parseImageModelSuffixes(upstreamModel);
  let aspectRatio = request.aspect_ratio ?? fromModel.aspectRatio;
  if (aspectRatio === undefined && request.size != null && request.size !== 'auto') {
    const [width, height] = request.size.split('x').map(Number) as [number, number];
    if (width > 0 && height > 0) aspectRatio = nearestAspectRatio(width, height);
  }
  const imageSize = request.image_size ?? request.imageSize ?? fromModel.imageSize ?? (request.quality == null ? undefined : qualitySizes[request.quality]);
  return { model: fromModel.model, ...(aspectRatio === undefined ? {} : { aspectRatio }), ...(imageSize === undefined ? {} : { imageSize }) };
}
