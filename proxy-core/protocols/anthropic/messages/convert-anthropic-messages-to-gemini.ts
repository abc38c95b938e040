/**
 * Anthropic Messages request (https://docs.anthropic.com/en/api/messages) -> the Gemini
 * `GenerateContentRequest` inside the Cloud Code envelope (UPSTREAM-PROTOCOL.md §4).
 * Pure: the signature cache is read, never written. Whatever cannot be carried over is listed in
 * `warnings` (request fields without an upstream equivalent included); whatever the client got
 * wrong is a GatewayError `invalid_request` with its `param`.
 */
import type { GeminiGenerateContentRequest } from '../../../canonical/gemini-schemas.js';
import { assembleGeminiRequest } from '../../shared/assemble-gemini-request.js';
import { resolveModelFamily } from '../../../signatures/model-family.js';
import type { SignatureCache } from '../../../signatures/signature-cache.js';
import { createToolNameMapping } from '../../shared/create-tool-name-mapping.js';
import { dropConflictingClaudeThinking } from '../../shared/find-claude-thinking-conflict.js';
import { readRequestFields, type AnthropicMessagesRequest } from './anthropic-messages-request-schema.js';
import { convertAnthropicMessages } from './convert-anthropic-messages.js';
import { convertAnthropicSystemPrompt } from './convert-anthropic-system-prompt.js';
import { prepareAnthropicGenerationConfig } from './prepare-anthropic-generation-config.js';
import { prepareAnthropicTools } from './prepare-anthropic-tools.js';
import { addWebSearch } from '../../shared/add-web-search.js';
import type { ResolvedTarget } from '../../../mapping/resolve-target.js';
import { resolveAnthropicThinking } from './resolve-anthropic-thinking.js';
import { type ConversionWarning, conversionWarning } from '../../../canonical/conversion-warning.js';

export interface ConvertAnthropicMessagesToGeminiContext {
  /** What the request calls and whether it searches the web, decided before conversion (mapping/resolve-target.ts). */
  target: Pick<ResolvedTarget, 'model' | 'webSearch'>;
  signatures: SignatureCache;
}

export interface ConvertedAnthropicMessagesRequest {
  request: GeminiGenerateContentRequest;
  warnings: ConversionWarning[];
  /** Upstream function name -> the client's tool name, for mapping the model's calls back. */
  toolNames: Map<string, string>;
}

export function convertAnthropicMessagesToGemini(
  request: AnthropicMessagesRequest,
  context: ConvertAnthropicMessagesToGeminiContext,
): ConvertedAnthropicMessagesRequest {
  // The web search server tool is one of the tools the target was decided from (read-anthropic-tool-traits.ts).
  const { webSearch, model: upstreamModel } = context.target;
  const family = resolveModelFamily(upstreamModel);
  const warnings: ConversionWarning[] = [];
  const ignored = Object.keys(request).filter((key) => !readRequestFields.has(key));
  if (ignored.length > 0) warnings.push(conversionWarning('field_ignored', `ignored (no upstream equivalent): ${ignored.join(', ')}`));
  const toolNames = createToolNameMapping();

  // Tools first: declared names claim their sanitized form before names seen only in history.
  const tools = prepareAnthropicTools({ tools: request.tools, toolChoice: request.tool_choice, family, toolNames });
  warnings.push(...tools.warnings);

  const systemParts = convertAnthropicSystemPrompt(request.system, 'system', warnings);
  const messages = convertAnthropicMessages(request.messages, { family, signatures: context.signatures, toolNames });
  warnings.push(...messages.warnings);
  systemParts.push(...messages.leadingSystemParts);

  const thinking = dropConflictingClaudeThinking(resolveAnthropicThinking(upstreamModel, request.thinking, request.output_config?.effort), {
    family,
    contents: messages.contents,
    mode: tools.toolConfig?.functionCallingConfig.mode,
  });
  warnings.push(...thinking.warnings);
  const { thinkingConfig, minOutputTokens } = thinking;

  const generation = prepareAnthropicGenerationConfig(request, { family, thinkingConfig, minOutputTokens });
  warnings.push(...generation.warnings);

  return {
    request: assembleGeminiRequest({
      contents: messages.contents,
      systemInstruction: { role: 'user', parts: systemParts },
      tools: webSearch ? addWebSearch(tools.tools, warnings) : tools.tools,
      toolConfig: tools.toolConfig,
      generationConfig: generation.generationConfig,
    }),
    warnings,
    toolNames: new Map(toolNames.originalBySanitized),
  };
}
