/** Image generation through the official `@google/genai` SDK (native Gemini API), against the real gateway and the fake Google. */
import { ApiError, GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_IMAGE_PNG_BASE64 } from '../fakes/fake-google-replies.js';
import { startTestGateway, testAccount, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
let ai: GoogleGenAI;

beforeAll(async () => {
  world = await startTestGateway({ accounts: [testAccount({ quotas: { 'gemini-3-pro-image': { remainingFraction: 1 } } })] });
  ai = new GoogleGenAI({ apiKey: world.apiKey, httpOptions: { baseUrl: world.origin } });
});
afterAll(async () => {
  await world.close();
});

describe('gemini native image generation', () => {
  it('passes imageConfig on and answers the image as inlineData', async () => {
    const answer = await ai.models.generateContent({
      model: 'gemini-3-pro-image',
      contents: 'A lighthouse at dusk',
      config: { imageConfig: { aspectRatio: '16:9', imageSize: '2K' } },
    });
    expect(answer.candidates?.[0]?.content?.parts).toEqual([{ inlineData: { mimeType: 'image/png', data: FAKE_IMAGE_PNG_BASE64 } }]);
    const sent = world.fake.requestsTo('streamGenerateContent').at(-1)?.body as { request: { generationConfig?: Record<string, unknown> } };
    expect(sent.request.generationConfig?.imageConfig).toEqual({ aspectRatio: '16:9', imageSize: '2K' });
  });

  it('refuses an aspect ratio the image model does not offer with a 400 naming the field', async () => {
    const error: unknown = await ai.models
      .generateContent({ model: 'gemini-3-pro-image', contents: 'x', config: { imageConfig: { aspectRatio: '7:3' } } })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toContain('generationConfig.imageConfig.aspectRatio');
  });
});
