/**
 * What an Anthropic request's tools say for the model choice (mapping/resolve-target.ts): the web
 * search server tool (Claude Code's WebSearch), and tools of the client's own (no `type`, or
 * `custom`). Other server tools are dropped by the converter and count as neither.
 */
import type { ToolTraits } from '../../../mapping/resolve-target.js';
import type { AnthropicTool } from './anthropic-messages-request-schema.js';
import { isWebSearchTool } from './prepare-anthropic-tools.js';

export function readAnthropicToolTraits(tools: readonly AnthropicTool[] | null | undefined): ToolTraits {
  const all = tools ?? [];
  return { searchTool: all.some(isWebSearchTool), functionTools: all.some((tool) => tool.type == null || tool.type === 'custom') };
}
