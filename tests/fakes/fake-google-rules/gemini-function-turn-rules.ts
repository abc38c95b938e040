/**
 * Gemini's pairing of function calls and responses: the user turn right after a model turn with N
 * functionCall parts must carry N functionResponse parts (answer quoted from public captures:
 * "Please ensure that the number of function response parts is equal to the number of function call
 * parts of the function call turn."). A history ending on the call turn is the turn being continued.
 *
 * Left out: whether Gemini refuses a call to a function the request does not declare (no capture shows
 * such an answer), and the wording of its turn-order answers.
 */
import { invalidArgumentError } from '../fake-google-errors.js';
import type { FakeErrorReply } from '../fake-google-types.js';
import { functionCallsOf, functionResponsesOf, type RuleContent } from './request-fields.js';

export const FUNCTION_RESPONSE_COUNT_MESSAGE =
  'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.';

export function checkGeminiFunctionTurns(contents: RuleContent[]): FakeErrorReply | undefined {
  for (const [index, content] of contents.entries()) {
    if (content.role !== 'model') continue;
    const calls = functionCallsOf(content).length;
    const next = contents[index + 1];
    if (calls === 0 || next === undefined || next.role !== 'user') continue;
    if (functionResponsesOf(next).length !== calls) return invalidArgumentError(FUNCTION_RESPONSE_COUNT_MESSAGE);
  }
  return undefined;
}
