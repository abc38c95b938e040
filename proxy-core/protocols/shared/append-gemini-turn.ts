/**
 * History repair shared by the client protocols (PROTOCOLS.md "History repair"): Gemini contents
 * must alternate roles, so a turn with the same role as the previous one is merged into it.
 */
import type { GeminiContent, GeminiPart } from '../../canonical/gemini-schemas.js';

/** Result sent for a call the client never answered (the user interrupted the tool loop). */
export const interruptedToolResult = '(no result: the tool call was interrupted)';
/** Opening user turn when the client's history starts with the assistant (a greeting). */
export const conversationStartText = '(conversation start)';

/** Appends a turn, merging it into the previous one when the role repeats. */
export function appendGeminiTurn(contents: GeminiContent[], role: GeminiContent['role'], parts: GeminiPart[]): void {
  if (parts.length === 0) return;
  const last = contents.at(-1);
  if (last === undefined || last.role !== role) {
    contents.push({ role, parts });
    return;
  }
  // Claude wants thinking first in an assistant turn, so merged thoughts move to the front.
  const merged = [...last.parts, ...parts];
  last.parts = [...merged.filter((part) => part.thought === true), ...merged.filter((part) => part.thought !== true)];
}
