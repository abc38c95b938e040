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
});
