import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../errors/gateway-error.js';
import { parseOpenAIImageRequest } from './openai-image-request-schema.js';

function refusal(body: unknown): GatewayError {
  try {
    parseOpenAIImageRequest(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('parseOpenAIImageRequest', () => {
  it('accepts what the OpenAI SDK sends, nulls and fields it does not read included', () => {
    const parsed = parseOpenAIImageRequest({ prompt: 'p', model: 'dall-e-3', n: 2, size: '1024x1024', quality: 'hd', style: null, user: 'u', moderation: 'low' });
    expect(parsed).toMatchObject({ prompt: 'p', model: 'dall-e-3', n: 2, size: '1024x1024', quality: 'hd' });
  });

  it.each([
    [{}, "Missing required parameter: 'prompt'.", 'prompt'],
    [{ prompt: '' }, "Invalid 'prompt': must not be empty.", 'prompt'],
    [{ prompt: 'p', n: 0 }, "Invalid 'n': must be >= 1.", 'n'],
    [{ prompt: 'p', n: 11 }, "Invalid 'n': must be <= 10.", 'n'],
    [{ prompt: 'p', n: 1.5 }, "Invalid 'n': must be an integer.", 'n'],
    [{ prompt: 'p', size: 'big' }, `Invalid 'size': must be "auto" or WIDTHxHEIGHT, e.g. "1024x1024".`, 'size'],
    [{ prompt: 'p', response_format: 'file' }, `Invalid 'response_format': must be one of "b64_json", "url".`, 'response_format'],
    [{ prompt: 'p', output_format: 'jpeg' }, `Invalid 'output_format': must be one of "png".`, 'output_format'],
    [{ prompt: 'p', stream: true }, "Invalid 'stream': streaming partial images is not supported; the image comes whole.", 'stream'],
    [{ prompt: 'p', image_size: '8K' }, `Invalid 'image_size': must be one of "1K", "2K", "4K".`, 'image_size'],
    [{ prompt: 'p', aspect_ratio: '7:3' }, expect.stringContaining("Invalid 'aspect_ratio': must be one of"), 'aspect_ratio'],
  ])('refuses %j', (body, message, param) => {
    const error = refusal(body);
    expect(error.status).toBe(400);
    expect(error.message).toEqual(message);
    expect(error.param).toBe(param);
  });

  it('refuses a body that is not an object', () => {
    expect(refusal([]).message).toBe('The request body must be a JSON object.');
  });
});
