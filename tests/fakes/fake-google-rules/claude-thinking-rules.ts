/**
 * What Claude refuses when extended thinking is on (Anthropic extended-thinking docs, "Feature
 * compatibility" and "Preserving thinking blocks"), answered as Cloud Code relays Anthropic errors.
 * The gateway avoids these with prepare-sampling-config.ts, resolve-thinking-config.ts and
 * find-claude-thinking-conflict.ts; the fake checks them on its own so a path that forgets one fails.
 *
 * "Thinking on" here means a positive `thinkingConfig.thinkingBudget` on a Claude model. How Cloud
 * Code treats a `*-thinking` model sent without a thinkingConfig is not documented, so such a request
 * is left alone (thinking off).
 */
import { getField } from '../fake-google-proto.js';
import type { FakeErrorReply } from '../fake-google-types.js';
import { anthropicInvalidRequest } from './anthropic-invalid-request.js';
import { functionCallsOf, functionResponsesOf, generationConfigOf, readNumber, thinkingConfigOf, type RuleContent } from './request-fields.js';

export const CLAUDE_MINIMUM_THINKING_BUDGET = 1024;

// Quoted from Anthropic's API answers as seen in public bug reports and client code.
export const CLAUDE_FORCED_TOOL_MESSAGE = 'Thinking may not be enabled when tool_choice forces tool use.';
export const CLAUDE_BUDGET_MINIMUM_MESSAGE = 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
export const CLAUDE_TEMPERATURE_MESSAGE = '`temperature` may only be set to 1 when thinking is enabled.';
// The rules for top_k and top_p are documented (top_k not allowed, top_p 0.95..1); the exact wording of these two
// answers was not found in any capture, so only their shape and subject are meant to be relied on.
export const CLAUDE_TOP_K_MESSAGE = '`top_k` is not supported when thinking is enabled.';
export const CLAUDE_TOP_P_MESSAGE = '`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled.';

export const CLAUDE_UNSIGNED_LOOP_MESSAGE = (contentIndex: number, found: string): string =>
  `messages.${contentIndex}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${found}\`. ` +
  'When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of ' +
  '`tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this ' +
  'requirement, disable `thinking`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking';

export function claudeThinkingBudget(request: Record<string, unknown>): number | undefined {
  const budget = readNumber(getField(thinkingConfigOf(request), 'thinking_budget'));
  return budget !== undefined && budget > 0 ? budget : undefined;
}

/** The Anthropic block type a part becomes, for the "found `…`" of the unsigned-loop answer. */
function blockType(part: Record<string, unknown>): string {
  if (getField(part, 'thought') === true) return 'thinking';
  if (getField(part, 'function_call') !== undefined) return 'tool_use';
  if (getField(part, 'function_response') !== undefined) return 'tool_result';
  if (getField(part, 'inline_data') !== undefined || getField(part, 'file_data') !== undefined) return 'image';
  return 'text';
}

/**
 * The last assistant turn, when the conversation ends inside its tool loop (only tool results came after it):
 * Claude then wants it to open with a signed thinking block. A later plain user turn closes the loop.
 */
function openLoopAssistantTurn(contents: RuleContent[]): number | undefined {
  for (let index = contents.length - 1; index >= 0; index--) {
    const content = contents[index]!;
    if (content.role === 'user') {
      if (functionResponsesOf(content).length === 0) return undefined;
      continue;
    }
    return functionCallsOf(content).length > 0 ? index : undefined;
  }
  return undefined;
}

function isSignedThought(part: Record<string, unknown> | undefined): boolean {
  const signature = getField(part, 'thought_signature');
  return getField(part, 'thought') === true && typeof signature === 'string' && signature !== '';
}

export function checkClaudeThinking(request: Record<string, unknown>, contents: RuleContent[]): FakeErrorReply | undefined {
  const thinkingConfig = thinkingConfigOf(request);
  const rawBudget = readNumber(getField(thinkingConfig, 'thinking_budget'));
  if (rawBudget === undefined || rawBudget <= 0) return undefined;
  if (rawBudget < CLAUDE_MINIMUM_THINKING_BUDGET) return anthropicInvalidRequest(CLAUDE_BUDGET_MINIMUM_MESSAGE);

  const mode = getField(getField(getField(request, 'tool_config'), 'function_calling_config'), 'mode');
  if (typeof mode === 'string' && mode.toUpperCase() === 'ANY') return anthropicInvalidRequest(CLAUDE_FORCED_TOOL_MESSAGE);

  const generationConfig = generationConfigOf(request);
  const temperature = readNumber(getField(generationConfig, 'temperature'));
  if (temperature !== undefined && temperature !== 1) return anthropicInvalidRequest(CLAUDE_TEMPERATURE_MESSAGE);
  if (getField(generationConfig, 'top_k') !== undefined) return anthropicInvalidRequest(CLAUDE_TOP_K_MESSAGE);
  const topP = readNumber(getField(generationConfig, 'top_p'));
  if (topP !== undefined && (topP < 0.95 || topP > 1)) return anthropicInvalidRequest(CLAUDE_TOP_P_MESSAGE);

  const loopTurn = openLoopAssistantTurn(contents);
  if (loopTurn !== undefined) {
    const first = contents[loopTurn]!.parts[0];
    if (!isSignedThought(first)) {
      return anthropicInvalidRequest(CLAUDE_UNSIGNED_LOOP_MESSAGE(loopTurn, first ? blockType(first) : 'text'));
    }
  }
  return undefined;
}
