/**
 * Responses `instructions` + `input` items (https://platform.openai.com/docs/api-reference/responses/create#responses-create-input)
 * -> the equivalent OpenAI chat messages, so the history goes through the same repair and
 * conversion as `/v1/chat/completions` (convert-openai-chat-messages.ts): items are the chat
 * messages taken apart. Consecutive assistant-side items (reasoning, assistant message, calls)
 * are one assistant turn; each `*_output` item is a tool message.
 * - Calls of `custom` tools carry `{"input": ...}` and `local_shell` calls the exec action, the
 *   arguments their upstream functions were declared with (prepare-openai-responses-tools.ts).
 * - A reasoning item's summary becomes the turn's `reasoning_content`; the signatures its
 *   `encrypted_content` carries (reasoning-encrypted-content.ts) are returned for the caller to
 *   put in front of the signature cache, when they come from the family of the target model.
 * - An output whose `call_id` matches no earlier call is the client's mistake: 400.
 * - Items of OpenAI's hosted tools (web search, ...) are dropped with a warning: nothing upstream
 *   made them, and a history begun on OpenAI should still continue here.
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import type { ModelFamily } from '../../../signatures/model-family.js';
import type { OpenAIChatContentPart, OpenAIChatMessage } from '../chat/openai-chat-request-schema.js';
import type {
  OpenAIResponsesContentPart,
  OpenAIResponsesInputItem,
  OpenAIResponsesRequest,
  OpenAIResponsesToolOutput,
} from './openai-responses-request-schema.js';
import { localShellToolName, qualifyToolName } from './prepare-openai-responses-tools.js';
import { parseReasoningEncryptedContent } from './reasoning-encrypted-content.js';
import { type ConversionWarning, conversionWarning } from '../../../canonical/conversion-warning.js';

export interface LocatedResponsesItem {
  item: OpenAIResponsesInputItem;
  /** Where the item came from, for errors and warnings: `input[3]`, or a stored response. */
  path: string;
}

/** The request's `input` as items with their paths; a string is one user message. */
export function locateOpenAIResponsesInput(input: OpenAIResponsesRequest['input']): LocatedResponsesItem[] {
  if (input == null) return [];
  if (typeof input === 'string') return [{ item: { type: 'message', role: 'user', content: input }, path: 'input' }];
  return input.map((item, index) => ({ item, path: `input[${index}]` }));
}

export interface ConvertedOpenAIResponsesInput {
  messages: OpenAIChatMessage[];
  /** Path of the item each message starts with (`messages[i]` -> `sources[i]`). */
  sources: string[];
  restoredSignatures: {
    reasoning: Array<{ text: string; signature: string }>;
    toolCalls: Array<{ id: string; signature: string }>;
  };
  warnings: ConversionWarning[];
}

type AssistantMessage = Extract<OpenAIChatMessage, { role: 'assistant' }>;
type ToolCall = NonNullable<AssistantMessage['tool_calls']>[number];

interface AssistantTurn {
  source: string;
  texts: string[];
  reasoning: string[];
  toolCalls: ToolCall[];
}

export function convertOpenAIResponsesInput(
  instructions: string | null | undefined,
  items: LocatedResponsesItem[],
  context: { family: ModelFamily },
): ConvertedOpenAIResponsesInput {
  const messages: OpenAIChatMessage[] = [];
  const sources: string[] = [];
  const warnings: ConversionWarning[] = [];
  const restoredSignatures: ConvertedOpenAIResponsesInput['restoredSignatures'] = { reasoning: [], toolCalls: [] };
  const callIds = new Set<string>();
  let turn: AssistantTurn | undefined;

  const push = (message: OpenAIChatMessage, source: string) => {
    messages.push(message);
    sources.push(source);
  };
  const openTurn = (source: string): AssistantTurn => {
    turn ??= { source, texts: [], reasoning: [], toolCalls: [] };
    return turn;
  };
  const flushTurn = () => {
    if (turn === undefined) return;
    const text = turn.texts.join('');
    push(
      {
        role: 'assistant',
        content: text === '' ? null : text,
        ...(turn.toolCalls.length > 0 ? { tool_calls: turn.toolCalls } : {}),
        ...(turn.reasoning.length > 0 ? { reasoning_content: turn.reasoning.join('') } : {}),
      },
      turn.source,
    );
    turn = undefined;
  };
  const addCall = (path: string, id: string, name: string, args: string) => {
    openTurn(path).toolCalls.push({ id, type: 'function', function: { name, arguments: args } });
    callIds.add(id);
  };
  const addOutput = (path: string, callId: string, output: OpenAIResponsesToolOutput, field: 'call_id' | 'id') => {
    if (!callIds.has(callId)) {
      throw new GatewayError(
        'invalid_request',
        `Invalid '${path}.${field}': no call with call_id '${callId}' comes before this output. Send the call item (or the previous_response_id that made it) before its output.`,
        { param: `${path}.${field}` },
      );
    }
    flushTurn();
    push({ role: 'tool', tool_call_id: callId, content: typeof output === 'string' ? output : output.map(convertContentPart) }, path);
  };

  if (instructions != null && instructions.trim() !== '') push({ role: 'system', content: instructions }, 'instructions');

  for (const { item, path } of items) {
    switch (item.type) {
      case 'message':
        if (item.role === 'assistant') {
          openTurn(path).texts.push(...assistantTexts(item.content));
        } else {
          flushTurn();
          push({ role: item.role, content: typeof item.content === 'string' ? item.content : item.content.map(convertContentPart) }, path);
        }
        break;
      case 'reasoning': {
        const text = (item.summary.length > 0 ? item.summary : (item.content ?? [])).map((part) => part.text).join('');
        if (text !== '') openTurn(path).reasoning.push(text);
        if (item.encrypted_content) restore(item.encrypted_content, text, `${path}.encrypted_content`);
        break;
      }
      case 'function_call':
        addCall(path, item.call_id, qualifyToolName(item.name, item.namespace), item.arguments);
        break;
      case 'custom_tool_call':
        addCall(path, item.call_id, qualifyToolName(item.name, item.namespace), JSON.stringify({ input: item.input }));
        break;
      case 'local_shell_call': {
        const { command, working_directory: workdir, timeout_ms: timeoutMs } = item.action;
        addCall(path, item.call_id, localShellToolName, JSON.stringify({ command, ...(workdir ? { workdir } : {}), ...(timeoutMs != null ? { timeout_ms: timeoutMs } : {}) }));
        break;
      }
      case 'function_call_output':
      case 'custom_tool_call_output':
        addOutput(path, item.call_id, item.output, 'call_id');
        break;
      case 'local_shell_call_output':
        addOutput(path, item.call_id ?? item.id, item.output, item.call_id ? 'call_id' : 'id');
        break;
      default:
        warnings.push(conversionWarning('content_dropped', `${path}: ${item.type} items (OpenAI's hosted tools) have no upstream equivalent; dropped`));
    }
  }
  flushTurn();
  return { messages, sources, restoredSignatures, warnings };

  function restore(content: string, text: string, path: string): void {
    const signatures = parseReasoningEncryptedContent(content);
    if (signatures === undefined) {
      warnings.push(conversionWarning('thinking_dropped', `${path} was not written by this gateway; ignored`));
      return;
    }
    // Signatures never cross model families (UPSTREAM-PROTOCOL.md §14).
    if (signatures.family !== context.family) return;
    if (signatures.reasoning !== undefined && text !== '') restoredSignatures.reasoning.push({ text, signature: signatures.reasoning });
    for (const [id, signature] of Object.entries(signatures.calls)) restoredSignatures.toolCalls.push({ id, signature });
  }
}

function assistantTexts(content: string | OpenAIResponsesContentPart[]): string[] {
  if (typeof content === 'string') return [content];
  return content.flatMap((part) => {
    if (part.type === 'output_text' || part.type === 'input_text') return [part.text];
    if (part.type === 'refusal') return [part.refusal];
    return [];
  });
}

/** Responses content parts -> chat content parts, which the chat converter turns into Gemini parts. */
function convertContentPart(part: OpenAIResponsesContentPart): OpenAIChatContentPart {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: part.text };
    case 'refusal':
      return { type: 'refusal', refusal: part.refusal };
    case 'input_image':
      return part.image_url ? { type: 'image_url', image_url: { url: part.image_url } } : { type: 'file', file: { file_id: part.file_id ?? null } };
    case 'input_file':
      if (part.file_data) return { type: 'file', file: { file_data: part.file_data, filename: part.filename ?? null } };
      if (part.file_url) return { type: 'image_url', image_url: { url: part.file_url } };
      return { type: 'file', file: { file_id: part.file_id ?? null, filename: part.filename ?? null } };
  }
}
