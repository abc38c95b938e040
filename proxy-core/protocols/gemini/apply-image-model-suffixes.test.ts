import { describe, expect, it } from 'vitest';
import { applyImageModelSuffixes } from './apply-image-model-suffixes.js';

const request = { contents: [{ role: 'user' as const, parts: [{ text: 'Draw a cat' }] }], generationConfig: { temperature: 1 } };

describe('applyImageModelSuffixes', () => {
  it('calls the model without its suffixes and asks for what they say', () => {
    expect(applyImageModelSuffixes('gemini-3-pro-image-16x9-4k', request)).toEqual({
      model: 'gemini-3-pro-image',
      request: { ...request, generationConfig: { temperature: 1, imageConfig: { aspectRatio: '16:9', imageSize: '4K' } } },
    });
  });

  it("keeps the request's own imageConfig fields over the suffixes", () => {
    const own = { ...request, generationConfig: { imageConfig: { aspectRatio: '1:1' } } };
    expect(applyImageModelSuffixes('gemini-3-pro-image-16x9-2k', own).request.generationConfig?.imageConfig).toEqual({ aspectRatio: '1:1', imageSize: '2K' });
  });

  it('leaves other models, and image models without suffixes, as they are', () => {
    expect(applyImageModelSuffixes('gemini-3-flash', request)).toEqual({ model: 'gemini-3-flash', request });
    expect(applyImageModelSuffixes('gemini-3-pro-image', request).request).toBe(request);
  });
});
