import { describe, expect, it } from 'vitest';
import { safetySettingsOff } from '../../gemini/safety-settings-off.js';
import { convertOpenAIImageRequestToGemini } from './convert-openai-image-request-to-gemini.js';
import { parseOpenAIImageRequest } from './openai-image-request-schema.js';

describe('convertOpenAIImageRequestToGemini', () => {
  it('sends the prompt alone, one candidate, safety off, and the image config asked for', () => {
    const request = parseOpenAIImageRequest({ prompt: 'a red fox in snow', n: 3, size: '1792x1024' });
    expect(convertOpenAIImageRequestToGemini(request, { model: 'gemini-3-pro-image', aspectRatio: '16:9', imageSize: '2K' })).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'a red fox in snow' }] }],
      safetySettings: [...safetySettingsOff],
      generationConfig: { candidateCount: 1, imageConfig: { aspectRatio: '16:9', imageSize: '2K' } },
    });
  });

  it('has no imageConfig when nothing was asked, and puts the style after the prompt', () => {
    const converted = convertOpenAIImageRequestToGemini(parseOpenAIImageRequest({ prompt: 'a red fox', style: 'natural' }), { model: 'gemini-3-pro-image' });
    expect(converted.generationConfig).toEqual({ candidateCount: 1 });
    expect(converted.contents[0]?.parts).toEqual([{ text: 'a red fox\n\nStyle: natural, more realistic and less hyper-real.' }]);
    expect(converted).not.toHaveProperty('tools');
    expect(converted).not.toHaveProperty('systemInstruction');
  });

  it('sends an edit\'s images before the prompt, the mask last, and says what the mask means', () => {
    const request = parseOpenAIImageRequest({ prompt: 'add a hat', style: 'vivid' });
    const images = [
      { mimeType: 'image/png', data: 'AAAA' },
      { mimeType: 'image/jpeg', data: 'BBBB' },
    ];
    const mask = { mimeType: 'image/png', data: 'MMMM' };
    expect(convertOpenAIImageRequestToGemini(request, { model: 'gemini-3-pro-image' }, { images, mask }).contents).toEqual([
      {
        role: 'user',
        parts: [
          { inlineData: { mimeType: 'image/png', data: 'AAAA' } },
          { inlineData: { mimeType: 'image/jpeg', data: 'BBBB' } },
          { inlineData: { mimeType: 'image/png', data: 'MMMM' } },
          {
            text: [
              'add a hat',
              'The last image is a mask: change only the areas where it is transparent and keep everything else as it is.',
              'Style: vivid, leaning towards hyper-real and dramatic images.',
            ].join('\n\n'),
          },
        ],
      },
    ]);
    // Without a mask the images go alone and the prompt says nothing about one.
    expect(convertOpenAIImageRequestToGemini(parseOpenAIImageRequest({ prompt: 'add a hat' }), { model: 'gemini-3-pro-image' }, { images }).contents[0]?.parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: 'AAAA' } },
      { inlineData: { mimeType: 'image/jpeg', data: 'BBBB' } },
      { text: 'add a hat' },
    ]);
  });

  it('sends only the image setting that was asked for', () => {
    const request = parseOpenAIImageRequest({ prompt: 'a fox' });
    expect(convertOpenAIImageRequestToGemini(request, { model: 'gemini-3-pro-image', aspectRatio: '1:1' }).generationConfig).toEqual({ candidateCount: 1, imageConfig: { aspectRatio: '1:1' } });
    expect(convertOpenAIImageRequestToGemini(request, { model: 'gemini-3-pro-image', imageSize: '4K' }).generationConfig).toEqual({ candidateCount: 1, imageConfig: { imageSize: '4K' } });
  });
});
