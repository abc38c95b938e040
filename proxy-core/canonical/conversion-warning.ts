/**
 * What a request converter dropped or changed to serve a request. The code says which kind of
 * change it was, so the request log, the Monitor and a script reading the admin API can tell them
 * apart and count them; the message says exactly what (the field, the value, why), in English, as
 * the debug log and the Monitor's request detail show it. Neutral ground: the converters
 * (protocols/) write them, the server records them with the request, the monitor stores them.
 */
export const conversionWarningCodes = [
  /** A web search asked for beside functions: the upstream cannot do both in one request. */
  'web_search_dropped',
  /** A tool with no upstream equivalent (a hosted or server tool) left out. */
  'tool_dropped',
  /** A request field or option with no upstream equivalent, ignored or replaced. */
  'field_ignored',
  /** Part of the conversation the upstream cannot take (a block type, a file id, empty text), left out. */
  'content_dropped',
  /** The conversation reshaped so the upstream accepts it (a missing tool result, a turn order). */
  'history_repaired',
  /** Past thinking not replayed (unsigned, signed by another model family, redacted). */
  'thinking_dropped',
  /** The thinking setting changed to one the model accepts. */
  'thinking_adjusted',
  /** A sampling setting (temperature, top_p, top_k) the model refuses while thinking, left out. */
  'sampling_dropped',
  /** The output token limit raised or lowered to one the model accepts. */
  'max_tokens_adjusted',
  /** Stop sequences beyond what the upstream takes, enforced by the gateway only. */
  'stop_sequences_local',
  /** A JSON schema (tool parameters, response format) simplified to what the upstream accepts. */
  'schema_simplified',
  /** A system prompt block the upstream refuses, dropped or replaced. */
  'system_prompt_changed',
] as const;

export type ConversionWarningCode = (typeof conversionWarningCodes)[number];

export interface ConversionWarning {
  code: ConversionWarningCode;
  message: string;
}

export function conversionWarning(code: ConversionWarningCode, message: string): ConversionWarning {
  return { code, message };
}
