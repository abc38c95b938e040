/**
 * OpenAI chat `messages` (https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages)
 * -> Gemini `systemInstruction` + `contents` (https://ai.google.dev/api/generate-content#request-body),
 * repairing the history into the grammar the upstream enforces (PROTOCOLS.md "History repair"):
 * - system and developer messages, wherever they appear, go to `systemInstruction`;
 * - roles alternate: consecutive same-role turns are merged;
 * - every model turn with function calls is followed by one user turn answering each call, in
 *   call order, before any other user content (create-tool-call-pairing.ts); a call whose result
 *   never came gets a placeholder result, a result without its call is dropped;
 * - the history starts with a user turn.
 * Thought signatures are attached afterwards (attach-thought-signatures.ts).
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import type { GeminiContent, GeminiPart } from '../../../canonical/gemini-schemas.js';
import type { ModelFamily } from '../../../signatures/model-family.js';
import type { SignatureCache } from '../../../signatures/signature-cache.js';
import { appendGeminiTurn, conversationStartText } from '../../shared/append-gemini-turn.js';
import { attachThoughtSignatures } from '../../shared/attach-thought-signatures.js';
import { convertToolResultText } from '../../shared/convert-tool-result-text.js';
import { createToolCallPairing, type ToolCall, type ToolCallPairing } from '../../shared/create-tool-call-pairing.js';
import type { ToolNameMapping } from '../../shared/create-tool-name-mapping.js';
import { hasText } from '../../shared/has-text.js';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { convertOpenAIChatContent } from './convert-openai-chat-content.js';
import type { OpenAIChatMessage } from './openai-chat-request-schema.js';
import { type ConversionWarning, conversionWarning } from '../../../canonical/conversion-warning.js';

export interface ConvertOpenAIChatMessagesContext {
  family: ModelFamily;
  signatures: SignatureCache;
  toolNames: ToolNameMapping;
}

export interface ConvertedOpenAIChatMessages {
  systemInstruction?: { role: 'user'; parts: Array<{ text: string }> };
  contents: GeminiContent[];
  warnings: ConversionWarning[];
}

type AssistantMessage = Extract<OpenAIChatMessage, { role: 'assistant' }>;

export function convertOpenAIChatMessages(
  messages: OpenAIChatMessage[],
  context: ConvertOpenAIChatMessagesContext,
): ConvertedOpenAIChatMessages {
  const { family } = context;
  const warnings: ConversionWarning[] = [];
  const systemParts: Array<{ text: string }> = [];
  const contents: GeminiContent[] = [];
  const pairing = createToolCallPairing({
    family,
    toolNames: context.toolNames,
    contents,
    onUnanswered: (call) => warnings.push(conversionWarning('history_repaired', `${call.path} (${call.id}, ${call.originalName}) has no result; sent a placeholder result`)),
  });

  /** Records the result of an open call; false (and a warning) for a second result. */
  function answer(call: ToolCall, text: string, path: string): boolean {
    if (pairing.isAnswered(call)) {
      warnings.push(conversionWarning('history_repaired', `${path}: second result for tool call ${call.id}; dropped`));
      return false;
    }
    pairing.answer(call, convertToolResultText(text));
    return true;
  }

  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer': {
        const converted = convertOpenAIChatContent(message.content, { path: `${path}.content`, family });
        warnings.push(...converted.warnings);
        for (const part of converted.parts) {
          if (part.text !== undefined) systemParts.push({ text: part.text });
          else warnings.push(conversionWarning('content_dropped', `${path}.content: only text is kept in system instructions; a media part was dropped`));
        }
        return;
      }
      case 'user': {
        const converted = convertOpenAIChatContent(message.content, { path: `${path}.content`, family });
        warnings.push(...converted.warnings);
        if (converted.parts.length === 0) warnings.push(conversionWarning('content_dropped', `${path}: empty user message dropped`));
        pairing.appendUserParts(converted.parts);
        return;
      }
      case 'assistant': {
        pairing.closeResults();
        const converted = convertAssistantMessage(message, index, context, pairing);
        warnings.push(...converted.warnings);
        appendGeminiTurn(contents, 'model', converted.parts);
        pairing.expectResults(converted.calls);
        return;
      }
      case 'tool': {
        const call = pairing.openCall(message.tool_call_id);
        if (call === undefined) {
          warnings.push(conversionWarning('history_repaired', `${path}: result for tool call ${message.tool_call_id} does not follow that call; dropped`));
          return;
        }
        const converted = convertOpenAIChatContent(message.content, { path: `${path}.content`, family });
        warnings.push(...converted.warnings);
        const texts = converted.parts.flatMap((part) => (part.text !== undefined ? [part.text] : []));
        if (answer(call, texts.join('\n'), path)) {
          // Images a tool returned (screenshots) follow the results in the same user turn.
          pairing.appendUserParts(converted.parts.filter((part) => part.text === undefined));
        }
        return;
      }
      case 'function': {
        // Legacy results carry the function name, not an id: answer the first open call of that name.
        const call = pairing.firstUnansweredCall(message.name);
        if (call === undefined) {
          warnings.push(conversionWarning('history_repaired', `${path}: result for function ${message.name} does not follow a call to it; dropped`));
          return;
        }
        answer(call, message.content ?? '', path);
        return;
      }
    }
  });
  pairing.closeResults();

  if (contents.length === 0) {
    if (systemParts.length === 0) {
      throw new GatewayError('invalid_request', 'The messages contain no content to send.', { param: 'messages' });
    }
    // OpenAI answers a request made only of system messages; so does Gemini once they are the prompt.
    warnings.push(conversionWarning('history_repaired', 'the request has only system messages; they were sent as the user message'));
    return { contents: [{ role: 'user', parts: systemParts }], warnings };
  }
  if (contents[0]?.role === 'model') {
    warnings.push(conversionWarning('history_repaired', 'the conversation starts with an assistant message; a user turn was inserted before it'));
    contents.unshift({ role: 'user', parts: [{ text: conversationStartText }] });
  }

  return {
    ...(systemParts.length > 0 ? { systemInstruction: { role: 'user' as const, parts: systemParts } } : {}),
    contents: attachThoughtSignatures(contents, { callIds: pairing.callIds, family, signatures: context.signatures }),
    warnings,
  };
}

function convertAssistantMessage(
  message: AssistantMessage,
  index: number,
  context: ConvertOpenAIChatMessagesContext,
  pairing: ToolCallPairing,
): { parts: GeminiPart[]; calls: ToolCall[]; warnings: ConversionWarning[] } {
  const { family } = context;
  const path = `messages[${index}]`;
  const warnings: ConversionWarning[] = [];
  const converted = convertOpenAIChatContent(message.content, { path: `${path}.content`, family });
  warnings.push(...converted.warnings);
  const contentParts = converted.parts;
  if (message.refusal && hasText(message.refusal) && contentParts.length === 0) contentParts.push({ text: message.refusal });

  const calls: ToolCall[] = [];
  const callParts: GeminiPart[] = [];
  const toolCalls = (message.tool_calls ?? []).map((toolCall, callIndex) => ({
    ...toolCall,
    path: `${path}.tool_calls[${callIndex}]`,
    argumentsPath: `${path}.tool_calls[${callIndex}].function.arguments`,
  }));
  if (message.function_call) {
    // The legacy call has no id; Claude pairs call and result by id, so it gets a stable one.
    toolCalls.push({
      id: `function_call_${index}`,
      type: 'function',
      function: message.function_call,
      path: `${path}.function_call`,
      argumentsPath: `${path}.function_call.arguments`,
    });
  }
  toolCalls.forEach((toolCall) => {
    const args = parseArguments(toolCall.function.arguments);
    if (args.warning) warnings.push(conversionWarning('content_dropped', `${toolCall.argumentsPath} ${args.warning}; sent {}`));
    const { part, call } = pairing.callPart({ id: toolCall.id, originalName: toolCall.function.name, args: args.value, path: toolCall.path });
    callParts.push(part);
    calls.push(call);
  });

  // An answer with neither text nor calls is nothing the upstream can take.
  if (contentParts.length === 0 && callParts.length === 0) return { parts: [], calls, warnings };

  const thought = replayReasoning(message.reasoning_content, path, context, warnings);
  return { parts: [...(thought ? [thought] : []), ...contentParts, ...callParts], calls, warnings };
}

/**
 * Past reasoning goes back only where the upstream needs and accepts it: Claude wants its signed
 * thinking blocks back exactly (an unsigned or re-signed one is rejected, UPSTREAM §14); Gemini
 * does not use past thoughts, its function-call signatures carry what it needs.
 */
function replayReasoning(
  reasoning: string | null | undefined,
  path: string,
  context: ConvertOpenAIChatMessagesContext,
  warnings: ConversionWarning[],
): GeminiPart | undefined {
  if (context.family !== 'claude' || !reasoning || !hasText(reasoning)) return undefined;
  const signature = context.signatures.lookupReasoning(reasoning, 'claude') ?? context.signatures.lookupReasoning(reasoning.trim(), 'claude');
  if (signature === undefined) {
    warnings.push(conversionWarning('thinking_dropped', `${path}.reasoning_content has no known signature; dropped (Claude rejects unsigned thinking)`));
    return undefined;
  }
  return { thought: true, text: reasoning, thoughtSignature: signature };
}

function parseArguments(text: string): { value: Record<string, unknown>; warning?: string } {
  if (text.trim() === '') return { value: {} };
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value) ? { value } : { value: {}, warning: 'is not a JSON object' };
  } catch {
    return { value: {}, warning: 'is not valid JSON' };
  }
}
