/**
 * Responses `tools` / `tool_choice` (https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools)
 * -> Gemini function declarations and `toolConfig`
 * (https://ai.google.dev/gemini-api/docs/function-calling#function_calling_modes).
 * Every tool the model can call becomes a function, and `targets` says what each upstream
 * function name is for the client, so the encoder can hand the call back in the right item:
 * - `function`: as is;
 * - `custom` (Codex's freeform `apply_patch`): a function with one string argument `input`; the
 *   tool's grammar goes into the description, since Gemini has no grammar-constrained decoding;
 * - `local_shell`: a function `local_shell` with the exec action's fields;
 * - `namespace`: its functions, named `<namespace>__<name>` upstream;
 * - web search: the target searches (read-openai-responses-tool-traits.ts), and the search becomes
 *   Google Search grounding when no function is declared (shared/add-web-search.ts; Codex
 *   declares web search next to its functions, so there it is dropped);
 * - OpenAI's other hosted tools (file search, code interpreter, ...): dropped with a warning;
 *   nothing upstream runs them.
 * `allowed_tools` narrows the declarations to the allowed functions, which is what it means.
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import type { GeminiFunctionDeclaration, GeminiSchema, GeminiToolConfig } from '../../../canonical/gemini-schemas.js';
import type { ModelFamily } from '../../../signatures/model-family.js';
import type { ToolNameMapping } from '../../shared/create-tool-name-mapping.js';
import { prepareToolParameters } from '../../shared/prepare-tool-parameters.js';
import type { OpenAIResponsesTool, OpenAIResponsesToolChoice } from './openai-responses-request-schema.js';
import { type ConversionWarning, conversionWarning } from '../../../canonical/conversion-warning.js';

export type OpenAIResponsesToolTarget =
  | { kind: 'function'; name: string; namespace?: string }
  | { kind: 'custom'; name: string; namespace?: string }
  | { kind: 'local_shell' };

export interface PreparedOpenAIResponsesTools {
  tools?: Array<{ functionDeclarations: GeminiFunctionDeclaration[] }>;
  toolConfig?: GeminiToolConfig;
  /** Upstream function name -> the client's tool. */
  targets: Map<string, OpenAIResponsesToolTarget>;
  warnings: ConversionWarning[];
}

export const localShellToolName = 'local_shell';

export function isWebSearchTool(tool: OpenAIResponsesTool): boolean {
  return tool.type.startsWith('web_search');
}

function hasDomainFilter(tool: OpenAIResponsesTool): boolean {
  const filters = (tool as { filters?: { allowed_domains?: unknown } }).filters;
  return Array.isArray(filters?.allowed_domains) && filters.allowed_domains.length > 0;
}

/** The client-side name of a namespaced function; also how history calls name it. */
export function qualifyToolName(name: string, namespace: string | null | undefined): string {
  return namespace ? `${namespace}__${name}` : name;
}

const localShellParameters: GeminiSchema = {
  type: 'object',
  properties: {
    command: { type: 'array', items: { type: 'string' }, description: 'The command and its arguments, e.g. ["bash", "-lc", "ls"].' },
    workdir: { type: 'string', description: 'Working directory to run the command in.' },
    timeout_ms: { type: 'integer', description: 'Time limit for the command in milliseconds.' },
  },
  required: ['command'],
};

interface Declared {
  declaration: GeminiFunctionDeclaration;
  target: OpenAIResponsesToolTarget;
  /** The name `tool_choice` and `allowed_tools` use. */
  choiceName: string;
  choiceType: 'function' | 'custom' | 'local_shell';
}

export function prepareOpenAIResponsesTools(input: {
  tools: OpenAIResponsesTool[] | null | undefined;
  toolChoice: OpenAIResponsesToolChoice | null | undefined;
  parallelToolCalls: boolean | null | undefined;
  family: ModelFamily;
  toolNames: ToolNameMapping;
}): PreparedOpenAIResponsesTools {
  const warnings: ConversionWarning[] = [];
  const declared: Declared[] = [];
  const seen = new Set<string>();
  let webSearch = false;

  const declare = (entry: Omit<Declared, 'declaration'> & { clientName: string; description?: string | null; parameters: GeminiSchema }, param: string) => {
    if (seen.has(entry.clientName)) {
      throw new GatewayError('invalid_request', `Invalid '${param}': duplicate tool name '${entry.clientName}'.`, { param });
    }
    seen.add(entry.clientName);
    const declaration: GeminiFunctionDeclaration = {
      name: input.toolNames.toUpstream(entry.clientName),
      ...(entry.description ? { description: entry.description } : {}),
      parameters: entry.parameters,
    };
    declared.push({ declaration, target: entry.target, choiceName: entry.choiceName, choiceType: entry.choiceType });
  };

  const declareFunctionOrCustom = (
    tool: Extract<OpenAIResponsesTool, { type: 'function' | 'custom' }>,
    path: string,
    namespace: string | undefined,
  ) => {
    const clientName = qualifyToolName(tool.name, namespace);
    const common = { clientName, choiceName: tool.name, ...(namespace ? { namespace } : {}) };
    if (tool.type === 'function') {
      const parameters = prepareToolParameters({ parameters: tool.parameters ?? undefined, param: `${path}.parameters`, toolName: clientName }, warnings);
      declare({ ...common, description: tool.description, parameters, choiceType: 'function', target: { kind: 'function', name: tool.name, ...(namespace ? { namespace } : {}) } }, `${path}.name`);
      return;
    }
    declare(
      {
        ...common,
        description: describeCustomTool(tool),
        parameters: { type: 'object', properties: { input: { type: 'string', description: 'The raw input of the tool, in the format its description gives.' } }, required: ['input'] },
        choiceType: 'custom',
        target: { kind: 'custom', name: tool.name, ...(namespace ? { namespace } : {}) },
      },
      `${path}.name`,
    );
  };

  (input.tools ?? []).forEach((tool, index) => {
    const path = `tools[${index}]`;
    switch (tool.type) {
      case 'function':
      case 'custom':
        declareFunctionOrCustom(tool, path, undefined);
        return;
      case 'local_shell':
        declare(
          {
            clientName: localShellToolName,
            description: 'Run a command on the local machine and return its output.',
            parameters: localShellParameters,
            choiceName: localShellToolName,
            choiceType: 'local_shell',
            target: { kind: 'local_shell' },
          },
          `${path}.type`,
        );
        return;
      case 'namespace':
        tool.tools.forEach((inner, innerIndex) => declareFunctionOrCustom(inner, `${path}.tools[${innerIndex}]`, tool.name));
        return;
      default:
        if (!isWebSearchTool(tool)) {
          warnings.push(conversionWarning('tool_dropped', `${path}: the hosted tool "${tool.type}" has no upstream equivalent; dropped`));
          return;
        }
        webSearch = true;
        if (hasDomainFilter(tool)) warnings.push(conversionWarning('field_ignored', `${path}.filters.allowed_domains: Google Search takes no domain list; the search is not limited`));
    }
  });

  if (input.parallelToolCalls === false && declared.length > 0) {
    warnings.push(conversionWarning('field_ignored', 'parallel_tool_calls=false has no upstream equivalent; the model may still call several tools at once'));
  }
  // Forcing the search when it is the only tool: the grounded search is what runs anyway.
  const forcesSearch = typeof input.toolChoice === 'object' && input.toolChoice !== null && String(input.toolChoice.type).startsWith('web_search');
  const toolChoice = webSearch && declared.length === 0 && forcesSearch ? undefined : input.toolChoice;
  return resolveChoice(declared, { ...input, toolChoice }, warnings);
}

function describeCustomTool(tool: Extract<OpenAIResponsesTool, { type: 'custom' }>): string {
  const description = tool.description ?? '';
  if (tool.format?.type !== 'grammar') return description;
  const syntax = tool.format.syntax ?? 'lark';
  return `${description}\n\nPass the raw input as the \`input\` argument (not JSON); it must match this ${syntax} grammar:\n${tool.format.definition}`.trim();
}

function resolveChoice(
  all: Declared[],
  input: { toolChoice: OpenAIResponsesToolChoice | null | undefined; family: ModelFamily; toolNames: ToolNameMapping },
  warnings: ConversionWarning[],
): PreparedOpenAIResponsesTools {
  const choice = input.toolChoice ?? undefined;
  const noTools = (): never => {
    throw new GatewayError('invalid_request', `Invalid 'tool_choice': a tool must be required but no tools were given.`, { param: 'tool_choice' });
  };
  const build = (declared: Declared[], toolConfig: GeminiToolConfig): PreparedOpenAIResponsesTools => ({
    tools: [{ functionDeclarations: declared.map((entry) => entry.declaration) }],
    toolConfig,
    targets: new Map(declared.map((entry) => [entry.declaration.name, entry.target])),
    warnings,
  });

  if (all.length === 0) {
    if (choice !== undefined && choice !== 'none' && choice !== 'auto') noTools();
    return { targets: new Map(), warnings };
  }
  if (choice === undefined) {
    // VALIDATED is what Antigravity itself sends for Claude (UPSTREAM-PROTOCOL.md §4).
    return build(all, { functionCallingConfig: { mode: input.family === 'claude' ? 'VALIDATED' : 'AUTO' } });
  }
  if (choice === 'none') return build(all, { functionCallingConfig: { mode: 'NONE' } });
  if (choice === 'auto') return build(all, { functionCallingConfig: { mode: 'AUTO' } });
  if (choice === 'required') return build(all, { functionCallingConfig: { mode: 'ANY' } });

  if (choice.type === 'function' || choice.type === 'custom') {
    const name = 'name' in choice && typeof choice.name === 'string' ? choice.name : '';
    const match = all.find((entry) => entry.choiceType === choice.type && entry.choiceName === name && !('namespace' in entry.target && entry.target.namespace));
    if (match === undefined) {
      throw new GatewayError('invalid_request', `Invalid 'tool_choice.name': no ${choice.type} tool named '${name}' was given.`, { param: 'tool_choice.name' });
    }
    return build(all, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [match.declaration.name] } });
  }
  if (choice.type === 'allowed_tools' && 'tools' in choice && Array.isArray(choice.tools)) {
    const allowed = all.filter((entry) =>
      (choice.tools as Array<{ type: string; name?: string | null }>).some(
        (tool) => tool.type === entry.choiceType && (tool.type === 'local_shell' || tool.name === entry.choiceName),
      ),
    );
    if (allowed.length === 0) {
      throw new GatewayError('invalid_request', `Invalid 'tool_choice.tools': none of the allowed tools was given in 'tools'.`, { param: 'tool_choice.tools' });
    }
    const mode = 'mode' in choice && choice.mode === 'required' ? 'ANY' : input.family === 'claude' ? 'VALIDATED' : 'AUTO';
    return build(allowed, { functionCallingConfig: { mode } });
  }
  throw new GatewayError('invalid_request', `Invalid 'tool_choice.type': "${choice.type}" cannot be forced; only function and custom tools are supported.`, {
    param: 'tool_choice.type',
  });
}
