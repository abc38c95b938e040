/**
 * Anthropic `tools` / `tool_choice` (https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use)
 * -> Gemini `tools[].functionDeclarations` and `toolConfig.functionCallingConfig`
 * (https://ai.google.dev/gemini-api/docs/function-calling#function_calling_modes):
 * auto -> AUTO, any -> ANY, tool -> ANY restricted to that function, none -> NONE; no choice ->
 * VALIDATED for Claude (what Antigravity itself sends, UPSTREAM-PROTOCOL.md §4), AUTO otherwise.
 *
 * Server tools (a dated `type` such as `bash_20250124`, `code_execution_*`) run on Anthropic's
 * side; the upstream has none of them, so they are dropped with a warning. The exception is web
 * search (`web_search_20250305`, what Claude Code's WebSearch sends): the target searches
 * (read-anthropic-tool-traits.ts), and the search becomes Google Search grounding
 * (shared/add-web-search.ts).
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import type { GeminiFunctionDeclaration, GeminiToolConfig } from '../../../canonical/gemini-schemas.js';
import type { ModelFamily } from '../../../signatures/model-family.js';
import type { ToolNameMapping } from '../../shared/create-tool-name-mapping.js';
import { prepareToolParameters } from '../../shared/prepare-tool-parameters.js';
import type { AnthropicTool, AnthropicToolChoice } from './anthropic-messages-request-schema.js';
import { type ConversionWarning, conversionWarning } from '../../../canonical/conversion-warning.js';

export interface PrepareAnthropicToolsInput {
  tools: AnthropicTool[] | null | undefined;
  toolChoice: AnthropicToolChoice | null | undefined;
  family: ModelFamily;
  toolNames: ToolNameMapping;
}

export interface PreparedAnthropicTools {
  tools?: Array<{ functionDeclarations: GeminiFunctionDeclaration[] }>;
  toolConfig?: GeminiToolConfig;
  warnings: ConversionWarning[];
}

export function isWebSearchTool(tool: AnthropicTool): boolean {
  return typeof tool.type === 'string' && tool.type.startsWith('web_search');
}

export function prepareAnthropicTools(input: PrepareAnthropicToolsInput): PreparedAnthropicTools {
  const warnings: ConversionWarning[] = [];
  const toolChoice = input.toolChoice ?? undefined;
  const declared = new Set<string>();
  const serverTools = new Set<string>();
  const functionDeclarations: GeminiFunctionDeclaration[] = [];

  (input.tools ?? []).forEach((tool, index) => {
    if (tool.type != null && tool.type !== 'custom') {
      serverTools.add(tool.name);
      if (isWebSearchTool(tool)) {
        // The search itself is the target's; only its limits are read here.
        const limited = ['allowed_domains', 'blocked_domains'].filter((field) => Array.isArray(tool[field]) && (tool[field] as unknown[]).length > 0);
        if (limited.length > 0) warnings.push(conversionWarning('field_ignored', `tools.${index}.${limited.join(' and ')}: Google Search takes no domain list; the search is not limited`));
        return;
      }
      warnings.push(conversionWarning('tool_dropped', `tools.${index} (${tool.name}, ${tool.type}): Anthropic server tools have no upstream equivalent; dropped`));
      return;
    }
    if (declared.has(tool.name)) {
      throw new GatewayError('invalid_request', `Invalid 'tools.${index}.name': duplicate tool name '${tool.name}'.`, { param: `tools.${index}.name` });
    }
    declared.add(tool.name);
    const parameters = prepareToolParameters(
      { parameters: tool.input_schema ?? undefined, param: `tools.${index}.input_schema`, toolName: tool.name },
      warnings,
    );
    functionDeclarations.push({
      name: input.toolNames.toUpstream(tool.name),
      ...(tool.description ? { description: tool.description } : {}),
      parameters,
    });
  });

  if (toolChoice !== undefined && toolChoice.type !== 'none' && toolChoice.disable_parallel_tool_use === true) {
    warnings.push(conversionWarning('field_ignored', 'tool_choice.disable_parallel_tool_use has no upstream equivalent; the model may still call several tools at once'));
  }

  const forcedName = toolChoice?.type === 'tool' ? toolChoice.name : undefined;
  if (forcedName !== undefined && !declared.has(forcedName)) {
    if (!serverTools.has(forcedName)) {
      throw new GatewayError('invalid_request', `Invalid 'tool_choice.name': no tool named '${forcedName}' was given.`, { param: 'tool_choice.name' });
    }
    warnings.push(conversionWarning('field_ignored', `tool_choice names the dropped server tool ${forcedName}; the model chooses freely`));
  }

  if (functionDeclarations.length === 0) {
    if ((toolChoice?.type === 'any' || forcedName !== undefined) && serverTools.size === 0) {
      throw new GatewayError('invalid_request', `Invalid 'tool_choice': a tool must be used but no tools were given.`, { param: 'tool_choice' });
    }
    return { warnings };
  }
  return { tools: [{ functionDeclarations }], toolConfig: prepareToolConfig(toolChoice, input, declared), warnings };
}

function prepareToolConfig(toolChoice: AnthropicToolChoice | undefined, input: PrepareAnthropicToolsInput, declared: ReadonlySet<string>): GeminiToolConfig {
  switch (toolChoice?.type) {
    case undefined:
      return { functionCallingConfig: { mode: input.family === 'claude' ? 'VALIDATED' : 'AUTO' } };
    case 'auto':
      return { functionCallingConfig: { mode: 'AUTO' } };
    case 'any':
      return { functionCallingConfig: { mode: 'ANY' } };
    case 'none':
      return { functionCallingConfig: { mode: 'NONE' } };
    case 'tool':
      if (!declared.has(toolChoice.name)) return { functionCallingConfig: { mode: 'AUTO' } };
      return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [input.toolNames.toUpstream(toolChoice.name)] } };
  }
}
