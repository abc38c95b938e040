/**
 * Whether the history ends inside a tool loop whose model turn does not open with a signed
 * thought. Claude with thinking on rejects such a request ("a final assistant message must start
 * with a thinking block", https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks),
 * so the caller turns thinking off for it. Earlier, finished loops (a plain user message came
 * after them) do not matter: Claude ignores thinking from past turns.
 */
import type { GeminiContent } from '../../canonical/gemini-schemas.js';

export function hasUnsignedToolLoop(contents: readonly GeminiContent[]): boolean {
  for (let index = contents.length - 1; index >= 0; index -= 1) {
    const content = contents[index];
    if (content === undefined) continue;
    if (content.role === 'user') {
      // A user turn without tool results starts a new exchange: no loop is open.
      if (!content.parts.some((part) => part.functionResponse !== undefined)) return false;
      continue;
    }
    if (!content.parts.some((part) => part.functionCall !== undefined)) continue;
    const first = content.parts[0];
    return !(first?.thought === true && first.thoughtSignature !== undefined && first.thoughtSignature !== '');
  }
  return false;
}
