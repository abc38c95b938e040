/**
 * OpenAI `tools` / `tool_choice` (https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools)
 * -> Gemini `tools[].functionDeclarations` and `toolConfig.functionCallingConfig`
 * (https://ai.google.dev/gemini-api/docs/function-calling#function_calling_modes).
 * A named tool_choice becomes ANY restricted to that one function (the reference app drops the
 * name and lets the model call anything).
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import type { GeminiFunctionDeclaration, GeminiToolConfig } from '../../../canonical/gemini-schemas.js';
import type { ModelFamily } from '../../../signatures/model-family.js';
import type { ToolNameMapping } from '../../shared/create-tool-name-mapping.js';
import { prepareToolParameters } from '../../shared/prepare-tool-parameters.js';
import type { OpenAIChatTool, OpenAIChatToolChoice } from './openai-chat-request-schema.js';
import { type ConversionWarning, conversionWarning } from '../../../canonical/conversion-warning.js';

export interface PrepareOpenAIChatToolsInput {
  tools: OpenAIChatTool[] | null | undefined;
  toolChoice: OpenAIChatToolChoice | null | undefined;
  parallelToolCalls: boolean | null | undefined;
  family: ModelFamily;
  toolNames: ToolNameMapping;
}

export interface PreparedOpenAIChatTools {
  tools?: Array<{ functionDeclarations: GeminiFunctionDeclaration[] }>;
  toolConfig?: GeminiToolConfig;
  warnings: ConversionWarning[];
}

export function prepareOpenAIChatTools(input: PrepareOpenAIChatToolsInput): PreparedOpenAIChatTools {
  const warnings: ConversionWarning[] = [];
  const tools = input.tools ?? [];
  const toolChoice = input.toolChoice ?? undefined;

  if (tools.length === 0) {
    if (toolChoice === 'required' || typeof toolChoice === 'object') {
      throw new GatewayError('invalid_request', `Invalid 'tool_choice': a tool must be required but no tools were given.`, {
        param: 'tool_choice',
      });
    }
    return { warnings };
  }

  const seen = new Set<string>();
  const functionDeclarations = tools.map((tool, index): GeminiFunctionDeclaration => {
    const { name, description } = tool.function;
    if (seen.has(name)) {
      throw new GatewayError('invalid_request', `Invalid 'tools[${index}].function.name': duplicate tool name '${name}'.`, {
        param: `tools[${index}].function.name`,
      });
    }
    seen.add(name);
    const parameters = prepareToolParameters(
      { parameters: tool.function.parameters ?? undefined, param: `tools[${index}].function.parameters`, toolName: name },
      warnings,
    );
    return {
      name: input.toolNames.toUpstream(name),
      ...(description ? { description } : {}),
      parameters,
    };
  });

  if (input.parallelToolCalls === false) {
    warnings.push(conversionWarning('field_ignored', 'parallel_tool_calls=false has no upstream equivalent; the model may still call several tools at once'));
  }

  return { tools: [{ functionDeclarations }], toolConfig: prepareToolConfig(toolChoice, input, seen), warnings };
}

function prepareToolConfig(
  toolChoice: OpenAIChatToolChoice | undefined,
  input: PrepareOpenAIChatToolsInput,
  declaredNames: ReadonlySet<string>,
): GeminiToolConfig {
  switch (toolChoice) {
    // VALIDATED is what Antigravity itself sends for Claude (UPSTREAM-PROTOCOL.md §4).
    case undefined:
      return { functionCallingConfig: { mode: input.family === 'claude' ? 'VALIDATED' : 'AUTO' } };
    case 'none':
      return { functionCallingConfig: { mode: 'NONE' } };
    case 'auto':
      return { functionCallingConfig: { mode: 'AUTO' } };
    case 'required':
      return { functionCallingConfig: { mode: 'ANY' } };
    default: {
      const name = toolChoice.function.name;
      if (!declaredNames.has(name)) {
        throw new GatewayError('invalid_request', `Invalid 'tool_choice.function.name': no tool named '${name}' was given.`, {
          param: 'tool_choice.function.name',
        });
      }
      return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [input.toolNames.toUpstream(name)] } };
    }
  }
}
