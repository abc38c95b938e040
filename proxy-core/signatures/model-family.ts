/** Signatures never cross model families (UPSTREAM-PROTOCOL.md §14). */
export type ModelFamily = 'gemini' | 'claude' | 'other';

export function resolveModelFamily(upstreamModel: string): ModelFamily {
  const name = upstreamModel.toLowerCase();
  if (name.includes('claude')) return 'claude';
  if (name.includes('gemini')) return 'gemini';
  return 'other';
}

/**
 * Value Gemini accepts in place of a lost function-call signature (UPSTREAM-PROTOCOL.md §14:
 * GCC SYNTHETIC_THOUGHT_SIGNATURE). Never valid for Claude.
 */
export const skipThoughtSignature = 'skip_thought_signature_validator';
