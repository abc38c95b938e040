/**
 * Anthropic `messages` (https://docs.anthropic.com/en/api/messages#body-messages) -> Gemini
 * `contents`, repairing the history into the grammar the upstream enforces (PROTOCOLS.md
 * "History repair"):
 * - roles alternate: consecutive same-role turns are merged;
 * - each assistant turn with `tool_use` is followed by one user turn answering every call in call
 *   order, results first (create-tool-call-pairing.ts); a call the next user message does not
 *   answer gets a placeholder result. A `tool_result` that answers no call of the previous assistant
 *   message is the client's mistake (400), as Anthropic's own API says;
 * - `role: "system"` messages before the conversation join the system instruction; later ones
 *   stay where they are (so the prompt before them, and its cache, is unchanged) as user text in
 *   `<system-reminder>` tags, the harness convention Claude Code's own prompt explains.
 *
 * Thinking (UPSTREAM-PROTOCOL.md §14): Claude gets its thinking blocks back with their signature,
 * exactly as sent, or the signature the gateway remembers for that text when the client dropped
 * it; a block signed by another model family or unsigned is dropped. Gemini does not take past
 * thoughts (its function-call signatures carry what it needs), so thinking is not replayed to it.
 * `redacted_thinking` is dropped for every target: the upstream's Gemini-shaped API has no field
 * for its encrypted data (a thought part's signature must match its text). Anthropic allows
 * omitting thinking from earlier turns; for the open tool loop, the caller turns thinking off.
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import type { GeminiContent, GeminiPart } from '../../../canonical/gemini-schemas.js';
import type { ModelFamily } from '../../../signatures/model-family.js';
import type { SignatureCache } from '../../../signatures/signature-cache.js';
import { appendGeminiTurn, conversationStartText } from '../../shared/append-gemini-turn.js';
import { attachThoughtSignatures } from '../../shared/attach-thought-signatures.js';
import { convertToolResultText } from '../../shared/convert-tool-result-text.js';
import { createToolCallPairing, type ToolCall } from '../../shared/create-tool-call-pairing.js';
import type { ToolNameMapping } from '../../shared/create-tool-name-mapping.js';
import { hasText } from '../../shared/has-text.js';
import type { AnthropicContentBlock, AnthropicMessage } from './anthropic-messages-request-schema.js';
import { convertAnthropicContentBlock, isAnthropicUserBlock } from './convert-anthropic-content-block.js';
import { convertAnthropicSystemPrompt } from './convert-anthropic-system-prompt.js';
import { type ConversionWarning, conversionWarning } from '../../../canonical/conversion-warning.js';

export interface ConvertAnthropicMessagesContext {
  family: ModelFamily;
  signatures: SignatureCache;
  toolNames: ToolNameMapping;
}

export interface ConvertedAnthropicMessages {
  /** Text of the system messages that open the conversation, for the system instruction. */
  leadingSystemParts: Array<{ text: string }>;
  contents: GeminiContent[];
  warnings: ConversionWarning[];
}

type ToolResultBlock = Extract<AnthropicContentBlock, { type: 'tool_result' }>;

export function convertAnthropicMessages(messages: AnthropicMessage[], context: ConvertAnthropicMessagesContext): ConvertedAnthropicMessages {
  const { family } = context;
  const warnings: ConversionWarning[] = [];
  const leadingSystemParts: Array<{ text: string }> = [];
  const contents: GeminiContent[] = [];
  const pairing = createToolCallPairing({
    family,
    toolNames: context.toolNames,
    contents,
    onUnanswered: (call) => warnings.push(conversionWarning('history_repaired', `${call.path} (${call.id}, ${call.originalName}) has no tool_result; sent a placeholder result`)),
  });
  let conversationStarted = false;
  let droppedThinking = 0;

  function convertToolResult(block: ToolResultBlock, path: string): void {
    const call = pairing.openCall(block.tool_use_id);
    if (call === undefined) {
      throw new GatewayError(
        'invalid_request',
        `Invalid '${path}.tool_use_id': no tool_use block with id '${block.tool_use_id}' in the previous assistant message. Each tool_result must answer a tool_use of the message right before it.`,
        { param: `${path}.tool_use_id` },
      );
    }
    if (pairing.isAnswered(call)) {
      warnings.push(conversionWarning('history_repaired', `${path}: second tool_result for ${call.id}; dropped`));
      return;
    }
    const content = typeof block.content === 'string' ? [{ type: 'text' as const, text: block.content }] : (block.content ?? []);
    const texts: string[] = [];
    const media: GeminiPart[] = [];
    content.forEach((item, index) => {
      if (!isAnthropicUserBlock(item)) {
        warnings.push(conversionWarning('content_dropped', `${path}.content.${index}: ${item.type} blocks have no upstream equivalent; dropped`));
        return;
      }
      for (const part of convertAnthropicContentBlock(item, `${path}.content.${index}`, warnings)) {
        if (part.text !== undefined) texts.push(part.text);
        else media.push(part);
      }
    });
    const text = texts.join('\n');
    // Gemini reads `error` as the failure of the call (https://ai.google.dev/api/caching#FunctionResponse).
    const response = block.is_error === true ? { error: text } : convertToolResultText(text);
    pairing.answer(call, response);
    // Images a tool returned (screenshots) follow the results in the same user turn.
    pairing.appendUserParts(media);
  }

  function convertAssistantBlocks(blocks: AnthropicContentBlock[], path: string): { parts: GeminiPart[]; calls: ToolCall[] } {
    const parts: GeminiPart[] = [];
    const calls: ToolCall[] = [];
    blocks.forEach((block, index) => {
      const blockPath = `${path}.content.${index}`;
      switch (block.type) {
        case 'text':
          if (hasText(block.text)) parts.push({ text: block.text });
          return;
        case 'compaction':
          if (block.content && hasText(block.content)) parts.push({ text: block.content });
          return;
        case 'thinking': {
          if (family !== 'claude') {
            droppedThinking += 1;
            return;
          }
          const part = replayClaudeThinking(block, blockPath);
          if (part !== undefined) parts.push(part);
          return;
        }
        case 'redacted_thinking':
          warnings.push(conversionWarning('thinking_dropped', `${blockPath}: redacted_thinking cannot be carried upstream; dropped`));
          return;
        case 'tool_use': {
          const { part, call } = pairing.callPart({ id: block.id, originalName: block.name, args: block.input ?? {}, path: blockPath });
          parts.push(part);
          calls.push(call);
          return;
        }
        case 'image':
        case 'document':
        case 'search_result':
        case 'tool_result':
          throw wrongBlock(blockPath, 'an assistant', block.type);
        default:
          warnings.push(conversionWarning('content_dropped', `${blockPath}: ${block.type} blocks have no upstream equivalent; dropped`));
      }
    });
    return { parts, calls };
  }

  function replayClaudeThinking(block: Extract<AnthropicContentBlock, { type: 'thinking' }>, path: string): GeminiPart | undefined {
    const signature = block.signature || context.signatures.lookupReasoning(block.thinking, 'claude');
    if (!signature) {
      warnings.push(conversionWarning('thinking_dropped', `${path}: thinking block without a signature dropped (Claude rejects unsigned thinking)`));
      return undefined;
    }
    const issuer = context.signatures.lookupFamily(signature);
    if (issuer !== undefined && issuer !== 'claude') {
      warnings.push(conversionWarning('thinking_dropped', `${path}: thinking block signed by a ${issuer} model dropped (signatures never cross model families)`));
      return undefined;
    }
    return { thought: true, text: block.thinking, thoughtSignature: signature };
  }

  messages.forEach((message, index) => {
    const path = `messages.${index}`;
    if (message.content.length === 0) {
      throw new GatewayError('invalid_request', `Invalid '${path}.content': must not be empty.`, { param: `${path}.content` });
    }
    if (message.role === 'system') {
      const parts = convertAnthropicSystemPrompt(message.content, `${path}.content`, warnings);
      if (!conversationStarted) leadingSystemParts.push(...parts);
      else pairing.appendUserParts(parts.map((part) => ({ text: `<system-reminder>\n${part.text}\n</system-reminder>` })));
      return;
    }
    conversationStarted = true;
    const blocks: AnthropicContentBlock[] = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    if (message.role === 'assistant') {
      pairing.closeResults();
      const { parts, calls } = convertAssistantBlocks(blocks, path);
      if (parts.length === 0) warnings.push(conversionWarning('content_dropped', `${path}: nothing the upstream can take in this assistant message; dropped`));
      appendGeminiTurn(contents, 'model', parts);
      pairing.expectResults(calls);
      return;
    }
    const userParts: GeminiPart[] = [];
    blocks.forEach((block, blockIndex) => {
      const blockPath = `${path}.content.${blockIndex}`;
      switch (block.type) {
        case 'tool_result':
          convertToolResult(block, blockPath);
          return;
        case 'text':
        case 'image':
        case 'document':
        case 'search_result':
          userParts.push(...convertAnthropicContentBlock(block, blockPath, warnings));
          return;
        case 'tool_use':
        case 'thinking':
        case 'redacted_thinking':
        case 'compaction':
          throw wrongBlock(blockPath, 'a user', block.type);
        default:
          warnings.push(conversionWarning('content_dropped', `${blockPath}: ${block.type} blocks have no upstream equivalent; dropped`));
      }
    });
    pairing.appendUserParts(userParts);
    // Anthropic answers a tool turn in the very next user message: calls it left open are over.
    pairing.closeResults();
  });
  pairing.closeResults();

  if (droppedThinking > 0) warnings.push(conversionWarning('thinking_dropped', `${droppedThinking} thinking block(s) not replayed: ${family} models do not take past thoughts`));
  if (contents.length === 0) {
    if (leadingSystemParts.length === 0) {
      throw new GatewayError('invalid_request', 'The messages contain no content to send.', { param: 'messages' });
    }
    warnings.push(conversionWarning('history_repaired', 'the request has only system messages; they were sent as the user message'));
    return { leadingSystemParts: [], contents: [{ role: 'user', parts: leadingSystemParts }], warnings };
  }
  if (contents[0]?.role === 'model') {
    warnings.push(conversionWarning('history_repaired', 'the conversation starts with an assistant message; a user turn was inserted before it'));
    contents.unshift({ role: 'user', parts: [{ text: conversationStartText }] });
  }
  return {
    leadingSystemParts,
    contents: attachThoughtSignatures(contents, { callIds: pairing.callIds, family, signatures: context.signatures }),
    warnings,
  };
}

function wrongBlock(path: string, role: string, type: string): GatewayError {
  return new GatewayError('invalid_request', `Invalid '${path}.type': ${role} message cannot hold a ${type} block.`, { param: `${path}.type` });
}
