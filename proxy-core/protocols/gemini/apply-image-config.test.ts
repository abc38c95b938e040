import { describe, expect, it } from 'vitest';
import { applyImageConfig } from './apply-image-config.js';

const request = { contents: [{ role: 'user' as const, parts: [{ text: 'Draw a cat' }] }], generationConfig: { temperature: 1 } };

describe('applyImageConfig', () => {
  it('asks for the shape the model name chose', () => {
    expect(applyImageConfig(request, { aspectRatio: '16:9', imageSize: '4K' })).toEqual({
      ...request,
      generationConfig: { temperature: 1, imageConfig: { aspectRatio: '16:9', imageSize: '4K' } },
    });
  });

  it("keeps the request's own imageConfig fields over the name's", () => {
    const own = { ...request, generationConfig: { imageConfig: { aspectRatio: '1:1' } } };
    expect(applyImageConfig(own, { aspectRatio: '16:9', imageSize: '2K' }).generationConfig?.imageConfig).toEqual({ aspectRatio: '1:1', imageSize: '2K' });
  });

  it('leaves the request as it is when the name asked for nothing', () => {
    expect(applyImageConfig(request, undefined)).toBe(request);
  });
});
