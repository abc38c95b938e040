/**
 * Upstream model ids seen in the sources of UPSTREAM-PROTOCOL.md §13. The catalogue is per account
 * and changes; the accounts' `fetchAvailableModels` ids are added to this at run time, so this list
 * is only what `/v1/models` shows and what defaults never rewrite before any account was queried.
 */
export const knownUpstreamModels: readonly string[] = [
  'gemini-3-flash',
  'gemini-3-pro-high',
  'gemini-3-pro-low',
  'gemini-3.1-pro-high',
  'gemini-3.1-pro-low',
  'gemini-2.5-flash',
  'gemini-2.5-flash-lite',
  'gemini-2.5-pro',
  'gemini-3-pro-image',
  'claude-sonnet-4-5',
  'claude-sonnet-4-5-thinking',
  'claude-sonnet-4-6',
  'claude-opus-4-5-thinking',
  'claude-opus-4-6-thinking',
  'gpt-oss-120b-medium',
];
