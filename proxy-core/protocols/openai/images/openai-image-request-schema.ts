/**
 * What the gateway reads of an OpenAI Images generation request
 * (https://platform.openai.com/docs/api-reference/images/create), plus the two fields Antigravity
 * Manager's images endpoint also takes (`image_size`/`imageSize`, `aspect_ratio`). Loose like the
 * chat schema: fields it does not read (`moderation`, `background`, `user`, ...) are accepted and
 * ignored. `output_format` and `stream` are read only to refuse what cannot be honoured: the image
 * is returned whole, as the model made it (PNG), never transcoded.
 */
import { z } from 'zod';
import { imageAspectRatioSchema, imageSizeSchema } from '../../../canonical/image-config-values.js';
import { parseRequestBody } from '../../shared/parse-request-body.js';

/** OpenAI's own limit for gpt-image prompts. */
export const maxImagePromptCharacters = 32_000;
/** OpenAI's limit for `n`; each image is one upstream call on the accounts' quota. */
export const maxImagesPerRequest = 10;


export const openAIImageRequestSchema = z.looseObject({
  prompt: z.string().min(1).max(maxImagePromptCharacters),
  model: z.string().min(1).nullish(),
  n: z.number().int().min(1).max(maxImagesPerRequest).nullish(),
  size: z
    .string()
    .regex(/^(auto|\d{2,5}x\d{2,5})$/, { message: 'must be "auto" or WIDTHxHEIGHT, e.g. "1024x1024"' })
    .nullish(),
  quality: z.enum(['auto', 'standard', 'hd', 'low', 'medium', 'high']).nullish(),
  style: z.enum(['vivid', 'natural']).nullish(),
  response_format: z.enum(['b64_json', 'url']).nullish(),
  output_format: z.enum(['png']).nullish(),
  // Partial images as they are drawn (gpt-image streaming): the image model answers in one piece.
  stream: z.literal(false, { message: 'streaming partial images is not supported; the image comes whole' }).nullish(),
  image_size: imageSizeSchema.nullish(),
  imageSize: imageSizeSchema.nullish(),
  aspect_ratio: imageAspectRatioSchema.nullish(),
});

export type OpenAIImageRequest = z.infer<typeof openAIImageRequestSchema>;

export function parseOpenAIImageRequest(body: unknown): OpenAIImageRequest {
  return parseRequestBody(openAIImageRequestSchema, body);
}
