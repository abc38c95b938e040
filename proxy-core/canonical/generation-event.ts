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

/** Google Search grounding, gathered over a whole answer: every query run, every page once. */
export interface GroundingSources {
  queries: readonly string[];
  pages: ReadonlyArray<{ uri: string; title: string }>;
}

export type GenerationEvent =
  /** First event of every stream: what the upstream says it is answering with. */
  | { type: 'start'; responseId: string; modelVersion: string }
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  /** Signature that closes the current reasoning block (or a signature-only part). */
  | { type: 'reasoning-signature'; signature: string }
  /** Gemini sends function calls whole, never as argument fragments. */
  | { type: 'tool-call'; id: string; name: string; arguments: Record<string, unknown>; signature?: string }
  | { type: 'inline-data'; mimeType: string; data: string }
  /**
   * What Google Search grounding ran and found, sent once after the answer's content, before the
   * finish. Rendering it is each encoder's job: Gemini native hands back `metadata` as the
   * upstream sent it; the others list `sources` as text after the answer
   * (protocols/shared/format-grounding-sources.ts).
   */
  | { type: 'grounding'; sources: GroundingSources; metadata: Readonly<Record<string, unknown>> }
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
