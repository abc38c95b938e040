/**
 * Why Claude would reject this request with thinking on, if it would (Anthropic extended thinking
 * docs, https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking): the open tool
 * loop has no signed thinking to replay, or tool use is forced. The caller turns thinking off
 * for such a request instead of sending one the upstream refuses.
 */
import type { GeminiContent, GeminiToolConfig } from '../../canonical/gemini-schemas.js';
import type { ResolvedThinkingConfig } from '../gemini/resolve-thinking-config.js';
import type { ModelFamily } from '../../signatures/model-family.js';
import { hasUnsignedToolLoop } from './has-unsigned-tool-loop.js';
import { conversionWarning } from '../../canonical/conversion-warning.js';

type FunctionCallingMode = GeminiToolConfig['functionCallingConfig']['mode'];

export function findClaudeThinkingConflict(
  contents: readonly GeminiContent[],
  mode: FunctionCallingMode | undefined,
): string | undefined {
  if (hasUnsignedToolLoop(contents)) {
    return 'the assistant turn of the open tool loop has no signed thinking to replay (Claude requires it)';
  }
  if (mode === 'ANY') return 'Claude does not allow forced tool use while thinking';
  return undefined;
}

/** The resolved thinking, turned off with a warning when the request would make Claude refuse it. */
export function dropConflictingClaudeThinking(
  resolved: ResolvedThinkingConfig,
  context: { family: ModelFamily; contents: readonly GeminiContent[]; mode: FunctionCallingMode | undefined },
): ResolvedThinkingConfig {
  if (context.family !== 'claude' || resolved.thinkingConfig?.thinkingBudget === undefined) return resolved;
  const reason = findClaudeThinkingConflict(context.contents, context.mode);
  if (reason === undefined) return resolved;
  return { warnings: [...resolved.warnings, conversionWarning('thinking_adjusted', `thinking turned off for this request: ${reason}`)] };
}
