import { describe, expect, it } from 'vitest';
import { resolveModel } from '../../../mapping/resolve-model.js';
import { resolveTarget } from '../../../mapping/resolve-target.js';
import { parseOpenAIImageRequest } from './openai-image-request-schema.js';
import { nearestAspectRatio, resolveImageOptions as resolveFromTarget } from './resolve-image-options.js';

const request = (fields: Record<string, unknown> = {}) => parseOpenAIImageRequest({ prompt: 'a lighthouse', ...fields });
/** The model name as the images route reads it: mapped, its suffixes taken off once (mapping/resolve-target.ts). */
const resolveImageOptions = (model: string, body: ReturnType<typeof request>) => resolveFromTarget(resolveTarget(resolveModel(model, { customMapping: {} }), undefined), body);

describe('nearestAspectRatio', () => {
  it.each([
    [1024, 1024, '1:1'],
    [1792, 1024, '16:9'],
    [1024, 1792, '9:16'],
    [1536, 1024, '3:2'],
    [1024, 1536, '2:3'],
    [2560, 1080, '21:9'],
    [1000, 800, '5:4'],
  ])('%ix%i -> %s', (width, height, ratio) => {
    expect(nearestAspectRatio(width, height)).toBe(ratio);
  });
});

describe('resolveImageOptions', () => {
  it('leaves both to the model when nothing asks', () => {
    expect(resolveImageOptions('gemini-3-pro-image', request())).toEqual({ model: 'gemini-3-pro-image' });
    expect(resolveImageOptions('gemini-3-pro-image', request({ size: 'auto', quality: 'auto' }))).toEqual({ model: 'gemini-3-pro-image' });
  });

  it('reads the ratio from size and the size from quality', () => {
    expect(resolveImageOptions('gemini-3-pro-image', request({ size: '1792x1024', quality: 'hd' }))).toEqual({
      model: 'gemini-3-pro-image',
      aspectRatio: '16:9',
      imageSize: '4K',
    });
    expect(resolveImageOptions('gemini-3-pro-image', request({ quality: 'medium' })).imageSize).toBe('2K');
    expect(resolveImageOptions('gemini-3-pro-image', request({ quality: 'standard' })).imageSize).toBe('1K');
  });

  it('prefers the explicit fields, then the model suffixes, then size and quality', () => {
    const fromSuffix = resolveImageOptions('gemini-3-pro-image-9x16-1k', request({ size: '1792x1024', quality: 'hd' }));
    expect(fromSuffix).toEqual({ model: 'gemini-3-pro-image', aspectRatio: '9:16', imageSize: '1K' });
    const explicit = resolveImageOptions('gemini-3-pro-image-9x16-1k', request({ aspect_ratio: '4:3', image_size: '2k' }));
    expect(explicit).toEqual({ model: 'gemini-3-pro-image', aspectRatio: '4:3', imageSize: '2K' });
    expect(resolveImageOptions('gemini-3-pro-image', request({ imageSize: '4K' })).imageSize).toBe('4K');
  });
});
