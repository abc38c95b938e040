/**
 * OpenAI Chat Completions request (https://platform.openai.com/docs/api-reference/chat/create)
 * -> the Gemini `GenerateContentRequest` inside the Cloud Code envelope (UPSTREAM-PROTOCOL.md §4).
 * Pure: the signature cache is read, never written. Whatever cannot be carried over is listed in
 * `warnings`; whatever the client got wrong is a GatewayError `invalid_request` with its `param`.
 */
import type { GeminiGenerateContentRequest } from '../../../canonical/gemini-schemas.js';
import { resolveThinkingConfig } from '../../gemini/resolve-thinking-config.js';
import { assembleGeminiRequest } from '../../shared/assemble-gemini-request.js';
import { resolveModelFamily } from '../../../signatures/model-family.js';
import type { SignatureCache } from '../../../signatures/signature-cache.js';
import { convertOpenAIChatMessages } from './convert-openai-chat-messages.js';
import { createToolNameMapping } from '../../shared/create-tool-name-mapping.js';
import { dropConflictingClaudeThinking } from '../../shared/find-claude-thinking-conflict.js';
import type { OpenAIChatRequest } from './openai-chat-request-schema.js';
import { prepareOpenAIChatGenerationConfig } from './prepare-openai-chat-generation-config.js';
import { findOutputTokenLimit } from '../../gemini/gemini-output-token-limit.js';
import { prepareOpenAIChatTools } from './prepare-openai-chat-tools.js';
import { addWebSearch } from '../../shared/add-web-search.js';
import type { ResolvedTarget } from '../../../mapping/resolve-target.js';
import { type ConversionWarning } from '../../../canonical/conversion-warning.js';

export interface ConvertOpenAIChatToGeminiContext {
  /** What the request calls and whether it searches the web, decided before conversion (mapping/resolve-target.ts). */
  target: Pick<ResolvedTarget, 'model' | 'webSearch'>;
  signatures: SignatureCache;
}

export interface ConvertedOpenAIChatRequest {
  request: GeminiGenerateContentRequest;
  warnings: ConversionWarning[];
  /** Upstream function name -> the client's tool name, for mapping the model's calls back. */
  toolNames: Map<string, string>;
}

export function convertOpenAIChatToGemini(
  request: OpenAIChatRequest,
  context: ConvertOpenAIChatToGeminiContext,
): ConvertedOpenAIChatRequest {
  // `web_search_options` is one of the tools the target was decided from (openai-chat-adapter.ts).
  const { webSearch, model: upstreamModel } = context.target;
  const family = resolveModelFamily(upstreamModel);
  const warnings: ConversionWarning[] = [];
  const toolNames = createToolNameMapping();

  // Tools first: declared names claim their sanitized form before names seen only in history.
  const tools = prepareOpenAIChatTools({
    tools: request.tools,
    toolChoice: request.tool_choice,
    parallelToolCalls: request.parallel_tool_calls,
    family,
    toolNames,
  });
  warnings.push(...tools.warnings);

  const messages = convertOpenAIChatMessages(request.messages, { family, signatures: context.signatures, toolNames });
  warnings.push(...messages.warnings);

  const thinking = dropConflictingClaudeThinking(resolveThinkingConfig(upstreamModel, request.reasoning_effort ?? undefined), {
    family,
    contents: messages.contents,
    mode: tools.toolConfig?.functionCallingConfig.mode,
  });
  warnings.push(...thinking.warnings);
  const { thinkingConfig, minOutputTokens } = thinking;

  const generation = prepareOpenAIChatGenerationConfig(request, {
    family,
    thinkingConfig,
    minOutputTokens,
    outputTokenLimit: findOutputTokenLimit(upstreamModel),
  });
  warnings.push(...generation.warnings);

  return {
    request: assembleGeminiRequest({
      contents: messages.contents,
      systemInstruction: messages.systemInstruction,
      tools: webSearch ? addWebSearch(tools.tools, warnings) : tools.tools,
      toolConfig: tools.toolConfig,
      generationConfig: generation.generationConfig,
    }),
    warnings,
    toolNames: new Map(toolNames.originalBySanitized),
  };
}
