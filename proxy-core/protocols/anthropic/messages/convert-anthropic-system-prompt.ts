/**
 * Anthropic `system` (a string or text blocks, and `role: "system"` messages) -> Gemini
 * `systemInstruction` text parts, without the two Claude Code blocks the upstream refuses with a
 * fake `429 RESOURCE_EXHAUSTED` (https://github.com/router-for-me/CLIProxyAPI/issues/5037,
 * https://github.com/Wei-Shaw/sub2api/issues/7410, https://github.com/lbjlaq/Antigravity-Manager/pull/3316):
 * - the billing attribution block (`x-anthropic-billing-header: cc_version=…`), which means nothing
 *   to the model and changes on every request (it would also defeat the upstream prompt cache);
 * - the Agent SDK identity line that `claude -p` and Agent SDK apps send, replaced by the
 *   identity interactive Claude Code sends, which the upstream accepts.
 */
import { hasText } from '../../shared/has-text.js';
import type { AnthropicTextBlock } from './anthropic-messages-request-schema.js';
import { type ConversionWarning, conversionWarning } from '../../../canonical/conversion-warning.js';

export const billingHeaderPrefix = 'x-anthropic-billing-header:';
export const agentSdkIdentity = "You are a Claude agent, built on Anthropic's Claude Agent SDK.";
export const claudeCodeIdentity = "You are Claude Code, Anthropic's official CLI for Claude.";

/** `path` names the field for warnings: `system`, `messages.3.content`. */
export function convertAnthropicSystemPrompt(
  system: string | AnthropicTextBlock[] | null | undefined,
  path: string,
  warnings: ConversionWarning[],
): Array<{ text: string }> {
  if (system === null || system === undefined) return [];
  const blocks = typeof system === 'string' ? [{ path, text: system }] : system.map((block, index) => ({ path: `${path}.${index}`, text: block.text }));
  const parts: Array<{ text: string }> = [];
  for (const block of blocks) {
    if (block.text.trimStart().startsWith(billingHeaderPrefix)) {
      warnings.push(conversionWarning('system_prompt_changed', `${block.path}: Claude Code's billing attribution block dropped (the upstream refuses it)`));
      continue;
    }
    let text = block.text;
    if (text.includes(agentSdkIdentity)) {
      warnings.push(conversionWarning('system_prompt_changed', `${block.path}: Agent SDK identity replaced by Claude Code's (the upstream refuses the former)`));
      text = text.replaceAll(agentSdkIdentity, claudeCodeIdentity);
    }
    if (hasText(text)) parts.push({ text });
  }
  return parts;
}
