/**
 * OpenAI Chat Completions request (https://platform.openai.com/docs/api-reference/chat/create)
 * -> the Gemini `GenerateContentRequest` inside the Cloud Code envelope (UPSTREAM-PROTOCOL.md §4),
 * through the shared builder (shared/build-gemini-request.ts): the tools, the messages,
 * `reasoning_effort`, then the sampling and output fields. `web_search_options` is one of the
 * tools the target was decided from (read-openai-chat-tool-traits.ts). Whatever cannot be carried
 * over is listed in `warnings`; whatever the client got wrong is a GatewayError `invalid_request`
 * with its `param`.
 */
import type { ConversionWarning } from '../../../canonical/conversion-warning.js';
import type { GeminiGenerateContentRequest } from '../../../canonical/gemini-schemas.js';
import { resolveThinkingConfig } from '../../gemini/resolve-thinking-config.js';
import { buildGeminiRequest, type ConvertToGeminiContext } from '../../shared/build-gemini-request.js';
import { convertOpenAIChatMessages } from './convert-openai-chat-messages.js';
import type { OpenAIChatRequest } from './openai-chat-request-schema.js';
import { prepareOpenAIChatGenerationConfig } from './prepare-openai-chat-generation-config.js';
import { prepareOpenAIChatTools } from './prepare-openai-chat-tools.js';

export interface ConvertedOpenAIChatRequest {
  request: GeminiGenerateContentRequest;
  warnings: ConversionWarning[];
  /** Upstream function name -> the client's tool name, for mapping the model's calls back. */
  toolNames: Map<string, string>;
}

export function convertOpenAIChatToGemini(request: OpenAIChatRequest, context: ConvertToGeminiContext): ConvertedOpenAIChatRequest {
  const built = buildGeminiRequest(context, {
    prepareTools: ({ family, toolNames }) =>
      prepareOpenAIChatTools({ tools: request.tools, toolChoice: request.tool_choice, parallelToolCalls: request.parallel_tool_calls, family, toolNames }),
    convertHistory: ({ family, signatures, toolNames }) => convertOpenAIChatMessages(request.messages, { family, signatures, toolNames }),
    resolveThinking: (model) => resolveThinkingConfig(model, request.reasoning_effort ?? undefined),
    prepareGenerationConfig: (settings) => prepareOpenAIChatGenerationConfig(request, settings),
  });
  return { request: built.request, warnings: built.warnings, toolNames: new Map(built.toolNames.originalBySanitized) };
}
