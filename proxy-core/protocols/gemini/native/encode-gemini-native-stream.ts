/**
 * Canonical generation events -> Gemini `GenerateContentResponse` chunks
 * (https://ai.google.dev/api/generate-content#generatecontentresponse), one per event that
 * carries content, then one with the `finishReason`. Parts as the Gemini API streams them:
 * `text`; `thought` text (only when the client asked for thoughts); `functionCall` with its
 * `thoughtSignature` and the call id (which the client sends back with the result);
 * `inlineData`. A signature that closed text or thinking comes as a signature-only part with
 * empty text, as the upstream itself sends them (UPSTREAM-PROTOCOL.md §14). `usageMetadata` is
 * on every chunk once known; Google Search's `groundingMetadata` on the last, as the upstream
 * sent it (not the sources text other protocols get). A failure propagates, and a stream that
 * ends without a finish throws: the framing turns both into Google's error object.
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import type { FinishReason, GenerationEvent, TokenUsage } from '../../../canonical/generation-event.js';
import type { GeminiPart } from '../../../canonical/gemini-schemas.js';
import type { GeminiNativeResponse, GeminiNativeUsageMetadata } from './gemini-native-response-types.js';

export interface EncodeGeminiNativeOptions {
  /** Whether thought parts reach the client (`thinkingConfig.includeThoughts`). */
  includeThoughts: boolean;
  /** Used when the upstream names no model version: the upstream model id. */
  modelVersion: string;
  /** Used when the upstream gives no response id. */
  responseId: string;
}

/** https://ai.google.dev/api/generate-content#FinishReason; Gemini ends function calls with STOP. */
const finishReasonByReason: Record<FinishReason, string> = {
  stop: 'STOP',
  tool_calls: 'STOP',
  length: 'MAX_TOKENS',
  content_filter: 'SAFETY',
  other: 'OTHER',
};

export async function* encodeGeminiNativeStream(
  events: AsyncIterable<GenerationEvent>,
  options: EncodeGeminiNativeOptions,
): AsyncGenerator<GeminiNativeResponse> {
  let modelVersion = options.modelVersion;
  let responseId = options.responseId;
  let usage: GeminiNativeUsageMetadata | undefined;
  let groundingMetadata: Readonly<Record<string, unknown>> | undefined;
  /** What the last part sent was, so a signature lands on the same kind of part. */
  let last: 'text' | 'thought' | 'hidden-thought' | 'other' = 'other';

  const chunk = (candidate: GeminiNativeResponse['candidates'][number]): GeminiNativeResponse => ({
    candidates: [candidate],
    ...(usage === undefined ? {} : { usageMetadata: usage }),
    modelVersion,
    responseId,
  });
  const parts = (...content: GeminiPart[]) => chunk({ content: { role: 'model', parts: content }, index: 0 });

  for await (const event of events) {
    switch (event.type) {
      case 'start':
        if (event.modelVersion !== '') modelVersion = event.modelVersion;
        if (event.responseId !== '') responseId = event.responseId;
        break;
      case 'text-delta':
        if (event.text === '') break;
        last = 'text';
        yield parts({ text: event.text });
        break;
      case 'reasoning-delta':
        if (event.text === '') break;
        last = options.includeThoughts ? 'thought' : 'hidden-thought';
        if (options.includeThoughts) yield parts({ text: event.text, thought: true });
        break;
      case 'reasoning-signature':
        if (last === 'thought') yield parts({ text: '', thought: true, thoughtSignature: event.signature });
        else if (last === 'text') yield parts({ text: '', thoughtSignature: event.signature });
        break;
      case 'tool-call':
        last = 'other';
        yield parts({
          functionCall: { name: event.name, args: event.arguments, id: event.id },
          ...(event.signature === undefined ? {} : { thoughtSignature: event.signature }),
        });
        break;
      case 'inline-data':
        last = 'other';
        yield parts({ inlineData: { mimeType: event.mimeType, data: event.data } });
        break;
      case 'grounding':
        // Sent on the last chunk, where the upstream put it.
        groundingMetadata = event.metadata;
        break;
      case 'usage':
        usage = convertGeminiNativeUsage(event.usage);
        break;
      case 'finish':
        usage = convertGeminiNativeUsage(event.usage);
        yield chunk({ finishReason: finishReasonByReason[event.reason], ...(groundingMetadata === undefined ? {} : { groundingMetadata }), index: 0 });
        return;
    }
  }
  throw new GatewayError('upstream', 'The upstream stream ended before the answer was complete.');
}

/** Canonical usage counts reasoning inside the output; Gemini reports it beside it. */
function convertGeminiNativeUsage(usage: TokenUsage): GeminiNativeUsageMetadata {
  return {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: usage.outputTokens - usage.reasoningTokens,
    totalTokenCount: usage.inputTokens + usage.outputTokens,
    ...(usage.reasoningTokens > 0 ? { thoughtsTokenCount: usage.reasoningTokens } : {}),
    ...(usage.cachedInputTokens > 0 ? { cachedContentTokenCount: usage.cachedInputTokens } : {}),
  };
}
