/**
 * Generated images -> the OpenAI Images response (https://platform.openai.com/docs/api-reference/images/object).
 * `url` cannot point anywhere real (the gateway keeps no files), so it is a `data:` URL, as
 * Antigravity Manager answers too; `b64_json` is the default, as OpenAI's. `usage` (the calls'
 * total) in the gpt-image shape.
 */
import type { TokenUsage } from '../../../canonical/generation-event.js';
import type { GeneratedImage } from './collect-generated-image.js';

export interface OpenAIImagesResponse {
  created: number;
  data: Array<{ b64_json: string } | { url: string }>;
  usage: { input_tokens: number; output_tokens: number; total_tokens: number; input_tokens_details: { text_tokens: number; image_tokens: number } };
}

export function encodeOpenAIImagesResponse(
  images: readonly GeneratedImage[],
  usage: TokenUsage,
  options: { created: number; responseFormat: 'b64_json' | 'url' },
): OpenAIImagesResponse {
  const input = usage.inputTokens;
  const output = usage.outputTokens;
  return {
    created: options.created,
    data: images.map((image) => (options.responseFormat === 'url' ? { url: `data:${image.mimeType};base64,${image.data}` } : { b64_json: image.data })),
    usage: { input_tokens: input, output_tokens: output, total_tokens: input + output, input_tokens_details: { text_tokens: input, image_tokens: 0 } },
  };
}
