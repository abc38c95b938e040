/**
 * The `maxOutputTokens` to send: the client's limit, raised to the floor the thinking budget
 * needs (resolve-thinking-config.ts `minOutputTokens`: the upstream rejects a limit at or below
 * the budget, and a limit just above it leaves no room for the answer). `field` names the
 * client's setting in the warning.
 */
export function prepareMaxOutputTokens(
  requested: number | undefined,
  minOutputTokens: number | undefined,
  field: string,
  warnings: string[],
): number | undefined {
  if (minOutputTokens === undefined || (requested !== undefined && requested >= minOutputTokens)) return requested;
  if (requested !== undefined) warnings.push(`${field} ${requested} raised to ${minOutputTokens} to leave room for an answer after the thinking budget`);
  return minOutputTokens;
}
