/**
 * How many output tokens a model may be asked for, and the refusal of a larger `maxOutputTokens`.
 * The limits are the ones the fake lists in fetchAvailableModels (`maxOutputTokens`): Gemini 2.5 and 3
 * answer at most 65,536 tokens; Claude Sonnet and Opus 4.5 64,000 and Opus 4.6 128,000 (Anthropic's
 * model table). Answers as quoted from public captures: Vertex's range message for Gemini, Anthropic's
 * `max_tokens` message for Claude (it names Anthropic's dated model id, which Cloud Code's is used for here).
 * GPT-OSS's limit is listed (32,768) but its refusal was never captured, so it is not checked.
 */
import { invalidArgumentError } from '../fake-google-errors.js';
import { getField } from '../fake-google-proto.js';
import type { FakeErrorReply } from '../fake-google-types.js';
import { anthropicInvalidRequest } from './anthropic-invalid-request.js';
import { generationConfigOf, readNumber } from './request-fields.js';

export function outputTokenLimit(model: string): number {
  if (model.startsWith('gemini-')) return 65536;
  if (model.startsWith('claude-opus-4-6')) return 128000;
  if (model.startsWith('claude-')) return 64000;
  return 32768;
}

export const GEMINI_OUTPUT_RANGE_MESSAGE = (requested: number, limit: number): string =>
  `Unable to submit request because it has a maxOutputTokens value of ${requested} but the supported range is from 1 (inclusive) to ${limit + 1} (exclusive). Update the value and try again.`;
export const CLAUDE_MAX_TOKENS_MESSAGE = (requested: number, limit: number, model: string): string =>
  `max_tokens: ${requested} > ${limit}, which is the maximum allowed number of output tokens for ${model}`;

export function checkOutputTokenLimit(model: string, request: Record<string, unknown>): FakeErrorReply | undefined {
  const requested = readNumber(getField(generationConfigOf(request), 'max_output_tokens'));
  if (requested === undefined) return undefined;
  const limit = outputTokenLimit(model);
  if (model.startsWith('gemini-') && (requested < 1 || requested > limit)) {
    return invalidArgumentError(GEMINI_OUTPUT_RANGE_MESSAGE(requested, limit));
  }
  if (model.startsWith('claude-') && requested > limit) return anthropicInvalidRequest(CLAUDE_MAX_TOKENS_MESSAGE(requested, limit, model));
  return undefined;
}
