/**
 * What a Responses request's tools say for the model choice (mapping/resolve-target.ts): the
 * hosted `web_search` tool, and tools of the client's own (function, custom, local shell,
 * namespace). Other hosted tools are dropped by the converter and count as neither.
 */
import type { ToolTraits } from '../../../mapping/resolve-target.js';
import type { OpenAIResponsesTool } from './openai-responses-request-schema.js';
import { isWebSearchTool } from './prepare-openai-responses-tools.js';

const clientToolTypes = new Set(['function', 'custom', 'local_shell', 'namespace']);

export function readOpenAIResponsesToolTraits(tools: readonly OpenAIResponsesTool[] | null | undefined): ToolTraits {
  const all = tools ?? [];
  return { searchTool: all.some(isWebSearchTool), functionTools: all.some((tool) => clientToolTypes.has(tool.type)) };
}
