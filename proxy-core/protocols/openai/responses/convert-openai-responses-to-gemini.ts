/**
 * OpenAI Responses request (https://platform.openai.com/docs/api-reference/responses/create)
 * -> the Gemini `GenerateContentRequest` inside the Cloud Code envelope (UPSTREAM-PROTOCOL.md §4).
 * The history is converted as chat messages (convert-openai-responses-input.ts), so both OpenAI
 * routes repair and sign it the same way; tools, reasoning and output settings are read here.
 * Pure: the signature cache is read, never written. Whatever cannot be carried over is listed in
 * `warnings`; whatever the client got wrong is a GatewayError `invalid_request` with its `param`.
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import type { GeminiGenerateContentRequest, GeminiGenerationConfig } from '../../../canonical/gemini-schemas.js';
import { resolveThinkingConfig, type ReasoningEffort } from '../../gemini/resolve-thinking-config.js';
import { assembleGeminiRequest } from '../../shared/assemble-gemini-request.js';
import { resolveModelFamily, type ModelFamily } from '../../../signatures/model-family.js';
import { createSignatureCache, type SignatureCache } from '../../../signatures/signature-cache.js';
import { createToolNameMapping } from '../../shared/create-tool-name-mapping.js';
import { dropConflictingClaudeThinking } from '../../shared/find-claude-thinking-conflict.js';
import { prepareMaxOutputTokens } from '../../shared/prepare-max-output-tokens.js';
import { findOutputTokenLimit } from '../../gemini/gemini-output-token-limit.js';
import { prepareResponseSchema } from '../../shared/prepare-response-schema.js';
import { prepareSamplingConfig } from '../../shared/prepare-sampling-config.js';
import { convertOpenAIChatMessages } from '../chat/convert-openai-chat-messages.js';
import { convertOpenAIResponsesInput, type ConvertedOpenAIResponsesInput, type LocatedResponsesItem } from './convert-openai-responses-input.js';
import type { OpenAIResponsesRequest } from './openai-responses-request-schema.js';
import { prepareOpenAIResponsesTools, type OpenAIResponsesToolTarget } from './prepare-openai-responses-tools.js';
import { addWebSearch } from '../../shared/add-web-search.js';
import type { ResolvedTarget } from '../../../mapping/resolve-target.js';
import { type ConversionWarning, conversionWarning } from '../../../canonical/conversion-warning.js';

export interface ConvertOpenAIResponsesToGeminiContext {
  /** What the request calls and whether it searches the web, decided before conversion (mapping/resolve-target.ts). */
  target: Pick<ResolvedTarget, 'model' | 'webSearch'>;
  signatures: SignatureCache;
}

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
  context: ConvertOpenAIResponsesToGeminiContext,
): ConvertedOpenAIResponsesRequest {
  // The hosted web_search tool is one of the tools the target was decided from (read-openai-responses-tool-traits.ts).
  const { webSearch, model: upstreamModel } = context.target;
  const family = resolveModelFamily(upstreamModel);
  const warnings: ConversionWarning[] = [];
  const toolNames = createToolNameMapping();

  // Tools first: declared names claim their sanitized form before names seen only in history.
  const tools = prepareOpenAIResponsesTools({
    tools: request.tools,
    toolChoice: request.tool_choice,
    parallelToolCalls: request.parallel_tool_calls,
    family,
    toolNames,
  });
  warnings.push(...tools.warnings);

  const input = convertOpenAIResponsesInput(request.instructions, items, { family });
  warnings.push(...input.warnings);
  if (input.messages.length === 0) {
    throw new GatewayError('invalid_request', `Missing required parameter: 'input'.`, { param: 'input' });
  }
  let messages: ReturnType<typeof convertOpenAIChatMessages>;
  try {
    messages = convertOpenAIChatMessages(input.messages, {
      family,
      signatures: layerRestoredSignatures(context.signatures, input.restoredSignatures, family),
      toolNames,
    });
  } catch (error) {
    throw renameErrorPaths(error, input.sources);
  }
  warnings.push(...messages.warnings.map((warning) => ({ ...warning, message: renameMessagePaths(warning.message, input.sources) })));

  const effort = request.reasoning?.effort ?? undefined;
  const thinking = dropConflictingClaudeThinking(resolveThinkingConfig(upstreamModel, effort === undefined ? undefined : effortByResponsesEffort[effort]), {
    family,
    contents: messages.contents,
    mode: tools.toolConfig?.functionCallingConfig.mode,
  });
  warnings.push(...thinking.warnings);
  const { thinkingConfig, minOutputTokens } = thinking;

  const claudeThinking = family === 'claude' && thinkingConfig?.thinkingBudget !== undefined;
  const generationConfig: GeminiGenerationConfig = prepareSamplingConfig({ temperature: request.temperature, topP: request.top_p }, { claudeThinking }, warnings);
  const maxOutputTokens = prepareMaxOutputTokens(
    request.max_output_tokens ?? undefined,
    minOutputTokens,
    'max_output_tokens',
    warnings,
    findOutputTokenLimit(upstreamModel),
  );
  if (maxOutputTokens !== undefined) generationConfig.maxOutputTokens = maxOutputTokens;
  const format = request.text?.format;
  if (format?.type === 'json_object' || format?.type === 'json_schema') generationConfig.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    const cleaned = prepareResponseSchema(format.schema, 'text.format.schema');
    warnings.push(...cleaned.warnings.map((warning) => conversionWarning('schema_simplified', `text.format: ${warning}`)));
    generationConfig.responseSchema = cleaned.schema;
  }
  if (thinkingConfig !== undefined) generationConfig.thinkingConfig = thinkingConfig;

  const toolTargets = new Map<string, OpenAIResponsesToolTarget>();
  // Calls to tools seen only in history map back by name; declared tools know their kind.
  for (const [upstream, original] of toolNames.originalBySanitized) toolTargets.set(upstream, { kind: 'function', name: original });
  for (const [upstream, target] of tools.targets) toolTargets.set(upstream, target);

  return {
    request: assembleGeminiRequest({
      contents: messages.contents,
      systemInstruction: messages.systemInstruction,
      tools: webSearch ? addWebSearch(tools.tools, warnings) : tools.tools,
      toolConfig: tools.toolConfig,
      generationConfig,
    }),
    warnings,
    toolTargets,
    family,
  };
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
  return new GatewayError(error.kind, error.message.replace(error.param, param), { param, cause: error });
}
