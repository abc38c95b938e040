/**
 * What a Chat Completions request's tools say for the model choice (mapping/resolve-target.ts):
 * `web_search_options` asks for web search, and every Chat tool is a function of the client's.
 */
import type { ToolTraits } from '../../../mapping/resolve-target.js';
import type { OpenAIChatRequest } from './openai-chat-request-schema.js';

export function readOpenAIChatToolTraits(request: Pick<OpenAIChatRequest, 'web_search_options' | 'tools'>): ToolTraits {
  return { searchTool: request.web_search_options != null, functionTools: (request.tools ?? []).length > 0 };
}
