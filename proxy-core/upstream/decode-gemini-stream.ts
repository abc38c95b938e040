/**
 * Turns the upstream's streamed `response` objects (UPSTREAM-PROTOCOL.md §5-§6, §14) into the
 * canonical GenerationEvent stream. Only candidate 0 is read (we never ask for more).
 *
 * The finish event is held back until the upstream closes: usage is cumulative and may come in
 * a chunk after the one with `finishReason`, and the last usage seen is the true one. A stream
 * that ends empty or without a finishReason throws instead of finishing, so a retry can happen
 * and a cut-off answer never looks complete.
 */
import { GatewayError } from '../errors/gateway-error.js';
import type { GeminiGroundingMetadata, GeminiResponseChunk, GeminiUsageMetadata } from '../canonical/gemini-schemas.js';
import { emptyUsage, type FinishReason, type GenerationEvent, type TokenUsage } from '../canonical/generation-event.js';

export interface DecodeGeminiStreamOptions {
  /** Id for a function call the upstream sent without one (Gemini models omit it). */
  createToolCallId: () => string;
}

/** https://ai.google.dev/api/generate-content#FinishReason */
const contentFilterReasons = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
]);

function mapFinishReason(reason: string, sawToolCall: boolean): FinishReason {
  if (reason === 'STOP') return sawToolCall ? 'tool_calls' : 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  if (contentFilterReasons.has(reason)) return 'content_filter';
  // Claude-backed models end tool calls with OTHER (UPSTREAM-PROTOCOL.md §5).
  if (reason === 'OTHER' && sawToolCall) return 'tool_calls';
  return 'other';
}

/** `promptTokenCount` already includes cached tokens (UPSTREAM-PROTOCOL.md §5). */
function convertUsage(metadata: GeminiUsageMetadata): TokenUsage {
  const inputTokens = metadata.promptTokenCount ?? 0;
  const reasoningTokens = metadata.thoughtsTokenCount ?? 0;
  const outputTokens = (metadata.candidatesTokenCount ?? 0) + reasoningTokens;
  return {
    inputTokens,
    outputTokens,
    cachedInputTokens: metadata.cachedContentTokenCount ?? 0,
    reasoningTokens,
    totalTokens: metadata.totalTokenCount ?? inputTokens + outputTokens,
  };
}

function sameUsage(a: TokenUsage, b: TokenUsage): boolean {
  return (
    a.inputTokens === b.inputTokens &&
    a.outputTokens === b.outputTokens &&
    a.cachedInputTokens === b.cachedInputTokens &&
    a.reasoningTokens === b.reasoningTokens &&
    a.totalTokens === b.totalTokens
  );
}

export interface GeminiStreamDecoder {
  /** Decodes one upstream chunk, appending its events to `out`. */
  push(chunk: GeminiResponseChunk, out: GenerationEvent[]): void;
  /** The upstream closed: appends the finish event, or throws when the answer is empty or cut. */
  end(out: GenerationEvent[]): void;
}

/** The decoder as a synchronous state machine, so a whole network read is decoded in one loop. */
export function createGeminiStreamDecoder(options: DecodeGeminiStreamOptions): GeminiStreamDecoder {
  let started = false;
  let sawContent = false;
  let sawToolCall = false;
  let blocked = false;
  let finishReason: string | undefined;
  let usage: TokenUsage | undefined;
  // Google Search grounding, gathered over the chunks (it usually comes with the last one).
  let grounding: { queries: Set<string>; pages: Map<string, string>; last: GeminiGroundingMetadata } | undefined;
  const addGrounding = (metadata: GeminiGroundingMetadata): void => {
    grounding ??= { queries: new Set(), pages: new Map(), last: metadata };
    grounding.last = metadata;
    for (const query of metadata.webSearchQueries ?? []) grounding.queries.add(query);
    for (const chunk of metadata.groundingChunks ?? []) {
      const uri = chunk.web?.uri;
      if (uri !== undefined && uri !== '' && !grounding.pages.has(uri)) grounding.pages.set(uri, chunk.web?.title ?? '');
    }
  };

  return {
    push(chunk, out) {
      if (!started) {
        started = true;
        out.push({ type: 'start', responseId: chunk.responseId ?? '', modelVersion: chunk.modelVersion ?? '' });
      }
      const candidate = chunk.candidates?.[0];
      const parts = candidate?.content?.parts;

      if (parts !== undefined) {
        for (const part of parts) {
          if (part.functionCall !== undefined) {
            sawContent = true;
            sawToolCall = true;
            const call = part.functionCall;
            out.push({
              type: 'tool-call',
              id: call.id ?? options.createToolCallId(),
              name: call.name,
              arguments: call.args ?? {},
              // The signature is a sibling of functionCall, not inside it (§14).
              ...(part.thoughtSignature === undefined ? {} : { signature: part.thoughtSignature }),
            });
            continue;
          }
          if (part.inlineData !== undefined) {
            sawContent = true;
            out.push({ type: 'inline-data', mimeType: part.inlineData.mimeType, data: part.inlineData.data });
            continue;
          }
          const text = part.text ?? '';
          if (text !== '') {
            sawContent = true;
            out.push(part.thought === true ? { type: 'reasoning-delta', text } : { type: 'text-delta', text });
          }
          // Signatures close the thinking they follow; signature-only parts (empty text) must be kept
          // too (§14). Gemini 3 may also sign a plain text part; passing it on loses nothing.
          if (part.thoughtSignature !== undefined && part.thoughtSignature !== '') {
            out.push({ type: 'reasoning-signature', signature: part.thoughtSignature });
          }
        }
      }

      if (chunk.usageMetadata !== undefined) {
        const next = convertUsage(chunk.usageMetadata);
        if (usage === undefined || !sameUsage(usage, next)) {
          usage = next;
          out.push({ type: 'usage', usage });
        }
      }

      if (candidate?.groundingMetadata !== undefined) addGrounding(candidate.groundingMetadata);
      if (candidate?.finishReason !== undefined && candidate.finishReason !== 'FINISH_REASON_UNSPECIFIED') {
        finishReason = candidate.finishReason;
      }
      if (chunk.promptFeedback?.blockReason !== undefined && (chunk.candidates === undefined || chunk.candidates.length === 0)) {
        blocked = true;
      }
    },

    end(out) {
      const reason: FinishReason | undefined = blocked
        ? 'content_filter'
        : finishReason === undefined
          ? undefined
          : mapFinishReason(finishReason, sawToolCall);

      // With nothing to show, only a refusal or a spent token budget is a real answer: another
      // account would give the same. Anything else empty is worth a retry elsewhere.
      if (!sawContent && reason !== 'content_filter' && reason !== 'length') {
        throw new GatewayError('upstream', 'Upstream returned an empty response', {
          upstream: { status: 200, message: 'empty stream' },
        });
      }
      if (reason === undefined) {
        throw new GatewayError('upstream', 'Upstream stream ended before the answer was complete', {
          upstream: { status: 200, message: 'stream ended without a finishReason' },
        });
      }
      if (grounding !== undefined) {
        const pages = [...grounding.pages].map(([uri, title]) => ({ uri, title }));
        out.push({ type: 'grounding', sources: { queries: [...grounding.queries], pages }, metadata: grounding.last });
      }
      out.push({ type: 'finish', reason, usage: usage ?? { ...emptyUsage } });
    },
  };
}

export async function* decodeGeminiStream(
  chunks: AsyncIterable<GeminiResponseChunk>,
  options: DecodeGeminiStreamOptions,
): AsyncGenerator<GenerationEvent> {
  const decoder = createGeminiStreamDecoder(options);
  for await (const chunk of chunks) {
    const events: GenerationEvent[] = [];
    decoder.push(chunk, events);
    yield* events;
  }
  const last: GenerationEvent[] = [];
  decoder.end(last);
  yield* last;
}
