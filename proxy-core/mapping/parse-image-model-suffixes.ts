/**
 * An image model named with Antigravity Manager's suffixes (ANCHOR-ANTIGRAVITY-MANAGER.md §14.4):
 * `gemini-3-pro-image-16x9-4k` is `gemini-3-pro-image` asked for a 16:9 image at 4K. Sizes: `-1k`,
 * `-2k`, `-4k`, `-hd` (= 4K); ratios: the ten Gemini offers, written `WxH`. One suffix of each
 * kind, in either order; anything else stays part of the name.
 */
import { imageAspectRatios, type ImageAspectRatio, type ImageSize } from '../canonical/image-config-values.js';

export interface ImageOptions {
  /** The model id without its size and ratio suffixes. */
  model: string;
  aspectRatio?: ImageAspectRatio;
  imageSize?: ImageSize;
}

const sizeSuffixes: Record<string, ImageSize> = { '1k': '1K', '2k': '2K', '4k': '4K', hd: '4K' };

function ratioFromSuffix(suffix: string): ImageAspectRatio | undefined {
  const match = /^(\d+)x(\d+)$/.exec(suffix);
  if (match === null) return undefined;
  const ratio = `${match[1]}:${match[2]}`;
  return (imageAspectRatios as readonly string[]).includes(ratio) ? (ratio as ImageAspectRatio) : undefined;
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
