/**
 * An empty `text` part is refused (Vertex's answer, quoted from public captures: "Unable to submit
 * request because it has an empty text parameter. …"). Cloud Code validates parts before it hands a
 * request to any model, so the Vertex wording is used for every family. A part that carries a thought
 * signature (a signature-only part, UPSTREAM-PROTOCOL.md §14) or is a thought may have empty text.
 * Whitespace-only text is accepted by Gemini and is not checked.
 */
import { invalidArgumentError } from '../fake-google-errors.js';
import { getField } from '../fake-google-proto.js';
import type { FakeErrorReply } from '../fake-google-types.js';
import type { RulePart } from './request-fields.js';

export const EMPTY_TEXT_MESSAGE =
  'Unable to submit request because it has an empty text parameter. Add a value to the parameter and try again. ' +
  'Learn more: https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/gemini';

export function isEmptyTextPart(part: RulePart): boolean {
  if (getField(part, 'text') !== '') return false;
  const signature = getField(part, 'thought_signature');
  return getField(part, 'thought') !== true && !(typeof signature === 'string' && signature !== '');
}

export function checkEmptyText(partLists: RulePart[][]): FakeErrorReply | undefined {
  return partLists.some((parts) => parts.some(isEmptyTextPart)) ? invalidArgumentError(EMPTY_TEXT_MESSAGE) : undefined;
}
