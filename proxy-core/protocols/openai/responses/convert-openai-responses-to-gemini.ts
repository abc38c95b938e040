/**
 * OpenAI Responses request (https://platform.openai.com/docs/api-reference/responses/create)
 * -> the Gemini `GenerateContentRequest` inside the Cloud Code envelope (UPSTREAM-PROTOCOL.md §4).
 * Through the shared builder (shared/build-gemini-request.ts). The history is converted as chat
 * messages (convert-openai-responses-input.ts), so both OpenAI routes repair and sign it the same
 * way; tools, reasoning and output settings are read here. The hosted web_search tool is one of
 * the tools the target was decided from (read-openai-responses-tool-traits.ts). Whatever cannot be
 * carried over is listed in `warnings`; whatever the client got wrong is a GatewayError
 * `invalid_request` with its `param`.
 */
import { conversionWarning, type ConversionWarning } from '../../../canonical/conversion-warning.js';
import type { GeminiGenerateContentRequest, GeminiGenerationConfig } from '../../../canonical/gemini-schemas.js';
import { GatewayError } from '../../../errors/gateway-error.js';
import type { ModelFamily } from '../../../signatures/model-family.js';
import { createSignatureCache, type SignatureCache } from '../../../signatures/signature-cache.js';
import { resolveThinkingConfig, type ReasoningEffort } from '../../gemini/resolve-thinking-config.js';
import { buildGeminiRequest, type ConvertToGeminiContext, type GenerationSettings, type PreparedGenerationConfig } from '../../shared/build-gemini-request.js';
import { prepareMaxOutputTokens } from '../../shared/prepare-max-output-tokens.js';
import { prepareResponseSchema } from '../../shared/prepare-response-schema.js';
import { prepareSamplingConfig } from '../../shared/prepare-sampling-config.js';
import { convertOpenAIChatMessages, type ConvertOpenAIChatMessagesContext, type ConvertedOpenAIChatMessages } from '../chat/convert-openai-chat-messages.js';
import { convertOpenAIResponsesInput, type ConvertedOpenAIResponsesInput, type LocatedResponsesItem } from './convert-openai-responses-input.js';
import type { OpenAIResponsesRequest } from './openai-responses-request-schema.js';
import { prepareOpenAIResponsesTools, type OpenAIResponsesToolTarget } from './prepare-openai-responses-tools.js';

export interface ConvertedOpenAIResponsesRequest {
  request: GeminiGenerateContentRequest;
  warnings: ConversionWarning[];
  /** Upstream function name -> the client's tool, for handing the model's calls back. */
  toolTargets: Map<string, OpenAIResponsesToolTarget>;
  family: ModelFamily;
}

/** OpenAI's efforts above "high" get the upstream's deepest setting. */
const effortByResponsesEffort: Record<string, ReasoningEffort> = {
  none: 'none',
  minimal: 'minimal',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'high',
  max: 'high',
};

/** `items` is the whole history: a stored previous response's items, then this request's input. */
export function convertOpenAIResponsesToGemini(
  request: OpenAIResponsesRequest,
  items: LocatedResponsesItem[],
  context: ConvertToGeminiContext,
): ConvertedOpenAIResponsesRequest {
  const effort = request.reasoning?.effort ?? undefined;
  const built = buildGeminiRequest(context, {
    prepareTools: ({ family, toolNames }) =>
      prepareOpenAIResponsesTools({ tools: request.tools, toolChoice: request.tool_choice, parallelToolCalls: request.parallel_tool_calls, family, toolNames }),
    convertHistory: (history) => convertHistory(request, items, history),
    resolveThinking: (model) => resolveThinkingConfig(model, effort === undefined ? undefined : effortByResponsesEffort[effort]),
    prepareGenerationConfig: (settings) => prepareGenerationConfig(request, settings),
  });

  const toolTargets = new Map<string, OpenAIResponsesToolTarget>();
  // Calls to tools seen only in history map back by name; declared tools know their kind.
  for (const [upstream, original] of built.toolNames.originalBySanitized) toolTargets.set(upstream, { kind: 'function', name: original });
  for (const [upstream, target] of built.tools.targets) toolTargets.set(upstream, target);
  return { request: built.request, warnings: built.warnings, toolTargets, family: built.family };
}

/** The instructions and items as chat messages, through the chat history repair, named by item again. */
function convertHistory(request: OpenAIResponsesRequest, items: LocatedResponsesItem[], context: ConvertOpenAIChatMessagesContext): ConvertedOpenAIChatMessages {
  const input = convertOpenAIResponsesInput(request.instructions, items, { family: context.family });
  if (input.messages.length === 0) {
    throw new GatewayError('invalid_request', `Missing required parameter: 'input'.`, { param: 'input' });
  }
  let messages: ConvertedOpenAIChatMessages;
  try {
    messages = convertOpenAIChatMessages(input.messages, { ...context, signatures: layerRestoredSignatures(context.signatures, input.restoredSignatures, context.family) });
  } catch (error) {
    throw renameErrorPaths(error, input.sources);
  }
  return {
    ...messages,
    warnings: [...input.warnings, ...messages.warnings.map((warning) => ({ ...warning, message: renameMessagePaths(warning.message, input.sources) }))],
  };
}

/** Sampling, `max_output_tokens` and `text.format`. */
function prepareGenerationConfig(request: OpenAIResponsesRequest, settings: GenerationSettings): PreparedGenerationConfig {
  const { family, thinkingConfig, minOutputTokens, outputTokenLimit } = settings;
  const warnings: ConversionWarning[] = [];
  const claudeThinking = family === 'claude' && thinkingConfig?.thinkingBudget !== undefined;
  const generationConfig: GeminiGenerationConfig = prepareSamplingConfig({ temperature: request.temperature, topP: request.top_p }, { claudeThinking }, warnings);
  const maxOutputTokens = prepareMaxOutputTokens(request.max_output_tokens ?? undefined, minOutputTokens, 'max_output_tokens', warnings, outputTokenLimit);
  if (maxOutputTokens !== undefined) generationConfig.maxOutputTokens = maxOutputTokens;
  const format = request.text?.format;
  if (format?.type === 'json_object' || format?.type === 'json_schema') generationConfig.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    const cleaned = prepareResponseSchema(format.schema, 'text.format.schema');
    warnings.push(...cleaned.warnings.map((warning) => conversionWarning('schema_simplified', `text.format: ${warning}`)));
    generationConfig.responseSchema = cleaned.schema;
  }
  if (thinkingConfig !== undefined) generationConfig.thinkingConfig = thinkingConfig;
  return { generationConfig, warnings };
}

/** The signatures the client's reasoning items carried, looked up before the gateway's cache. */
function layerRestoredSignatures(
  base: SignatureCache,
  restored: ConvertedOpenAIResponsesInput['restoredSignatures'],
  family: ModelFamily,
): SignatureCache {
  if (restored.reasoning.length === 0 && restored.toolCalls.length === 0) return base;
  const own = createSignatureCache();
  for (const { text, signature } of restored.reasoning) own.rememberReasoning(text, signature, family);
  for (const { id, signature } of restored.toolCalls) own.rememberToolCall(id, signature, family);
  return {
    rememberToolCall: (id, signature, signatureFamily) => base.rememberToolCall(id, signature, signatureFamily),
    rememberReasoning: (text, signature, signatureFamily) => base.rememberReasoning(text, signature, signatureFamily),
    lookupToolCall: (id, lookupFamily) => own.lookupToolCall(id, lookupFamily) ?? base.lookupToolCall(id, lookupFamily),
    lookupReasoning: (text, lookupFamily) => own.lookupReasoning(text, lookupFamily) ?? base.lookupReasoning(text, lookupFamily),
    lookupFamily: (signature) => own.lookupFamily(signature) ?? base.lookupFamily(signature),
    get size() {
      return base.size;
    },
  };
}

/** Chat-converter warnings and errors name `messages[i]`; the client sent items. */
function renameMessagePaths(text: string, sources: readonly string[]): string {
  return text.replace(/^messages(\[(\d+)\])?/, (match, _brackets: string | undefined, index: string | undefined) =>
    index === undefined ? 'input' : (sources[Number(index)] ?? match),
  );
}

function renameErrorPaths(error: unknown, sources: readonly string[]): unknown {
  if (!(error instanceof GatewayError) || error.param === undefined) return error;
  const param = renameMessagePaths(error.param, sources);
  // Only the quoted param: "The messages contain no content to send." (param `messages`) must not become "The input contain ...".
  return new GatewayError(error.kind, error.message.replace(`'${error.param}'`, `'${param}'`), { param, cause: error });
}
