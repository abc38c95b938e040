/**
 * The canonical event stream between the one Gemini decoder and the client encoders
 * (OpenAI chat, OpenAI responses, Anthropic messages, Gemini native). Non-streaming answers
 * are the same events collected. A failure mid-stream is not an event: the async iterator
 * throws a GatewayError and each encoder renders its protocol's in-stream error.
 */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'other';

export interface TokenUsage {
  /** Prompt tokens, cached ones included (upstream `promptTokenCount`). */
  inputTokens: number;
  /** Generated tokens, reasoning included. */
  outputTokens: number;
  /** Share of `inputTokens` served from cache (upstream `cachedContentTokenCount`). */
  cachedInputTokens: number;
  /** Share of `outputTokens` spent thinking (upstream `thoughtsTokenCount`). */
  reasoningTokens: number;
  totalTokens: number;
}

export type GenerationEvent =
  /** First event of every stream: what the upstream says it is answering with. */
  | { type: 'start'; responseId: string; modelVersion: string }
  /**
   * `grounding`: this text is the list of sources a Google Search found, written from the
   * upstream's `groundingMetadata` (held here as it came); a protocol with a place for the
   * metadata itself (Gemini native) sends that instead of the text.
   */
  | { type: 'text-delta'; text: string; grounding?: Readonly<Record<string, unknown>> }
  | { type: 'reasoning-delta'; text: string }
  /** Signature that closes the current reasoning block (or a signature-only part). */
  | { type: 'reasoning-signature'; signature: string }
  /** Gemini sends function calls whole, never as argument fragments. */
  | { type: 'tool-call'; id: string; name: string; arguments: Record<string, unknown>; signature?: string }
  | { type: 'inline-data'; mimeType: string; data: string }
  /** Cumulative usage so far (the last one wins). */
  | { type: 'usage'; usage: TokenUsage }
  | { type: 'finish'; reason: FinishReason; usage: TokenUsage };

export const emptyUsage: TokenUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  reasoningTokens: 0,
  totalTokens: 0,
};
