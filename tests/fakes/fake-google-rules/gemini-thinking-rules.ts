/**
 * Thinking settings Gemini models refuse (https://ai.google.dev/gemini-api/docs/thinking), with the
 * answers quoted from public captures of the API:
 * - Gemini 3 Pro takes only the `low` and `high` thinking levels ("Thinking level MINIMAL is not supported
 *   for this model."); Gemini 3 Flash takes all four. (Gemini 3.1 Pro added `medium`; it is not checked here.)
 * - Gemini 2.5 Pro cannot turn thinking off: a thinkingBudget of 0 is "Budget 0 is invalid. This model only
 *   works in thinking mode." (2.5 Flash can.)
 * Left out: the exact budget ranges of 2.5 models and sending thinkingLevel and thinkingBudget together, whose
 * answers were not found in any capture.
 */
import { invalidArgumentError } from '../fake-google-errors.js';
import { getField } from '../fake-google-proto.js';
import type { FakeErrorReply } from '../fake-google-types.js';
import { readNumber, thinkingConfigOf } from './request-fields.js';

export const THINKING_LEVEL_MESSAGE = (level: string): string => `Thinking level ${level} is not supported for this model.`;
export const BUDGET_ZERO_MESSAGE = 'Budget 0 is invalid. This model only works in thinking mode.';

/** gemini-3-pro-high / -low / -preview (not 3.1, not the image model). */
function isGemini3Pro(model: string): boolean {
  return /^gemini-3-pro(-|$)/.test(model) && !model.includes('image');
}

function isGemini25Pro(model: string): boolean {
  return /^gemini-2\.5-pro(-|$)/.test(model);
}

export function checkGeminiThinking(model: string, request: Record<string, unknown>): FakeErrorReply | undefined {
  const thinkingConfig = thinkingConfigOf(request);
  if (thinkingConfig === undefined) return undefined;
  const level = getField(thinkingConfig, 'thinking_level');
  if (typeof level === 'string' && isGemini3Pro(model)) {
    const upper = level.toUpperCase();
    if (upper === 'MINIMAL' || upper === 'MEDIUM') return invalidArgumentError(THINKING_LEVEL_MESSAGE(upper));
  }
  if (isGemini25Pro(model) && readNumber(getField(thinkingConfig, 'thinking_budget')) === 0) {
    return invalidArgumentError(BUDGET_ZERO_MESSAGE);
  }
  return undefined;
}
