/**
 * OpenAI sampling and output fields (https://platform.openai.com/docs/api-reference/chat/create)
 * -> Gemini `generationConfig` (https://ai.google.dev/api/generate-content#generationconfig).
 * Nothing is defaulted: a field the client did not set is left to the model.
 */
import type { GeminiGenerationConfig, GeminiThinkingConfig } from '../../../canonical/gemini-schemas.js';
import type { ModelFamily } from '../../../signatures/model-family.js';
import { prepareMaxOutputTokens } from '../../shared/prepare-max-output-tokens.js';
import { prepareResponseSchema } from '../../shared/prepare-response-schema.js';
import { prepareSamplingConfig } from '../../shared/prepare-sampling-config.js';
import type { OpenAIChatRequest } from './openai-chat-request-schema.js';
import { type ConversionWarning, conversionWarning } from '../../../canonical/conversion-warning.js';

export interface PrepareOpenAIChatGenerationConfigContext {
  family: ModelFamily;
  /** Already decided for this request (resolve-thinking-config.ts, then the tool-loop check). */
  thinkingConfig: GeminiThinkingConfig | undefined;
  /** Raise `maxOutputTokens` to this when the client's is lower or absent. */
  minOutputTokens: number | undefined;
  /** Lower `maxOutputTokens` to this when the client's is higher (gemini-output-token-limit.ts). */
  outputTokenLimit?: number | undefined;
}

export function prepareOpenAIChatGenerationConfig(
  request: OpenAIChatRequest,
  context: PrepareOpenAIChatGenerationConfigContext,
): { generationConfig?: GeminiGenerationConfig; warnings: ConversionWarning[] } {
  const warnings: ConversionWarning[] = [];
  const claudeThinking = context.family === 'claude' && context.thinkingConfig?.thinkingBudget !== undefined;
  const config: GeminiGenerationConfig = prepareSamplingConfig({ temperature: request.temperature, topP: request.top_p }, { claudeThinking }, warnings);

  // `max_tokens` is deprecated in favour of `max_completion_tokens`; the newer one wins.
  const maxOutputTokens = prepareMaxOutputTokens(request.max_completion_tokens ?? request.max_tokens ?? undefined, context.minOutputTokens, 'max tokens', warnings, context.outputTokenLimit);
  if (maxOutputTokens !== undefined) config.maxOutputTokens = maxOutputTokens;

  const stop = request.stop == null ? [] : (Array.isArray(request.stop) ? request.stop : [request.stop]).filter((item) => item !== '');
  if (stop.length > 0) config.stopSequences = stop;
  if (request.seed != null) config.seed = request.seed;
  if (request.presence_penalty != null) config.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty != null) config.frequencyPenalty = request.frequency_penalty;
  if (request.n != null) config.candidateCount = request.n;

  const format = request.response_format;
  if (format?.type === 'json_object') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    const schema = format.json_schema.schema;
    if (schema != null) {
      const cleaned = prepareResponseSchema(schema, 'response_format.json_schema.schema');
      warnings.push(...cleaned.warnings.map((warning) => conversionWarning('schema_simplified', `response_format.json_schema: ${warning}`)));
      config.responseSchema = cleaned.schema;
    }
  }

  if (context.thinkingConfig !== undefined) config.thinkingConfig = context.thinkingConfig;
  return { ...(Object.keys(config).length > 0 ? { generationConfig: config } : {}), warnings };
}
