/**
 * Anthropic sampling and output fields (https://docs.anthropic.com/en/api/messages) -> Gemini
 * `generationConfig` (https://ai.google.dev/api/generate-content#generationconfig).
 * - `max_tokens` is kept as the client set it; only when it does not exceed the thinking budget
 *   (the upstream rejects that, UPSTREAM-PROTOCOL.md §4) is it raised to leave room for an answer.
 * - `stop_sequences`: the upstream takes at most five; they are forwarded, and all of them are
 *   also enforced on the streamed text by the gateway (cut-at-stop-sequences.ts).
 * - Structured output (`output_config.format`, or the older `output_format`) becomes
 *   `responseSchema` for Gemini models; Claude behind the upstream has no such field, so there it
 *   is dropped with a warning (the prompt usually asks for the JSON too).
 */
import type { GeminiGenerationConfig, GeminiThinkingConfig } from '../../../canonical/gemini-schemas.js';
import { answerTokensAboveBudget } from '../../gemini/resolve-thinking-config.js';
import type { ModelFamily } from '../../../signatures/model-family.js';
import { prepareResponseSchema } from '../../shared/prepare-response-schema.js';
import { prepareSamplingConfig } from '../../shared/prepare-sampling-config.js';
import type { AnthropicMessagesRequest } from './anthropic-messages-request-schema.js';
import { type ConversionWarning, conversionWarning } from '../../../canonical/conversion-warning.js';

/** The most stop sequences the upstream accepts (the Gemini API limit). */
export const maxUpstreamStopSequences = 5;

export interface PrepareAnthropicGenerationConfigContext {
  family: ModelFamily;
  /** Already decided for this request (resolve-anthropic-thinking.ts, then the tool-loop check). */
  thinkingConfig: GeminiThinkingConfig | undefined;
  /** What `max_tokens` is raised to when it does not exceed the thinking budget. */
  minOutputTokens: number | undefined;
}

export function prepareAnthropicGenerationConfig(
  request: AnthropicMessagesRequest,
  context: PrepareAnthropicGenerationConfigContext,
): { generationConfig?: GeminiGenerationConfig; warnings: ConversionWarning[] } {
  const warnings: ConversionWarning[] = [];
  const budget = context.thinkingConfig?.thinkingBudget;
  const claudeThinking = context.family === 'claude' && budget !== undefined;
  const config: GeminiGenerationConfig = prepareSamplingConfig(
    { temperature: request.temperature, topP: request.top_p, topK: request.top_k },
    { claudeThinking },
    warnings,
  );

  const maxTokens = request.max_tokens ?? undefined;
  if (maxTokens !== undefined) config.maxOutputTokens = maxTokens;
  if (budget !== undefined && budget > 0 && (maxTokens === undefined || maxTokens <= budget)) {
    const raised = context.minOutputTokens ?? budget + answerTokensAboveBudget;
    if (maxTokens !== undefined) warnings.push(conversionWarning('max_tokens_adjusted', `max_tokens ${maxTokens} raised to ${raised}: it must exceed the thinking budget ${budget}`));
    config.maxOutputTokens = raised;
  }

  const stopSequences = (request.stop_sequences ?? []).filter((sequence) => sequence !== '');
  if (stopSequences.length > 0) config.stopSequences = stopSequences.slice(0, maxUpstreamStopSequences);
  if (stopSequences.length > maxUpstreamStopSequences) {
    warnings.push(conversionWarning('stop_sequences_local', `stop_sequences: the upstream takes ${maxUpstreamStopSequences}; the other ${stopSequences.length - maxUpstreamStopSequences} are enforced by the gateway only`));
  }

  const format = request.output_config?.format ?? request.output_format ?? undefined;
  if (format !== undefined) {
    const param = request.output_config?.format != null ? 'output_config.format' : 'output_format';
    if (format.type !== 'json_schema' || format.schema == null) {
      warnings.push(conversionWarning('field_ignored', `${param} of type "${format.type}" has no upstream equivalent; dropped`));
    } else if (context.family !== 'gemini') {
      warnings.push(conversionWarning('field_ignored', `${param}: ${context.family} models behind the upstream take no response schema; dropped`));
    } else {
      const prepared = prepareResponseSchema(format.schema, `${param}.schema`);
      warnings.push(...prepared.warnings.map((warning) => conversionWarning('schema_simplified', `${param}.schema: ${warning}`)));
      config.responseMimeType = 'application/json';
      config.responseSchema = prepared.schema;
    }
  }

  if (context.thinkingConfig !== undefined) config.thinkingConfig = context.thinkingConfig;
  return { ...(Object.keys(config).length > 0 ? { generationConfig: config } : {}), warnings };
}
