/**
 * OpenAI sampling and output fields (https://platform.openai.com/docs/api-reference/chat/create)
 * -> Gemini `generationConfig` (https://ai.google.dev/api/generate-content#generationconfig).
 * Nothing is defaulted: a field the client did not set is left to the model.
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import { cleanJsonSchema, wrappedRootProperty } from '../../gemini/clean-json-schema.js';
import type { GeminiGenerationConfig, GeminiSchema, GeminiThinkingConfig } from '../../gemini/gemini-schemas.js';
import type { ModelFamily } from '../../../signatures/model-family.js';
import type { OpenAIChatRequest } from './openai-chat-request-schema.js';

export interface PrepareOpenAIChatGenerationConfigContext {
  family: ModelFamily;
  /** Already decided for this request (resolve-thinking-config.ts, then the tool-loop check). */
  thinkingConfig: GeminiThinkingConfig | undefined;
  /** Raise `maxOutputTokens` to this when the client's is lower or absent. */
  minOutputTokens: number | undefined;
}

/** With thinking on, Claude accepts only temperature 1 and top_p from 0.95 (Anthropic extended thinking docs). */
const claudeThinkingMinimumTopP = 0.95;

export function prepareOpenAIChatGenerationConfig(
  request: OpenAIChatRequest,
  context: PrepareOpenAIChatGenerationConfigContext,
): { generationConfig?: GeminiGenerationConfig; warnings: string[] } {
  const warnings: string[] = [];
  const config: GeminiGenerationConfig = {};
  const claudeThinking = context.family === 'claude' && context.thinkingConfig?.thinkingBudget !== undefined;

  if (request.temperature != null) {
    if (claudeThinking && request.temperature !== 1) {
      warnings.push(`temperature ${request.temperature} dropped: Claude only accepts 1 while thinking`);
    } else config.temperature = request.temperature;
  }
  if (request.top_p != null) {
    if (claudeThinking && request.top_p < claudeThinkingMinimumTopP) {
      warnings.push(`top_p ${request.top_p} dropped: Claude only accepts ${claudeThinkingMinimumTopP} to 1 while thinking`);
    } else config.topP = request.top_p;
  }

  // `max_tokens` is deprecated in favour of `max_completion_tokens`; the newer one wins.
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  if (maxTokens !== undefined) config.maxOutputTokens = maxTokens;
  if (context.minOutputTokens !== undefined && (maxTokens === undefined || maxTokens < context.minOutputTokens)) {
    if (maxTokens !== undefined) {
      warnings.push(`max tokens ${maxTokens} raised to ${context.minOutputTokens} to leave room for an answer after the thinking budget`);
    }
    config.maxOutputTokens = context.minOutputTokens;
  }

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
      const cleaned = prepareResponseSchema(schema);
      warnings.push(...cleaned.warnings.map((warning) => `response_format.json_schema: ${warning}`));
      config.responseSchema = cleaned.schema;
    }
  }

  if (context.thinkingConfig !== undefined) config.thinkingConfig = context.thinkingConfig;
  return { ...(Object.keys(config).length > 0 ? { generationConfig: config } : {}), warnings };
}

/**
 * The schema cleaner wraps a non-object root in an object, which is right for tool arguments
 * but would change the shape of the answer here; `responseSchema` takes any root, so unwrap it.
 */
function prepareResponseSchema(schema: Record<string, unknown>): { schema: GeminiSchema; warnings: string[] } {
  let cleaned: ReturnType<typeof cleanJsonSchema>;
  try {
    cleaned = cleanJsonSchema(schema);
  } catch (error) {
    if (!(error instanceof GatewayError) || error.kind !== 'invalid_request') throw error;
    const param = 'response_format.json_schema.schema';
    throw new GatewayError('invalid_request', `Invalid '${param}': ${error.message}.`, { param, cause: error });
  }
  const wrapped = cleaned.schema.properties?.[wrappedRootProperty];
  const wrapWarning = cleaned.warnings.findIndex((warning) => warning.includes(`in properties.${wrappedRootProperty}`));
  if (wrapped === undefined || wrapWarning === -1) return cleaned;
  return { schema: wrapped, warnings: cleaned.warnings.filter((_, index) => index !== wrapWarning) };
}
