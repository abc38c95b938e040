/**
 * Claude's Messages-API rules on the conversation itself, whatever the thinking setting, answered as
 * Cloud Code relays Anthropic errors (wording from Anthropic API answers quoted in public reports):
 * the first message is the user's, and every `tool_use` is answered by a `tool_result` with its id in
 * the very next message (and no `tool_result` answers a `tool_use` that is not in the message before).
 *
 * Cloud Code turns functionCall/functionResponse `id`s into tool_use ids (ACP sets them for Claude,
 * UPSTREAM-PROTOCOL.md §4). How it names a call sent without an id is not documented, so calls and
 * responses without ids are not paired here.
 *
 * Left out on purpose (not confirmed for Cloud Code): a history with tool calls but no declared tools
 * (Anthropic's "Requests which include `tool_use` or `tool_result` blocks must define tools"; whether
 * Cloud Code declares them itself is unknown) and a call to a function the request does not declare.
 */
import type { FakeErrorReply } from '../fake-google-types.js';
import { anthropicInvalidRequest } from './anthropic-invalid-request.js';
import { callId, functionCallsOf, functionResponsesOf, type RuleContent } from './request-fields.js';

export const CLAUDE_FIRST_MESSAGE_MESSAGE = 'messages: first message must use the "user" role';
export const CLAUDE_MISSING_TOOL_RESULT_MESSAGE = (contentIndex: number, ids: string[]): string =>
  `messages.${contentIndex}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${ids.join(', ')}. ` +
  'Each `tool_use` block must have a corresponding `tool_result` block in the next message.';
export const CLAUDE_UNEXPECTED_TOOL_RESULT_MESSAGE = (contentIndex: number, partIndex: number, id: string): string =>
  `messages.${contentIndex}.content.${partIndex}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. ` +
  'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.';

export function checkClaudeConversation(contents: RuleContent[]): FakeErrorReply | undefined {
  if (contents[0]?.role !== 'user') return anthropicInvalidRequest(CLAUDE_FIRST_MESSAGE_MESSAGE);
  for (const [index, content] of contents.entries()) {
    if (content.role === 'model') {
      const callIds = functionCallsOf(content).flatMap((call) => callId(call) ?? []);
      if (callIds.length === 0) continue;
      const next = contents[index + 1];
      // A history that ends on the calls is the turn being continued; only a next message has to answer them.
      if (next === undefined) continue;
      const answered = new Set(next.role === 'user' ? functionResponsesOf(next).flatMap(({ response }) => callId(response) ?? []) : []);
      const missing = callIds.filter((id) => !answered.has(id));
      if (missing.length > 0) return anthropicInvalidRequest(CLAUDE_MISSING_TOOL_RESULT_MESSAGE(index, missing));
      continue;
    }
    const previous = contents[index - 1];
    const asked = new Set(previous?.role === 'model' ? functionCallsOf(previous).flatMap((call) => callId(call) ?? []) : []);
    for (const { response, partIndex } of functionResponsesOf(content)) {
      const id = callId(response);
      if (id !== undefined && !asked.has(id)) return anthropicInvalidRequest(CLAUDE_UNEXPECTED_TOOL_RESULT_MESSAGE(index, partIndex, id));
    }
  }
  return undefined;
}
