import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../errors/gateway-error.js';
import type { GenerationEvent, TokenUsage } from '../../../canonical/generation-event.js';
import { collectGeneratedImage } from './collect-generated-image.js';
import { encodeOpenAIImagesResponse } from './encode-openai-images-response.js';

const usage: TokenUsage = { inputTokens: 7, outputTokens: 1290, cachedInputTokens: 0, reasoningTokens: 0, totalTokens: 1297 };

async function* stream(...events: GenerationEvent[]): AsyncGenerator<GenerationEvent> {
  yield { type: 'start', responseId: 'r', modelVersion: 'gemini-3-pro-image' };
  yield* events;
}

async function failure(events: AsyncIterable<GenerationEvent>): Promise<GatewayError> {
  const error: unknown = await collectGeneratedImage(events).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof GatewayError)) throw new Error('expected a GatewayError');
  return error;
}

describe('collectGeneratedImage', () => {
  it('keeps the images and the final usage, and drops text around them', async () => {
    const collected = await collectGeneratedImage(
      stream(
        { type: 'text-delta', text: 'Here it is:' },
        { type: 'inline-data', mimeType: 'image/png', data: 'AAAA' },
        { type: 'inline-data', mimeType: 'application/pdf', data: 'BBBB' },
        { type: 'finish', reason: 'stop', usage },
      ),
    );
    expect(collected).toEqual({ images: [{ mimeType: 'image/png', data: 'AAAA' }], usage });
  });

  it('makes a safety stop without an image a 400 content_policy_violation that quotes the model', async () => {
    const error = await failure(stream({ type: 'text-delta', text: 'I cannot draw that.' }, { type: 'finish', reason: 'content_filter', usage }));
    expect(error.status).toBe(400);
    expect(error.code).toBe('content_policy_violation');
    expect(error.message).toBe('The image model declined this prompt for safety reasons: "I cannot draw that.".');
  });

  it('makes any other answer without an image a 502', async () => {
    const error = await failure(stream({ type: 'finish', reason: 'stop', usage }));
    expect(error.status).toBe(502);
    expect(error.message).toBe('The image model answered without an image.');
  });
});

describe('encodeOpenAIImagesResponse', () => {
  const images = [
    { mimeType: 'image/png', data: 'AAAA' },
    { mimeType: 'image/jpeg', data: 'BBBB' },
  ];

  it('answers b64_json with the usage in the gpt-image shape', () => {
    const total = { inputTokens: 14, outputTokens: 2580, cachedInputTokens: 0, reasoningTokens: 0, totalTokens: 2594 };
    expect(encodeOpenAIImagesResponse(images, total, { created: 1700000000, responseFormat: 'b64_json' })).toEqual({
      created: 1700000000,
      data: [{ b64_json: 'AAAA' }, { b64_json: 'BBBB' }],
      usage: { input_tokens: 14, output_tokens: 2580, total_tokens: 2594, input_tokens_details: { text_tokens: 14, image_tokens: 0 } },
    });
  });

  it('answers url as data URLs with each image type', () => {
    expect(encodeOpenAIImagesResponse(images, usage, { created: 1, responseFormat: 'url' }).data).toEqual([
      { url: 'data:image/png;base64,AAAA' },
      { url: 'data:image/jpeg;base64,BBBB' },
    ]);
  });
});
