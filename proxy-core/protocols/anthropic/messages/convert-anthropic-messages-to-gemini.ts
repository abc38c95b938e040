/**
 * Anthropic Messages request (https://docs.anthropic.com/en/api/messages) -> the Gemini
 * `GenerateContentRequest` inside the Cloud Code envelope (UPSTREAM-PROTOCOL.md §4), through the
 * shared builder (shared/build-gemini-request.ts): the tools, the system prompt and messages,
 * `thinking` and `output_config.effort`, then the sampling and output fields. The web search
 * server tool is one of the tools the target was decided from (read-anthropic-tool-traits.ts).
 * Whatever cannot be carried over is listed in `warnings` (request fields without an upstream
 * equivalent included); whatever the client got wrong is a GatewayError `invalid_request` with its
 * `param`.
 */
import { conversionWarning, type ConversionWarning } from '../../../canonical/conversion-warning.js';
import type { GeminiGenerateContentRequest } from '../../../canonical/gemini-schemas.js';
import { buildGeminiRequest, type ConvertToGeminiContext } from '../../shared/build-gemini-request.js';
import { readRequestFields, type AnthropicMessagesRequest } from './anthropic-messages-request-schema.js';
import { convertAnthropicMessages } from './convert-anthropic-messages.js';
import { convertAnthropicSystemPrompt } from './convert-anthropic-system-prompt.js';
import { prepareAnthropicGenerationConfig } from './prepare-anthropic-generation-config.js';
import { prepareAnthropicTools } from './prepare-anthropic-tools.js';
import { resolveAnthropicThinking } from './resolve-anthropic-thinking.js';

export interface ConvertedAnthropicMessagesRequest {
  request: GeminiGenerateContentRequest;
  warnings: ConversionWarning[];
  /** Upstream function name -> the client's tool name, for mapping the model's calls back. */
  toolNames: Map<string, string>;
}

export function convertAnthropicMessagesToGemini(request: AnthropicMessagesRequest, context: ConvertToGeminiContext): ConvertedAnthropicMessagesRequest {
  const ignored = Object.keys(request).filter((key) => !readRequestFields.has(key));
  const built = buildGeminiRequest(context, {
    requestWarnings: ignored.length > 0 ? [conversionWarning('field_ignored', `ignored (no upstream equivalent): ${ignored.join(', ')}`)] : [],
    prepareTools: ({ family, toolNames }) => prepareAnthropicTools({ tools: request.tools, toolChoice: request.tool_choice, family, toolNames }),
    convertHistory: ({ family, signatures, toolNames }) => {
      const warnings: ConversionWarning[] = [];
      const systemParts = convertAnthropicSystemPrompt(request.system, 'system', warnings);
      const messages = convertAnthropicMessages(request.messages, { family, signatures, toolNames });
      // System messages that open the conversation join the system prompt.
      return {
        contents: messages.contents,
        systemInstruction: { role: 'user', parts: [...systemParts, ...messages.leadingSystemParts] },
        warnings: [...warnings, ...messages.warnings],
      };
    },
    resolveThinking: (model) => resolveAnthropicThinking(model, request.thinking, request.output_config?.effort),
    // Anthropic's max_tokens is kept as sent: the model's output limit is not applied to it.
    prepareGenerationConfig: ({ family, thinkingConfig, minOutputTokens }) => prepareAnthropicGenerationConfig(request, { family, thinkingConfig, minOutputTokens }),
  });
  return { request: built.request, warnings: built.warnings, toolNames: new Map(built.toolNames.originalBySanitized) };
}
