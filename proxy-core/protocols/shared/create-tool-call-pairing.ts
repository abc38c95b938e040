/**
 * Tool calls and their results, paired the way the upstream demands (PROTOCOLS.md "History
 * repair"), for the converters whose clients send calls and results as separate messages (OpenAI
 * chat, and so Responses; Anthropic messages): every model turn with function calls is followed by
 * one user turn that answers each call, in call order, before any other user content (Claude wants
 * the results first); a call whose result never came gets a placeholder result. Claude pairs call
 * and result by id, Gemini by position and takes no id (UPSTREAM-PROTOCOL.md §4), so the id is sent
 * to Claude only. What counts as a result, and the warning wording, stay with each protocol.
 */
import type { GeminiContent, GeminiPart } from '../../canonical/gemini-schemas.js';
import type { ModelFamily } from '../../signatures/model-family.js';
import { appendGeminiTurn, interruptedToolResult } from './append-gemini-turn.js';
import type { ToolNameMapping } from './create-tool-name-mapping.js';

export interface ToolCall {
  /** The client's id of the call. */
  id: string;
  /** The upstream (sanitized) function name. */
  name: string;
  /** The client's tool name. */
  originalName: string;
  /** Where the call is in the request, for warnings. */
  path: string;
}

export interface ToolCallPairingOptions {
  family: ModelFamily;
  toolNames: ToolNameMapping;
  /** The turns being built; the pairing appends the user turn with the results to them. */
  contents: GeminiContent[];
  /** A call that got no result, answered with a placeholder: the protocol's warning. */
  onUnanswered: (call: ToolCall) => void;
}

export interface ToolCallPairing {
  /** A call in a model turn: its `functionCall` part, remembered for its result and the signature pass. */
  callPart(call: { id: string; originalName: string; args: Record<string, unknown>; path: string }): { part: GeminiPart; call: ToolCall };
  /** The model turn just appended made these calls: the next user turn answers them. */
  expectResults(calls: readonly ToolCall[]): void;
  /** The open call with this id, if any. */
  openCall(id: string): ToolCall | undefined;
  /** The first open call to this tool (by the client's name) that has no result yet. */
  firstUnansweredCall(originalName: string): ToolCall | undefined;
  isAnswered(call: ToolCall): boolean;
  /** The call's result (`response` as Gemini's FunctionResponse takes it). */
  answer(call: ToolCall, response: Record<string, unknown>): void;
  /** User content: after the results when a tool turn is open, else a user turn of its own. */
  appendUserParts(parts: readonly GeminiPart[]): void;
  /** The tool turn is over: its user turn, every call answered (placeholders for the rest), then the other user content. */
  closeResults(): void;
  /** Client id of each `functionCall` part, for attach-thought-signatures.ts (Gemini parts carry no id). */
  readonly callIds: Map<GeminiPart, string>;
}

interface OpenResults {
  calls: readonly ToolCall[];
  responses: Map<string, GeminiPart>;
  otherParts: GeminiPart[];
}

export function createToolCallPairing(options: ToolCallPairingOptions): ToolCallPairing {
  const { family, contents } = options;
  const claude = family === 'claude';
  const callIds = new Map<GeminiPart, string>();
  let open: OpenResults | undefined;

  const responsePart = (call: ToolCall, response: Record<string, unknown>): GeminiPart => ({
    functionResponse: { name: call.name, response, ...(claude ? { id: call.id } : {}) },
  });

  return {
    callIds,
    callPart({ id, originalName, args, path }) {
      const name = options.toolNames.toUpstream(originalName);
      const part: GeminiPart = { functionCall: { name, args, ...(claude ? { id } : {}) } };
      callIds.set(part, id);
      return { part, call: { id, name, originalName, path } };
    },
    expectResults(calls) {
      if (calls.length > 0) open = { calls, responses: new Map(), otherParts: [] };
    },
    openCall(id) {
      return open?.calls.find((call) => call.id === id);
    },
    firstUnansweredCall(originalName) {
      return open?.calls.find((call) => call.originalName === originalName && !open?.responses.has(call.id));
    },
    isAnswered(call) {
      return open?.responses.has(call.id) === true;
    },
    answer(call, response) {
      open?.responses.set(call.id, responsePart(call, response));
    },
    appendUserParts(parts) {
      if (open !== undefined) open.otherParts.push(...parts);
      else appendGeminiTurn(contents, 'user', [...parts]);
    },
    closeResults() {
      if (open === undefined) return;
      const { calls, responses, otherParts } = open;
      open = undefined;
      const results = calls.map((call) => {
        const response = responses.get(call.id);
        if (response !== undefined) return response;
        options.onUnanswered(call);
        return responsePart(call, { result: interruptedToolResult });
      });
      appendGeminiTurn(contents, 'user', [...results, ...otherParts]);
    },
  };
}
