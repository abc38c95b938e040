/**
 * The `maxOutputTokens` to send: the client's limit, raised to the floor the thinking budget
 * needs (resolve-thinking-config.ts `minOutputTokens`: the upstream rejects a limit at or below
 * the budget, and a limit just above it leaves no room for the answer), and lowered to the most
 * the model answers with (gemini-output-token-limit.ts: the upstream rejects a larger one).
 * `field` names the client's setting in the warning.
 */
import { type ConversionWarning, conversionWarning } from '../../canonical/conversion-warning.js';

export function prepareMaxOutputTokens(
  requested: number | undefined,
  minOutputTokens: number | undefined,
  field: string,
  warnings: ConversionWarning[],
  outputTokenLimit?: number,
): number | undefined {
  if (outputTokenLimit !== undefined && requested !== undefined && requested > outputTokenLimit) {
    warnings.push(conversionWarning('max_tokens_adjusted', `${field} ${requested} lowered to ${outputTokenLimit}, the most this model answers with`));
    return outputTokenLimit;
  }
  if (minOutputTokens === undefined || (requested !== undefined && requested >= minOutputTokens)) return requested;
  if (requested !== undefined) warnings.push(conversionWarning('max_tokens_adjusted', `${field} ${requested} raised to ${minOutputTokens} to leave room for an answer after the thinking budget`));
  return minOutputTokens;
}
