/**
 * What the gateway reads of a legacy Completions request
 * (https://platform.openai.com/docs/api-reference/completions/create). Loose like the chat
 * schema: unread fields (`logit_bias`, `logprobs`, ...) are accepted and ignored. A batch of
 * prompts, token-id prompts and `n`/`best_of` above 1 ask for several independent answers,
 * which one upstream generation cannot give: those are 400s rather than a merged answer.
 */
import { z } from 'zod';
import { parseRequestBody } from '../../shared/parse-request-body.js';
import { maxStopSequences } from '../chat/openai-chat-request-schema.js';

export const openAICompletionsRequestSchema = z.looseObject({
  model: z.string().min(1),
  prompt: z.union(
    [
      z.string(),
      z.array(z.string()).min(1).max(1, { error: 'holds several prompts; batches are not supported, send one prompt per request' }),
    ],
    { error: 'must be a string or an array of one string (token ids are not supported)' },
  ),
  suffix: z.string().nullish(),
  echo: z.boolean().nullish(),
  max_tokens: z.number().int().min(1).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  n: z.number().int().min(1).max(1, { error: 'n > 1 is not supported' }).nullish(),
  best_of: z.number().int().min(1).max(1, { error: 'best_of > 1 is not supported' }).nullish(),
  stop: z
    .union([z.string(), z.array(z.string()).max(maxStopSequences, { error: `accepts at most ${maxStopSequences} sequences` })], {
      error: 'must be a string or an array of strings',
    })
    .nullish(),
  seed: z.number().int().nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  user: z.string().nullish(),
});

export type OpenAICompletionsRequest = z.infer<typeof openAICompletionsRequestSchema>;

export function parseOpenAICompletionsRequest(body: unknown): OpenAICompletionsRequest {
  return parseRequestBody(openAICompletionsRequestSchema, body);
}
