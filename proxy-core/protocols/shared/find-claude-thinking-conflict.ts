/**
 * Why Claude would reject this request with thinking on, if it would (Anthropic extended thinking
 * docs, https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking): the open tool
 * loop has no signed thinking to replay, or tool use is forced. The caller turns thinking off
 * for such a request instead of sending one the upstream refuses.
 */
import type { GeminiContent, GeminiToolConfig } from '../gemini/gemini-schemas.js';
import { hasUnsignedToolLoop } from './has-unsigned-tool-loop.js';

export function findClaudeThinkingConflict(
  contents: readonly GeminiContent[],
  mode: GeminiToolConfig['functionCallingConfig']['mode'] | undefined,
): string | undefined {
  if (hasUnsignedToolLoop(contents)) {
    return 'the assistant turn of the open tool loop has no signed thinking to replay (Claude requires it)';
  }
  if (mode === 'ANY') return 'Claude does not allow forced tool use while thinking';
  return undefined;
}
